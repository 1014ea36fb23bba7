"""A text field that shows right-to-left text in reading order while it is not edited."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events

from okrtui.tui.rtl_text import has_rtl
from okrtui.tui.widgets.in_place import SteadyInput

JOINERS = frozenset("\u200c\u200d")
"""Zero-width non-joiner and joiner: Persian keyboards type them (shift+space) inside words
(می‌گیرند). Textual's Input drops them as not printable, which changed the word."""


class ReadingOrderInput(SteadyInput):
    """An `Input` whose Persian (or other right-to-left) text reads correctly at rest.

    Most terminals draw characters in the order they are stored, so a Persian
    title would read backwards; `rtl_pass` reorders and shapes what is drawn
    (`--bidi app`). A field cannot be reordered while it is edited, because
    its cursor moves through the stored order: the pass leaves a focused
    field alone (its `FormRow` shows a reordered preview under it instead).
    At rest the field is cut to its width at the end of the sentence, so
    the start of the text is what shows, on the right.
    """

    @property
    def _value(self) -> Text:
        value = self.value
        if self.has_focus or self.password or not has_rtl(value):
            return super()._value
        room = self.scrollable_content_region.width
        if room > 1 and cell_len(value) > room:
            while value and cell_len(value) > room - 1:
                value = value[:-1]
            value += "…"
        return Text(value, no_wrap=True, overflow="ignore", end="")

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character in JOINERS or super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if event.character in JOINERS:  # not "printable" to Python, but part of the word
            event.stop()
            event.prevent_default()
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(event.character)
            else:
                self.replace(event.character, *selection)
            return
        await super()._on_key(event)

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self.refresh(layout=True)  # back to the stored order, for editing

    def _on_blur(self, event: events.Blur) -> None:
        super()._on_blur(event)
        self.refresh(layout=True)
