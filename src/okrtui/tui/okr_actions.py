"""Measuring and reviewing (check-ins, dashboard, monthly review, moves, cycles, filters).

A mixin of `OkrApp`: its bindings are listed in `BINDINGS` and merged into the app's;
`OkrEngine` does the work. Every change here is made in memory and marked
dirty, like any edit: ctrl+s writes the objectives. The one file written at
once is the review itself (`reviews/<date>.toml`) when a review is saved.
"""

from __future__ import annotations

import dataclasses
from functools import partial
from typing import TYPE_CHECKING, cast

from pydantic import ValidationError
from textual.binding import Binding, BindingType

from okrtui.i18n import _, ngettext
from okrtui.model import Cycle, KeyResult, Objective, ObjectiveKind, Status
from okrtui.model.review import Review
from okrtui.services.alignment import AlignmentError, move_key_result, parent_candidates, reparent
from okrtui.services.checkins import CheckInError, add_checkin, delete_checkin, edit_checkin
from okrtui.services.cycles import carry_over, is_unfinished, next_cycle
from okrtui.services.dashboard import Dashboard, build_dashboard
from okrtui.services.filters import owners
from okrtui.services.health import Health, health_label
from okrtui.store import SaveRefusedError, StoreError
from okrtui.store.reviews import ReviewLoadError
from okrtui.tui.formatting import display_text, format_date, format_value
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.screens.checkin import CheckInDraft, CheckInScreen, default_author
from okrtui.tui.screens.dashboard import DashboardScreen, fit
from okrtui.tui.screens.dialogs import ConfirmScreen
from okrtui.tui.screens.picker import LINE_WIDTH, PickerItem, PickerScreen
from okrtui.tui.screens.review import ReviewScreen, open_review, save_and_apply
from okrtui.tui.widgets.editor_forms import KeyResultForm
from okrtui.tui.widgets.kr_history import CheckInTable
from okrtui.tui.widgets.objective_tree import TreeFilter

if TYPE_CHECKING:
    from okrtui.tui.app import OkrApp
    from okrtui.tui.commands import Command


def _binding(
    key: str, action: str, description: str, name: str, tooltip: str, *, show: bool = False
) -> Binding:
    return Binding(key, action, description, show=show, id=f"okr.{name}", tooltip=tooltip)


BINDINGS: list[BindingType] = [
    _binding(
        "c", "check_in", _("Check-in"), "check_in", _("Record a value for a key result"), show=True
    ),
    _binding("m", "move", _("Move / align"), "move", _("Move a key result, or align an objective")),
    _binding("C", "switch_cycle", _("Switch cycle"), "cycle", _("Show one cycle, or all")),
    _binding("O", "carry_over", _("Carry over"), "carry_over", _("Copy into the next cycle")),
    _binding("f", "filter", _("Filter"), "filter", _("Filter the tree by owner or health")),
    _binding("F", "clear_filter", _("Clear filter"), "clear_filter", _("Show everything")),
    _binding("D", "dashboard", _("Dashboard"), "dashboard", _("The cycle at a glance")),
    _binding("R", "review", _("Monthly review"), "review", _("Review and decide")),
]

ATTENTION = "attention"
"""Health filter value: at risk or off track."""


