"""Outlines: what the tree needs of an objective before its file is parsed.

A big workspace opens faster than it parses: the outline of every objective
file (id, cycle, parent, title, level, number of key results) is kept in a
small JSON cache keyed by each file's modification time and size, one array
per field (read in C and checked a column at a time: no Python per row). On
the next start, a file whose time and size still match is not read until
something asks for it. The app believes the cache without a `stat` until its
first frame is drawn, then compares every stamp (`WorkspaceStore.verify_outlines`).

A file the cache does not know is scanned instead (`scan_outline`): only its
top-level keys, which TOML puts before the first table, are parsed, so its
key results and check-ins wait until the objective is opened. A file whose
head does not read as a plain outline is read in full at once, as if there
were no cache at all.

The cache lives in the user's cache folder (`OKRTUI_CACHE_DIR` overrides it,
an empty value turns it off), never in the workspace: it is nobody's data
and must never reach git. A cache that is missing, unreadable, from another
version or for another folder is ignored; failing to write it is harmless.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from okrtui import __version__
from okrtui.model.ids import is_cycle_name, is_slug
from okrtui.store.links import LinkGuard
from okrtui.store.toml_io import (
    TomlSyntaxError,
    atomic_write,
    decode_text,
    parse_toml,
    read_limited,
)

if TYPE_CHECKING:
    from okrtui.model import Objective

CACHE_FORMAT = 2
CACHE_ENV = "OKRTUI_CACHE_DIR"
FORGET_AFTER_DAYS = 90
"""A cache not rewritten for this long (its workspace unused, moved or gone) is deleted."""

_FIRST_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)
_KEY_RESULT_TABLE = re.compile(r"^[ \t]*\[\[[ \t]*key_results[ \t]*\]\]", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Outline:
    """An objective as the tree sees it before it is opened."""

    id: str
    cycle: str
    parent: str | None
    title: str
    level: str
    key_results: int

    @classmethod
    def of(cls, objective: Objective) -> Outline:
        return cls(
            objective.id,
            objective.cycle,
            objective.parent,
            objective.title,
            objective.level.value,
            len(objective.key_results),
        )


class FileStamp(NamedTuple):
    """A file's modification time (ns) and size: equal stamps, same file (as far as we trust).

    A tuple: 10,000 are made at each start from the cache."""

    mtime_ns: int
    size: int

    @classmethod
    def of(cls, stat: os.stat_result) -> FileStamp:
        return cls(stat.st_mtime_ns, stat.st_size)


class CachedOutline(NamedTuple):
    stamp: FileStamp
    outline: Outline


def scan_outline(path: Path | str, text: str) -> Outline | None:
    """The outline of an objective file from its top-level keys only; None when in doubt.

    None sends the file to a full read, which reports any problem precisely;
    a head cut inside a multi-line string does not parse, so it is never
    misread. Whether the whole file is valid is known only when it is read.
    """
    table = _FIRST_TABLE.search(text)
    try:
        head = parse_toml(text[: table.start()] if table else text)
    except (TomlSyntaxError, ValueError):
        return None
    oid, cycle, title = head.get("id"), head.get("cycle"), head.get("title")
    parent, level = head.get("parent"), head.get("level", "team")
    if not (isinstance(oid, str) and oid == _stem(path) and is_slug(oid)):
        return None
    if not (isinstance(cycle, str) and is_cycle_name(cycle) and isinstance(title, str)):
        return None
    if not (parent is None or isinstance(parent, str)) or level not in _levels():
        return None
    inline = head.get("key_results")
    if inline is not None and not isinstance(inline, list):
        return None
    if inline is not None:
        count = len(inline)
    else:  # a plain count first: the pattern is slow over the check-ins of a big file
        count = text.count("\n[[key_results]]") + text.startswith("[[key_results]]")
        count = count or len(_KEY_RESULT_TABLE.findall(text))
    return Outline(oid, cycle, parent, title, level, count)


def _stem(path: Path | str) -> str:
    """`Path(path).stem`, without making a `Path` (10,000 times at a first start)."""
    name = os.path.basename(path)  # noqa: PTH119
    dot = name.rfind(".")
    return name[:dot] if dot > 0 else name


@cache
def _levels() -> frozenset[str]:
    from okrtui.model import Level

    return frozenset(Level)


SCAN_IN_PARALLEL_FROM = 2000
"""Files the cache does not know from which an open scans their heads in a pool of processes."""


def relative_key(root: Path, path: Path | str) -> str:
    """`path` relative to `root` with `/`, as the cache keys files (by strings: pathlib is
    slow 10,000 times at each start)."""
    text, top = str(path), str(root)
    if text.startswith(top) and text[len(top) : len(top) + 1] == os.sep:
        return text[len(top) + 1 :].replace(os.sep, "/")
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return text


def scan_file(links: LinkGuard, path: Path | str) -> CachedOutline | None:
    """The outline of one file from its top-level keys, with its stamp taken before reading;
    None for a file that leads outside, cannot be read or whose head is not plain."""
    st = links.stat_inside(path)
    if st is None:
        return None
    try:
        text = decode_text(read_limited(path))
    except (OSError, TomlSyntaxError):
        return None
    outline = scan_outline(path, text)
    return CachedOutline(FileStamp.of(st), outline) if outline is not None else None


def _scan_part(root: Path, paths: Sequence[Path | str]) -> dict[str, CachedOutline]:
    links = LinkGuard(root)
    found = {}
    for path in paths:
        entry = scan_file(links, path)
        if entry is not None:
            found[relative_key(root, path)] = entry
    return found


def scan_files(root: Path, paths: Sequence[Path | str]) -> dict[str, CachedOutline]:
    """`scan_file` of each of `paths`, by `relative_key`, leaving out the files it gives up on.

    A first start (no cache) of a big workspace is mostly this: from
    `SCAN_IN_PARALLEL_FROM` files it runs on every core, a share in this
    process and one in each of `cores - 1` processes forked from it (where the
    platform forks safely, and while this process runs no other thread). A pool
    of processes cost 60-150 ms more here: two forks, its threads and queues,
    and this process waiting idle.
    """
    import sys
    import threading

    jobs = os.cpu_count() or 1
    # a fork copies one thread: with others running, a lock one of them held stays held
    alone = threading.active_count() == 1
    forks = hasattr(os, "fork") and sys.platform != "darwin" and alone
    if len(paths) < SCAN_IN_PARALLEL_FROM or jobs < 2 or not forks:
        return _scan_part(root, paths)
    _levels()  # looked up once here, not in each child
    size = -(-len(paths) // jobs)
    parts = [paths[i : i + size] for i in range(0, len(paths), size)]
    children = [(_fork_scan(root, part), part) for part in parts[1:]]
    found = _scan_part(root, parts[0])
    for child, part in children:
        rows = _child_rows(child)
        if rows is None:  # the child could not start or failed: its share here, then
            found.update(_scan_part(root, part))
            continue
        for rel, mtime_ns, size, *outline in rows:
            found[rel] = CachedOutline(FileStamp(mtime_ns, size), Outline(*outline))
    return found


def _fork_scan(root: Path, paths: Sequence[Path | str]) -> tuple[int, int] | None:
    """A child process scanning `paths`, writing its rows (marshal) to a pipe: (pid, the
    pipe's read end), or None when it could not be forked."""
    import marshal

    try:
        read, write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the child: never returns, never runs the parent's clean-up
        code = 1
        try:
            os.close(read)
            data = marshal.dumps(_scan_rows(root, paths))
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    return pid, read


def _child_rows(child: tuple[int, int] | None) -> list[tuple[Any, ...]] | None:
    """What a `_fork_scan` child wrote once it is done; None when it failed."""
    import marshal

    if child is None:
        return None
    pid, read = child
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _pid, status = os.waitpid(pid, 0)
    if status != 0:
        return None
    try:
        rows = marshal.loads(data)  # written by our own child just now
    except (EOFError, ValueError, TypeError):
        return None
    return rows if isinstance(rows, list) else None


def _scan_rows(root: Path, paths: Sequence[Path | str]) -> list[tuple[Any, ...]]:
    """`_scan_part` as plain tuples: they cross between processes ten times faster."""
    return [
        (rel, e.stamp.mtime_ns, e.stamp.size, *_outline_row(e.outline))
        for rel, e in _scan_part(root, paths).items()
    ]


def _outline_row(o: Outline) -> tuple[str, str, str | None, str, str, int]:
    return (o.id, o.cycle, o.parent, o.title, o.level, o.key_results)


def cache_folder() -> Path | None:
    """Where outline caches are kept; None when caching is turned off."""
    override = os.environ.get(CACHE_ENV)
    if override is not None:
        return Path(override) if override else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("okrtui", appauthor=False))


