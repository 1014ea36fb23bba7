"""The workspace's git repository, driven through the `git` command line.

Every call is a plain blocking function (the UI runs them in worker
threads). Each git process goes through `okrtui.store.git_runner.run_git`,
which never gives git a terminal; network operations get a shorter timeout, so
a missing credential fails fast with a clear `GitError` instead of hanging.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okrtui.i18n import _

# Re-exported: callers import the error and the runner from here.
from okrtui.store.git_runner import GitError as GitError
from okrtui.store.git_runner import GitResult as GitResult
from okrtui.store.git_runner import explain_failure as explain_failure
from okrtui.store.git_runner import run_git as run_git

NETWORK_TIMEOUT = 60.0
_CONFLICT_CODES = frozenset({"DD", "AU", "UD", "UA", "DU", "AA", "UU"})


@dataclass(frozen=True, slots=True)
class FileChange:
    """One line of `git status`: an absolute path and its two-letter XY code."""

    path: Path
    status: str
    original: Path | None = None  # the old path of a rename or copy

    @property
    def untracked(self) -> bool:
        return self.status == "??"

    @property
    def deleted(self) -> bool:
        return "D" in self.status and not self.conflicted

    @property
    def conflicted(self) -> bool:
        return self.status in _CONFLICT_CODES


@dataclass(frozen=True, slots=True)
class CommitInfo:
    sha: str
    date: dt.datetime
    author: str
    subject: str
    path: Path | None = None  # the file's path at this commit, for `log_file`


@dataclass(frozen=True, slots=True)
class TagInfo:
    name: str
    commit: str
    date: dt.datetime | None


def _parse_date(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None


class GitRepo:
    """The git repository that holds a workspace (or any folder inside one)."""

    def __init__(self, path: Path | str, *, network_timeout: float = NETWORK_TIMEOUT) -> None:
        self.path = Path(path).resolve()
        self.network_timeout = network_timeout
        self._top: Path | None = None

    # ------------------------------------------------------------------ plumbing
    def _git(self, *args: str, action: str = "git", **options: Any) -> GitResult:
        return run_git(args, self.path, action=action, **options)

    def _checked(self, *args: str, action: str, **options: Any) -> GitResult:
        """Run git; a failure raises `GitError` with one clear line."""
        result = self._git(*args, action=action, **options)
        if result.returncode != 0:
            raise GitError(explain_failure(action, result))
        return result

    def _value(self, *args: str) -> str | None:
        """The trimmed output of a query, or None when git says no (exit status 1)."""
        result = self._git(*args)
        return result.text.strip() or None if result.returncode == 0 else None

    def _rel(self, path: Path | str) -> str:
        """`path` relative to the repository's top, with forward slashes."""
        full = Path(path)
        full = (full if full.is_absolute() else self.path / full).resolve()
        try:
            return full.relative_to(self.top).as_posix()
        except ValueError:
            raise GitError(_("{path} is outside the repository").format(path=full)) from None

    # ------------------------------------------------------------------ state
    def is_repo(self) -> bool:
        """True when the folder is inside a git work tree (False also without git)."""
        try:
            result = self._git("rev-parse", "--is-inside-work-tree")
        except GitError:
            return False
        return result.returncode == 0 and result.text.strip() == "true"

    @property
    def top(self) -> Path:
        """The repository's top folder."""
        if self._top is None:
            out = self._checked("rev-parse", "--show-toplevel", action="git").text.strip()
            self._top = Path(out).resolve()
        return self._top

    def branch(self) -> str | None:
        """The current branch, or None on a detached HEAD."""
        return self._value("symbolic-ref", "--quiet", "--short", "HEAD")

    def upstream(self) -> str | None:
        """The upstream branch (e.g. "origin/main"), or None when there is none."""
        return self._value("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}")

    def _tracks_upstream(self, branch: str) -> bool:
        """True when `branch` has an upstream configured (fetched yet or not)."""
        return self._value("config", "--get", f"branch.{branch}.merge") is not None

    def ahead_behind(self) -> tuple[int, int] | None:
        """Commits (ahead, behind) the upstream as last fetched; None without an upstream."""
        if self.upstream() is None:
            return None
        result = self._git("rev-list", "--left-right", "--count", "HEAD...@{upstream}")
        if result.returncode != 0:
            return None
        ahead, behind = result.text.split()
        return int(ahead), int(behind)

    def head(self) -> str | None:
        """The commit HEAD points at, or None in a repository with no commits yet."""
        return self.resolve("HEAD")

    def resolve(self, rev: str) -> str | None:
        """The commit `rev` names, or None when it names none."""
        return self._value("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")

    def changed_files(self) -> list[FileChange]:
        """Changed, staged, untracked and conflicted files (`git status` porcelain v1)."""
        out = self._checked(
            "status", "--porcelain=v1", "-z", "--untracked-files=all", action="status"
        ).stdout.decode("utf-8", errors="surrogateescape")
        parts = out.split("\0")
        changes: list[FileChange] = []
        i = 0
        while i < len(parts):
            entry = parts[i]
            i += 1
            if len(entry) < 4:
                continue
            code, name = entry[:2], entry[3:]
            original = None
            if "R" in code or "C" in code:
                original = self.top / parts[i]
                i += 1
            changes.append(FileChange(self.top / name, code, original))
        return changes

    def changed_workspace_files(self, workspace: Path | str) -> list[FileChange]:
        """Changes to `okrtui.toml`, the objective files and the monthly reviews."""
        root = Path(workspace).resolve()
        settings, objectives, reviews = root / "okrtui.toml", root / "objectives", root / "reviews"
        return [
            c
            for c in self.changed_files()
            if c.path == settings
            or (c.path.suffix == ".toml" and c.path.is_relative_to(objectives))
            or (c.path.suffix == ".toml" and c.path.parent == reviews)
        ]

    def changed_objectives(self, workspace: Path | str) -> list[FileChange]:
        """Changes to objective files only (`objectives/**/*.toml`)."""
        objectives = Path(workspace).resolve() / "objectives"
        return [
            c for c in self.changed_workspace_files(workspace) if c.path.is_relative_to(objectives)
        ]

    def user_name(self) -> str | None:
        """`git config user.name`, or None when unset."""
        return self._value("config", "--get", "user.name")

    def set_config(self, key: str, value: str) -> None:
        """Set a value in this repository's own config (`.git/config`)."""
        self._checked("config", "--local", key, value, action="git config")

    # ------------------------------------------------------------------ actions
    def commit(self, paths: Sequence[Path | str], message: str) -> str:
        """Commit exactly `paths` (new, changed or deleted) with `message`; the new commit.

        While a merge is in progress (after a conflict) the commit concludes it.
        """
        if not paths:
            raise GitError(_("commit failed: nothing to commit"))
        rels = [self._rel(p) for p in paths]
        present = [r for r in rels if (self.top / r).exists()]
        gone = [r for r in rels if r not in present]
        if present:
            self._checked("add", "--all", "--", *present, action="commit")
        if gone:  # deleted, or already moved away with `git mv`
            rm = ["rm", "--cached", "--quiet", "--ignore-unmatch", "--", *gone]
            self._checked(*rm, action="commit")
        # Concluding a merge commits everything staged: git refuses a partial merge commit.
        only = [] if self.resolve("MERGE_HEAD") else ["--", *rels]
        self._checked("commit", "--file=-", *only, action="commit", stdin=message.encode("utf-8"))
        return self.head() or ""

    def fetch(self) -> None:
        """Update the remote-tracking branches (for ahead/behind)."""
        self._checked("fetch", "--quiet", action="fetch", timeout=self.network_timeout)

    def pull(self) -> None:
        """Fetch and merge the upstream; the okrtui merge driver resolves objective files."""
        branch = self.branch() or "HEAD"
        if not self._tracks_upstream(branch):
            raise GitError(
                _("pull failed: no upstream branch; run git branch -u origin/{branch}").format(
                    branch=branch
                )
            )
        args = ["pull", "--no-edit"]
        if self._git("config", "--get", "pull.rebase").returncode != 0:
            args.append("--no-rebase")  # git >= 2.33 refuses a diverged pull without a choice
        result = self._git(*args, action="pull", timeout=self.network_timeout)
        if result.returncode == 0:
            return
        conflicted = [c.path for c in self.changed_files() if c.conflicted]
        if conflicted:
            names = ", ".join(self._rel(p) for p in conflicted)
            raise GitError(
                _("pull needs a merge: resolve conflicts in {names}").format(names=names)
            )
        raise GitError(explain_failure("pull", result))

    def push(self) -> None:
        """Push the current branch to its upstream."""
        branch = self.branch()
        if branch is None:
            raise GitError(_("push failed: not on a branch"))
        if not self._tracks_upstream(branch):
            remotes = self._git("remote").text.split()
            remote = "origin" if "origin" in remotes or not remotes else remotes[0]
            raise GitError(
                _("push failed: no upstream branch; run git push -u {remote} {branch}").format(
                    remote=remote, branch=branch
                )
            )
        self._checked("push", "--quiet", action="push", timeout=self.network_timeout)

    # ------------------------------------------------------------------ history
    def log_file(self, path: Path | str, *, since_rev: str | None = None) -> list[CommitInfo]:
        """Commits touching a file, newest first, following renames."""
        rev_range = [f"{since_rev}..HEAD"] if since_rev else []
        fmt = "--format=%x1e%H%x1f%aI%x1f%an%x1f%s"
        args = ["log", "--follow", fmt, "--name-only", "-z", *rev_range, "--", self._rel(path)]
        result = self._git(*args, action="log")
        if result.returncode != 0:
            if self.head() is None:
                return []  # no commits yet
            raise GitError(explain_failure("log", result))
        commits: list[CommitInfo] = []
        for record in result.stdout.decode("utf-8", errors="replace").split("\x1e"):
            header, _sep, names = record.partition("\0")
            fields = header.split("\x1f")
            if len(fields) != 4:
                continue
            date = _parse_date(fields[1])
            if date is None:
                continue
            name = next((n for n in names.strip("\n").split("\0") if n), "")
            where = self.top / name if name else None
            commits.append(CommitInfo(fields[0], date, fields[2], fields[3], where))
        return commits

    def show(self, rev: str, path: Path | str) -> bytes:
        """The content of `path` at commit `rev`; `GitError` when it did not exist there."""
        data = self.read_blobs([(rev, path)])[0]
        if data is None:
            raise GitError(
                _("{path} does not exist at {rev}").format(path=self._rel(path), rev=rev)
            )
        return data

    def read_blobs(self, wanted: Sequence[tuple[str, Path | str]]) -> list[bytes | None]:
        """Contents of many (rev, path) pairs with one git process; None where missing."""
        if not wanted:
            return []
        query = "".join(f"{rev}:{self._rel(path)}\n" for rev, path in wanted).encode("utf-8")
        out = self._checked("cat-file", "--batch", action="show", stdin=query).stdout
        blobs: list[bytes | None] = []
        pos = 0
        for _pair in wanted:
            end = out.index(b"\n", pos)
            header = out[pos:end].split()
            pos = end + 1
            if len(header) == 3 and header[1] == b"blob":
                size = int(header[2])
                blobs.append(out[pos : pos + size])
                pos += size + 1
            elif len(header) == 3:  # a tree or commit: skip its body
                pos += int(header[2]) + 1
                blobs.append(None)
            else:
                blobs.append(None)
        return blobs

    def files_at(self, rev: str, folder: Path | str) -> list[Path]:
        """Files under `folder` at commit `rev` (absolute paths in this work tree)."""
        result = self._checked(
            "ls-tree", "-r", "-z", "--name-only", rev, "--", self._rel(folder), action="ls-tree"
        )
        return [self.top / n for n in result.text.split("\0") if n]

    def commit_before(self, moment: dt.datetime) -> str | None:
        """The last commit on HEAD made before `moment`, or None."""
        return self._value("rev-list", "-1", f"--before={moment.isoformat()}", "HEAD")

    def tags(self) -> list[TagInfo]:
        """Tags, newest first, each with the commit it points at."""
        result = self._checked(
            "for-each-ref",
            "--sort=-creatordate",
            "--format=%(refname:short)%00%(objectname)%00%(*objectname)%00%(creatordate:iso-strict)",
            "refs/tags",
            action="tags",
        )
        tags = []
        for line in result.text.splitlines():
            parts = line.split("\0")
            if len(parts) == 4:
                tags.append(TagInfo(parts[0], parts[2] or parts[1], _parse_date(parts[3])))
        return tags


def default_author(folder: Path) -> str:
    """Who writes a check-in by default: `git config user.name` as seen from `folder`,
    else the login name, else "".

    Runs git: the app calls it from a worker thread.
    """
    try:
        name = GitRepo(folder).user_name()
    except (GitError, OSError):
        name = None
    if name:
        return name
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in a bare container
        return ""