class OkrEngine:
    """What the bindings and palette commands of this area do, for one app."""

    def __init__(self, app: OkrApp) -> None:
        self.app = app

    @property
    def cycle_name(self) -> str | None:
        """The cycle the tree is narrowed to, else the selected one."""
        return self.app.objective_tree.tree_filter.cycle or self.app.selected_cycle()

    # ------------------------------------------------------------------ check-ins
    def checkin_target(self) -> tuple[Objective, KeyResult] | None:
        """The selected key result, or the one metric of a selected SMART goal."""
        objective, kr = self.app.selected()
        if objective is None:
            return None
        if kr is None and objective.kind is ObjectiveKind.SMART and len(objective.key_results) == 1:
            kr = objective.key_results[0]
        return (objective, kr) if kr is not None else None

    def open_checkin(self, objective: Objective, kr: KeyResult, index: int | None) -> None:
        """Add a check-in (`index` None) or edit the one at `index` in date order."""
        app = self.app
        ordered = sorted(kr.checkins, key=lambda c: c.date)
        editing = ordered[index] if index is not None and index < len(ordered) else None
        landed: list[tuple[Objective, KeyResult, int]] = []

        def submit(draft: CheckInDraft) -> str | None:
            # the objective may have been reloaded from disk while the dialog was open
            found = self.key_result(objective.id, kr.id)
            if found is None:
                return _("This key result is no longer in the workspace.")
            target, measured = found
            try:
                if editing is None or index is None:
                    saved = add_checkin(
                        measured,
                        draft.value,
                        author=draft.author,
                        today=app.today,
                        date=draft.date,
                        confidence=draft.confidence,
                        note=draft.note,
                    )
                else:
                    saved = edit_checkin(measured, index, draft.to_checkin(), today=app.today)
            except CheckInError as exc:
                return str(exc)
            except ValidationError as exc:
                return str(exc.errors()[0]["msg"])
            landed.append((target, measured, [c.date for c in measured.checkins].index(saved.date)))
            return None

        def closed(applied: bool | None) -> None:
            # the main screen is back: its tree and editor can be refreshed now
            if applied and landed:
                self.checkin_changed(*landed[-1])

        screen = CheckInScreen(
            kr,
            submit,
            calendar=app.store.settings.calendar,
            today=app.today,
            author=app.checkin_author or "",
            editing=editing,
        )
        app.push_screen(screen, closed)
        if app.checkin_author is None and editing is None:
            app.run_worker(
                partial(self._look_up_author, screen),
                thread=True,
                exclusive=True,
                group="okr-author",
            )

    def _look_up_author(self, screen: CheckInScreen) -> None:
        """In a worker thread: git runs here, never on the UI thread."""
        name = default_author(self.app.store.root)
        self.app.call_from_thread(self._author_found, screen, name)

    def _author_found(self, screen: CheckInScreen, name: str) -> None:
        self.app.checkin_author = name
        screen.suggest_author(name)

    def checkin_changed(self, objective: Objective, kr: KeyResult, index: int | None) -> None:
        """After a check-in changed: dirty, tree labels, editor, history cursor."""
        app = self.app
        app.mark_dirty(objective.id)
        app.objective_tree.refresh_objective(objective.id)
        ref = app.editor.current
        if ref is not None and ref.objective_id == objective.id and ref.kr_id == kr.id:
            app.editor.query_one(KeyResultForm).refresh_values()
            if index is not None:
                app.editor.query_one(CheckInTable).select_index(index)
        else:
            app.editor.show(ref)

    def key_result(self, objective_id: str, kr_id: str) -> tuple[Objective, KeyResult] | None:
        """The objective and key result as the store holds them now."""
        objective = self.app.store.objectives.get(objective_id)
        kr = objective.key_result(kr_id) if objective is not None else None
        return (objective, kr) if objective is not None and kr is not None else None

    def editor_key_result(self) -> tuple[Objective, KeyResult] | None:
        ref = self.app.editor.current
        if ref is None or ref.kind is not NodeKind.KEY_RESULT or ref.kr_id is None:
            return None
        return self.key_result(ref.objective_id or "", ref.kr_id)

    def delete_checkin(self, index: int) -> None:
        found = self.editor_key_result()
        if found is None:
            return
        objective, kr = found
        ordered = sorted(kr.checkins, key=lambda c: c.date)
        if not 0 <= index < len(ordered):
            return
        question = _("Delete the check-in of {date} ({value})?").format(
            date=format_date(ordered[index].date, self.app.store.settings.calendar),
            value=format_value(ordered[index].value, kr.metric),
        )

        def answered(confirmed: bool | None) -> None:
            current = self.key_result(objective.id, kr.id) if confirmed else None
            if current is None:
                return
            now = sorted(current[1].checkins, key=lambda c: c.date)
            if index >= len(now) or now[index] != ordered[index]:
                # the objective was reloaded from disk while the question was open
                self.app.notify(_("The check-ins changed meanwhile: nothing deleted."))
                return
            delete_checkin(current[1], index)
            self.checkin_changed(*current, min(index, len(current[1].checkins) - 1))

        self.app.push_screen(ConfirmScreen(question, _("Delete")), answered)

    # ------------------------------------------------------------------ moving
    def move(self) -> None:
        objective, kr = self.app.selected()
        if objective is None:
            self.app.notify(_("Select a key result or an objective to move."), severity="warning")
        elif kr is not None:
            self.pick_destination(objective, kr)
        else:
            self.pick_parent(objective)

    @staticmethod
    def objective_item(objective: Objective) -> PickerItem:
        owner = display_text(objective.owner)
        detail = objective.cycle + (f" · {owner}" if owner else "")
        label = fit(objective.title, LINE_WIDTH - len(detail) - 2)
        return PickerItem(objective.id, label, detail, keywords=f"{objective.title} {objective.id}")

    def pick_destination(self, source: Objective, kr: KeyResult) -> None:
        """Offer the objectives that can take `kr`, then move it there."""
        app = self.app
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
            self.show_ref(NodeRef(NodeKind.KEY_RESULT, destination.cycle, destination.id, moved.id))
            app.notify(
                _("Moved to “{title}”. Press ctrl+s to write both objectives.").format(
                    title=destination.title
                )
            )

        title = _("Move “{title}” to…").format(title=fit(kr.title, 40))
        app.push_screen(PickerScreen(title, [self.objective_item(o) for o in candidates]), chosen)

    def pick_parent(self, objective: Objective) -> None:
        """Offer every objective `objective` may be aligned under, and top level."""
        app = self.app
        candidates = sorted(
            parent_candidates(objective.id, app.store.objectives),
            key=lambda o: (o.cycle != objective.cycle, o.cycle, o.title.casefold()),
        )
        items = [PickerItem("", _("— top level (aligned to nothing) —"))]
        items += [self.objective_item(o) for o in candidates]

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
            self.show_ref(NodeRef(NodeKind.OBJECTIVE, current.cycle, current.id))

        title = _("Align “{title}” to…").format(title=fit(objective.title, 40))
        app.push_screen(PickerScreen(title, items, current=objective.parent or ""), chosen)

    def show_ref(self, ref: NodeRef) -> None:
        """Rebuild the tree and select `ref`, clearing a filter that would hide it."""
        tree = self.app.objective_tree
        tree.rebuild()
        if not tree.select_ref(ref):
            tree.set_filter(TreeFilter(), select=ref)
        self.app.editor.show(ref)

    # ------------------------------------------------------------------ cycles
    def switch_cycle(self) -> None:
        app, tree = self.app, self.app.objective_tree
        cycles = app.store.cycles()
        counts = dict.fromkeys((c.name for c in cycles), 0)
        for objective in app.store.objectives.values():
            counts[objective.cycle] = counts.get(objective.cycle, 0) + 1

        def count(n: int) -> str:
            return ngettext("%d objective", "%d objectives", n) % n

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

    def carry_over_plan(self) -> tuple[Objective, Cycle] | str:
        """The objective to carry over and its next cycle, or why it cannot be."""
        objective, _kr = self.app.selected()
        if objective is None:
            return _("Select an objective to carry over.")
        if not is_unfinished(objective):
            return _("“{title}” is finished: nothing to carry over.").format(title=objective.title)
        target = next_cycle(self.app.store.settings, objective.cycle)
        if target is None:
            return _("No cycle follows {cycle}: add the next one to okrtui.toml first.").format(
                cycle=objective.cycle
            )
        return objective, target

    def carry_over(self) -> None:
        """Copy the selected unfinished objective into the next cycle and select the copy."""
        app = self.app
        plan = self.carry_over_plan()
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
            self.show_ref(NodeRef(NodeKind.OBJECTIVE, twin.cycle, twin.id))
            return
        taken = set(app.store.objectives) | set(app.store.files) | app.pending_deletes
        copy = carry_over(objective, target, taken, app.today)
        app.store.objectives[copy.id] = copy
        app.mark_dirty(copy.id)
        tree = app.objective_tree
        if tree.tree_filter.cycle not in (None, target.name):
            tree.set_filter(dataclasses.replace(tree.tree_filter, cycle=target.name))
        self.show_ref(NodeRef(NodeKind.OBJECTIVE, copy.cycle, copy.id))
        app.notify(
            _("Carried over to {cycle}. Press ctrl+s to write it.").format(cycle=target.name)
        )

    # ------------------------------------------------------------------ filters
    def pick_filter(self, *, by_owner: bool, by_health: bool) -> None:
        app, tree = self.app, self.app.objective_tree
        cycle = tree.tree_filter.cycle
        items: list[PickerItem] = []
        if by_owner:
            pool = [o for o in app.store.objectives.values() if cycle in (None, o.cycle)]
            items += [
                PickerItem(
                    f"owner:{name}",
                    _("Owner: {name}").format(name=display_text(name)),
                    keywords=name,
                )
                for name in owners(pool)
            ]
        if by_health:
            items.append(PickerItem(f"health:{ATTENTION}", _("Health: at risk or off track")))
            items += [
                PickerItem(f"health:{h.value}", _("Health: {label}").format(label=health_label(h)))
                for h in (Health.OFF_TRACK, Health.AT_RISK, Health.ON_TRACK, Health.NO_DATA)
            ]
        if tree.tree_filter.active:
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

        app.push_screen(PickerScreen(_("Filter the tree"), items), chosen)

    def clear_filter(self) -> None:
        tree = self.app.objective_tree
        if not tree.tree_filter.active:
            self.app.notify(_("No filter to clear."))
            return
        tree.set_filter(TreeFilter())

    # ------------------------------------------------------------------ dashboard and review
    def dashboard(self) -> None:
        app = self.app
        names = [c.name for c in app.store.cycles()]
        if not names:
            app.notify(_("Add a cycle to okrtui.toml first."), severity="warning")
            return

        def build(cycle_name: str | None) -> Dashboard:
            return build_dashboard(
                app.store.objectives.values(), app.store.settings, app.today, cycle_name
            )

        app.push_screen(DashboardScreen(build, names, self.cycle_name, app.store.settings.calendar))

    def review(self) -> None:
        app = self.app
        try:
            session = open_review(app.store, self.cycle_name, app.today)
        except (ReviewLoadError, SaveRefusedError) as exc:
            app.notify(str(exc), title=_("Review not opened"), severity="error", timeout=10)
            return
        if not session.objectives:
            app.notify(_("No objectives to review in this cycle."), severity="warning")
            return
        outcome: list[str] = []

        def save(review: Review) -> str | None:
            try:
                path, changed = save_and_apply(app.store, review, session.saved)
            except (StoreError, OSError) as exc:
                return str(exc)
            for oid in changed:
                app.mark_dirty(oid)
            outcome[:] = [str(app.store.relative(path)), *changed]
            return None

        def closed(done: bool | None) -> None:
            if done and outcome:
                self.review_saved(outcome[0], outcome[1:])

        calendar = app.store.settings.calendar
        app.push_screen(ReviewScreen(session, save, calendar=calendar), closed)

    def review_saved(self, path: str, changed: list[str]) -> None:
        """Back on the main screen: show the applied decisions and say where the file is."""
        app = self.app
        ref = app.editor.current
        if ref is not None and ref.kind is NodeKind.KEY_RESULT and ref.objective_id in changed:
            objective = app.store.objectives[ref.objective_id or ""]
            if objective.key_result(ref.kr_id or "") is None:  # dropped by the review
                ref = NodeRef(NodeKind.OBJECTIVE, objective.cycle, objective.id)
        app.objective_tree.rebuild(select=ref)
        app.editor.show(ref)
        message = _("Review saved to {path}.").format(path=path)
        if changed:
            message += " " + ngettext(
                "%d objective changed: ctrl+s writes it.",
                "%d objectives changed: ctrl+s writes them.",
                len(changed),
            ) % len(changed)
        app.notify(message)

    # ------------------------------------------------------------------ palette
    def commands(self) -> list[Command]:
        app = self.app
        objective, kr = app.selected()
        found: list[Command] = []
        if self.checkin_target() is not None:
            found.append((_("check-in: add"), _("Record a value"), app.action_check_in))
        if kr is not None:
            found.append(
                (_("key result: move"), _("Move it to another objective"), app.action_move)
            )
        elif objective is not None:
            found.append((_("objective: align to…"), _("Pick its parent"), app.action_move))
        if objective is not None and not isinstance(self.carry_over_plan(), str):
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
            if owners(app.store.objectives.values()):
                found.append(
                    (_("filter: by owner"), _("Show one owner's work"), app.action_filter_owner)
                )
            found.append(
                (_("filter: by health"), _("Show what is at risk"), app.action_filter_health)
            )
        if app.objective_tree.tree_filter.active:
            found.append((_("filter: clear"), _("Show everything"), app.action_clear_filter))
        return found


