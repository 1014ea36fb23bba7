"""The SMART checklist, compact: one line per criterion, the key question of the focused one.

Each line is `[x] S ✓ answer…`: the user's tick, the letter, the coach's
verdict mark and the answer (its placeholder names the criterion). The key
question of the row with focus is shown in the section's title line, and
the coach's reason when it does not hold, below the rows; so the five rows
and the key fields fit together at 80x24.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Static

from okrtui.i18n import _
from okrtui.model import SmartChecklist, SmartCriterion
from okrtui.tui.widgets.form_context import Verdict
from okrtui.tui.widgets.in_place import SteadyInput, update_in_place
from okrtui.tui.widgets.tick_box import TickBox
from okrtui.tui.widgets.typing_preview import wants_preview


class SmartRow(Horizontal):
    """One criterion on one line: tick and letter, the coach's mark, the answer."""

    DEFAULT_CSS = """
    SmartRow { height: 1; }
    SmartRow Checkbox { width: auto; }
    SmartRow .smart-verdict { width: 3; padding: 0 1; }
    SmartRow .smart-verdict.-holds { color: $success; }
    SmartRow .smart-verdict.-fails { color: $warning; text-style: bold; }
    SmartRow Input { width: 1fr; }
    """

    class Changed(Message):
        def __init__(self, row: SmartRow) -> None:
            super().__init__()
            self.row = row

        @property
        def control(self) -> SmartRow:
            return self.row

    class Focused(Message):
        """The tick or the answer of this row took focus."""

        def __init__(self, row: SmartRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, criterion: SmartCriterion) -> None:
        super().__init__(id=f"smart-{criterion.value}", classes="smart-row")
        self.criterion = criterion
        self.verdict: Verdict | None = None

    def compose(self) -> ComposeResult:
        c = self.criterion
        yield TickBox(c.letter, compact=True, id=f"check-{c.value}", tooltip=_(c.label))
        yield Label("", classes="smart-verdict")
        yield SteadyInput(
            placeholder=_("{criterion}: your answer…").format(criterion=_(c.label)),
            compact=True,
            id=f"answer-{c.value}",
            select_on_focus=False,
            tooltip=_(c.question),
        )

    @property
    def checkbox(self) -> Checkbox:
        return self.query_one(Checkbox)

    @property
    def answer_input(self) -> Input:
        return self.query_one(Input)

    def show(self, done: bool, answer: str, verdict: Verdict | None) -> None:
        with self.prevent(Checkbox.Changed, Input.Changed):
            if self.checkbox.value != done:
                self.checkbox.value = done
            if self.answer_input.value != answer:
                self.answer_input.value = answer
                if not self.answer_input.has_focus:
                    self.answer_input.cursor_position = 0  # a long answer from its start
        if verdict is not None:
            self.show_verdict(verdict)

    def show_verdict(self, verdict: Verdict) -> None:
        if verdict == self.verdict:
            return
        self.verdict = verdict
        label = self.query_one(".smart-verdict", Label)
        label.set_class(verdict.holds is True, "-holds")
        label.set_class(verdict.holds is False, "-fails")
        mark = "" if verdict.holds is None else ("✓" if verdict.holds else "!")
        label.update(mark, layout=False)  # its width is fixed: no layout needed
        label.tooltip = verdict.reason or None

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        self.post_message(self.Focused(self))


class SmartChecklistView(Vertical):
    """All five criteria, in SMART order, under a title that asks the focused row's question."""

    DEFAULT_CSS = """
    SmartChecklistView { height: auto; }
    SmartChecklistView > .smart-title { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    SmartChecklistView > .smart-reason { color: $warning; height: auto; display: none; }
    SmartChecklistView > .smart-reason.-shown { display: block; }
    SmartChecklistView > .smart-preview { color: $text-muted; height: auto; display: none; }
    SmartChecklistView > .smart-preview.-shown { display: block; }
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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.focused_row: SmartCriterion | None = None
        self._rows: dict[SmartCriterion, SmartRow] = {}
        self._shown = (_("SMART checklist"), "")

    def compose(self) -> ComposeResult:
        yield Static(_("SMART checklist"), classes="section-title smart-title", markup=False)
        for criterion in SmartCriterion:
            yield SmartRow(criterion)
        yield Static("", classes="smart-reason", markup=False)
        # the focused answer as it reads, while Persian is typed in it (`--bidi app`)
        yield Static("", classes="smart-preview", markup=False)

    def row(self, criterion: SmartCriterion) -> SmartRow:
        row = self._rows.get(criterion)
        if row is None:  # looked up once: a refill asks for each row several times
            row = self._rows[criterion] = self.query_one(f"#smart-{criterion.value}", SmartRow)
        return row

    def show(
        self, checklist: SmartChecklist, verdicts: dict[SmartCriterion, Verdict] | None
    ) -> None:
        """The user's ticks and answers, and the coach's verdicts (None: leave them as shown)."""
        for criterion in SmartCriterion:
            answer = checklist.get(criterion)
            verdict = None if verdicts is None else verdicts.get(criterion, Verdict(None))
            self.row(criterion).show(answer.done, answer.answer, verdict)
        self._show_focused()

    def show_verdicts(self, verdicts: dict[SmartCriterion, Verdict]) -> None:
        for criterion in SmartCriterion:
            self.row(criterion).show_verdict(verdicts.get(criterion, Verdict(None)))
        self._show_focused()

    def read(self, criterion: SmartCriterion) -> tuple[bool, str]:
        row = self.row(criterion)
        return row.checkbox.value, row.answer_input.value

    def on_smart_row_changed(self, event: SmartRow.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self, event.row.criterion))
        self._show_preview()

    def on_smart_row_focused(self, event: SmartRow.Focused) -> None:
        event.stop()
        self.focused_row = event.row.criterion
        self._show_focused()
        self._show_preview()

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        self.call_later(self._forget_focus)  # after focus has gone wherever it went

    def _forget_focus(self) -> None:
        if not self.has_focus_within:
            self.focused_row = None
            self._show_focused()
            self._show_preview()

    def _show_preview(self) -> None:
        """Under the rows, the focused answer in reading order while Persian is typed."""
        preview = self.query_one(".smart-preview", Static)
        criterion = self.focused_row
        field = self.row(criterion).answer_input if criterion is not None else None
        value = field.value if field is not None else ""
        show = field is not None and wants_preview(value, field)
        if show:
            update_in_place(preview, value)
        if preview.has_class("-shown") != show:
            preview.set_class(show, "-shown")

    def _show_focused(self) -> None:
        """The title asks the focused row's key question; the coach's reason shows below."""
        title = self.query_one(".smart-title", Static)
        reason = self.query_one(".smart-reason", Static)
        criterion = self.focused_row
        if criterion is None:
            text, why = _("SMART checklist"), ""
        else:
            text = f"{criterion.letter} · {_(criterion.label)}: {_(criterion.question)}"
            verdict = self.row(criterion).verdict
            why = verdict.reason if verdict is not None and verdict.holds is False else ""
        if text != self._shown[0]:
            title.update(text, layout=False)  # one line, always
        if why != self._shown[1]:
            update_in_place(reason, f"! {why}" if why else "")
            reason.set_class(bool(why), "-shown")
        self._shown = (text, why)
