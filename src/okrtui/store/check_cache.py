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

The whole cache belongs to one *context*: okrtui's version, the day the
rules judge by and the digest of `okrtui.toml` (its rules and cycles). A
different context starts empty. The findings themselves are opaque JSON
here; `services.check_run` says what they mean.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okrtui import __version__
from okrtui.store.outline import cache_folder, forget_unused

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


def _replace(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename, without fsync.

    Readers see the old file or the new one. A cache need not survive a power
    cut: a file cut short or zero-filled there is not valid JSON, or (a report) not
    the length its first line gives or holds a NUL, which a printed report never
    does; either is read as no cache (tens of ms of fsync saved per run).
    """
    data = text.encode("utf-8")  # fails here, before any file is touched
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(name).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(name).unlink()
        raise


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
        _replace(path, json.dumps(document, ensure_ascii=False, separators=(",", ":")))
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
        _replace(path, f"{key} {exit_code} {size}\n{text}")
    except (OSError, UnicodeEncodeError):
        return False
    return True
