"""The footer, with each key's description translated when it is drawn, fitted to its width.

Binding descriptions are fixed when their module is imported, before the
workspace (and so the language) is known; they are marked with `N_()` and
translated here, each time the footer is composed.

Textual's footer lets keys that do not fit run off its right edge, under the
palette key, so at 80 columns "q Quit" went missing (Persian words are longer;
a focused check-in table adds its own keys). Here the footer first takes
Textual's compact style, and if that is still too wide it leaves out the
keys of least use here (the app's, from the right), never save, help or quit:
the help screen (`?`) lists every key.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel

from okrtui.i18n import N_, _

ALWAYS_SHOWN = frozenset({"save_from_dialog", "help", "quit_app"})
"""Actions whose keys stay in the footer however narrow it is."""


def key_width(key: FooterKey, *, compact: bool) -> int:
    """Cells `key` takes in the footer (Textual 8's footer styles, margins included)."""
    display = cell_len(key.key_display)
    if not key.description:
        return display + (1 if compact else 0)
    if compact:  # "k Desc" and a margin of one
        return display + 1 + cell_len(key.description) + 1
    return 1 + display + 1 + cell_len(key.description) + 1  # " k Desc "


class TranslatedFooter(Footer):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = _(widget.description)
                if isinstance(widget.tooltip, str):
                    widget.tooltip = _(widget.tooltip)
            elif isinstance(widget, FooterLabel):
                widget.update(_(str(widget.content)))
            yield widget

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self.fit_keys)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.fit_keys)

    def fit_keys(self) -> None:
        """Compact style, then fewer keys, until every shown key is in view."""
        keys = [k for k in self.query(FooterKey) if not k.has_class("-command-palette")]
        if not keys or self.size.width == 0 or self.query(FooterLabel):
            return  # nothing laid out yet, or grouped keys (which this does not measure)
        palette = [k for k in self.query(FooterKey) if k.has_class("-command-palette")]
        room = self.size.width - sum(p.outer_size.width for p in palette)
        compact = sum(key_width(k, compact=False) for k in keys) > room
        self.compact = compact
        needed = sum(key_width(k, compact=compact) for k in keys)
        for key in reversed(keys):
            fits = needed <= room
            if not fits and key.action not in ALWAYS_SHOWN:
                needed -= key_width(key, compact=compact)
            key.display = fits or key.action in ALWAYS_SHOWN

    def shown_keys(self) -> list[FooterKey]:
        """The keys a user sees, left to right (palette key last)."""
        return [k for k in self.query(FooterKey) if k.display]


N_("palette")  # the description of Textual's own command-palette key
