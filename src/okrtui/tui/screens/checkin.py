"""The check-in dialog: a new value for a key result, with confidence, note, date and author."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from okrtui.i18n import N_, _
from okrtui.model import Calendar, CheckIn, KeyResult
from okrtui.services.checkins import ConfidenceLevel, confidence_label, confidence_level
from okrtui.tui.formatting import (
    display_text,
    format_date,
    format_number,
    format_value,
    parse_date,
    parse_number,
)
from okrtui.tui.widgets.form_row import FormRow
from okrtui.tui.widgets.ordered_input import OrderedInput

CONFIDENCE_CLASSES = {
    ConfidenceLevel.LOW: "-low",
    ConfidenceLevel.MEDIUM: "-medium",
    ConfidenceLevel.HIGH: "-high",
}


def editable_number(value: float) -> str:
    """A number as typed back into a field, exactly: `48500`, `3.125` (no rounding, no commas)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


@dataclass(frozen=True, slots=True)
class CheckInDraft:
    """What the dialog read from its fields, checked and parsed."""

    date: dt.date
    value: float
    confidence: float | None
    note: str
    author: str

    def to_checkin(self) -> CheckIn:
        return CheckIn(
            date=self.date,
            value=self.value,
            confidence=self.confidence,
            note=self.note,
            author=self.author,
        )


CheckInSubmit = Callable[[CheckInDraft], str | None]
"""Applies a draft; returns the reason it was refused, or None when it was applied."""


