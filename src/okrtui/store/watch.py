"""Noticing files that changed on disk: a `git pull`, an editor, a teammate's sync.

A polling watcher with no dependency and no thread of its own: the UI calls
`poll()` from a timer. Each poll lists `okrtui.toml` and
`objectives/**/*.toml` and stats them; only a file whose (mtime, size,
inode) moved is read and hashed, so a poll over a thousand unchanged files
costs a thousand `stat` calls. A file touched but rewritten with the same
bytes is not reported.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from okrtui.store.links import leads_outside
from okrtui.store.workspace import OBJECTIVES_DIR, SETTINGS_FILE, digest

_Stamp = tuple[int, int, int]  # (mtime_ns, size, inode)


@dataclass(frozen=True, slots=True)
class WorkspaceChanges:
    """What changed since the previous poll (absolute paths, sorted)."""

    added: tuple[Path, ...] = ()
    modified: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.modified or self.removed)

    @property
    def paths(self) -> tuple[Path, ...]:
        """Every changed path."""
        return (*self.added, *self.modified, *self.removed)


@dataclass(slots=True)
class _Seen:
    stamp: _Stamp
    digest: str


@dataclass
class WorkspaceWatcher:
    """Reports workspace files added, modified or removed since the last poll.

    The first snapshot is taken on creation, so the first `poll()` reports
    what changed after the watcher was made.
    """

    root: Path
    _seen: dict[Path, _Seen] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()
        self.poll()

    def poll(self) -> WorkspaceChanges:
        """Compare the files on disk with the previous poll."""
        added: list[Path] = []
        modified: list[Path] = []
        current: dict[Path, _Seen] = {}
        for path, stamp in self._scan():
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
        removed = [p for p in self._seen if p not in current]
        self._seen = current
        return WorkspaceChanges(
            tuple(sorted(added)), tuple(sorted(modified)), tuple(sorted(removed))
        )

    def digest(self, path: Path) -> str | None:
        """The sha256 of `path` as of the last poll (the store's digest format)."""
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
