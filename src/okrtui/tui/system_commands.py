"""Textual's own palette commands (Theme, Quit, Keys, ...) in the interface language.

Textual words them in English inside `App.get_system_commands`; okrtui marks
the same words here for the catalog and translates each command as the
palette asks for it, so a Persian interface has no English rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from textual.app import SystemCommand

from okrtui.i18n import N_, _

TEXTUAL_WORDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
"""Textual 8's system command titles and help, as `App.get_system_commands` words them."""


def translated(commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Each command with its title and help in the interface language."""
    for command in commands:
        yield command._replace(title=_(command.title), help=_(command.help))