def cache_file(root: Path) -> Path | None:
    """The cache file of the workspace at `root` (one per workspace folder)."""
    folder = cache_folder()
    if folder is None:
        return None
    key = hashlib.sha256(str(root).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return folder / "outlines" / f"{key}.json"


COLUMNS = ("files", "mtime_ns", "size", "id", "cycle", "parent", "title", "level", "key_results")
"""The cache's arrays, one value per file in each, in this order."""
_COLUMN_TYPES: tuple[set[type], ...] = (
    {str},
    {int},
    {int},
    {str},
    {str},
    {str, type(None)},
    {str},
    {str},
    {int},
)


def read_outlines(root: Path) -> dict[str, CachedOutline]:
    """Cached outlines by file path (relative to `root`, with `/`); empty when unusable."""
    path = cache_file(root)
    if path is None:
        return {}
    try:
        data = json.loads(path.read_bytes())
        if data.get("format") != CACHE_FORMAT or data.get("okrtui") != __version__:
            return {}
        if data.get("root") != str(root):
            return {}
        columns = [data[name] for name in COLUMNS]
        rows = len(columns[0])
        for column, types in zip(columns, _COLUMN_TYPES, strict=True):
            # a whole array at a time (bool is no int here: `type`, not isinstance)
            if not isinstance(column, list) or len(column) != rows:
                return {}
            if not set(map(type, column)) <= types:
                return {}
        rels, mtimes, sizes, *fields = columns
        stamps = map(FileStamp, mtimes, sizes)
        return dict(zip(rels, map(CachedOutline, stamps, map(Outline, *fields)), strict=True))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def write_outlines(root: Path, entries: dict[str, CachedOutline]) -> bool:
    """Replace the cache of `root` with `entries`; False (and no harm) when it cannot."""
    path = cache_file(root)
    if path is None:
        return False
    ordered = sorted(entries.items())
    rows = [(rel, *e.stamp, *_outline_row(e.outline)) for rel, e in ordered]
    arrays = [list(column) for column in zip(*rows, strict=True)] if rows else [[]] * len(COLUMNS)
    document = {"format": CACHE_FORMAT, "okrtui": __version__, "root": str(root)}
    document.update(zip(COLUMNS, arrays, strict=True))
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    try:
        atomic_write(path, text, durable=False)  # checked when read: may be lost
    except (OSError, UnicodeEncodeError):  # a read-only home or a full disk: start slower
        return False
    forget_unused(path.parent, keep=path)
    return True


def forget_unused(folder: Path, keep: Path) -> None:
    """Delete the caches of workspaces not opened for `FORGET_AFTER_DAYS` days."""
    limit = time.time() - FORGET_AFTER_DAYS * 86400
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.suffix == ".json" and entry != keep:
                with contextlib.suppress(OSError):
                    if entry.stat().st_mtime < limit:
                        entry.unlink()
