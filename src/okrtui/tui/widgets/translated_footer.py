"""The footer, with each key's description translated when it is drawn.

Binding descriptions are fixed when their module is imported, before the
workspace (and so the language) is known; they are marked with `N_()` and
translated here, each time the footer is composed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel

from okrtui.i18n import N_, _


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


N_("palette")  # the description of Textual's own command-palette key
