"""Undo and redo in the app: record every change marked dirty, put snapshots back.

A mixin of `OkrApp`. `OkrApp.mark_dirty` (the one place every edit passes)
calls `record_undo`; the changes of one key press or dialog close into one
step on the next turn of the event loop (`services.undo` merges a burst of
typing). Undoing puts each objective's snapshot back as a new object, marks it
unsaved unless it now equals what its file holds (compared with the file, not a
flag: undoing back to the saved state clears "● N unsaved", redo brings it
back, and an undone saved change is a new unsaved change), and refreshes the
tree and the editor. Objectives reloaded from disk lose their history, so an
undo never writes over what came from disk.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, cast

from textual.binding import Binding, BindingType

from okrtui.i18n import N_, _
from okrtui.model import Objective
from okrtui.services.undo import UNKNOWN, Snapshot, Step, UndoHistory, disk_baseline
from okrtui.tui.node_ref import NodeKind, NodeRef

if TYPE_CHECKING:
    from okrtui.tui.app import OkrApp
    from okrtui.tui.commands import Command

BINDINGS: list[BindingType] = [
    Binding(
        "ctrl+z",
        "undo",
        N_("Undo"),
        show=False,
        priority=True,
        id="undo.undo",
        tooltip=N_("Undo the last edit"),
    ),
    Binding(
        "ctrl+y",
        "redo",
        N_("Redo"),
        show=False,
        priority=True,
        id="undo.redo",
        tooltip=N_("Redo the last undone edit"),
    ),
    Binding("u", "undo", N_("Undo"), show=False, id="undo.undo_key", tooltip=N_("Undo")),
    Binding("U", "redo", N_("Redo"), show=False, id="undo.redo_key", tooltip=N_("Redo")),
]


def _app(mixin: UndoActions) -> OkrApp:
    return cast("OkrApp", mixin)


class UndoActions:
    _undo_history: UndoHistory | None = None
    _undo_closing = False

    @property
    def undo_history(self) -> UndoHistory:
        if self._undo_history is None:
            self._undo_history = UndoHistory(disk_baseline(_app(self).store))
        return self._undo_history

    def undo_commands(self) -> list[Command]:
        history = self.undo_history
        found: list[Command] = []
        if history.undo_stack or history.recording:
            found.append((_("edit: undo"), _("Undo the last edit"), _app(self).action_undo))
        if history.redo_stack:
            found.append((_("edit: redo"), _("Redo the last undone edit"), _app(self).action_redo))
        return found

    def record_undo(self, objective_id: str) -> None:
        """Note an objective's state after an edit (it was marked dirty or deleted)."""
        app = _app(self)
        objective = app.store.objectives.peek(objective_id)
        if objective is None and objective_id in app.store.objectives:
            objective = app.store.objectives.get(objective_id)
        self.undo_history.record(objective_id, objective.model_dump() if objective else None)
        if not self._undo_closing:
            self._undo_closing = True
            app.call_later(self._close_undo_step)

    def _close_undo_step(self) -> None:
        self._undo_closing = False
        self.undo_history.close()

    def undo_renamed(self, objectives: dict[str, str], krs: dict[tuple[str, str], str]) -> None:
        """Ids settled at the first save: the history follows them."""
        history = self.undo_history
        for old, new in objectives.items():
            history.rename_objective(old, new)
        for (oid, old_kr), new_kr in krs.items():
            history.rename_key_result(oid, old_kr, new_kr)

    def refresh_after_reload(self, changed: Collection[str]) -> None:
        # objectives reloaded from disk: their undo history would overwrite what came
        self.undo_history.forget(changed)
        super().refresh_after_reload(changed)  # type: ignore[misc]

    # ------------------------------------------------------------------ actions
    def action_undo(self) -> None:
        step = self.undo_history.undo()
        if step is None:
            _app(self).notify(_("Nothing to undo."))
            return
        self._put_back(step, undo=True)
        _app(self).notify(_("Undone: {what}").format(what=step.describe()))

    def action_redo(self) -> None:
        step = self.undo_history.redo()
        if step is None:
            _app(self).notify(_("Nothing to redo."))
            return
        self._put_back(step, undo=False)
        _app(self).notify(_("Redone: {what}").format(what=step.describe()))

    def _put_back(self, step: Step, *, undo: bool) -> None:
        app = _app(self)
        select: NodeRef | None = None
        for change in step.changes:
            state = change.before if undo else change.after
            ref = self._restore(change.objective_id, state)
            if select is None or ref.kind is not NodeKind.CYCLE:
                select = ref
        app._update_title()
        app.objective_tree.rebuild(select=select)
        if select is not None:
            app.reveal(select)  # a filter hid it
        app.editor.show(app.objective_tree.selected_ref())

    def _as_saved(self, objective_id: str, state: Snapshot) -> bool:
        """True when `state` is what the objective's file holds (nothing left to save)."""
        store = _app(self).store
        if objective_id not in store.files:
            return False  # never saved: a new objective
        saved = disk_baseline(store)(objective_id)
        return saved is not UNKNOWN and saved == state

    def _restore(self, objective_id: str, state: Snapshot) -> NodeRef:
        """Put one objective back as `state` (None: remove it); return where to look."""
        app = _app(self)
        store = app.store
        old = store.objectives.peek(objective_id)
        if state is None:
            if objective_id in store.objectives:
                del store.objectives[objective_id]
            app.dirty.discard(objective_id)
            if objective_id in store.files:
                app.pending_deletes.add(objective_id)
            cycle = old.cycle if old is not None else app.selected_cycle()
            return NodeRef(NodeKind.CYCLE, cycle=cycle)
        objective = Objective.model_validate(state)
        store.objectives[objective_id] = objective
        app.pending_deletes.discard(objective_id)
        if self._as_saved(objective_id, state):
            app.dirty.discard(objective_id)
        else:
            app.dirty.add(objective_id)
        ref = app.editor.current
        if (
            ref is not None
            and ref.objective_id == objective_id
            and ref.kr_id
            and objective.key_result(ref.kr_id)
        ):
            return NodeRef(NodeKind.KEY_RESULT, objective.cycle, objective_id, ref.kr_id)
        return NodeRef(NodeKind.OBJECTIVE, objective.cycle, objective_id)
