"""The SMART coach in the app: the guided goal writer and the coach's report.

A mixin of `OkrApp`: its bindings are listed in `BINDINGS` and merged into the app's.
The work itself is done by `okrtui.tui.smart_coach.SmartCoach`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding, BindingType

from okrtui.i18n import N_

if TYPE_CHECKING:
    from okrtui.tui.app import OkrApp
    from okrtui.tui.commands import Command
    from okrtui.tui.smart_coach import SmartCoach

BINDINGS: list[BindingType] = [
    Binding(
        "w",
        "write_key_result",
        N_("Write KR"),
        show=False,
        id="coach.write",
        tooltip=N_("Write a SMART key result, one key question at a time"),
    ),
    Binding(
        "S",
        "coach_report",
        N_("SMART report"),
        show=False,
        id="coach.report",
        tooltip=N_("Every SMART finding in the workspace, errors first"),
    ),
]


class CoachActions:
    """The mixin: bindings and palette commands, passed on to a `SmartCoach`."""

    @property
    def smart_coach(self) -> SmartCoach:
        # imported on first use: the coach pulls in the wizard and its form widgets
        from okrtui.tui.smart_coach import SmartCoach

        return SmartCoach(cast("OkrApp", self))

    def action_write_key_result(self) -> None:
        """`w`: the guided writer; on a key result it first offers to rewrite it."""
        coach = self.smart_coach
        if coach.may_open():
            coach.write()

    def action_rewrite_key_result(self) -> None:
        """The guided writer on the selected key result."""
        coach = self.smart_coach
        if coach.may_open():
            coach.rewrite_selected()

    def action_coach_report(self) -> None:
        """`S`: every finding of the workspace check; enter jumps to its key result."""
        coach = self.smart_coach
        if coach.may_open():
            coach.open_report()

    def coach_commands(self) -> list[Command]:
        """Palette commands of this area that apply now."""
        return self.smart_coach.commands()
