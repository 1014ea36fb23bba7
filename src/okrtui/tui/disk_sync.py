"""The workspace on disk: noticing outside changes, reloading, settling sync conflicts.

A mixin of `OkrApp`. It has no key bindings of its own: "workspace: reload from disk"
is a palette command.

Files changed outside the app (a `git pull`, a checkout, another editor) are
noticed by a daemon thread blocked on file system events (`store.watch`:
watchfiles; polling on network file systems), which looks again only at the
files an event named. Bursts are one batch, and batches that queue up while
the app is busy are merged, so a checkout of 3,000 files reloads once. An idle
app runs no timer at all. An objective without unsaved edits is reloaded; one
with unsaved edits opens the conflict dialog, so neither version is dropped
without the user's choice. Events in git's folder (HEAD, index, branches)
refresh the footer's git status.

Workers never touch widgets: they hand results back with `call_later`, which
(unlike `call_from_thread`) does not wait, so a worker ending while the app
quits cannot block.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.widgets import Tree
from textual.worker import Worker

from okrtui.i18n import _, nformat
from okrtui.store.workspace import FileState
from okrtui.tui.app_state import AppState
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.widgets.form_context import FormContext

# The watcher and the conflict dialog load once watching starts (after the first frame).
if TYPE_CHECKING:
    from okrtui.store.watch import WatchChoice, WorkspaceChanges, WorkspaceWatcher
    from okrtui.tui.commands import Command
    from okrtui.tui.screens.sync_conflict import ConflictChoice

CATCH_UP_SECONDS = 1.0


class _StopWhenAppEnds:
    """Tells the watch thread to end: when asked to, or once the app stops running."""

    def __init__(self, app: AppState) -> None:
        self.app = app
        self.event = threading.Event()

    def is_set(self) -> bool:
        return self.event.is_set() or not self.app.is_running


class DiskSyncActions(AppState):
    """Mixed into `OkrApp`."""

    if TYPE_CHECKING:
        # From `GitActions`: the footer's git status and the main screen it lives on.
        def _main_screen_alive(self) -> bool: ...
        def refresh_git_status(self) -> None: ...

    _disk_watcher: WorkspaceWatcher | None = None
    """None: changes on disk are not looked for (before start-up settles; tests turn it off)."""
    _poll_job: Worker[None] | None = None
    _watch_lock: threading.Lock
    _open_conflicts: set[str]
    _gone_said = False
    save_failed: bool
    watch_choice: WatchChoice | None = None
    """How the disk is watched (events or polling, and why): the help screen shows it."""
    _pending_changes: WorkspaceChanges | None = None
    _watch_stop: _StopWhenAppEnds | None = None

    def start_disk_sync(self) -> None:
        """Called once the main screen is mounted: start watching the workspace's files."""
        self._watch_lock = threading.Lock()
        self._open_conflicts = set()
        # after the first frame: hashing every file competes with drawing it
        self.call_after_refresh(
            lambda: self._start_watching(self._known_digests(), frozenset(self.store.broken))
        )

    def disk_sync_commands(self) -> list[Command]:
        """Palette commands of this area that apply now."""
        return [
            (
                _("workspace: reload from disk"),
                _("Re-read the files changed outside the app"),
                self.action_reload_from_disk,
            )
        ]

    # ------------------------------------------------------------------ watching the disk
    def watch_description(self) -> str:
        """How changes on disk are noticed, for the help screen."""
        if self.watch_choice is None:
            return _("not watched yet (the app is still starting)")
        return self.watch_choice.describe()

    def _known_digests(self) -> dict[Path, str]:
        known = {state.path: state.digest for state in self.store.files.values()}
        if self.store.settings_state is not None:
            known[self.store.settings_path] = self.store.settings_state.digest
        return known

    def _files_on_disk(self) -> list[Path]:
        paths = list(self.store.objective_paths())
        if self.store.settings_path.is_file():
            paths.append(self.store.settings_path)
        return paths

    @work(thread=True, exclusive=True, group="disk-start", exit_on_error=False)
    def _start_watching(self, known: dict[Path, str], broken: frozenset[Path]) -> None:
        from okrtui.store.watch import WorkspaceWatcher, choose_mode, git_dir
        from okrtui.tui.screens.sync_conflict import find_drift

        choice = choose_mode(self.store.root)
        git = git_dir(self.store.root)
        watcher = WorkspaceWatcher(self.store.root)
        # Whatever changed between loading the store and the watcher's first look.
        drift = find_drift(self._files_on_disk(), known, watcher.digest, skip=broken)
        self.call_later(self._watcher_ready, watcher, drift, choice, git)

    def _watcher_ready(
        self,
        watcher: WorkspaceWatcher,
        drift: WorkspaceChanges,
        choice: WatchChoice,
        git: Path | None,
    ) -> None:
        if not self._main_screen_alive():
            return
        self._disk_watcher = watcher
        self.watch_choice = choice
        self._start_watch_thread(watcher.root, choice, git)
        # Once, not on a timer: what changed between the first look and the events starting.
        self.set_timer(CATCH_UP_SECONDS, self._poll_disk)
        if drift:
            self.apply_disk_changes(drift)

    def _start_watch_thread(self, root: Path, choice: WatchChoice, git: Path | None) -> None:
        # A daemon thread, not a Textual worker: it runs as long as the app, and a worker
        # that never finishes would hold `workers.wait_for_complete()` and an executor thread.
        if self._watch_stop is not None:
            self._watch_stop.event.set()
        stop = self._watch_stop = _StopWhenAppEnds(self)
        threading.Thread(
            target=self._watch_loop,
            args=(root, choice, git, stop),
            name="okrtui-watch",
            daemon=True,
        ).start()

    def _watch_loop(
        self, root: Path, choice: WatchChoice, git: Path | None, stop: _StopWhenAppEnds
    ) -> None:
        """Wait for bursts of file events (or polls) until the app ends; hand changes back."""
        from okrtui.store.watch import WatchChoice, WatchMode, watch_batches

        try:
            for batch in watch_batches(root, choice.mode, stop, git=git):
                if stop.is_set():
                    return
                if batch.git:
                    self.call_later(self.refresh_git_status)
                watcher = self._disk_watcher
                if not batch.paths or watcher is None:
                    continue
                with self._watch_lock:
                    changes = watcher.refresh(batch.paths)
                if changes:
                    self.call_later(self._disk_changed, changes)
        except OSError as exc:  # e.g. the inotify watch limit: poll instead
            if choice.mode is WatchMode.POLL or stop.is_set():
                return
            reason = _("events failed ({reason})").format(reason=exc.strerror or exc)
            self.call_later(self._watch_with_polling, WatchChoice(WatchMode.POLL, reason), git)

    def _watch_with_polling(self, choice: WatchChoice, git: Path | None) -> None:
        if self._disk_watcher is None or not self._main_screen_alive():
            return
        self.watch_choice = choice
        self._start_watch_thread(self._disk_watcher.root, choice, git)

    def _disk_changed(self, changes: WorkspaceChanges) -> None:
        """Merge changes that queued up while the app was busy, and apply them once."""
        pending = self._pending_changes
        self._pending_changes = changes if pending is None else pending.then(changes)
        if pending is None:
            self.call_later(self._apply_pending_changes)

    def _apply_pending_changes(self) -> None:
        changes, self._pending_changes = self._pending_changes, None
        if changes:
            self.apply_disk_changes(changes)

    def _poll_disk(self) -> None:
        """Look at every file now (after the app's own pull: the events may still be coming)."""
        if self._disk_watcher is None:
            return
        if self._poll_job is not None and not self._poll_job.is_finished:
            return  # a slow disk: the previous look is still going
        self._poll_job = self._poll_worker()

    @work(thread=True, exclusive=True, group="disk-watch", exit_on_error=False)
    def _poll_worker(self) -> None:
        watcher = self._disk_watcher
        if watcher is None:
            return
        with self._watch_lock:
            changes = watcher.poll()
        if changes:
            self.call_later(self._disk_changed, changes)

    def note_saved(self, paths: Iterable[Path]) -> None:
        """The app wrote (or deleted) `paths`: the watcher must not report them back."""
        watcher = self._disk_watcher
        if watcher is not None:
            with self._watch_lock:
                for path in paths:
                    watcher.acknowledge(path)
        self.refresh_git_status()

    def action_reload_from_disk(self) -> None:
        """Compare every file with what was loaded and bring in what changed."""
        self.store.load_all()  # a file not read yet is not "added on disk"
        self._reload_worker(self._known_digests())

    @work(thread=True, exclusive=True, group="disk-reload", exit_on_error=False)
    def _reload_worker(self, known: dict[Path, str]) -> None:
        from okrtui.tui.screens.sync_conflict import file_digest, find_drift

        drift = find_drift(self._files_on_disk(), known, file_digest)
        watcher = self._disk_watcher
        if watcher is not None:
            with self._watch_lock:
                for path in drift.paths:
                    watcher.acknowledge(path)
        self.call_later(self._reloaded_on_request, drift)

    def _reloaded_on_request(self, drift: WorkspaceChanges) -> None:
        if not self._main_screen_alive():
            return
        if drift:
            self.apply_disk_changes(drift)
        else:
            self.notify(_("Nothing changed on disk."))

    def apply_disk_changes(self, changes: WorkspaceChanges) -> None:
        """Reload objectives changed on disk; ask about those with unsaved edits."""
        from okrtui.tui.screens.sync_conflict import sort_disk_changes

        if not self._main_screen_alive() or self._workspace_gone():
            return
        store = self.store
        plan = sort_disk_changes(store, changes, self.dirty, self.pending_deletes)
        for oid in plan.deleted_on_both_sides:
            self.pending_deletes.discard(oid)
            store.files.pop(oid, None)
        to_reload, settings_changed = plan.reload, plan.settings_changed
        changed: set[str] = set()
        broken_before = set(store.broken)
        # Gone files first: an objective moved to another cycle folder must leave its
        # old path before its new one loads, or it looks like a duplicate id.
        for path in sorted(to_reload, key=lambda p: (p.exists(), str(p))):
            if path in plan.owners:
                changed.add(plan.owners[path])
            objective = store.reload_file(path)
            if objective is not None:
                changed.add(objective.id)
        if settings_changed:
            self._reload_settings()
        if to_reload or settings_changed:
            self._update_title()
            self.refresh_after_reload(changed)
            newly_broken = [p for p in store.broken if p not in broken_before]
            if newly_broken:
                self.notify(
                    _("{file} changed on disk and does not load; see the ⚠ entry.").format(
                        file=store.relative(newly_broken[0])
                    ),
                    severity="warning",
                    timeout=8,
                )
            elif changed:
                self.notify(
                    nformat(
                        "Reloaded {n} objective changed on disk.",
                        "Reloaded {n} objectives changed on disk.",
                        len(changed),
                    )
                )
        for oid in plan.conflicts:
            self.open_sync_conflict(oid)
        self.refresh_git_status()

    def _workspace_gone(self) -> bool:
        """True (said once) while the workspace folder is deleted or renamed.

        Nothing is reloaded then: the objectives stay in memory with their unsaved
        edits, and saving says why it cannot write.
        """
        gone = not self.store.settings_path.is_file()
        if gone and not self._gone_said:
            message = _(
                "The workspace folder is gone (deleted or renamed?). Your edits stay in "
                "memory; put the folder back to save, or quit to keep them in the recovery "
                "folder."
            )
            self.notify(message, severity="error", timeout=15)
            self.save_failed = True
        self._gone_said = gone
        return gone

    def _reload_settings(self) -> None:
        store = self.store
        previous = store.settings
        store.reload_file(store.settings_path)
        if store.settings_path in store.broken:
            store.settings = previous  # keep working with the last good settings
            return
        self.editor.configure(
            FormContext(store.settings, self.today, store.objectives), self.smart_verdicts
        )
        if store.settings.locale != previous.locale:
            self.notify(_("okrtui.toml changed its language: restart okrtui to switch."))
        else:
            self.notify(_("Reloaded okrtui.toml."))

    def refresh_after_reload(self, changed: Collection[str]) -> None:
        """Rebuild the tree keeping expansion and selection; refresh the editor if it must."""
        tree = self.objective_tree
        shown = self.editor.current
        with self.prevent(Tree.NodeHighlighted):  # the editor may hold a half-typed value
            tree.rebuild(select=self._fresh_ref(tree.selected_ref()))
        selected = tree.selected_ref()
        if (
            shown is None
            or selected != shown
            or shown.kind not in (NodeKind.OBJECTIVE, NodeKind.KEY_RESULT)
            or shown.objective_id in changed
        ):
            self.editor.show(selected)

    def _fresh_ref(self, ref: NodeRef | None) -> NodeRef | None:
        """`ref` after a reload: the objective may have moved cycle, the key result gone."""
        if ref is None or ref.objective_id is None:
            return ref
        objective = self.store.objectives.get(ref.objective_id)
        if objective is None:
            return NodeRef(NodeKind.CYCLE, cycle=ref.cycle) if ref.cycle else None
        kr_id = ref.kr_id if ref.kr_id and objective.key_result(ref.kr_id) else None
        kind = NodeKind.KEY_RESULT if kr_id else NodeKind.OBJECTIVE
        return NodeRef(kind, objective.cycle, objective.id, kr_id)

    # ------------------------------------------------------------------ conflicts
    def open_sync_conflict(self, objective_id: str) -> None:
        """Ask which version of an objective changed both in the app and on disk to keep."""
        from okrtui.tui.screens.sync_conflict import SyncConflictScreen, read_conflict

        if objective_id in self._open_conflicts:
            return
        found = read_conflict(self.store, objective_id)
        if found is None:
            return
        sides, path, shown = found
        self._open_conflicts.add(objective_id)
        self.push_screen(
            SyncConflictScreen(sides),
            callback=partial(self._settle_conflict, objective_id, path, shown),
        )

    def _settle_conflict(
        self,
        objective_id: str,
        path: Path,
        shown: str | None,
        choice: ConflictChoice | None,
    ) -> None:
        from okrtui.tui.screens.sync_conflict import ConflictChoice

        self._open_conflicts.discard(objective_id)
        store = self.store
        if choice is ConflictChoice.MINE:
            # The store refuses to overwrite a changed file; after this explicit choice it
            # takes the version the user saw as the one the next save may replace.
            if shown is None:
                store.files.pop(objective_id, None)
            else:
                store.files[objective_id] = FileState(path, shown)
            self.notify(_("Your version is kept: ctrl+s writes it over the file on disk."))
        elif choice is ConflictChoice.THEIRS:
            self._take_theirs(objective_id, path)
        else:
            self.notify(
                _("Both versions kept for now: your edits stay unsaved; the next save asks again."),
                severity="warning",
            )
        self._update_title()

    def _take_theirs(self, objective_id: str, path: Path) -> None:
        store = self.store
        store.objectives.pop(objective_id, None)
        self.dirty.discard(objective_id)
        self.pending_deletes.discard(objective_id)
        self.fresh_objectives.discard(objective_id)
        self.fresh_krs = {(o, k) for o, k in self.fresh_krs if o != objective_id}
        store.reload_file(path)
        # A file git moved to another cycle collided with the version in the app.
        for other in [p for p in store.broken if p.stem == objective_id and p != path]:
            store.reload_file(other)
        self.refresh_after_reload({objective_id})
        self.notify(_("Reloaded from disk; your unsaved edits to it were dropped."))
