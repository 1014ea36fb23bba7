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
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from pydantic import ValidationError
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, ContentSwitcher, Input, Select, Static
from textual.widgets.button import ButtonVariant

from okrtui.i18n import _
from okrtui.model import (
    Calendar,
    Direction,
    KeyResult,
    MetricType,
    Objective,
    SmartCriterion,
    WorkspaceSettings,
)
from okrtui.services.goal_writer import (
    GoalDraft,
    draft_sentence,
    missing_answers,
    parse_amount,
    parse_due,
)
from okrtui.services.smart import evaluate_key_result
from okrtui.services.smart_wording import normalize_text
from okrtui.tui.formatting import display_text, format_date, has_rtl
from okrtui.tui.screens.dialogs import ConfirmScreen
from okrtui.tui.widgets.editor_forms import DIRECTION_LABELS, TYPE_LABELS
from okrtui.tui.widgets.form_row import FormRow

STEP_ORDER: tuple[SmartCriterion, ...] = tuple(SmartCriterion)


@dataclass(frozen=True, slots=True)
class Question:
    """One field of a step: which answer it fills and how it is typed."""

    name: str
    label: str
    kind: str  # text | amount | percent | date | select
    placeholder: str = ""


QUESTIONS: dict[SmartCriterion, tuple[Question, ...]] = {
    SmartCriterion.SPECIFIC: (
        Question("idea", "Your goal", "text", "in your own words, e.g. more blog readers"),
        Question("what", "What", "text", "what exactly changes, e.g. organic traffic"),
        Question("for_whom", "For whom", "text", "e.g. the blog, new customers (optional)"),
    ),
    SmartCriterion.MEASURABLE: (
        Question("metric_type", "Metric", "select"),
        Question("direction", "Direction", "select"),
        Question("unit", "Unit", "text", "e.g. visits a month, %, USD"),
        Question("start", "Start", "amount", "where it stands today"),
        Question("target", "Target", "amount", "the value that means done"),
    ),
    SmartCriterion.ACHIEVABLE: (
        Question("resources", "Resources", "text", "the people, budget and time you have"),
        Question("confidence", "Confidence", "percent", "that you will reach it, e.g. 70%"),
    ),
    SmartCriterion.RELEVANT: (
        Question("why", "Why now", "text", "why it matters to the business now"),
        Question("serves", "Serves", "select"),
        Question("save_as", "Save as", "select"),
    ),
    SmartCriterion.TIME_BOUND: (
        Question("due", "Due date", "date", "YYYY-MM-DD"),
        Question("owner", "Owner", "text", "who answers for it (optional)"),
    ),
}
"""The wizard's fields per SMART letter, in the order they are asked."""

_TEXT_FIELDS = ("idea", "what", "for_whom", "unit", "resources", "why", "owner")


class PlacementError(ValueError):
    """The goal cannot go where the Relevant step says (shown under "Serves")."""


@dataclass(frozen=True, slots=True)
class WizardSetup:
    """Where the wizard starts: the answers so far and where the goal may be saved."""

    draft: GoalDraft
    serves_options: list[tuple[str, str]]
    """(label, objective id) of every objective the goal may serve."""
    standalone: bool = False
    """Save as a standalone SMART goal rather than a key result of the objective it serves."""
    rewrite: KeyResult | None = None
    """The key result being rewritten; the goal's place is then fixed."""


@dataclass(frozen=True, slots=True)
class WizardResult:
    """The answers, and the user's choices about the title and their own SMART answers."""

    draft: GoalDraft
    standalone: bool
    retitle: bool = True
    replace_answers: bool = False


@dataclass(frozen=True, slots=True)
class AnswerConflict:
    """A SMART answer the user wrote that the wizard would replace."""

    criterion: SmartCriterion
    old: str
    new: str


GoalBuilder = Callable[[WizardResult], tuple[Objective, KeyResult]]
ConflictFinder = Callable[[GoalDraft], list[AnswerConflict]]


