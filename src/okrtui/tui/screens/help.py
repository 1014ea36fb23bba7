"""The help screen: every key binding, read from the bindings themselves."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from okrtui.i18n import N_, _
from okrtui.i18n.bidi_mode import bidi_choice

HelpSection = tuple[str, list[tuple[str, str]]]


def binding_rows(
    bindings: list[BindingType],
    keymap: Mapping[str, str] | None = None,
    *,
    only: Collection[str] | None = None,
    skip: Collection[str] = (),
) -> list[tuple[str, str]]:
    """(keys, description) for each binding that has a description, as `keymap` remaps them.

    `only` and `skip` choose bindings by id, so a key that means something else in
    each part of the app is listed once in each part, not once more under "Everywhere".
    """
    rows = []
    for item in bindings:
        if isinstance(item, Binding):
            binding = item
        elif isinstance(item, tuple) and len(item) >= 2:
            binding = Binding(*item)
        else:
            continue
        if not binding.description:
            continue
        if binding.id in skip or (only is not None and binding.id not in only):
            continue
        remapped = (keymap or {}).get(binding.id or "")
        if remapped:
            binding = binding.with_key(remapped, key_display=None)
        keys = binding.key_display or ", ".join(k.strip() for k in binding.key.split(","))
        keys = keys.replace("question_mark", "?").replace("ctrl+", "^")
        rows.append((keys, _(binding.description)))
    return rows


def bidi_summary() -> str:
    """Who puts right-to-left text in reading order, and how that was chosen."""
    mode, how, terminal = bidi_choice()
    if how == "auto":
        how = _("auto: {terminal}").format(terminal=terminal)
    if mode == "app":
        text = _("Right-to-left text: okrtui reorders and joins its letters")
    else:
        text = _("Right-to-left text: left to the terminal")
    # on a line of its own: `--bidi` inside a right-to-left sentence would not read
    return f"{text}\n{how}"


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", N_("Close"), id="help.close"),
    ]

    def __init__(self, sections: list[HelpSection]) -> None:
        super().__init__(classes="dialog-screen")
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help-dialog"):
            yield Static(_("okrtui — keys"), classes="dialog-title")
            with VerticalScroll():
                for title, rows in self.sections:
                    yield Static(f"[b]{title}[/b]", classes="help-section")
                    width = max((len(k) for k, _d in rows), default=4) + 2
                    text = "\n".join(f"  {keys:<{width}}{desc}" for keys, desc in rows)
                    yield Static(text, markup=False)
            yield Static(bidi_summary(), classes="hint", markup=False)
            yield Static(_("escape: close"), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
