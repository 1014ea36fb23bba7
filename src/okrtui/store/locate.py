"""Find the line of a field in TOML text, so schema errors can name it.

The scanner understands what okrtui writes and what people usually type:
`[table]` and `[[array.of.tables]]` headers, `key = value` lines, and arrays
of inline tables with one table a line. It is a locator, not a parser: when
it cannot place a field exactly it returns the nearest enclosing line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'.]+)\s*=")
_INLINE_ITEM = re.compile(r"^\s*\{")

Loc = tuple[str | int, ...]


def _split_key(key: str) -> list[str]:
    return [part.strip().strip("\"'") for part in key.split(".")]


def _paths(text: str) -> list[tuple[int, Loc]]:
    """Every line that starts a value, with the path of that value."""
    found: list[tuple[int, Loc]] = []
    table: list[str | int] = []
    aot_counts: dict[tuple[str | int, ...], int] = {}
    array_key: Loc | None = None
    array_index = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if array_key is not None:
            if _INLINE_ITEM.match(line):
                found.append((number, (*array_key, array_index)))
                array_index += 1
                continue
            if line.startswith("]"):
                array_key = None
                continue
            if not _KEY.match(line) and not _HEADER.match(line):
                array_index += line.count(",")
                continue
            array_key = None
        header = _HEADER.match(line)
        if header:
            parts = _split_key(header[2])
            if header[1] == "[[":
                base = tuple(parts)
                index = aot_counts.get(base, -1) + 1
                aot_counts[base] = index
                table = [*parts, index]
            else:
                # `[key_results.metric]` after `[[key_results]]` belongs to the last item
                resolved: list[str | int] = []
                for part in parts:
                    resolved.append(part)
                    count = aot_counts.get(tuple(resolved))
                    if count is not None:
                        resolved.append(count)
                table = resolved
            found.append((number, tuple(table)))
            continue
        key = _KEY.match(line)
        if key:
            path = (*table, *_split_key(key[1]))
            found.append((number, path))
            rest = line.split("=", 1)[1].strip()
            if rest.startswith("[") and not rest.rstrip(",").endswith("]"):
                array_key, array_index = path, 0
    return found


def locate_line(text: str, loc: Sequence[str | int]) -> int | None:
    """The line of `loc` (a pydantic error location) in `text`, or its nearest parent."""
    wanted = tuple(loc)
    best_line: int | None = None
    best_len = -1
    for number, path in _paths(text):
        if path == wanted[: len(path)] and len(path) > best_len:
            best_line, best_len = number, len(path)
            if len(path) == len(wanted):
                break
    return best_line
