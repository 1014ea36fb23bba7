"""Noticing files that changed on disk: a `git pull`, an editor, a teammate's sync.

Two parts:

- `WorkspaceWatcher` knows every workspace file's (mtime, size, inode) and
  sha256. `refresh(paths)` looks again at the paths an event named (or, for
  a folder renamed or deleted, at everything: `poll()`), so an idle app does
  no work at all. A file touched but rewritten with the same bytes is not
  reported, nor is the app's own save (`acknowledge`).
- `watch_batches` blocks in a worker thread on `watchfiles` (Rust `notify`:
  inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows) and
  yields one `EventBatch` per burst: events are grouped until none came for
  `QUIET_MS`, so a `git checkout` rewriting 3,000 files is one batch, not
  3,000. File systems that send no events (NFS, SMB, sshfs, WSL's Windows
  drives) are polled instead, by the same library (`choose_mode`; forced with
  `OKRTUI_WATCH=poll` or `OKRTUI_WATCH=events`).

watchfiles was chosen over hand-written inotify/kqueue code: one maintained
library covers the three platforms, groups bursts in Rust, and has a polling
mode for the file systems events do not reach.
"""

from __future__ import annotations

import contextlib
import os
import platform
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from okrtui.i18n import _
from okrtui.store.links import leads_outside
from okrtui.store.workspace import OBJECTIVES_DIR, SETTINGS_FILE, digest

_Stamp = tuple[int, int, int]  # (mtime_ns, size, inode)

WATCH_ENV = "OKRTUI_WATCH"
QUIET_MS = 200
"""A burst ends when no event came for this long (then it is reported)."""
MAX_BURST_MS = 2_000
"""A burst longer than this is reported in parts, so a long one still shows progress."""
POLL_MS = 500
"""How often the polling fallback looks (a change shows within about POLL_MS + QUIET_MS)."""

NETWORK_FILE_SYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "fuse.sshfs",
        "sshfs",
        "9p",
        "afs",
        "ceph",
        "fuse.ceph",
        "glusterfs",
        "fuse.glusterfs",
        "lustre",
        "davfs",
        "fuse.davfs2",
        "fuse.rclone",
        "fuse.s3fs",
        "gpfs",
        "ncpfs",
        "vboxsf",
        "drvfs",
    }
)
"""File systems whose changes made on another machine send no local events."""

GIT_STATE_FILES = frozenset({"HEAD", "index", "FETCH_HEAD", "ORIG_HEAD", "MERGE_HEAD"})
"""Files at the top of the git folder whose change moves the footer's git status."""


class StopFlag(Protocol):
    def is_set(self) -> bool: ...


class WatchMode(StrEnum):
    EVENTS = "events"
    POLL = "poll"


@dataclass(frozen=True, slots=True)
class WatchChoice:
    """How the workspace is watched, and why: shown in the help screen."""

    mode: WatchMode
    reason: str

    def describe(self) -> str:
        if self.mode is WatchMode.EVENTS:
            text = _("watched by file system events")
        else:
            text = _("checked every {seconds:g} s (polling)").format(seconds=POLL_MS / 1000)
        return f"{text}: {self.reason}"


def choose_mode(root: Path, env: dict[str, str] | None = None) -> WatchChoice:
    """Events where the file system sends them, polling where it does not (or when forced)."""
    forced = (env if env is not None else os.environ).get(WATCH_ENV, "").strip().lower()
    if forced in (WatchMode.POLL, WatchMode.EVENTS):
        return WatchChoice(WatchMode(forced), _("set by {env}").format(env=WATCH_ENV))
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        return WatchChoice(WatchMode.POLL, _("watchfiles is not installed"))
    if sys.platform.startswith("linux") and "microsoft-standard" in platform.uname().release:
        return WatchChoice(WatchMode.POLL, _("WSL sends no events for Windows drives"))
    fs_type = file_system_type(root)
    if fs_type in NETWORK_FILE_SYSTEMS:
        return WatchChoice(WatchMode.POLL, _("{fs} is a network file system").format(fs=fs_type))
    backend = {"linux": "inotify", "darwin": "FSEvents", "win32": "ReadDirectoryChangesW"}
    name = next((v for k, v in backend.items() if sys.platform.startswith(k)), "notify")
    return WatchChoice(WatchMode.EVENTS, name)


