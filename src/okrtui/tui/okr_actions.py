"""Measuring and reviewing (check-ins, dashboard, monthly review, moves, cycles, filters).

A mixin of `OkrApp`: its bindings are listed in `BINDINGS` and merged into the app's.
The work is done by concept: `okr_checkins` (add, edit, delete check-ins),
`okr_moves` (move, align, switch cycle, carry over) and `okr_views` (filters,
dashboard, review). Every change is made in memory and marked dirty, like any
edit: ctrl+s writes the objectives. The one file written at once is the review
itself (`reviews/<date>.toml`) when a review is saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding, BindingType

from okrtui.i18n import N_, _
from okrtui.tui import okr_checkins, okr_moves, okr_views
from okrtui.tui.release import known_owners

if TYPE_CHECKING:
    from okrtui.tui.app import OkrApp
    from okrtui.tui.commands import Command
    from okrtui.tui.widgets.kr_history import CheckInTable


def _binding(
    key: str, action: str, description: str, name: str, tooltip: str, *, show: bool = False
) -> Binding:
    return Binding(key, action, description, show=show, id=f"okr.{name}", tooltip=tooltip)


BINDINGS: list[BindingType] = [
    _binding(
        "c",
        "check_in",
        N_("Check-in"),
        "check_in",
        N_("Record a value for a key result"),
        show=True,
    ),
    _binding(
        "m", "move", N_("Move / align"), "move", N_("Move a key result, or align an objective")
    ),
    _binding("C", "switch_cycle", N_("Switch cycle"), "cycle", N_("Show one cycle, or all")),
    _binding("O", "carry_over", N_("Carry over"), "carry_over", N_("Copy into the next cycle")),
    _binding("f", "filter", N_("Filter"), "filter", N_("Filter the tree by owner or health")),
    _binding("F", "clear_filter", N_("Clear filter"), "clear_filter", N_("Show everything")),
    _binding("D", "dashboard", N_("Dashboard"), "dashboard", N_("The cycle at a glance")),
    _binding("R", "review", N_("Monthly review"), "review", N_("Review and decide")),
]


def _app(mixin: OkrActions) -> OkrApp:
    return cast("OkrApp", mixin)


class OkrActions:
    checkin_author: str | None = None
    """The default check-in author, looked up once (git runs in a worker)."""

    def okr_commands(self) -> list[Command]:
        """Palette commands of this area that apply now."""
        app = _app(self)
        objective, kr = app.selected()
        found: list[Command] = []
        if okr_checkins.checkin_target(app) is not None:
            found.append((_("check-in: add"), _("Record a value"), app.action_check_in))
        if kr is not None:
            found.append(
                (_("key result: move"), _("Move it to another objective"), app.action_move)
            )
        elif objective is not None:
            found.append((_("objective: align to…"), _("Pick its parent"), app.action_move))
        if objective is not None and not isinstance(okr_moves.carry_over_plan(app), str):
            found.append(
                (
                    _("objective: carry over"),
                    _("Copy it into the next cycle"),
                    app.action_carry_over,
                )
            )
        if app.store.cycles():
            found.append((_("cycle: switch"), _("Show one cycle, or all"), app.action_switch_cycle))
            found.append((_("dashboard: open"), _("The cycle at a glance"), app.action_dashboard))
        if app.store.objectives:
            found.append((_("review: start"), _("This month's review"), app.action_review))
            if known_owners(app.store):  # released objectives by their summaries
                found.append(
                    (_("filter: by owner"), _("Show one owner's work"), app.action_filter_owner)
                )
            found.append(
                (_("filter: by health"), _("Show what is at risk"), app.action_filter_health)
            )
        if app.objective_tree.tree_filter.clearable:
            found.append((_("filter: clear"), _("Show everything"), app.action_clear_filter))
        return found

    def action_check_in(self) -> None:
        app = _app(self)
        target = okr_checkins.checkin_target(app)
        if target is None:
            app.notify(_("Select a key result to check in."), severity="warning")
            return
        okr_checkins.open_checkin(app, *target, None)

    def on_check_in_table_edit_requested(self, message: CheckInTable.EditRequested) -> None:
        app = _app(self)
        found = okr_checkins.editor_key_result(app)
        if found is not None:
            okr_checkins.open_checkin(app, *found, message.index)

    def on_check_in_table_delete_requested(self, message: CheckInTable.DeleteRequested) -> None:
        okr_checkins.confirm_delete_checkin(_app(self), message.index)

    def action_move(self) -> None:
        okr_moves.move_selected(_app(self))

    def action_switch_cycle(self) -> None:
        okr_moves.pick_cycle(_app(self))

    def action_carry_over(self) -> None:
        okr_moves.carry_over_selected(_app(self))

    def action_filter(self) -> None:
        okr_views.pick_filter(_app(self), by_owner=True, by_health=True)

    def action_filter_owner(self) -> None:
        okr_views.pick_filter(_app(self), by_owner=True, by_health=False)

    def action_filter_health(self) -> None:
        okr_views.pick_filter(_app(self), by_owner=False, by_health=True)

    def action_clear_filter(self) -> None:
        okr_views.clear_filter(_app(self))

    def action_dashboard(self) -> None:
        okr_views.open_dashboard(_app(self))

    def action_review(self) -> None:
        okr_views.start_review(_app(self))