class OkrActions:
    checkin_author: str | None = None
    """The default check-in author, looked up once (git runs in a worker)."""

    @property
    def okr(self) -> OkrEngine:
        return OkrEngine(cast("OkrApp", self))

    def okr_commands(self) -> list[Command]:
        """Palette commands of this area that apply now."""
        return self.okr.commands()

    def action_check_in(self) -> None:
        target = self.okr.checkin_target()
        if target is None:
            self.okr.app.notify(_("Select a key result to check in."), severity="warning")
            return
        self.okr.open_checkin(*target, None)

    def on_check_in_table_edit_requested(self, message: CheckInTable.EditRequested) -> None:
        found = self.okr.editor_key_result()
        if found is not None:
            self.okr.open_checkin(*found, message.index)

    def on_check_in_table_delete_requested(self, message: CheckInTable.DeleteRequested) -> None:
        self.okr.delete_checkin(message.index)

    def action_move(self) -> None:
        self.okr.move()

    def action_switch_cycle(self) -> None:
        self.okr.switch_cycle()

    def action_carry_over(self) -> None:
        self.okr.carry_over()

    def action_filter(self) -> None:
        self.okr.pick_filter(by_owner=True, by_health=True)

    def action_filter_owner(self) -> None:
        self.okr.pick_filter(by_owner=True, by_health=False)

    def action_filter_health(self) -> None:
        self.okr.pick_filter(by_owner=False, by_health=True)

    def action_clear_filter(self) -> None:
        self.okr.clear_filter()

    def action_dashboard(self) -> None:
        self.okr.dashboard()

    def action_review(self) -> None:
        self.okr.review()
