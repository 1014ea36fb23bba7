"""A labelled form row with an inline error line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static


class FormRow(Vertical):
    """`Label  [widget]` and, below it, the field's validation message when there is one."""

    DEFAULT_CSS = """
    FormRow { height: auto; }
    FormRow > Horizontal { height: auto; }
    FormRow .form-label { width: 12; padding-right: 1; color: $text-muted; }
    FormRow .form-error { display: none; color: $error; padding-left: 12; height: auto; }
    FormRow.-invalid .form-error { display: block; }
    FormRow.-invalid .form-label { color: $error; text-style: bold; }
    """

    def __init__(self, label: str, field: Widget, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label_text = label
        self.field = field

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self.label_text, classes="form-label")
            yield self.field
        yield Static("", classes="form-error", markup=False)

    def set_error(self, message: str | None) -> None:
        """Show `message` under the field (None clears it). What was typed is kept."""
        if message is None and not self.has_class("-invalid"):
            return
        self.set_class(message is not None, "-invalid")
        self.query_one(".form-error", Static).update(f"↳ {message}" if message else "")
