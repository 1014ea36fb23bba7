"""Looking at the work: tree filters by owner or health, the dashboard, the monthly review.

The review is the one thing here that writes at once: `reviews/<date>.toml`
when it is saved. The decisions it applies to objectives are made in memory
and marked dirty, like any edit: ctrl+s writes them.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from okrtui.i18n import _, nformat
from okrtui.model import Level, SmartCriterion
from okrtui.services.health import Health, health_label
from okrtui.store import SaveRefusedError, StoreError
from okrtui.tui.formatting import display_text
from okrtui.tui.level_names import level_label
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.widgets.tree_filter import TreeFilter

# The picker, the dashboard and the review load when first opened, not with the app.
if TYPE_CHECKING:
    from okrtui.model.review import Review
    from okrtui.services.dashboard import Dashboard
    from okrtui.tui.app import OkrApp

ATTENTION = "attention"
"""Health filter value: at risk or off track."""


def shown_cycle(app: OkrApp) -> str | None:
    """The cycle the tree is narrowed to, else the selected one."""
    return app.objective_tree.tree_filter.cycle or app.selected_cycle()


# ---------------------------------------------------------------------- filters
def pick_filter(app: OkrApp, *, by_owner: bool, by_health: bool) -> None:
    """Offer owners and/or healths to narrow the tree to, and clearing the filter."""
    from okrtui.tui.screens.picker import PickerItem, PickerScreen

    tree = app.objective_tree
    cycle = tree.tree_filter.cycle
    items: list[PickerItem] = []
    if by_owner:
        from okrtui.tui.release import known_owners

        items += [
            PickerItem(
                f"owner:{name}",
                _("Owner: {name}").format(name=display_text(name)),
                keywords=name,
            )
            for name in known_owners(app.store, cycle)  # released ones by their summaries
        ]
    if by_health:
        items.append(PickerItem(f"health:{ATTENTION}", _("Health: at risk or off track")))
        items += [
            PickerItem(f"health:{h.value}", _("Health: {label}").format(label=health_label(h)))
            for h in (Health.OFF_TRACK, Health.AT_RISK, Health.ON_TRACK, Health.NO_DATA)
        ]
    if by_owner and by_health:  # the full filter (f) offers the other criteria too
        items += [
            PickerItem(f"level:{lv.value}", _("Level: {level}").format(level=level_label(lv)))
            for lv in Level
        ]
        items += [
            PickerItem(
                f"smart:{c.value}",
                _("SMART failing: {letter} ({label})").format(letter=c.letter, label=_(c.label)),
            )
            for c in SmartCriterion
        ]
        shown = tree.tree_filter.show_archived
        items.append(PickerItem("archived", _("Hide archived") if shown else _("Show archived")))
    if tree.tree_filter.clearable:
        items.append(PickerItem("clear", _("Clear the filter"), tree.tree_filter.describe()))

    def chosen(value: str | None) -> None:
        current = tree.tree_filter
        kind, _sep, wanted = (value or "").partition(":")
        if value == "clear":
            tree.set_filter(TreeFilter())
        elif kind == "owner":
            tree.set_filter(dataclasses.replace(current, owner=wanted))
        elif kind == "health":
            healths = (
                {Health.AT_RISK, Health.OFF_TRACK} if wanted == ATTENTION else {Health(wanted)}
            )
            tree.set_filter(dataclasses.replace(current, healths=frozenset(healths)))
        elif kind == "level":
            tree.set_filter(dataclasses.replace(current, level=wanted))
        elif kind == "smart":  # letters add up; choosing one again drops it
            letters = current.smart_failing ^ {SmartCriterion(wanted)}
            tree.set_filter(dataclasses.replace(current, smart_failing=letters))
        elif value == "archived":
            tree.set_filter(dataclasses.replace(current, show_archived=not current.show_archived))

    app.push_screen(PickerScreen(_("Filter the tree"), items), chosen)


def clear_filter(app: OkrApp) -> None:
    """Show the whole tree again."""
    tree = app.objective_tree
    if not tree.tree_filter.clearable:
        app.notify(_("No filter to clear."))
        return
    tree.set_filter(tree.tree_filter.cleared())


# ---------------------------------------------------------------------- dashboard and review
def open_dashboard(app: OkrApp) -> None:
    """The dashboard, on the cycle shown in the tree."""
    from okrtui.services.dashboard import build_dashboard
    from okrtui.tui.screens.dashboard import DashboardScreen

    names = [c.name for c in app.store.cycles()]
    if not names:
        app.notify(_("Add a cycle to okrtui.toml first."), severity="warning")
        return

    def build(cycle_name: str | None) -> Dashboard:
        return build_dashboard(
            app.store.objectives.values(), app.store.settings, app.today, cycle_name
        )

    calendar = app.store.settings.calendar
    app.push_screen(DashboardScreen(build, names, shown_cycle(app), calendar))


def start_review(app: OkrApp) -> None:
    """This month's review of the cycle shown in the tree."""
    from okrtui.store.reviews import ReviewLoadError
    from okrtui.tui.screens.review import ReviewScreen, open_review, save_and_apply

    try:
        session = open_review(app.store, shown_cycle(app), app.today)
    except (ReviewLoadError, SaveRefusedError) as exc:
        app.notify(str(exc), title=_("Review not opened"), severity="error", timeout=10)
        return
    if not session.objectives:
        app.notify(_("No objectives to review in this cycle."), severity="warning")
        return
    outcome: list[str] = []

    def save(review: Review) -> str | None:
        try:
            path, changed = save_and_apply(app.store, review, session.saved, session.opened_as)
        except (StoreError, OSError) as exc:
            return str(exc)
        for oid in changed:
            app.mark_dirty(oid)
        outcome[:] = [str(app.store.relative(path)), *changed]
        return None

    def closed(done: bool | None) -> None:
        if done and outcome:
            review_saved(app, outcome[0], outcome[1:])

    calendar = app.store.settings.calendar
    app.push_screen(ReviewScreen(session, save, calendar=calendar), closed)


def review_saved(app: OkrApp, path: str, changed: list[str]) -> None:
    """Back on the main screen: show the applied decisions and say where the file is."""
    ref = app.editor.current
    if ref is not None and ref.kind is NodeKind.KEY_RESULT and ref.objective_id in changed:
        objective = app.store.objectives[ref.objective_id or ""]
        if objective.key_result(ref.kr_id or "") is None:  # dropped by the review
            ref = NodeRef(NodeKind.OBJECTIVE, objective.cycle, objective.id)
    app.objective_tree.rebuild(select=ref)
    app.editor.show(ref)
    message = _("Review saved to {path}.").format(path=path)
    if changed:
        message += " " + nformat(
            "{n} objective changed: ctrl+s writes it.",
            "{n} objectives changed: ctrl+s writes them.",
            len(changed),
        )
    app.notify(message)