def file_system_type(path: Path) -> str | None:
    """The type of the file system holding `path` (Linux only: /proc/self/mounts)."""
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    best, found = -1, None
    target = str(Path(path).resolve())
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > best:
            best, found = len(point), parts[2]
    return found


# ---------------------------------------------------------------------- event batches
@dataclass(frozen=True, slots=True)
class EventBatch:
    """One burst of events: workspace paths that may have changed, and whether git's did."""

    paths: frozenset[Path] = frozenset()
    git: bool = False


def git_dir(root: Path) -> Path | None:
    """The repository's git folder (worktree-aware), or None outside a repository."""
    from okrtui.store.git_runner import GitError, run_git

    try:
        result = run_git(["rev-parse", "--absolute-git-dir"], root)
    except GitError:
        return None
    text = result.text.strip()
    return Path(text).resolve() if result.returncode == 0 and text else None


@dataclass(frozen=True)
class _Sorter:
    """Which event paths matter: workspace files (and folders), and git's state files."""

    root: Path
    git: Path | None

    def workspace(self, path: Path) -> bool:
        if path in (self.root / SETTINGS_FILE, self.root, self.root / OBJECTIVES_DIR):
            return True  # the folder itself deleted or renamed: everything is looked at
        try:
            parts = path.relative_to(self.root / OBJECTIVES_DIR).parts
        except ValueError:
            return False
        # dot-files are editors' and atomic writes' temporaries; a name without a
        # suffix may be a folder renamed or deleted (then everything is looked at)
        return bool(parts) and not any(p.startswith(".") for p in parts)

    def git_state(self, path: Path) -> bool:
        if self.git is None:
            return False
        if path.parent == self.git:
            return path.name in GIT_STATE_FILES
        try:
            head = path.relative_to(self.git).parts[:2]
        except ValueError:
            return False
        return head in (("refs", "heads"), ("refs", "remotes"))

    def keep(self, _change: object, path: str) -> bool:
        candidate = Path(path)
        return self.workspace(candidate) or self.git_state(candidate)


def watch_batches(
    root: Path,
    mode: WatchMode,
    stop: StopFlag,
    *,
    git: Path | None = None,
    quiet_ms: int = QUIET_MS,
) -> Iterator[EventBatch]:
    """Block, yielding one `EventBatch` per burst of changes, until `stop` is set.

    Raises `OSError` when the folder cannot be watched (e.g. the inotify
    watch limit is reached); the caller then polls.
    """
    from watchfiles import watch

    root = Path(root).resolve()
    sorter = _Sorter(root, git)
    folders = [root]
    if git is not None and not git.is_relative_to(root):
        folders.append(git)
    for changes in watch(
        *folders,
        watch_filter=sorter.keep,
        debounce=MAX_BURST_MS,
        step=quiet_ms,
        stop_event=stop,
        rust_timeout=0,
        raise_interrupt=False,
        force_polling=mode is WatchMode.POLL,
        poll_delay_ms=POLL_MS,
        recursive=True,
        ignore_permission_denied=True,
        debug=False,
    ):
        paths = {Path(p) for _c, p in changes}
        workspace = frozenset(p for p in paths if sorter.workspace(p))
        yield EventBatch(workspace, git=len(workspace) < len(paths))


# ---------------------------------------------------------------------- what changed
@dataclass(frozen=True, slots=True)
class WorkspaceChanges:
    """What changed since the previous look (absolute paths, sorted)."""

    added: tuple[Path, ...] = ()
    modified: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.modified or self.removed)

    @property
    def paths(self) -> tuple[Path, ...]:
        """Every changed path."""
        return (*self.added, *self.modified, *self.removed)

    def then(self, later: WorkspaceChanges) -> WorkspaceChanges:
        """These changes followed by `later` ones, as one set of changes."""
        added, modified = set(self.added), set(self.modified)
        removed = set(self.removed)
        for path in later.removed:
            if path in added:
                added.discard(path)  # came and went: nothing to bring in
            else:
                modified.discard(path)
                removed.add(path)
        for path in later.added:
            if path in removed:
                removed.discard(path)
                modified.add(path)
            else:
                added.add(path)
        gone = set(later.removed)
        modified.update(p for p in later.modified if p not in added and p not in gone)
        return WorkspaceChanges(
            tuple(sorted(added)), tuple(sorted(modified)), tuple(sorted(removed))
        )