class CheckInScreen(ModalScreen[bool]):
    """Add or edit one check-in. Dismisses with True once `submit` accepted it."""

    DEFAULT_CSS = """
    CheckInScreen .checkin-dialog { width: 68; }
    CheckInScreen .checkin-summary { color: $text-muted; margin-bottom: 1; }
    CheckInScreen #confidence-level { width: 10; padding-left: 1; color: $text-muted; }
    CheckInScreen FormRow.-mirrored #confidence-level { padding-left: 0; padding-right: 1; }
    CheckInScreen #confidence-level.-low { color: $error; }
    CheckInScreen #confidence-level.-medium { color: $warning; }
    CheckInScreen #confidence-level.-high { color: $success; }
    CheckInScreen FormRow Input { width: 1fr; }
    CheckInScreen FormRow Input:focus { background: $boost; }
    CheckInScreen #checkin-error { color: $error; display: none; }
    CheckInScreen #checkin-error.-shown { display: block; }
    CheckInScreen .dialog-buttons { margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="checkin.cancel"),
        Binding("ctrl+s", "submit", N_("Save check-in"), id="checkin.save"),
        # Priority: the focus moves before the keys that follow are handed on, so
        # "50250<tab>0.8" arriving in one read (a fast typist, a laggy SSH link,
        # a script) puts 0.8 in the confidence field, not after the value.
        Binding("tab", "app.focus_next", show=False, priority=True, id="checkin.next_field"),
        Binding(
            "shift+tab", "app.focus_previous", show=False, priority=True, id="checkin.prev_field"
        ),
    ]

    def __init__(
        self,
        kr: KeyResult,
        submit: CheckInSubmit,
        *,
        calendar: Calendar,
        today: dt.date,
        author: str,
        editing: CheckIn | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.kr = kr
        self.submit = submit
        self.calendar = calendar
        self.today = today
        self.author = author
        self.editing = editing
        self.author_typed = editing is not None

    def compose(self) -> ComposeResult:
        kr, editing = self.kr, self.editing
        title = _("Edit check-in") if editing else _("Check-in")
        latest = kr.current_confidence()
        confidence_hint = _("0.0 – 1.0")
        if latest is not None:
            confidence_hint += " " + _("(last {value})").format(value=format_number(latest))
        date_hint = "YYYY-MM-DD" + (
            " (" + _("Jalali") + ")" if self.calendar is Calendar.JALALI else ""
        )

        def field(name: str, value: str, placeholder: str) -> Input:
            return OrderedInput(value, placeholder=placeholder, id=f"checkin-{name}", compact=True)

        with Vertical(classes="dialog checkin-dialog"):
            yield Static(
                f"{title} · {display_text(kr.title)}", classes="dialog-title", markup=False
            )
            yield Static(self._summary(), classes="checkin-summary")
            yield FormRow(
                _("Value"),
                field(
                    "value",
                    "" if editing is None else editable_number(editing.value),
                    _("now {value}").format(value=format_value(kr.current_value(), kr.metric)),
                ),
                id="row-value",
            )
            confidence = (
                ""
                if editing is None or editing.confidence is None
                else editable_number(editing.confidence)
            )
            yield FormRow(
                _("Confidence"),
                field("confidence", confidence, confidence_hint),
                id="row-confidence",
            )
            yield FormRow(
                _("Note"),
                field("note", editing.note if editing else "", _("what moved it, what blocks it")),
                id="row-note",
            )
            yield FormRow(
                _("Date"),
                field(
                    "date",
                    format_date(editing.date if editing else self.today, self.calendar),
                    date_hint,
                ),
                id="row-date",
            )
            yield FormRow(
                _("Author"),
                field("author", editing.author if editing else self.author, _("who measured it")),
                id="row-author",
            )
            yield Static("", id="checkin-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="save", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)
            yield Static(_("enter or ^s: save · tab: next field · escape: cancel"), classes="hint")

    def _summary(self) -> Text:
        kr = self.kr
        text = Text(_("Now {value}").format(value=format_value(kr.current_value(), kr.metric)))
        if kr.metric.target is not None:
            text.append(
                " · " + _("target {value}").format(value=format_value(kr.metric.target, kr.metric))
            )
        latest = kr.latest_checkin()
        if latest is not None:
            text.append(
                " · "
                + _("last check-in {date}").format(date=format_date(latest.date, self.calendar))
            )
        return text

    def on_mount(self) -> None:
        # the confidence level reads after its field: on its left when the
        # label is on the right (mirrored), so the label stays at the row's edge
        row = self.query_one("#row-confidence", FormRow)
        level = Static("", id="confidence-level")
        line = row.query_one(Horizontal)
        if row.has_class("-mirrored"):
            line.mount(level, before=0)
        else:
            line.mount(level)
        self._show_level(self.query_one("#checkin-confidence", Input).value)
        author = self.query_one("#checkin-author", Input)
        if not author.value and self.editing is None:
            author.value = self.author  # found while the dialog was being built
        self.query_one("#checkin-value", Input).focus()

    def suggest_author(self, name: str) -> None:
        """Fill in the author found later (git runs in a worker), unless one was typed."""
        found = self.query("#checkin-author")
        if not found:  # not mounted yet: on_mount fills it in
            self.author = self.author or name
            return
        author = found.first(Input)
        if not self.author_typed and not author.value:
            author.value = name

    def _show_level(self, text: str) -> None:
        label = self.query_one("#confidence-level", Static)
        try:
            value: float | None = parse_number(text) if text.strip() else None
        except ValueError:
            value = None
        level = confidence_level(value) if value is None or 0.0 <= value <= 1.0 else None
        for css in CONFIDENCE_CLASSES.values():
            label.remove_class(css)
        if level is not None:
            label.add_class(CONFIDENCE_CLASSES[level])
        label.update(confidence_label(value) if level is not None else "")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "checkin-confidence":
            self._show_level(event.value)
        elif event.input.id == "checkin-author" and event.input.has_focus:
            self.author_typed = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_submit()
        else:
            self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def _value(self, name: str) -> str:
        return self.query_one(f"#checkin-{name}", Input).value

    def read(self) -> CheckInDraft | None:
        """The fields as a draft; a field that does not parse shows why and gives None."""
        ok = True

        def fail(name: str, message: str) -> None:
            nonlocal ok
            ok = False
            self.query_one(f"#row-{name}", FormRow).set_error(message)

        for name in ("value", "confidence", "date"):
            self.query_one(f"#row-{name}", FormRow).set_error(None)
        value = 0.0
        try:
            value = parse_number(self._value("value"))
        except ValueError:
            fail("value", _("Type the measured value, e.g. 48500"))
        confidence: float | None = None
        if self._value("confidence").strip():
            try:
                confidence = parse_number(self._value("confidence"))
            except ValueError:
                fail("confidence", _("A number from 0.0 to 1.0, e.g. 0.7"))
            else:
                if not 0.0 <= confidence <= 1.0:
                    fail("confidence", _("Confidence must be between 0 and 1"))
        day = self.today
        try:
            day = parse_date(self._value("date"), self.calendar)
        except ValueError:
            fail("date", _("A date as YYYY-MM-DD"))
        if not ok:
            return None
        return CheckInDraft(
            date=day,
            value=value,
            confidence=confidence,
            note=self._value("note").strip(),
            author=self._value("author").strip(),
        )

    def action_submit(self) -> None:
        draft = self.read()
        if draft is None:
            return
        problem = self.submit(draft)
        error = self.query_one("#checkin-error", Static)
        if problem is not None:
            error.update(problem)
            error.add_class("-shown")
            return
        self.dismiss(True)
