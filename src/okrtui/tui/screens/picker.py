"""A modal list to pick one item from, filtered as the user types."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from okrtui.i18n import N_, _
from okrtui.tui.focus_keys import FOCUS_KEYS
from okrtui.tui.formatting import cut_text
from okrtui.tui.widgets.ordered_input import OrderedInput
from okrtui.tui.widgets.typing_preview import TypingPreview

LINE_WIDTH = 56
"""Characters an item may take in the dialog before it would wrap."""


@dataclass(frozen=True, slots=True)
class PickerItem:
    """One choice: what is returned, how it reads, and a dim detail after it.

    `keywords` are matched too: the logical text of a label put in display order.
    """

    value: str
    label: str
    detail: str = ""
    keywords: str = ""


class PickerScreen(ModalScreen[str | None]):
    """Pick one item: type to filter, ↑/↓ to move, enter to choose, escape to cancel.

    Dismisses with the chosen item's `value`, or None when cancelled.
    """

    DEFAULT_CSS = """
    PickerScreen .picker-dialog { width: 70; }
    PickerScreen #picker-filter { margin-bottom: 1; }
    PickerScreen #picker-list { height: auto; max-height: 14; border: none; padding: 0; }
    PickerScreen #picker-list > .option-list--option-highlighted {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    PickerScreen #picker-empty { color: $text-muted; display: none; }
    PickerScreen.-empty #picker-empty { display: block; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,  # keys typed right after tab follow it
        Binding("escape", "cancel", N_("Cancel"), id="picker.cancel"),
        Binding("down", "move(1)", N_("Next"), show=False, id="picker.down"),
        Binding("up", "move(-1)", N_("Previous"), show=False, id="picker.up"),
    ]

    def __init__(
        self,
        title: str,
        items: Sequence[PickerItem],
        *,
        hint: str = "",
        current: str | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.choices = list(items)
        self.hint = hint or _("type to filter · ↑↓ move · enter choose · escape cancel")
        self.initial = current
        self.shown: list[PickerItem] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker-dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield OrderedInput(placeholder=_("Type to filter"), id="picker-filter", compact=True)
            yield TypingPreview("picker-filter")
            yield OptionList(id="picker-list")
            yield Static(_("Nothing matches."), id="picker-empty")
            yield Static(self.hint, classes="hint", markup=False)

    def on_mount(self) -> None:
        self._fill("")
        values = [item.value for item in self.shown]
        if self.initial in values:
            self.query_one(OptionList).highlighted = values.index(self.initial)
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        wanted = query.casefold().strip()
        self.shown = [
            item
            for item in self.choices
            if not wanted or wanted in f"{item.label} {item.detail} {item.keywords}".casefold()
        ]
        options = self.query_one(OptionList)
        options.set_options(Option(self._prompt(item)) for item in self.shown)
        if self.shown:
            options.highlighted = 0
        self.set_class(not self.shown, "-empty")

    @staticmethod
    def _prompt(item: PickerItem) -> Text:
        """The label and its detail on one line: the label gives way to the detail."""
        room = LINE_WIDTH - (len(item.detail) + 2 if item.detail else 0)
        text = Text(cut_text(item.label, room))
        if item.detail:
            text.append(f"  {item.detail}", style="dim")
        return text

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = self.query_one(OptionList).highlighted
        if index is not None and 0 <= index < len(self.shown):
            self.dismiss(self.shown[index].value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.shown):
            self.dismiss(self.shown[event.option_index].value)

    def action_move(self, step: int) -> None:
        move_cursor(self.query_one(OptionList), step)

    def action_cancel(self) -> None:
        self.dismiss(None)


def move_cursor(options: OptionList, step: int) -> None:
    """Up or down a line in a list under a text field (the field keeps the focus)."""
    if step > 0:
        options.action_cursor_down()
    else:
        options.action_cursor_up()