@dataclass(slots=True)
class _Seen:
    stamp: _Stamp
    digest: str


@dataclass
class WorkspaceWatcher:
    """Reports workspace files added, modified or removed since it last looked.

    The first snapshot is taken on creation, so the first look reports what
    changed after the watcher was made.
    """

    root: Path
    _seen: dict[Path, _Seen] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()
        self.poll()

    def poll(self) -> WorkspaceChanges:
        """Compare every file on disk with what was seen before."""
        current: dict[Path, _Seen] = {}
        added, modified = self._compare(self._scan(), current)
        removed = [p for p in self._seen if p not in current]
        self._seen = current
        return WorkspaceChanges(
            tuple(sorted(added)), tuple(sorted(modified)), tuple(sorted(removed))
        )

    def refresh(self, paths: Iterable[Path]) -> WorkspaceChanges:
        """Look again at `paths` only (from an event); a folder among them: look at all."""
        objectives = self.root / OBJECTIVES_DIR
        found: list[tuple[Path, _Stamp]] = []
        gone: list[Path] = []
        for path in paths:
            try:
                st = path.stat()
            except OSError:
                if path.suffix != ".toml" and any(p.is_relative_to(path) for p in self._seen):
                    return self.poll()  # a folder deleted or renamed away
                gone.append(path)
                continue
            if not path.is_file():
                if path.is_dir() and path.is_relative_to(objectives):
                    return self.poll()  # a folder renamed in: its files sent no events
                continue
            if path.suffix == ".toml" or path.name == SETTINGS_FILE:
                found.append((path, _stamp(st)))
        current: dict[Path, _Seen] = {}
        added, modified = self._compare(found, current)
        removed = [p for p in gone if self._seen.pop(p, None) is not None]
        self._seen.update(current)
        return WorkspaceChanges(
            tuple(sorted(added)), tuple(sorted(modified)), tuple(sorted(removed))
        )

    def _compare(
        self, found: Iterable[tuple[Path, _Stamp]], current: dict[Path, _Seen]
    ) -> tuple[list[Path], list[Path]]:
        added: list[Path] = []
        modified: list[Path] = []
        for path, stamp in found:
            previous = self._seen.get(path)
            if previous is not None and previous.stamp == stamp:
                current[path] = previous
                continue
            # a link leading outside is never read: the store refuses it on reload
            outside = leads_outside(self.root, path)
            content_digest = f"outside:{stamp}" if outside else _digest(path)
            if content_digest is None:
                continue  # vanished between listing and reading: treat as not there
            current[path] = _Seen(stamp, content_digest)
            if previous is None:
                added.append(path)
            elif previous.digest != content_digest:
                modified.append(path)
        return added, modified

    def digest(self, path: Path) -> str | None:
        """The sha256 of `path` as last seen (the store's digest format)."""
        seen = self._seen.get(Path(path).resolve())
        return seen.digest if seen is not None else None

    def acknowledge(self, path: Path) -> None:
        """Record `path` as it is now, so the app's own save is not reported back."""
        path = Path(path).resolve()
        try:
            stamp = _stamp(path.stat())
        except OSError:
            self._seen.pop(path, None)
            return
        content_digest = _digest(path)
        if content_digest is None:
            self._seen.pop(path, None)
        else:
            self._seen[path] = _Seen(stamp, content_digest)

    def _scan(self) -> list[tuple[Path, _Stamp]]:
        found: list[tuple[Path, _Stamp]] = []
        settings = self.root / SETTINGS_FILE
        with contextlib.suppress(OSError):
            found.append((settings, _stamp(settings.stat())))
        pending = [self.root / OBJECTIVES_DIR]
        while pending:
            folder = pending.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue  # missing, or removed while we looked
            for entry in entries:
                # Editors and atomic writes use dot-files as temporaries.
                if entry.name.startswith("."):
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(Path(entry.path))
                    elif entry.name.endswith(".toml") and entry.is_file():
                        found.append((Path(entry.path), _stamp(entry.stat())))
                except OSError:
                    continue
        return found


def _stamp(st: os.stat_result) -> _Stamp:
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except OSError:
        return None
