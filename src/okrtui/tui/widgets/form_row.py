"""A labelled form row with an inline error line."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from okrtui.tui.rtl_layout import mirrored_layout
from okrtui.tui.widgets.typing_preview import wants_preview


class FormRow(Vertical):
    """`Label  [widget]` and, below it, the field's validation message when there is one."""

    DEFAULT_CSS = """
    FormRow { height: auto; }
    FormRow > Horizontal { height: auto; }
    FormRow .form-label { width: 12; padding-right: 1; color: $text-muted; }
    FormRow .form-error { display: none; color: $error; padding-left: 12; height: auto; }
    FormRow.-invalid .form-error { display: block; }
    FormRow.-invalid .form-label { color: $error; text-style: bold; }
    FormRow.-mirrored .form-label { padding-right: 0; padding-left: 1; }
    FormRow.-mirrored .form-error { padding-left: 0; padding-right: 12; }
    FormRow .form-preview { display: none; color: $text-muted; padding-left: 12; height: auto; }
    FormRow.-mirrored .form-preview { padding-left: 0; padding-right: 12; }
    FormRow.-previewing .form-preview { display: block; }
    """

    def __init__(self, label: str, field: Widget, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label_text = label
        self.field = field

    def compose(self) -> ComposeResult:
        label = Label(self.label_text, classes="form-label")
        mirrored = mirrored_layout()
        self.set_class(mirrored, "-mirrored")
        with Horizontal():
            # right to left: the label reads first, so it sits right of its field
            yield from (self.field, label) if mirrored else (label, self.field)
        yield Static("", classes="form-error", markup=False)
        yield Static("", classes="form-preview", markup=False)

    # While right-to-left text is typed (in stored order, with a true cursor),
    # the line under the field shows it as it reads: rtl_pass reorders and
    # shapes that line like any other drawn text.
    def on_input_changed(self, event: Input.Changed) -> None:
        self._preview(event.value)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, Input):
            self._preview(event.widget.value)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self._preview("")

    def _preview(self, value: str) -> None:
        show = wants_preview(value, self.field)
        self.set_class(show, "-previewing")
        if show:
            self.query_one(".form-preview", Static).update(value)

    def set_error(self, message: str | None) -> None:
        """Show `message` under the field (None clears it). What was typed is kept."""
        if message is None and not self.has_class("-invalid"):
            return
        self.set_class(message is not None, "-invalid")
        self.query_one(".form-error", Static).update(f"↳ {message}" if message else "")
