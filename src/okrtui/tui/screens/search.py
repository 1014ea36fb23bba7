"""Search across every cycle, results as you type; enter jumps to the one highlighted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from okrtui.i18n import N_, _, nformat
from okrtui.services.search import SearchHit
from okrtui.tui.focus_keys import FOCUS_KEYS
from okrtui.tui.formatting import cut_text, display_text
from okrtui.tui.screens.picker import move_cursor
from okrtui.tui.widgets.ordered_input import OrderedInput
from okrtui.tui.widgets.typing_preview import TypingPreview


@dataclass(frozen=True, slots=True)
class SearchResult:
    """What the search dialog closes with: the query, its hits, the one chosen."""

    query: str
    hits: list[SearchHit]
    index: int


class SearchScreen(ModalScreen[SearchResult | None]):
    """Type to search; ↑/↓ move; enter jumps; escape closes."""

    CSS = """
    SearchScreen .search-dialog { width: 90%; max-width: 110; }
    SearchScreen #search-query { margin-bottom: 1; }
    SearchScreen #search-results { height: auto; max-height: 50vh; border: none; padding: 0; }
    SearchScreen #search-results > .option-list--option-highlighted {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    SearchScreen #search-count { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,  # keys typed right after tab follow it
        Binding("escape", "cancel", N_("Close"), id="search.close"),
        Binding("down", "move(1)", N_("Next"), show=False, id="search.down"),
        Binding("up", "move(-1)", N_("Previous"), show=False, id="search.up"),
    ]

    def __init__(self, run: Callable[[str], list[SearchHit]], query: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.run = run
        self.initial = query
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog search-dialog"):
            yield Static(_("Search every cycle"), classes="dialog-title")
            yield OrderedInput(
                self.initial,
                placeholder=_("Titles, owners, tags, answers, notes…"),
                id="search-query",
                compact=True,
            )
            yield TypingPreview("search-query")
            yield OptionList(id="search-results")
            yield Static("", id="search-count", markup=False)
            yield Static(
                _("↑↓ move · enter jump · ] / [ next / previous later · escape close"),
                classes="hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self._fill(self.initial)
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        self.hits = self.run(query)
        options = self.query_one(OptionList)
        # the dialog is 90% of the screen (at most 110) less its border and padding
        width = max(30, min(110, self.app.size.width * 9 // 10) - 8)
        options.set_options(Option(self._prompt(hit, width)) for hit in self.hits)
        if self.hits:
            options.highlighted = 0
        count = self.query_one("#search-count", Static)
        if not query.strip():
            count.update(_("Type to search."))
        elif not self.hits:
            count.update(_("Nothing matches."))
        else:
            count.update(nformat("{n} found", "{n} found", len(self.hits)))

    @staticmethod
    def _prompt(hit: SearchHit, width: int) -> Text:
        """Two lines: the title; then cycle, field and the text that matched."""
        text = Text(cut_text(display_text(hit.title), width))
        where = f"\n  {hit.cycle} · {hit.field}"
        text.append(where, style="dim")
        if hit.field != _("title"):
            room = width - len(where) - 1
            text.append(": " + cut_text(display_text(hit.excerpt), room), style="italic")
        return text

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.query_one(OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int | None) -> None:
        if index is not None and 0 <= index < len(self.hits):
            self.dismiss(SearchResult(self.query_one(Input).value, self.hits, index))

    def action_move(self, step: int) -> None:
        move_cursor(self.query_one(OptionList), step)

    def action_cancel(self) -> None:
        self.dismiss(None)
