"""Moving work around: a key result to another objective, an objective under a parent,
the tree to another cycle, an unfinished objective into the next cycle.

Moves are made in memory and mark the objectives dirty: ctrl+s writes them.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from okrtui.i18n import _, nformat
from okrtui.model import KeyResult, Objective, ObjectiveKind, Status
from okrtui.tui.formatting import display_text, fit_text
from okrtui.tui.node_ref import NodeKind, NodeRef

# The picker and the move services load when first used, not with the app.
if TYPE_CHECKING:
    from okrtui.model import Cycle
    from okrtui.tui.app import OkrApp
    from okrtui.tui.screens.picker import PickerItem


def move_selected(app: OkrApp) -> None:
    """Move the selected key result, or align the selected objective."""
    objective, kr = app.selected()
    if objective is None:
        app.notify(_("Select a key result or an objective to move."), severity="warning")
    elif kr is not None:
        pick_destination(app, objective, kr)
    else:
        pick_parent(app, objective)


def objective_item(objective: Objective) -> PickerItem:
    """A picker line for an objective: title, cycle and owner."""
    from okrtui.tui.screens.picker import LINE_WIDTH, PickerItem

    owner = display_text(objective.owner)
    detail = objective.cycle + (f" · {owner}" if owner else "")
    label = fit_text(objective.title, LINE_WIDTH - len(detail) - 2)
    return PickerItem(objective.id, label, detail, keywords=f"{objective.title} {objective.id}")


def pick_destination(app: OkrApp, source: Objective, kr: KeyResult) -> None:
    """Offer the objectives that can take `kr`, then move it there."""
    from okrtui.services.alignment import AlignmentError, move_key_result
    from okrtui.tui.screens.picker import PickerScreen

    candidates = sorted(
        (
            o
            for o in app.store.objectives.values()
            if o.id != source.id
            and not (o.kind is ObjectiveKind.SMART and o.key_results)
            and o.status is not Status.DROPPED
        ),
        key=lambda o: (o.cycle != source.cycle, o.cycle, o.title.casefold()),
    )
    if not candidates:
        app.notify(_("No other objective can take this key result."), severity="warning")
        return

    def chosen(value: str | None) -> None:
        # by id: an objective reloaded from disk meanwhile is a new object
        destination = app.store.objectives.get(value or "")
        current = app.store.objectives.get(source.id)
        if destination is None or current is None:
            return
        try:
            moved = move_key_result(current, destination, kr.id)
        except AlignmentError as exc:
            app.notify(str(exc), title=_("Not moved"), severity="error")
            return
        if (source.id, kr.id) in app.fresh_krs:
            app.fresh_krs.discard((source.id, kr.id))
            app.fresh_krs.add((destination.id, moved.id))
        app.mark_dirty(source.id)
        app.mark_dirty(destination.id)
        show_ref(app, NodeRef(NodeKind.KEY_RESULT, destination.cycle, destination.id, moved.id))
        app.notify(
            _("Moved to “{title}”. Press ctrl+s to write both objectives.").format(
                title=destination.title
            )
        )

    title = _("Move “{title}” to…").format(title=fit_text(kr.title, 40))
    app.push_screen(PickerScreen(title, [objective_item(o) for o in candidates]), chosen)


def pick_parent(app: OkrApp, objective: Objective) -> None:
    """Offer every objective `objective` may be aligned under, and top level."""
    from okrtui.services.alignment import AlignmentError, parent_candidates, reparent
    from okrtui.tui.screens.picker import PickerItem, PickerScreen

    candidates = sorted(
        parent_candidates(objective.id, app.store.objectives),
        key=lambda o: (o.cycle != objective.cycle, o.cycle, o.title.casefold()),
    )
    items = [PickerItem("", _("— top level (aligned to nothing) —"))]
    items += [objective_item(o) for o in candidates]

    def chosen(value: str | None) -> None:
        current = app.store.objectives.get(objective.id)
        if value is None or current is None or (value or None) == current.parent:
            return
        try:
            reparent(current, value or None, app.store.objectives)
        except AlignmentError as exc:
            app.notify(str(exc), title=_("Not aligned"), severity="error")
            return
        app.mark_dirty(current.id)
        show_ref(app, NodeRef(NodeKind.OBJECTIVE, current.cycle, current.id))

    title = _("Align “{title}” to…").format(title=fit_text(objective.title, 40))
    app.push_screen(PickerScreen(title, items, current=objective.parent or ""), chosen)


def show_ref(app: OkrApp, ref: NodeRef) -> None:
    """Rebuild the tree and select `ref`, clearing a filter that would hide it."""
    app.objective_tree.rebuild()
    app.reveal(ref)  # shows archived work too when `ref` is archived
    app.editor.show(ref)


def pick_cycle(app: OkrApp) -> None:
    """Narrow the tree to one cycle, or show them all."""
    from okrtui.tui.screens.picker import PickerItem, PickerScreen

    tree = app.objective_tree
    cycles = app.store.cycles()
    counts = dict.fromkeys((c.name for c in cycles), 0)
    for outline in app.store.outlines():  # outlines: no released file is read again
        counts[outline.cycle] = counts.get(outline.cycle, 0) + 1

    def count(n: int) -> str:
        return nformat("{n} objective", "{n} objectives", n)

    items = [PickerItem("", _("All cycles"), count(len(app.store.objectives)))]
    items += [
        PickerItem(c.name, c.name, " · ".join(p for p in (c.label, count(counts[c.name])) if p))
        for c in cycles
    ]

    def chosen(value: str | None) -> None:
        if value is None:
            return
        ref = NodeRef(NodeKind.CYCLE, cycle=value) if value else None
        tree.set_filter(dataclasses.replace(tree.tree_filter, cycle=value or None), select=ref)
        app.editor.show(tree.selected_ref())

    current = tree.tree_filter.cycle or ""
    app.push_screen(PickerScreen(_("Show cycle"), items, current=current), chosen)


def carry_over_plan(app: OkrApp) -> tuple[Objective, Cycle] | str:
    """The objective to carry over and its next cycle, or why it cannot be."""
    from okrtui.services.cycles import is_unfinished, next_cycle

    objective, _kr = app.selected()
    if objective is None:
        return _("Select an objective to carry over.")
    if not is_unfinished(objective):
        return _("“{title}” is finished: nothing to carry over.").format(title=objective.title)
    target = next_cycle(app.store.settings, objective.cycle)
    if target is None:
        return _("No cycle follows {cycle}: add the next one to okrtui.toml first.").format(
            cycle=objective.cycle
        )
    return objective, target


def carry_over_selected(app: OkrApp) -> None:
    """Copy the selected unfinished objective into the next cycle and select the copy."""
    from okrtui.services.cycles import carry_over

    plan = carry_over_plan(app)
    if isinstance(plan, str):
        app.notify(plan, severity="warning")
        return
    objective, target = plan
    twin = next(
        (
            o
            for o in app.store.objectives.values()
            if o.cycle == target.name and o.title == objective.title
        ),
        None,
    )
    if twin is not None:  # pressed twice: do not make a second copy
        app.notify(_("Already carried over to {cycle}.").format(cycle=target.name))
        show_ref(app, NodeRef(NodeKind.OBJECTIVE, twin.cycle, twin.id))
        return
    place_new_objective(app, carry_over(objective, target, taken_ids(app), app.today))
    app.notify(_("Carried over to {cycle}. Press ctrl+s to write it.").format(cycle=target.name))


def taken_ids(app: OkrApp) -> set[str]:
    """Ids a new objective may not take: loaded, on disk, or deleted but not yet saved."""
    return set(app.store.objectives) | set(app.store.files) | app.pending_deletes


def place_new_objective(app: OkrApp, copy: Objective) -> None:
    """A copy made in memory (carry-over, duplicate): unsaved, its cycle in view, selected."""
    app.store.objectives[copy.id] = copy
    app.mark_dirty(copy.id)
    tree = app.objective_tree
    if tree.tree_filter.cycle not in (None, copy.cycle):
        tree.set_filter(dataclasses.replace(tree.tree_filter, cycle=copy.cycle))
    show_ref(app, NodeRef(NodeKind.OBJECTIVE, copy.cycle, copy.id))
