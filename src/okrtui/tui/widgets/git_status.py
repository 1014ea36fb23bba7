"""What git says about the workspace: the footer's ` main ↑1 ↓0 ✎2`, and the
changed files the git panel lists. The `read_*` functions block: call them from workers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from okrtui.i18n import _
from okrtui.store import OBJECTIVES_DIR, SETTINGS_FILE

# The footer widget is in the first frame; git itself is only needed once a worker runs.
if TYPE_CHECKING:
    from okrtui.store.git import FileChange, GitRepo


@dataclass(frozen=True, slots=True)
class RepoStatus:
    """What the footer shows about the workspace's repository."""

    branch: str | None
    """None on a detached HEAD."""
    ahead_behind: tuple[int, int] | None
    """None without an upstream."""
    changed: int
    """Objective files changed since the last commit."""


def read_repo_status(repo: GitRepo, workspace: Path) -> RepoStatus:
    """Ask git (locally, no network) for the branch, ahead/behind and changed objectives."""
    return RepoStatus(repo.branch(), repo.ahead_behind(), len(repo.changed_objectives(workspace)))


@dataclass(frozen=True, slots=True)
class ChangedFile:
    """One row of the panel's list."""

    title: str
    file: str
    status: str


@dataclass(frozen=True, slots=True)
class PanelData:
    status: RepoStatus
    upstream: str | None
    files: tuple[ChangedFile, ...]
    message: str


def change_status(change: FileChange) -> str:
    """A word for a `git status` code: new, modified, deleted, renamed or conflict."""
    if change.conflicted:
        return _("conflict")
    if change.untracked or "A" in change.status:
        return _("new")
    if change.deleted:
        return _("deleted")
    if "R" in change.status:
        return _("renamed")
    return _("modified")


def describe_changes(
    changes: list[FileChange], root: Path, titles: Mapping[Path, str]
) -> tuple[ChangedFile, ...]:
    """Rows for the changed workspace files; titles come from what the app has loaded."""
    rows = []
    for change in changes:
        if change.path == root / SETTINGS_FILE:
            title = _("workspace settings")
        else:
            title = titles.get(change.path, change.path.stem)
        try:
            file = change.path.relative_to(root).as_posix()
        except ValueError:
            file = str(change.path)
        file = file.removeprefix(OBJECTIVES_DIR + "/")  # every objective lives there
        rows.append(ChangedFile(title, file, change_status(change)))
    return tuple(rows)


def read_panel_data(repo: GitRepo, root: Path, titles: Mapping[Path, str]) -> PanelData:
    """Everything the panel shows (blocking: run it in a worker thread)."""
    from okrtui.services.commit_message import prefill_commit_message

    changes = repo.changed_workspace_files(root)
    return PanelData(
        read_repo_status(repo, root),
        repo.upstream(),
        describe_changes(changes, root, titles),
        prefill_commit_message(repo, root) if changes else "",
    )


def status_line(status: RepoStatus, busy: str | None = None) -> Content:
    """` main ↑1 ↓0 ✎2`, with `⟳ pull…` in front while a git command runs."""
    parts: list[str | tuple[str, str]] = []
    if busy:
        parts.append((f"⟳ {busy}… ", "$warning"))
    parts.append((" " + (status.branch or _("detached")), "bold $accent"))
    if status.ahead_behind is not None:
        ahead, behind = status.ahead_behind
        parts.append((f" ↑{ahead}", "$success" if ahead else "$text-muted"))
        parts.append((f" ↓{behind}", "$warning" if behind else "$text-muted"))
    parts.append((f" ✎{status.changed}", "$warning" if status.changed else "$text-muted"))
    return Content.assemble(*parts)


class GitStatus(Static):
    """Hidden outside a repository; otherwise the branch, ahead/behind and changed count."""

    DEFAULT_CSS = """
    GitStatus {
        split: right;  /* the footer docks; a split keeps it from drawing over us */
        width: auto;
        height: 1;
        padding: 0 1;
        background: $footer-background;
        display: none;
    }
    GitStatus.-in-repo {
        display: block;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.status: RepoStatus | None = None
        self.busy: str | None = None

    def show_status(self, status: RepoStatus | None) -> None:
        """Show `status`; None (not a repository, or git failed) hides the widget."""
        self.status = status
        self._render_line()

    def show_busy(self, busy: str | None) -> None:
        """Name the git command running now (e.g. "pull"), or None when it is done."""
        self.busy = busy
        self._render_line()

    def _render_line(self) -> None:
        self.set_class(self.status is not None, "-in-repo")
        if self.status is not None:
            self.update(status_line(self.status, self.busy))
            self.tooltip = _(
                "Branch, commits ahead ↑ / behind ↓ the upstream (as last fetched), "
                "objectives changed since the last commit ✎. Press g for the git panel."
            )
