"""The workspace in git: status in the footer, live reload, the git panel, history.

A mixin of `OkrApp`: its bindings are listed in `BINDINGS` and merged into the app's.

Files changed outside the app (a `git pull`, a checkout, another editor) are
noticed by polling a `WorkspaceWatcher` every half second in a worker thread.
An objective without unsaved edits is reloaded; one with unsaved edits opens
the conflict dialog, so neither version is dropped without the user's choice.

Workers never touch widgets: they hand results back with `call_later`, which
(unlike `call_from_thread`) does not wait, so a worker ending while the app
quits cannot block.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Collection, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.worker import Worker

from okrtui.i18n import _, ngettext
from okrtui.store.git import GitError, GitRepo
from okrtui.store.watch import WorkspaceChanges, WorkspaceWatcher
from okrtui.store.workspace import FileState
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.screens.git_panel import CommitDraft, GitPanelScreen, run_git_operation
from okrtui.tui.screens.kr_history import KeyResultHistoryScreen
from okrtui.tui.screens.sync_conflict import (
    ConflictChoice,
    SyncConflictScreen,
    file_digest,
    find_drift,
    read_conflict,
    sort_disk_changes,
)
from okrtui.tui.widgets.editor_forms import FormContext
from okrtui.tui.widgets.git_status import GitStatus, RepoStatus, read_repo_status
from okrtui.tui.widgets.objective_tree import ObjectiveTree

if TYPE_CHECKING:
    from textual.app import App

    from okrtui.model import KeyResult, Objective, SmartCriterion
    from okrtui.store import WorkspaceStore
    from okrtui.tui.commands import Command
    from okrtui.tui.widgets.editor_pane import EditorPane
    from okrtui.tui.widgets.smart_checklist import Verdict

    _AppBase = App[None]
else:
    _AppBase = object

POLL_SECONDS = 0.5
STATUS_SECONDS = 10.0
"""Local git only (branch, ahead/behind as last fetched, changed files): never the network."""
STATUS_LOCK_WAIT = 5.0

BINDINGS: list[BindingType] = [
    Binding(
        "g",
        "git_panel",
        _("Git"),
        show=False,
        id="git.panel",
        tooltip=_("Changed objectives, commit, pull and push"),
    ),
    Binding(
        "H",
        "kr_history",
        _("KR history"),
        show=False,
        id="git.kr_history",
        tooltip=_("The selected key result's values over commits, and what changed since"),
    ),
]


class GitActions(_AppBase):
    """Mixed into `OkrApp` (for type checkers it is an `App` with the app's state below)."""

    if TYPE_CHECKING:
        store: WorkspaceStore
        today: dt.date
        dirty: set[str]
        pending_deletes: set[str]
        fresh_objectives: set[str]
        fresh_krs: set[tuple[str, str]]

        @property
        def objective_tree(self) -> ObjectiveTree: ...
        @property
        def editor(self) -> EditorPane: ...
        def selected(self) -> tuple[Objective | None, KeyResult | None]: ...
        def smart_verdicts(
            self, objective: Objective, kr: KeyResult | None
        ) -> dict[SmartCriterion, Verdict]: ...
        def _update_title(self) -> None: ...

    _git_repo: GitRepo | None = None
    _git_busy: str | None = None
    _disk_watcher: WorkspaceWatcher | None = None
    _poll_job: Worker[None] | None = None
    _commit_draft: CommitDraft | None = None
    _watch_lock: threading.Lock
    _git_lock: threading.Lock
    _open_conflicts: set[str]

    def compose_git_status(self) -> ComposeResult:
        """Widgets shown at the right of the footer."""
        yield GitStatus(id="git-status")

    def start_git(self) -> None:
        """Called once the main screen is mounted: start watching, look for a repository."""
        self._watch_lock = threading.Lock()
        self._git_lock = threading.Lock()
        self._open_conflicts = set()
        self._start_watching(self._known_digests(), frozenset(self.store.broken))
        self._detect_repository()

    def git_commands(self) -> list[Command]:
        """Palette commands of this area that apply now."""
        found: list[Command] = [
            (
                _("workspace: reload from disk"),
                _("Re-read the files changed outside the app"),
                self.action_reload_from_disk,
            )
        ]
        if self._git_repo is None:
            return found
        found += [
            (
                _("git: open panel"),
                _("Changed objectives, commit, pull, push"),
                self.action_git_panel,
            ),
            (_("git: commit"), _("Commit the changed objectives"), self.action_git_commit),
            (_("git: pull"), _("Fetch and merge the upstream branch"), self.action_git_pull),
            (_("git: push"), _("Push the commits to the upstream branch"), self.action_git_push),
            (_("git: fetch"), _("Update ahead/behind from the remote"), self.action_git_fetch),
        ]
        if self.selected()[1] is not None:
            found.append(
                (
                    _("key result: history"),
                    _("Its values over commits, and what changed since a review"),
                    self.action_kr_history,
                )
            )
        return found

    # ------------------------------------------------------------------ repository status
    @property
    def git_status(self) -> GitStatus:
        return self.query_one(GitStatus)

    def _main_screen_alive(self) -> bool:
        """False once the app is tearing its widgets down (a worker may report late)."""
        return bool(self.query(GitStatus)) and bool(self.query(ObjectiveTree))

    @work(thread=True, exclusive=True, group="git-detect", exit_on_error=False)
    def _detect_repository(self) -> None:
        repo = GitRepo(self.store.root)
        if not repo.is_repo():
            return
        try:
            status = read_repo_status(repo, self.store.root)
        except GitError:
            return
        self.call_later(self._repository_found, repo, status)

    def _repository_found(self, repo: GitRepo, status: RepoStatus) -> None:
        if not self._main_screen_alive():
            return
        self._git_repo = repo
        self.git_status.show_status(status)
        self.set_interval(STATUS_SECONDS, self.refresh_git_status)

    def refresh_git_status(self) -> None:
        """Read the branch and changed count again, in a worker (after saves, commits, pulls)."""
        if self._git_repo is not None and not self._git_busy:
            self._read_git_status()

    @work(thread=True, exclusive=True, group="git-status", exit_on_error=False)
    def _read_git_status(self) -> None:
        repo = self._git_repo
        # Wait a little for another git command (the panel's read, a commit) to finish.
        if repo is None or not self._git_lock.acquire(timeout=STATUS_LOCK_WAIT):
            return
        try:
            status = read_repo_status(repo, self.store.root)
        except GitError:
            return
        finally:
            self._git_lock.release()
        self.call_later(self._show_git_status, status)

    def _show_git_status(self, status: RepoStatus) -> None:
        if not self._main_screen_alive():
            return
        self.git_status.show_status(status)

    # ------------------------------------------------------------------ watching the disk
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
        watcher = WorkspaceWatcher(self.store.root)
        # Whatever changed between loading the store and the watcher's first look.
        drift = find_drift(self._files_on_disk(), known, watcher.digest, skip=broken)
        self.call_later(self._watcher_ready, watcher, drift)

    def _watcher_ready(self, watcher: WorkspaceWatcher, drift: WorkspaceChanges) -> None:
        if not self._main_screen_alive():
            return
        self._disk_watcher = watcher
        self.set_interval(POLL_SECONDS, self._poll_disk)
        if drift:
            self.apply_disk_changes(drift)

    def _poll_disk(self) -> None:
        if self._disk_watcher is None:
            return
        if self._poll_job is not None and not self._poll_job.is_finished:
            return  # a slow disk: the previous poll is still looking
        self._poll_job = self._poll_worker()

    @work(thread=True, exclusive=True, group="disk-watch", exit_on_error=False)
    def _poll_worker(self) -> None:
        watcher = self._disk_watcher
        if watcher is None:
            return
        with self._watch_lock:
            changes = watcher.poll()
        if changes:
            self.call_later(self.apply_disk_changes, changes)

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
        self._reload_worker(self._known_digests())

    @work(thread=True, exclusive=True, group="disk-reload", exit_on_error=False)
    def _reload_worker(self, known: dict[Path, str]) -> None:
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
        if not self._main_screen_alive():
            return
        store = self.store
        plan = sort_disk_changes(store, changes, self.dirty, self.pending_deletes)
        for oid in plan.deleted_on_both_sides:
            self.pending_deletes.discard(oid)
            store.files.pop(oid, None)
        to_reload, settings_changed = plan.reload, plan.settings_changed
        changed: set[str] = set()
        broken_before = set(store.broken)
        for path in to_reload:
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
                    ngettext(
                        "Reloaded {n} objective changed on disk.",
                        "Reloaded {n} objectives changed on disk.",
                        len(changed),
                    ).format(n=len(changed))
                )
        for oid in plan.conflicts:
            self.open_sync_conflict(oid)
        self.refresh_git_status()

    def _reload_settings(self) -> None:
        store = self.store
        previous = store.settings
        store.reload_file(store.settings_path)
        if store.settings_path in store.broken:
            store.settings = previous  # keep working with the last good settings
            return
        self.editor.configure(FormContext(store.settings, self.today), self.smart_verdicts)
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

    # ------------------------------------------------------------------ git commands
    def _git_panel(self) -> GitPanelScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, GitPanelScreen):
                return screen
        return None

    def _require_repo(self) -> GitRepo | None:
        if self._git_repo is None:
            self.notify(_("The workspace is not in a git repository."), severity="warning")
        return self._git_repo

    def action_git_panel(self, focus_message: bool = False) -> None:
        repo = self._require_repo()
        if repo is None or self._git_panel() is not None:
            return
        store = self.store
        titles = {
            state.path: store.objectives[oid].title
            for oid, state in store.files.items()
            if oid in store.objectives
        }
        panel = GitPanelScreen(
            repo,
            store.root,
            titles,
            unsaved=len(self.dirty) + len(self.pending_deletes),
            busy=self._git_busy,
            draft=self._commit_draft,
            focus_message=focus_message,
            git_lock=self._git_lock,
        )
        self._commit_draft = None
        self.push_screen(panel, callback=self._panel_closed)

    def _panel_closed(self, draft: CommitDraft | None) -> None:
        self._commit_draft = draft

    def action_git_commit(self) -> None:
        self.action_git_panel(focus_message=True)

    def action_git_pull(self) -> None:
        self.git_network("pull")

    def action_git_push(self) -> None:
        self.git_network("push")

    def action_git_fetch(self) -> None:
        self.git_network("fetch")

    def git_network(self, kind: str) -> None:
        """Start `pull`, `push` or `fetch` in a worker."""
        self._start_git_operation(kind, "")

    def git_commit(self, message: str) -> None:
        """Commit the workspace's changed files with `message`, in a worker."""
        self._start_git_operation("commit", message)

    def _start_git_operation(self, kind: str, message: str) -> None:
        if self._require_repo() is None:
            return
        if self._git_busy:
            self.notify(
                _("git is busy ({what}); try again in a moment.").format(what=self._git_busy)
            )
            return
        self._git_busy = kind
        self.git_status.show_busy(kind)
        panel = self._git_panel()
        if panel is not None:
            panel.operation_started(kind)
        self._git_operation(kind, message)

    @work(thread=True, group="git-operation", exit_on_error=False)
    def _git_operation(self, kind: str, message: str) -> None:
        repo = self._git_repo
        assert repo is not None
        try:
            with self._git_lock:
                result = run_git_operation(repo, self.store.root, kind, message)
            error = False
        except GitError as exc:
            result, error = str(exc), True
        self.call_later(self._git_operation_done, kind, result, error)

    def _git_operation_done(self, kind: str, message: str, error: bool) -> None:
        self._git_busy = None
        if not self._main_screen_alive():
            return
        self.git_status.show_busy(None)
        panel = self._git_panel()
        if panel is not None:
            panel.operation_finished(kind, message, error=error)
        else:
            self.notify(message, severity="error" if error else "information", timeout=8)
        if kind == "pull":
            self._poll_disk()  # bring the pulled changes in now, not at the next tick
        self.refresh_git_status()

    # ------------------------------------------------------------------ history
    def action_kr_history(self) -> None:
        objective, kr = self.selected()
        if objective is None or kr is None:
            self.notify(_("Select a key result first."), severity="warning")
            return
        repo = self._require_repo()
        if repo is None:
            return
        state = self.store.files.get(objective.id)
        self.push_screen(
            KeyResultHistoryScreen(
                repo,
                self.store.root,
                objective,
                kr,
                state.path if state is not None else None,
                current=self.store.objectives,
                today=self.today,
                calendar=self.store.settings.calendar,
            )
        )
