"""What `okrtui check` found in each file last time, so an unchanged workspace checks at once.

One JSON file per workspace in the user's cache folder (`OKRTUI_CACHE_DIR`
overrides it, an empty value turns it off; see `store.outline`), never in
the workspace. Entries are keyed by the file's path and sha256; the file's
(mtime, ctime, size, inode) tell whether it must be read and hashed again:
any write or replacement changes its ctime, which no tool can set back, so a
changed file is always read again. A file whose bytes are unchanged (a
`git checkout` rewrote it) keeps its findings.

Beside it, the report as last printed, keyed by the whole folder's state (every
file's stamp): an unchanged workspace prints it again without reading a file.

Both files are written without fsync (`atomic_write(durable=False)`): readers
see the old file or the new one, and one cut short or zero-filled by a power
cut is not valid JSON, or (the report) not the length its first line gives or
holds a NUL, which a printed report never does; either reads as no cache.

The whole cache belongs to one *context*: okrtui's version, the day the
rules judge by and the digest of `okrtui.toml` (its rules and cycles). A
different context starts empty. The findings themselves are opaque JSON
here; `services.check_run` says what they mean.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okrtui import __version__
from okrtui.store.outline import cache_folder, forget_unused
from okrtui.store.toml_io import atomic_write

CHECK_CACHE_FORMAT = 1

CheckStamp = tuple[int, int, int, int]
"""(mtime_ns, ctime_ns, size, inode) of a file."""


def check_stamp(st: os.stat_result) -> CheckStamp:
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


@dataclass(frozen=True, slots=True)
class CachedCheck:
    stamp: CheckStamp
    digest: str
    result: Any


def check_context(*parts: str) -> str:
    """One key for everything besides the file that the findings depend on."""
    return hashlib.sha256("\0".join((__version__, *parts)).encode("utf-8")).hexdigest()


def check_cache_file(root: Path) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    key = hashlib.sha256(str(root).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return folder / "checks" / f"{key}.json"


def read_checks(root: Path, context: str) -> dict[str, CachedCheck]:
    """Cached results by path relative to `root`; empty when missing, stale or unreadable."""
    path = check_cache_file(root)
    if path is None:
        return {}
    try:
        data = json.loads(path.read_bytes())
        if data.get("format") != CHECK_CACHE_FORMAT or data.get("context") != context:
            return {}
        if data.get("root") != str(root):
            return {}
        # A malformed row only misses: its stamp equals no file's, and its digest no file's.
        return {
            rel: CachedCheck(tuple(stamp), str(file_digest), result)
            for rel, (stamp, file_digest, result) in data["files"].items()
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def write_checks(root: Path, context: str, entries: dict[str, CachedCheck]) -> bool:
    """Replace the cache of `root`; False (and no harm) when it cannot be written."""
    path = check_cache_file(root)
    if path is None:
        return False
    files = {rel: [list(e.stamp), e.digest, e.result] for rel, e in sorted(entries.items())}
    document = {
        "format": CHECK_CACHE_FORMAT,
        "context": context,
        "root": str(root),
        "files": files,
    }
    try:
        atomic_write(
            path, json.dumps(document, ensure_ascii=False, separators=(",", ":")), durable=False
        )
    except (OSError, UnicodeEncodeError):
        return False
    forget_unused(path.parent, keep=path)
    return True


def _output_file(root: Path) -> Path | None:
    path = check_cache_file(root)
    return path.with_suffix(".out") if path is not None else None


def read_output(root: Path, key: str) -> tuple[str, int] | None:
    """The whole printed report and exit code stored under `key`, or None."""
    path = _output_file(root)
    if path is None:
        return None
    try:
        head, _sep, body = path.read_bytes().partition(b"\n")
        stored_key, code, size = head.decode("utf-8").split(" ")
        # another folder's, or cut short or zero-filled by a power cut (no fsync)
        if stored_key != key or len(body) != int(size) or b"\0" in body:
            return None
        return body.decode("utf-8"), int(code)
    except (OSError, ValueError):
        return None


def write_output(root: Path, key: str, text: str, exit_code: int) -> bool:
    """Keep `text` (one report as printed) for the next run with the same `key`."""
    path = _output_file(root)
    if path is None or " " in key or "\n" in key:
        return False
    try:
        size = len(text.encode("utf-8"))
        atomic_write(path, f"{key} {exit_code} {size}\n{text}", durable=False)
    except (OSError, UnicodeEncodeError):
        return False
    return True