class ChoiceScreen(ModalScreen[str | None]):
    """A question with a few answers as buttons; each answer also has a key. escape: None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose", _("Cancel"), id="choice.cancel"),
    ]

    def __init__(self, question: str, choices: list[tuple[str, str, str]]) -> None:
        """`choices`: (answer id, button label, key) in order; the first is focused."""
        super().__init__(classes="dialog-screen")
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for index, (answer, label, key) in enumerate(self.choices):
                    variant: ButtonVariant = "primary" if index == 0 else "default"
                    yield Button(
                        f"{label} ({key})", id=f"choice-{answer}", variant=variant, compact=True
                    )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_key(self, event: events.Key) -> None:
        for answer, _label, key in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(answer)

    def action_choose(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-") or None)


class AnswerSelect(Select[str]):
    """A select in the wizard: enter moves on as in the text fields; space, up and down open it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.next_field", _("Next"), show=False, id="wizard.select_next"),
    ]


def _amount_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def parse_confidence(text: str) -> float:
    """70%, 70 or 0.7 as 0.7; raises ValueError for anything else."""
    cleaned = normalize_text(text).replace("٪", "%").replace(" ", "")
    try:
        value = float(cleaned.rstrip("%"))
    except ValueError:
        raise ValueError(_("Type a confidence from 0 to 100%, e.g. 70%")) from None
    if "%" in cleaned or value > 1:
        value /= 100
    if not 0.0 <= value <= 1.0:
        raise ValueError(_("Type a confidence from 0 to 100%, e.g. 70%"))
    return value


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
        Binding("tab", "next_field", _("Next"), show=False, id="wizard.next_field"),
        Binding("shift+tab", "previous_field", _("Back"), show=False, id="wizard.previous_field"),
        Binding("pagedown", "next_step", _("Next step"), show=False, id="wizard.next_step"),
        Binding("pageup", "previous_step", _("Previous step"), show=False, id="wizard.prev_step"),
        Binding("ctrl+enter", "finish", _("Finish"), id="wizard.finish"),
        Binding("escape", "cancel", _("Cancel"), id="wizard.cancel"),
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
        self.initial_text = {q.name: self._text_of(q.name) for qs in QUESTIONS.values() for q in qs}
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

    # ------------------------------------------------------------------ building
    def _text_of(self, name: str) -> str:
        """The starting text of a field, from the starting draft."""
        draft = self.setup.draft
        if name in _TEXT_FIELDS:
            return str(getattr(draft, name))
        if name in ("start", "target"):
            return _amount_text(getattr(draft, name))
        if name == "confidence":
            return "" if draft.confidence is None else _amount_text(draft.confidence * 100) + "%"
        if name == "due":
            return format_date(draft.due, self.calendar)
        if name == "metric_type":
            return draft.metric_type.value
        if name == "direction":
            return draft.direction.value
        if name == "serves":
            return draft.parent or ""
        return "goal" if self.setup.standalone else "kr"

    def _options(self, name: str) -> list[tuple[str, str]]:
        if name == "metric_type":
            return [(_(TYPE_LABELS[m.value]), m.value) for m in MetricType]
        if name == "direction":
            return [(_(DIRECTION_LABELS[d.value]), d.value) for d in Direction]
        if name == "serves":
            return self.setup.serves_options
        return [
            (_("a key result of that objective"), "kr"),
            (_("a standalone SMART goal aligned to it"), "goal"),
        ]

    def _make_field(self, question: Question) -> Widget:
        field_id = f"wizard-{question.name}"
        text = self.initial_text[question.name]
        if question.kind == "select":
            select = AnswerSelect(
                self._options(question.name),
                id=field_id,
                compact=True,
                allow_blank=question.name == "serves",
                prompt=_("— none —"),
                value=text or Select.NULL,
            )
            select.disabled = self.setup.rewrite is not None and question.name in (
                "serves",
                "save_as",
            )
            return select
        placeholder = _(question.placeholder)
        if question.kind == "date" and self.calendar is Calendar.JALALI:
            placeholder += " (" + _("Jalali") + ")"
        return Input(
            text, placeholder=placeholder, id=field_id, compact=True, select_on_focus=False
        )

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
                    fields = self._step_widgets(criterion) if index == 0 else []
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

    def _step_widgets(self, criterion: SmartCriterion) -> list[Widget]:
        widgets: list[Widget] = [
            FormRow(_(q.label), self._make_field(q), id=f"wrow-{q.name}")
            for q in QUESTIONS[criterion]
        ]
        if criterion is SmartCriterion.TIME_BOUND:
            if self.setup.rewrite is not None:
                title = _("Use the sentence as the new title")
                widgets.append(Checkbox(title, value=True, compact=True, id="wizard-retitle"))
            widgets.append(Static(id="wizard-coach"))
        return widgets

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
            await step.mount_all(self._step_widgets(criterion))
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
        if name in _TEXT_FIELDS:
            setattr(draft, name, text)
        elif name in ("start", "target"):
            setattr(draft, name, None)  # unanswered while what was typed cannot be read
            if text.strip():
                value = parse_amount(text)
                if value is None:
                    raise ValueError(_("Type a number, e.g. 12,000"))
                setattr(draft, name, value)
        elif name == "confidence":
            draft.confidence = None
            if text.strip():
                draft.confidence = parse_confidence(text)
        elif name == "due":
            draft.due = None
            if text.strip():
                draft.due = parse_due(text, self.calendar.value)
                if draft.due is None:
                    if self.calendar is Calendar.JALALI:
                        raise ValueError(_("Type a Jalali date as YYYY-MM-DD, e.g. 1405-10-10"))
                    raise ValueError(_("Type a date as YYYY-MM-DD, e.g. 2026-12-31"))
        elif name == "metric_type":
            draft.metric_type = MetricType(text)
        elif name == "direction":
            draft.direction = Direction(text)
        elif name == "serves":
            draft.parent = text or None

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
        parts: list[str | tuple[str, str]] = []
        for index, criterion in enumerate(STEP_ORDER):
            style = "$success" if criterion not in missing else "$text-muted"
            if index == self.step:
                style = "bold reverse $accent"
            parts += [(f" {criterion.letter} ", style), " "]
        parts.append(
            (
                " "
                + _("Step {n} of {total}: {label}").format(
                    n=self.step + 1, total=len(STEP_ORDER), label=_(self.criterion.label)
                ),
                "bold",
            )
        )
        self.query_one("#wizard-steps", Static).update(Content.assemble(*parts))
        self.query_one("#wizard-sentence", Static).update(self._sentence_content())
        if self.criterion is SmartCriterion.TIME_BOUND:
            self.query_one("#wizard-coach", Static).update(self._coach_content(missing))

    def _sentence_content(self) -> Content:
        sentence = self.sentence()
        if not sentence:
            return Content.styled(
                _("Answer the questions: your goal appears here as one sentence."), "$text-muted"
            )
        width = max(20, (self.query_one("#wizard-sentence").size.width or 74) - 1)
        lines = textwrap.wrap(sentence, width)
        if has_rtl(sentence):
            lines = [display_text(line).rjust(width) for line in lines]
        return Content.styled("\n".join(lines), "bold")

    def _coach_content(self, missing: set[SmartCriterion]) -> Content:
        title = (_("The coach on this goal"), "bold $accent")
        try:
            objective, kr = self.build(self.result())
        except (ValueError, ValidationError) as exc:
            return Content.assemble(title, "\n", (_error_text(exc), "$warning"))
        verdicts = evaluate_key_result(kr, objective, self.settings, self.today)
        parts: list[str | tuple[str, str]] = [title, "\n"]
        for verdict in verdicts:
            name = verdict.letter if verdict.criterion is not None else _("outcome")
            glyph = "✓" if verdict.holds else "!"
            parts += [(f"{glyph} {name}", "$success" if verdict.holds else "bold $warning"), "  "]
        if all(verdict.holds for verdict in verdicts):
            parts += ["\n", (_("Every letter holds: this is a SMART key result."), "$success")]
        for verdict in verdicts:
            if not verdict.holds:
                label = _(verdict.criterion.label) if verdict.criterion else _("Outcome")
                parts += ["\n", (f"{verdict.letter} {label}: ", "bold $warning"), verdict.reason]
        if missing:
            names = ", ".join(_(c.label) for c in STEP_ORDER if c in missing)
            parts += ["\n", (_("Not answered yet: {names}").format(names=names), "$text-muted")]
        return Content.assemble(*parts)

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
