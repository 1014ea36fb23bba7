"""The workspace in git: status in the footer, the git panel, commit/pull/push, history.

A mixin of `OkrApp`: its bindings are listed in `BINDINGS` and merged into the app's.
Noticing and reloading files changed on disk (after a pull, too) is `DiskSyncActions`.

Workers never touch widgets: they hand results back with `call_later`, which
(unlike `call_from_thread`) does not wait, so a worker ending while the app
quits cannot block.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from okrtui.i18n import N_, _
from okrtui.tui.app_state import AppState
from okrtui.tui.widgets.git_status import GitStatus, RepoStatus, read_repo_status
from okrtui.tui.widgets.objective_tree import ObjectiveTree

# git, the panel and the history screen load when first used, not with the app.
if TYPE_CHECKING:
    from okrtui.store.git import GitRepo
    from okrtui.tui.commands import Command
    from okrtui.tui.screens.git_panel import CommitDraft, GitPanelScreen

STATUS_LOCK_WAIT = 5.0

BINDINGS: list[BindingType] = [
    Binding(
        "g",
        "git_panel",
        N_("Git"),
        show=False,
        id="git.panel",
        tooltip=N_("Changed objectives, commit, pull and push"),
    ),
    Binding(
        "H",
        "kr_history",
        N_("KR history"),
        show=False,
        id="git.kr_history",
        tooltip=N_("The selected key result's values over commits, and what changed since"),
    ),
]


class GitActions(AppState):
    """Mixed into `OkrApp`."""

    if TYPE_CHECKING:
        # From `DiskSyncActions`: look at the disk now (after a pull).
        def _poll_disk(self) -> None: ...

    _git_repo: GitRepo | None = None
    _git_busy: str | None = None
    _commit_draft: CommitDraft | None = None
    _git_lock: threading.Lock

    def compose_git_status(self) -> ComposeResult:
        """Widgets shown at the right of the footer."""
        yield GitStatus(id="git-status")

    def start_git(self) -> None:
        """Called once the main screen is mounted: look for a repository."""
        self._git_lock = threading.Lock()
        self.call_after_refresh(self._detect_repository)  # after the first frame

    def git_commands(self) -> list[Command]:
        """Palette commands of this area that apply now."""
        if self._git_repo is None:
            return []
        found: list[Command] = [
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
        from okrtui.store.git import GitError, GitRepo

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
        # No timer: the status is read again after saves, reloads and the app's own git
        # commands, and when git's HEAD, index or branches change on disk (`disk_sync`).

    def refresh_git_status(self) -> None:
        """Read the branch and changed count again, in a worker (local git only, no network)."""
        if self._git_repo is not None and not self._git_busy:
            self._read_git_status()

    @work(thread=True, exclusive=True, group="git-status", exit_on_error=False)
    def _read_git_status(self) -> None:
        from okrtui.store.git import GitError

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

    # ------------------------------------------------------------------ git commands
    def _git_panel(self) -> GitPanelScreen | None:
        from okrtui.tui.screens.git_panel import GitPanelScreen

        for screen in self.screen_stack:
            if isinstance(screen, GitPanelScreen):
                return screen
        return None

    def _require_repo(self) -> GitRepo | None:
        if self._git_repo is None:
            self.notify(_("The workspace is not in a git repository."), severity="warning")
        return self._git_repo

    def action_git_panel(self, focus_message: bool = False) -> None:
        from okrtui.tui.screens.git_panel import GitPanelScreen

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
        from okrtui.store.git import GitError
        from okrtui.tui.screens.git_panel import run_git_operation

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
        from okrtui.tui.screens.kr_history import KeyResultHistoryScreen

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
