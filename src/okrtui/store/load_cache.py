"""A cache of validated objectives, so a big workspace opens without re-parsing.

Each entry is keyed by the file's path and its identity on disk (mtime and
ctime in nanoseconds, size, inode): any write to the file, by okrtui, git or
an editor, changes that identity and the file is read again. The cache holds
the sha256 of the bytes it was made from, so conflict detection on save is
as strict as after a fresh read. It lives in the user's cache folder
(platformdirs), never in the workspace, and a cache that cannot be read is
ignored: it can make opening faster, never different.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
import pydantic

from okrtui import __version__
from okrtui.model import Objective

Stamp = tuple[int, int, int, int]
_FORMAT = f"okrtui-{__version__}-pydantic-{pydantic.VERSION}-1"


def file_stamp(path: Path) -> Stamp:
    st = path.stat()
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


@dataclass(slots=True)
class CachedObjective:
    stamp: Stamp
    digest: str
    objective: Objective


@dataclass
class LoadCache:
    """Objectives validated on an earlier run, for one workspace."""

    path: Path | None
    entries: dict[str, CachedObjective] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    changed: bool = False

    @classmethod
    def for_workspace(cls, root: Path) -> LoadCache:
        if os.environ.get("OKRTUI_NO_CACHE"):
            return cls(None)
        name = hashlib.sha256(str(root).encode()).hexdigest()[:24] + ".pickle"
        path = Path(platformdirs.user_cache_dir("okrtui")) / "workspaces" / name
        cache = cls(path)
        try:
            with path.open("rb") as handle:
                fmt, entries = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            return cache
        if fmt == _FORMAT and isinstance(entries, dict):
            cache.entries = entries
        return cache

    def get(self, path: Path, stamp: Stamp) -> CachedObjective | None:
        key = str(path)
        self.seen.add(key)
        entry = self.entries.get(key)
        if entry is None or entry.stamp != stamp:
            return None
        return entry

    def put(self, path: Path, stamp: Stamp, digest: str, objective: Objective) -> None:
        key = str(path)
        self.seen.add(key)
        # No copy: the cache is written at the end of loading, before anything is edited.
        self.entries[key] = CachedObjective(stamp, digest, objective)
        self.changed = True

    def save(self) -> None:
        """Write the cache if it changed; forget files that are gone. Failures are ignored."""
        if self.path is None:
            return
        stale = set(self.entries) - self.seen
        for key in stale:
            del self.entries[key]
        if not self.changed and not stale:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as handle:
                pickle.dump((_FORMAT, self.entries), handle, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(self.path)
        except OSError:
            return
