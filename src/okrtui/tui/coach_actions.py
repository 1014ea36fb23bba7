"""The SMART coach in the app: the guided goal writer.

A mixin of `OkrApp`: its bindings are listed in `BINDINGS` and merged into the app's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import BindingType

if TYPE_CHECKING:
    from okrtui.tui.commands import Command

BINDINGS: list[BindingType] = []


class CoachActions:
    def coach_commands(self) -> list[Command]:
        """Palette commands of this area that apply now."""
        return []
