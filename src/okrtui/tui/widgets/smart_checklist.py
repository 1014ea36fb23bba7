"""The SMART checklist: five rows of letter, name, key question, check, answer and verdict."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Static

from okrtui.i18n import _
from okrtui.model import SmartChecklist, SmartCriterion
from okrtui.tui.widgets.form_context import Verdict


class SmartRow(Vertical):
    """One criterion: `[x] S Specific   ✓ verdict`, its key question, and the answer."""

    DEFAULT_CSS = """
    SmartRow { height: auto; padding: 0 0 1 0; }
    SmartRow > Horizontal { height: 1; }
    SmartRow Checkbox { width: auto; }
    SmartRow .smart-verdict { width: 1fr; padding-left: 1; text-align: right; }
    SmartRow .smart-verdict.-holds { color: $success; }
    SmartRow .smart-verdict.-fails { color: $warning; }
    SmartRow .smart-question { color: $text-muted; text-style: italic; padding-left: 4; }
    SmartRow .smart-reason { color: $warning; padding-left: 4; height: auto; display: none; }
    SmartRow .smart-reason.-shown { display: block; }
    SmartRow Input { margin-left: 4; }
    """

    class Changed(Message):
        def __init__(self, row: SmartRow) -> None:
            super().__init__()
            self.row = row

        @property
        def control(self) -> SmartRow:
            return self.row

    def __init__(self, criterion: SmartCriterion) -> None:
        super().__init__(id=f"smart-{criterion.value}", classes="smart-row")
        self.criterion = criterion
        self._verdict: Verdict | None = None

    def compose(self) -> ComposeResult:
        c = self.criterion
        with Horizontal():
            yield Checkbox(f"{c.letter}  {_(c.label)}", compact=True, id=f"check-{c.value}")
            yield Label("", classes="smart-verdict")
        yield Static(_(c.question), classes="smart-question")
        yield Static("", classes="smart-reason")
        yield Input(
            placeholder=_("Your answer…"),
            compact=True,
            id=f"answer-{c.value}",
            select_on_focus=False,
        )

    @property
    def checkbox(self) -> Checkbox:
        return self.query_one(Checkbox)

    @property
    def answer_input(self) -> Input:
        return self.query_one(Input)

    def show(self, done: bool, answer: str, verdict: Verdict | None) -> None:
        with self.prevent(Checkbox.Changed, Input.Changed):
            self.checkbox.value = done
            if self.answer_input.value != answer:
                self.answer_input.value = answer
        if verdict is not None:
            self.show_verdict(verdict)

    def show_verdict(self, verdict: Verdict) -> None:
        if verdict == self._verdict:
            return
        self._verdict = verdict
        label = self.query_one(".smart-verdict", Label)
        reason = self.query_one(".smart-reason", Static)
        label.set_class(verdict.holds is True, "-holds")
        label.set_class(verdict.holds is False, "-fails")
        if verdict.holds is None:
            label.update("")
        else:
            label.update(_("✓ meets it") if verdict.holds else _("! not yet"))
        reason.update(verdict.reason if verdict.holds is False else "")
        reason.set_class(bool(verdict.reason) and verdict.holds is False, "-shown")

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))


class SmartChecklistView(Vertical):
    """All five criteria, in SMART order."""

    DEFAULT_CSS = """
    SmartChecklistView { height: auto; }
    SmartChecklistView > .section-title { margin-bottom: 1; }
    """

    class Changed(Message):
        """The user ticked a criterion or edited an answer."""

        def __init__(self, view: SmartChecklistView, criterion: SmartCriterion) -> None:
            super().__init__()
            self.view = view
            self.criterion = criterion

        @property
        def control(self) -> SmartChecklistView:
            return self.view

    def compose(self) -> ComposeResult:
        yield Static(_("SMART checklist"), classes="section-title")
        for criterion in SmartCriterion:
            yield SmartRow(criterion)

    def row(self, criterion: SmartCriterion) -> SmartRow:
        return self.query_one(f"#smart-{criterion.value}", SmartRow)

    def show(
        self, checklist: SmartChecklist, verdicts: dict[SmartCriterion, Verdict] | None
    ) -> None:
        """The user's ticks and answers, and the coach's verdicts (None: leave them as shown)."""
        for criterion in SmartCriterion:
            answer = checklist.get(criterion)
            verdict = None if verdicts is None else verdicts.get(criterion, Verdict(None))
            self.row(criterion).show(answer.done, answer.answer, verdict)

    def show_verdicts(self, verdicts: dict[SmartCriterion, Verdict]) -> None:
        for criterion in SmartCriterion:
            self.row(criterion).show_verdict(verdicts.get(criterion, Verdict(None)))

    def read(self, criterion: SmartCriterion) -> tuple[bool, str]:
        row = self.row(criterion)
        return row.checkbox.value, row.answer_input.value

    def on_smart_row_changed(self, event: SmartRow.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self, event.row.criterion))
