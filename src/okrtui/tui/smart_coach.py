"""The SMART coach's work in the app: opens the guided writer and the report, applies results.

`CoachActions` (the app's mixin in `coach_actions`) passes its bindings and
palette commands on to a `SmartCoach`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from pydantic import ValidationError
from textual.command import CommandPalette

from okrtui.i18n import _
from okrtui.model import KeyResult, Objective, ObjectiveKind
from okrtui.store import WorkspaceStore
from okrtui.tui.formatting import cut_text, display_text
from okrtui.tui.node_ref import NodeKind, NodeRef

# The writer, the report and their services load when first opened, not with the app.
if TYPE_CHECKING:
    from okrtui.services.goal_rewrite import GoalAssembly, WizardResult, WizardSetup
    from okrtui.services.workspace_check import CheckReport
    from okrtui.tui.app import OkrApp
    from okrtui.tui.commands import Command


class SmartCoach:
    """The coach's work in the app: opens the writer and the report, applies what they give."""

    def __init__(self, app: OkrApp) -> None:
        self.app = app

    def may_open(self) -> bool:
        """The coach opens over the main screen (or from the palette), not over other dialogs."""
        app = self.app
        return len(app.screen_stack) == 1 or isinstance(app.screen, CommandPalette)

    # ------------------------------------------------------------------ the guided writer
    def write(self) -> None:
        """A new key result; on a key result, first offer to rewrite it instead."""
        from okrtui.tui.screens.choice import ChoiceScreen

        app = self.app
        objective, kr = app.selected()
        if objective is None or kr is None:
            self.open_writer(objective)
            return
        question = _(
            "Rewrite “{title}” with the SMART coach, or write a new key result for “{objective}”?"
        ).format(title=kr.title, objective=objective.title)

        def chosen(answer: str | None) -> None:
            if answer == "rewrite":
                self.open_rewrite(objective, kr)
            elif answer == "new":
                self.open_writer(objective)

        choices = [
            ("rewrite", _("Rewrite it"), "r"),
            ("new", _("Write a new one"), "n"),
            ("cancel", _("Cancel"), "c"),
        ]
        app.push_screen(ChoiceScreen(display_text(question), choices), chosen)

    def rewrite_selected(self) -> None:
        objective, kr = self.app.selected()
        if objective is None or kr is None:
            self.app.notify(_("Select a key result first."), severity="warning")
            return
        self.open_rewrite(objective, kr)

    def serves_options(self) -> list[tuple[str, str]]:
        """Every objective a goal may serve, as (label, id) for the Relevant step."""
        objectives = sorted(self.app.store.objectives.values(), key=lambda o: (o.cycle, o.title))
        return [(display_text(f"{cut_text(o.title, 42)} ({o.cycle})"), o.id) for o in objectives]

    def open_writer(self, objective: Objective | None) -> None:
        """The wizard for a new key result of `objective`, or for a standalone SMART goal."""
        from okrtui.services.goal_rewrite import GoalAssembly, WizardSetup
        from okrtui.services.goal_writer import GoalDraft

        app = self.app
        cycle = app.selected_cycle()
        if objective is None:
            standalone, serves = True, None
        elif objective.kind is ObjectiveKind.SMART and objective.key_results:
            standalone, serves = True, objective.parent  # a goal beside it, not inside it
        else:
            standalone, serves = False, objective.id
        if standalone and cycle is None:
            app.notify(_("Add a cycle to okrtui.toml first."), severity="error")
            return
        draft = GoalDraft(parent=serves)
        assembly = GoalAssembly(app.store, app.today, cycle, draft)
        self._push_wizard(WizardSetup(draft, self.serves_options(), standalone), assembly)

    def open_rewrite(self, objective: Objective, kr: KeyResult) -> None:
        """The wizard started from an existing key result's answers."""
        from okrtui.services.goal_rewrite import GoalAssembly, WizardSetup
        from okrtui.services.goal_writer import draft_from_key_result

        app = self.app
        draft = dataclasses.replace(draft_from_key_result(kr), parent=objective.id)
        assembly = GoalAssembly(app.store, app.today, objective.cycle, draft, (objective, kr))
        self._push_wizard(WizardSetup(draft, self.serves_options(), rewrite=kr), assembly)

    def _push_wizard(self, setup: WizardSetup, assembly: GoalAssembly) -> None:
        from okrtui.tui.screens.goal_wizard import GoalWizardScreen

        def done(result: WizardResult | None) -> None:
            if result is not None:
                self.apply(assembly, result)

        screen = GoalWizardScreen(
            setup,
            settings=self.app.store.settings,
            today=self.app.today,
            build=assembly.build,
            conflicts=assembly.conflicts,
        )
        self.app.push_screen(screen, done)

    def apply(self, assembly: GoalAssembly, result: WizardResult) -> None:
        """Put the wizard's goal in the store, mark it unsaved and select it in the tree."""
        app = self.app
        try:
            objective, kr = assembly.build(result)
        except (ValueError, ValidationError) as exc:
            app.notify(str(exc), title=_("Not saved"), severity="error")
            return
        if assembly.rewriting is not None:
            current = app.store.objectives.get(objective.id)
            if current is None or current.key_result(kr.id) is None:
                app.notify(_("The key result is gone; nothing was changed."), severity="error")
                return
            objective = current
            objective.key_results = [kr if k.id == kr.id else k for k in objective.key_results]
            ref = NodeRef(NodeKind.KEY_RESULT, objective.cycle, objective.id, kr.id)
            message = _("Key result rewritten.")
        elif objective.id not in app.store.objectives:
            app.store.objectives[objective.id] = objective
            ref = NodeRef(NodeKind.OBJECTIVE, objective.cycle, objective.id)
            message = _("SMART goal added to {cycle}.").format(cycle=objective.cycle)
        else:
            objective.key_results = [*objective.key_results, kr]
            ref = NodeRef(NodeKind.KEY_RESULT, objective.cycle, objective.id, kr.id)
            message = _("Key result added.")
        app.mark_dirty(objective.id)
        app.objective_tree.rebuild(select=ref)
        app.editor.show(ref)
        app.objective_tree.focus()
        app.notify(message + " " + _("Press ctrl+s to write it to disk."))

    # ------------------------------------------------------------------ the report
    def open_report(self) -> None:
        """Check the workspace in a thread, then show every finding."""
        app = self.app
        store = app.store
        snapshot = store.snapshot()  # the check runs in a thread: it gets its own containers
        unsaved = sum(1 for oid in app.dirty if oid not in store.files)
        app.run_worker(
            partial(self._check, snapshot, unsaved),
            thread=True,
            exclusive=True,
            group="coach-report",
            exit_on_error=False,
        )

    def _check(self, snapshot: WorkspaceStore, unsaved: int) -> None:
        """In a worker thread: never touches a widget."""
        from okrtui.services.workspace_check import check_workspace

        try:
            report = check_workspace(snapshot, self.app.today)
        except OSError as exc:
            message = _("The check could not read a file: {reason}").format(reason=exc)
            self.app.call_from_thread(self.app.notify, message, severity="error")
            return
        self.app.call_from_thread(self.show_report, report, unsaved)

    def show_report(self, report: CheckReport, unsaved: int = 0) -> None:
        from okrtui.tui.screens.coach_report import CoachReportScreen, report_rows

        app = self.app

        def jump(ref: NodeRef | None) -> None:
            if ref is None:
                return
            if app.objective_tree.select_ref(ref):
                app.objective_tree.focus()
            else:
                app.notify(self._why_not_shown(ref), severity="warning")

        rows = report_rows(report, app.store.objectives)
        app.push_screen(CoachReportScreen(rows, report, unsaved=unsaved), jump)

    def _why_not_shown(self, ref: NodeRef) -> str:
        """Why the tree cannot select what the report points at, and what to press."""
        from okrtui.tui.widgets.tree_filter import ARCHIVED

        app = self.app
        objective = app.store.objectives.get(ref.objective_id or "")
        if objective is None:
            return _("It is no longer in the tree.")
        title = cut_text(display_text(objective.title), 40)
        keys = app.user_keymap
        show = keys.get("comfort.archived", "A").split(",")[0]
        clear = keys.get("okr.clear_filter", "F").split(",")[0]
        tree_filter = app.objective_tree.tree_filter
        if objective.status in ARCHIVED and not tree_filter.show_archived:
            if tree_filter.clearable:
                message = _(
                    "“{title}” is archived (done or dropped) and the tree is filtered: "
                    "press {show} to show archived objectives and {clear} to clear the filter."
                )
            else:
                message = _(
                    "“{title}” is archived (done or dropped): "
                    "press {show} to show archived objectives."
                )
        else:
            message = _("“{title}” is hidden by the tree's filter: press {clear} to clear it.")
        return message.format(title=title, show=show, clear=clear)

    # ------------------------------------------------------------------ palette
    def commands(self) -> list[Command]:
        _objective, kr = self.app.selected()
        commands: list[Command] = [
            (
                _("coach: write a key result"),
                _("The guided writer: five key questions, one SMART key result"),
                self._from_palette(lambda: self.open_writer(self.app.selected()[0])),
            ),
        ]
        if kr is not None:
            commands.append(
                (
                    _("coach: rewrite this key result"),
                    _("Sharpen the selected key result into a SMART sentence"),
                    self._from_palette(self.rewrite_selected),
                )
            )
        commands.append(
            (
                _("coach: SMART report"),
                _("Every SMART finding in the workspace; enter jumps to it"),
                self._from_palette(self.open_report),
            )
        )
        return commands

    def _from_palette(self, action: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            if self.may_open():
                action()

        return run
