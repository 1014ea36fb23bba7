"""Everyday helpers: duplicate an objective as a template, show or hide archived work,
filter the tree by level or by failing SMART letters.

A mixin of `OkrApp`. Like every edit, a duplicate is made in memory and marked
dirty: ctrl+s writes it.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, cast

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

from okrtui.i18n import N_, _, count
from okrtui.model import Level, SmartCriterion
from okrtui.tui.level_names import level_label
from okrtui.tui.node_ref import NodeRef
from okrtui.tui.widgets.tree_filter import ARCHIVED, TreeFilter

if TYPE_CHECKING:
    from okrtui.tui.app import OkrApp
    from okrtui.tui.commands import Command

BINDINGS: list[BindingType] = [
    Binding(
        "Y",
        "duplicate",
        N_("Duplicate"),
        show=False,
        id="comfort.duplicate",
        tooltip=N_("Copy the objective as a template for the next cycle"),
    ),
    Binding(
        "A",
        "toggle_archived",
        N_("Show archived"),
        show=False,
        id="comfort.archived",
        tooltip=N_("Show or hide objectives that are done or dropped"),
    ),
]

DIALOG_SAVE_ACTIONS: dict[str, str] = {
    "CheckInScreen": "submit",
    "ReviewScreen": "save",
    "GoalWizardScreen": "finish",
}
"""Dialogs that edit, and the action that applies what was typed in them."""


def applies_on_save(screen: Screen[object]) -> bool:
    """Whether ctrl+s in `screen` applies what was typed there before saving."""
    return type(screen).__name__ in DIALOG_SAVE_ACTIONS


def _app(mixin: ComfortActions) -> OkrApp:
    return cast("OkrApp", mixin)


class ComfortActions:
    def comfort_commands(self) -> list[Command]:
        app = _app(self)
        objective, _kr = app.selected()
        found: list[Command] = []
        if objective is not None:
            found.append(
                (
                    _("objective: duplicate as template"),
                    _("A fresh copy for the next cycle"),
                    app.action_duplicate,
                )
            )
        shown = app.objective_tree.tree_filter.show_archived
        found.append(
            (
                _("tree: hide archived") if shown else _("tree: show archived"),
                _("Objectives that are done or dropped"),
                app.action_toggle_archived,
            )
        )
        if app.store.objectives:
            found.append(
                (_("filter: by level"), _("Organisation, team or individual"), self.pick_level)
            )
            found.append(
                (
                    _("filter: by failing SMART letter"),
                    _("What the coach finds weak"),
                    self.pick_smart,
                )
            )
        return found

    # ------------------------------------------------------------------ duplicate
    def action_duplicate(self) -> None:
        from okrtui.services.cycles import next_cycle
        from okrtui.services.templates import duplicate_objective

        app = _app(self)
        objective, _kr = app.selected()
        if objective is None:
            app.notify(_("Select an objective to duplicate."), severity="warning")
            return
        settings = app.store.settings
        target = next_cycle(settings, objective.cycle) or settings.cycle(objective.cycle)
        if target is None:
            app.notify(_("Add a cycle to okrtui.toml first."), severity="error")
            return
        from okrtui.tui.okr_moves import place_new_objective, taken_ids

        copy = duplicate_objective(objective, target, taken_ids(app), app.today)
        place_new_objective(app, copy)
        app.notify(
            _("Duplicated into {cycle} as a draft. Press ctrl+s to write it.").format(
                cycle=target.name
            )
        )

    # ------------------------------------------------------------------ ctrl+s everywhere
    async def action_save_from_dialog(self) -> None:
        """ctrl+s: on the main screen, save; in a dialog that edits, apply it first, then save.

        A dialog that refuses what was typed stays open with its message, and
        nothing is written. In other dialogs `OkrApp.check_action` turns this
        binding off, so their own ctrl+s (the git panel's) answers.
        """
        app = _app(self)
        screen = app.screen
        if not isinstance(screen, ModalScreen):
            app.action_save()
            return
        action = DIALOG_SAVE_ACTIONS.get(type(screen).__name__)
        if action is None:
            return
        await screen.run_action(action)

        def after() -> None:
            if screen not in app.screen_stack and not isinstance(app.screen, ModalScreen):
                app.action_save()

        app.call_after_refresh(after)

    # ------------------------------------------------------------------ archive
    def action_toggle_archived(self) -> None:
        app = _app(self)
        tree = app.objective_tree
        show = not tree.tree_filter.show_archived
        # objectives archived while in view (`keep_archived_in_view`) go with the rest
        tree.set_filter(
            dataclasses.replace(tree.tree_filter, show_archived=show, keep_shown=frozenset())
        )
        objectives = app.store.objectives  # statuses of released ones from their summaries
        hidden = sum(1 for oid in objectives if objectives.status(oid) in ARCHIVED)
        if show:
            app.notify(_("Archived objectives shown ({n}).").format(n=count(hidden)))
        else:
            app.notify(_("Archived objectives hidden ({n}): A shows them.").format(n=count(hidden)))

    def keep_archived_in_view(self, objective_id: str) -> None:
        """An objective just marked done or dropped stays in the tree (not under the cursor's feet).

        It leaves when the filter changes (`A`, `F`) or at the next start.
        """
        app = _app(self)
        objective = app.store.objectives.peek(objective_id)
        tree = app.objective_tree
        tree_filter = tree.tree_filter
        if (
            objective is None
            or objective.status not in ARCHIVED
            or tree_filter.show_archived
            or objective_id in tree_filter.keep_shown
            or not tree.shows(objective)
        ):
            return
        keep = tree_filter.keep_shown | {objective_id}
        tree.tree_filter = dataclasses.replace(tree_filter, keep_shown=keep)

    def archive_rebuild_needed(self) -> bool:
        """After every file is read: an archived objective the tree still shows (lazy open)."""
        tree = _app(self).objective_tree
        if tree.tree_filter.show_archived:
            return False
        store = _app(self).store
        for oid in store.objectives:  # released objectives by their summaries: nothing read
            outline = store.outline(oid)
            if store.objectives.status(oid) in ARCHIVED and outline and tree.shows(outline):
                return True
        return False

    def reveal(self, ref: NodeRef) -> None:
        """Select `ref`, showing archived work or clearing a filter if that hides it."""
        app = _app(self)
        tree = app.objective_tree
        if tree.select_ref(ref):
            return
        objective = app.store.objectives.get(ref.objective_id or "")
        archived = objective is not None and objective.status in ARCHIVED
        tree.set_filter(TreeFilter(show_archived=archived), select=ref)

    # ------------------------------------------------------------------ filters
    def pick_level(self) -> None:
        from okrtui.tui.screens.picker import PickerItem, PickerScreen

        tree = _app(self).objective_tree
        items = [PickerItem(level.value, level_label(level)) for level in Level]
        items.append(PickerItem("", _("Any level")))

        def chosen(value: str | None) -> None:
            if value is not None:
                tree.set_filter(dataclasses.replace(tree.tree_filter, level=value or None))

        current = tree.tree_filter.level or ""
        _app(self).push_screen(PickerScreen(_("Filter by level"), items, current=current), chosen)

    def pick_smart(self) -> None:
        from okrtui.tui.screens.picker import PickerItem, PickerScreen

        tree = _app(self).objective_tree
        items = [
            PickerItem(c.value, f"{c.letter}  " + _("{label} fails").format(label=_(c.label)))
            for c in SmartCriterion
        ]
        items.append(PickerItem("", _("Any (clear the SMART filter)")))

        def chosen(value: str | None) -> None:
            if value is None:
                return
            current = tree.tree_filter.smart_failing
            if not value:
                letters: frozenset[SmartCriterion] = frozenset()
            else:
                letters = current ^ {SmartCriterion(value)}  # pick again to drop a letter
            tree.set_filter(dataclasses.replace(tree.tree_filter, smart_failing=letters))

        title = _("Filter: key results failing…")
        _app(self).push_screen(PickerScreen(title, items), chosen)
