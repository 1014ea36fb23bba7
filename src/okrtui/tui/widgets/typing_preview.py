"""The reading-order preview of a right-to-left field while it is typed in.

A focused field keeps its text in stored (typing) order with a true cursor,
so in `--bidi app` mode Persian in it reads backwards and unjoined while it
is typed. The line under it shows the same text as it reads: `rtl_pass`
reorders and shapes that line like any other drawn text. `FormRow` (editor,
wizard, check-in) shows it under its field; dialogs put a `TypingPreview`
after their own inputs (search, picker filter, review notes, history's
"since", the commit message).
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from okrtui.i18n.bidi_mode import bidi_mode
from okrtui.tui.rtl_text import has_rtl


def wants_preview(value: str, field: Widget, focused: bool | None = None) -> bool:
    """True when `field` is typed in and holds right-to-left text that the app orders."""
    typing = field.has_focus if focused is None else focused
    return bool(value) and has_rtl(value) and bidi_mode() == "app" and typing


class TypingPreview(Static):
    """Follows the field `field_id` (an Input or a TextArea on the same screen)."""

    DEFAULT_CSS = """
    TypingPreview { display: none; color: $text-muted; height: auto; }
    TypingPreview.-shown { display: block; }
    """

    def __init__(self, field_id: str, *, id: str | None = None, classes: str = "") -> None:
        super().__init__("", markup=False, id=id, classes=classes)
        self.field_id = field_id

    def on_mount(self) -> None:
        field = self.screen.query_one(f"#{self.field_id}")
        if isinstance(field, Input):
            self.watch(field, "value", self._follow, init=False)
        elif isinstance(field, TextArea):  # its text is no reactive; every edit moves the cursor
            self.watch(field, "selection", self._follow, init=False)
        self.watch(self.screen, "focused", self._follow, init=False)

    def _follow(self, _changed: object = None) -> None:
        field = self.screen.query_one(f"#{self.field_id}")
        value = field.value if isinstance(field, Input) else getattr(field, "text", "")
        show = wants_preview(value, field, focused=self.screen.focused is field)
        self.set_class(show, "-shown")
        if show:
            self.update(value)
