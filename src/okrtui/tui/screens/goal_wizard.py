"""The guided writer: a vague goal becomes a SMART key result, one key question per step.

The screen only asks and shows. What the answers become (a key result, a
standalone SMART goal, or a rewrite of an existing key result) is built by
the `build` function it is given, so the preview on the last step is exactly
what will be saved.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import ClassVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, ContentSwitcher, Input, Select, Static

from okrtui.i18n import N_, _
from okrtui.model import Calendar, KeyResult, Objective, SmartCriterion, WorkspaceSettings
from okrtui.services.goal_rewrite import AnswerConflict, PlacementError, WizardResult, WizardSetup
from okrtui.services.goal_writer import GoalDraft, apply_answer, draft_sentence, missing_answers
from okrtui.services.smart import evaluate_key_result
from okrtui.tui.screens.choice import ChoiceScreen
from okrtui.tui.screens.dialogs import ConfirmScreen
from okrtui.tui.widgets.form_row import FormRow
from okrtui.tui.widgets.wizard_steps import (
    QUESTIONS,
    STEP_ORDER,
    StepForms,
    coach_problem,
    coach_verdicts,
    sentence_box,
    steps_bar,
)

GoalBuilder = Callable[[WizardResult], tuple[Objective, KeyResult]]
ConflictFinder = Callable[[GoalDraft], list[AnswerConflict]]


class GoalWizardScreen(ModalScreen[WizardResult | None]):
    """Five steps, one per SMART letter, with the goal's sentence shown live."""

    DEFAULT_CSS = """
    GoalWizardScreen { align: center middle; background: $background 60%; }
    #wizard-dialog {
        width: 78; max-width: 100%; height: 22; max-height: 100%;
        border: thick $primary; border-title-color: $primary; border-title-style: bold;
        background: $surface; padding: 0 1;
    }
    #wizard-steps { height: 1; }
    #wizard-question { color: $text-muted; text-style: italic; margin-bottom: 1; }
    #wizard-body { height: 1fr; scrollbar-size-vertical: 1; }
    #wizard-switcher, .wizard-step { height: auto; }
    #wizard-dialog Input, #wizard-dialog Select { width: 1fr; }
    #wizard-dialog Input:focus { background: $boost; }
    #wizard-retitle { margin-top: 1; }
    #wizard-coach { height: auto; margin-top: 1; }
    #wizard-sentence { height: auto; max-height: 4; border-top: solid $panel-lighten-2; }
    #wizard-buttons { height: 1; }
    #wizard-buttons Button { width: auto; min-width: 8; margin-right: 1; }
    #wizard-buttons .wizard-spacer { width: 1fr; }
    #wizard-dialog .hint { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: the letters typed right after tab go into the next field (tui/focus_keys.py)
        Binding("tab", "next_field", N_("Next"), show=False, priority=True, id="wizard.next_field"),
        Binding(
            "shift+tab",
            "previous_field",
            N_("Back"),
            show=False,
            priority=True,
            id="wizard.previous_field",
        ),
        Binding("pagedown", "next_step", N_("Next step"), show=False, id="wizard.next_step"),
        Binding("pageup", "previous_step", N_("Previous step"), show=False, id="wizard.prev_step"),
        Binding("ctrl+enter", "finish", N_("Finish"), id="wizard.finish"),
        Binding("escape", "cancel", N_("Cancel"), id="wizard.cancel"),
    ]

    def __init__(
        self,
        setup: WizardSetup,
        *,
        settings: WorkspaceSettings,
        today: dt.date,
        build: GoalBuilder,
        conflicts: ConflictFinder,
    ) -> None:
        super().__init__()
        self.setup = setup
        self.settings = settings
        self.today = today
        self.build = build
        self.find_conflicts = conflicts
        self.initial = dataclasses.replace(setup.draft)
        self.draft = dataclasses.replace(setup.draft)
        self.standalone = setup.standalone
        self.step = 0
        self.errors: dict[str, str] = {}
        self.forms = StepForms(setup, settings.calendar)
        self.initial_text = self.forms.initial_text
        self._later_steps_claimed = False
        self._later_steps = asyncio.Event()

    @property
    def language(self) -> str:
        return self.settings.locale.value

    @property
    def calendar(self) -> Calendar:
        return self.settings.calendar

    @property
    def criterion(self) -> SmartCriterion:
        return STEP_ORDER[self.step]

    def compose(self) -> ComposeResult:
        dialog = Vertical(id="wizard-dialog")
        dialog.border_title = (
            _("SMART coach: rewrite a key result")
            if self.setup.rewrite is not None
            else _("SMART coach: write a key result")
        )
        with dialog:
            yield Static(id="wizard-steps")
            yield Static(id="wizard-question")
            with VerticalScroll(id="wizard-body"), ContentSwitcher(id="wizard-switcher"):
                for index, criterion in enumerate(STEP_ORDER):
                    # later steps are mounted once the first shows: the dialog opens twice as fast
                    fields = self.forms.widgets(criterion) if index == 0 else []
                    yield Vertical(*fields, id=f"step-{criterion.value}", classes="wizard-step")
            yield Static(id="wizard-sentence")
            with Horizontal(id="wizard-buttons"):
                yield Button(_("Back"), id="wizard-back", compact=True)
                yield Button(_("Next"), id="wizard-next", compact=True)
                yield Static(classes="wizard-spacer")
                yield Button(_("Finish"), id="wizard-finish", variant="primary", compact=True)
                yield Button(_("Cancel"), id="wizard-cancel", compact=True)
            yield Static(
                _("enter/tab next · shift+tab back · ctrl+enter finish · esc cancel"),
                classes="hint",
            )

    async def on_mount(self) -> None:
        await self._go(0)
        self.call_after_refresh(self._mount_later_steps)

    async def _mount_later_steps(self) -> None:
        """Mount steps 2 to 5 once; whoever needs them first does it, the others wait."""
        if self._later_steps_claimed:
            await self._later_steps.wait()
            return
        self._later_steps_claimed = True
        for criterion in STEP_ORDER[1:]:
            step = self.query_one(f"#step-{criterion.value}")
            await step.mount_all(self.forms.widgets(criterion))
        self._later_steps.set()

    async def steps_ready(self) -> None:
        """Wait until every step is mounted (scripts and tests that type faster than people)."""
        await self._mount_later_steps()

    # ------------------------------------------------------------------ moving
    def _fields(self) -> list[Widget]:
        step = self.query_one(f"#step-{self.criterion.value}")
        return [w for w in step.query("Input, Select, Checkbox") if w.focusable]

    def _position(self) -> int | None:
        focused = self.focused
        if focused is None:
            return None
        for index, widget in enumerate(self._fields()):
            if focused is widget or widget in focused.ancestors:
                return index
        return None

    async def _go(self, step: int, *, focus_last: bool = False) -> None:
        if step > 0:
            await self._mount_later_steps()
        self.step = step
        self.query_one(ContentSwitcher).current = f"step-{self.criterion.value}"
        self.query_one("#wizard-back", Button).disabled = step == 0
        self.query_one("#wizard-next", Button).display = step < len(STEP_ORDER) - 1
        self.query_one("#wizard-question", Static).update(_(self.criterion.question))
        self.query_one("#wizard-body", VerticalScroll).scroll_home(animate=False)
        self._refresh_live()
        fields = self._fields()
        if fields:
            # at once, so keys typed right after the step change land in the new field
            self.set_focus(fields[-1 if focus_last else 0])

    async def action_next_field(self) -> None:
        fields, index = self._fields(), self._position()
        if index is None:
            self.focus_next()
        elif index + 1 < len(fields):
            self.set_focus(fields[index + 1])
        elif self.step + 1 < len(STEP_ORDER):
            await self._go(self.step + 1)
        else:
            self.set_focus(self.query_one("#wizard-finish", Button))

    async def action_previous_field(self) -> None:
        fields, index = self._fields(), self._position()
        if index is None:
            self.focus_previous()
        elif index > 0:
            self.set_focus(fields[index - 1])
        elif self.step > 0:
            await self._go(self.step - 1, focus_last=True)

    async def action_next_step(self) -> None:
        if self.step + 1 < len(STEP_ORDER):
            await self._go(self.step + 1)

    async def action_previous_step(self) -> None:
        if self.step > 0:
            await self._go(self.step - 1)

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = (event.input.id or "").removeprefix("wizard-")
        if name in self.errors:
            # an answer that cannot be read is not passed on: say why, stay in the field
            self.notify(self.errors[name], severity="warning")
            self.set_focus(event.input)
            return
        await self.action_next_field()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        match event.button.id:
            case "wizard-back":
                await self.action_previous_step()
            case "wizard-next":
                await self.action_next_step()
            case "wizard-finish":
                await self.action_finish()
            case "wizard-cancel":
                self.action_cancel()

    # ------------------------------------------------------------------ answers
    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._answer((event.input.id or "").removeprefix("wizard-"), event.value)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = "" if event.value is Select.NULL else str(event.value)
        self._answer((event.select.id or "").removeprefix("wizard-"), value)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._refresh_live()

    def _answer(self, name: str, text: str) -> None:
        if name not in self.initial_text:
            return
        row = self.query_one(f"#wrow-{name}", FormRow)
        try:
            self._apply(name, text)
        except ValueError as exc:
            self.errors[name] = str(exc)
            row.set_error(str(exc))
        else:
            self.errors.pop(name, None)
            row.set_error(None)
        self._refresh_live()

    def _apply(self, name: str, text: str) -> None:
        """Put one typed answer into the draft; ValueError when it cannot be read."""
        draft = self.draft
        if name == "save_as":
            self.standalone = text == "goal"
            return
        attribute = "parent" if name == "serves" else name
        if text == self.initial_text[name]:
            # untouched: keep the exact starting value, so nothing counts as changed
            setattr(draft, attribute, getattr(self.initial, attribute))
            return
        apply_answer(draft, attribute, text, self.calendar.value)

    def _field_text(self, name: str) -> str:
        found = self.query(f"#wizard-{name}")
        if not found:
            return self.initial_text[name]  # its step is not mounted yet
        widget = found.first()
        if isinstance(widget, Select):
            return "" if widget.value is Select.NULL else str(widget.value)
        return widget.value if isinstance(widget, Input) else ""

    def typed_anything(self) -> bool:
        """True when any answer differs from what the wizard started with."""
        changed = any(self._field_text(name) != text for name, text in self.initial_text.items())
        retitle = self.query("#wizard-retitle")
        return changed or bool(retitle and not retitle.first(Checkbox).value)

    def result(self, *, replace_answers: bool = False) -> WizardResult:
        retitle = self.query("#wizard-retitle")
        return WizardResult(
            draft=dataclasses.replace(self.draft),
            standalone=self.standalone,
            retitle=retitle.first(Checkbox).value if retitle else True,
            replace_answers=replace_answers,
        )

    # ------------------------------------------------------------------ showing
    def sentence(self) -> str:
        """The goal as one sentence, as it reads in the workspace's language."""
        if not (self.draft.what.strip() or self.draft.idea.strip()):
            return ""
        return draft_sentence(self.draft, self.language, self.calendar.value)

    def _refresh_live(self) -> None:
        missing = set(missing_answers(self.draft))
        self.query_one("#wizard-steps", Static).update(steps_bar(self.step, missing))
        width = max(20, (self.query_one("#wizard-sentence").size.width or 74) - 1)
        self.query_one("#wizard-sentence", Static).update(sentence_box(self.sentence(), width))
        if self.criterion is SmartCriterion.TIME_BOUND:
            self.query_one("#wizard-coach", Static).update(self._coach_content(missing))

    def _coach_content(self, missing: set[SmartCriterion]) -> Content:
        try:
            objective, kr = self.build(self.result())
        except (ValueError, ValidationError) as exc:
            return coach_problem(_error_text(exc))
        verdicts = evaluate_key_result(kr, objective, self.settings, self.today)
        return coach_verdicts(verdicts, missing)

    # ------------------------------------------------------------------ finishing
    async def _show_problem(self, name: str, message: str) -> None:
        step = next(
            i for i, c in enumerate(STEP_ORDER) if any(q.name == name for q in QUESTIONS[c])
        )
        await self._go(step)
        self.errors[name] = message
        self.query_one(f"#wrow-{name}", FormRow).set_error(message)
        self.set_focus(self.query_one(f"#wizard-{name}"))

    async def action_finish(self) -> None:
        if self.errors:
            name = next(q.name for c in STEP_ORDER for q in QUESTIONS[c] if q.name in self.errors)
            await self._show_problem(name, self.errors[name])
            self.notify(_("Fix the answer marked in red first."), severity="warning")
            return
        if not (self.draft.what.strip() or self.draft.idea.strip()):
            await self._show_problem("what", _("Say what will change: it starts the goal's title"))
            return
        try:
            self.build(self.result())
        except PlacementError as exc:
            await self._show_problem("serves", str(exc))
            return
        except (ValueError, ValidationError) as exc:
            self.notify(_error_text(exc), title=_("Not saved"), severity="error")
            return
        conflicts = self.find_conflicts(self.draft)
        if not conflicts:
            self.dismiss(self.result())
            return
        lines = [_("These SMART answers are yours and differ from the new ones:")]
        for conflict in conflicts:
            label = _(conflict.criterion.label)
            lines.append(f"{label}: “{conflict.old}” → “{conflict.new}”")
        lines.append(_("Replace them?"))

        def chosen(answer: str | None) -> None:
            if answer in ("replace", "keep"):
                self.dismiss(self.result(replace_answers=answer == "replace"))

        choices = [
            ("keep", _("Keep mine"), "k"),
            ("replace", _("Replace them"), "r"),
            ("back", _("Back"), "b"),
        ]
        self.app.push_screen(ChoiceScreen("\n".join(lines), choices), chosen)

    def action_cancel(self) -> None:
        if not self.typed_anything():
            self.dismiss(None)
            return

        def confirmed(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        question = _("Discard the answers you typed?")
        self.app.push_screen(ConfirmScreen(question, _("Discard")), confirmed)


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
    return str(exc)
