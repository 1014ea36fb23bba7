"""The workspace in git: status in the footer, live reload, the git panel, history.

A mixin of `OkrApp`: its bindings are listed in `BINDINGS` and merged into the app's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import BindingType

if TYPE_CHECKING:
    from okrtui.tui.commands import Command

BINDINGS: list[BindingType] = []


class GitActions:
    def compose_git_status(self) -> ComposeResult:
        """Widgets shown at the right of the footer."""
        yield from ()

    def start_git(self) -> None:
        """Called once the main screen is mounted."""

    def git_commands(self) -> list[Command]:
        """Palette commands of this area that apply now."""
        return []
