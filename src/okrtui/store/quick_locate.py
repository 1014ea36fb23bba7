"""The line of the few fields `okrtui check` names, found without scanning the whole file.

`locate` reads every key, array and inline table of a file, which is most of
the time `okrtui check` spends on a big workspace (ten check-ins per key
result). The check only ever names top-level keys (`cycle`, `parent`,
`title`) and `key_results[i].title`; in a file without multi-line strings a
line that starts with `key =` or `[` is a key or a header and nothing else,
so those fields are found from line starts alone. Anything else, and any
file with a multi-line string, goes to `locate`; the answers are the same
(`tests/store/test_quick_locate.py`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from okrtui.store.locate import Position, locate

_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)
_KEY_RESULT = re.compile(r"^[ \t]*\[\[[ \t]*key_results[ \t]*\]\][ \t]*(?:#.*)?$", re.MULTILINE)


def _key(name: str) -> re.Pattern[str]:
    return re.compile(rf"^([ \t]*){re.escape(name)}[ \t]*=", re.MULTILINE)


_KEYS = {name: _key(name) for name in ("cycle", "parent", "title", "id")}


def quick_locate(text: str, loc: Sequence[str | int]) -> Position | None:
    """Where `loc` starts in `text`, as `locate` answers, faster for the check's fields."""
    if _has_multi_line_strings(text):
        return locate(text, loc)
    found: Position | None = None
    if len(loc) == 1 and loc[0] in _KEYS:
        header = _HEADER.search(text)
        found = _find(text, _KEYS[str(loc[0])], 0, header.start() if header else len(text))
    elif len(loc) == 3 and loc[0] == "key_results" and isinstance(loc[1], int) and loc[2] in _KEYS:
        found = _in_key_result(text, loc[1], _KEYS[str(loc[2])])
    return found or locate(text, loc)


@functools.lru_cache(maxsize=4)  # the check asks for several fields of one file in a row
def _has_multi_line_strings(text: str) -> bool:
    return '"""' in text or "'''" in text


def _in_key_result(text: str, index: int, key: re.Pattern[str]) -> Position | None:
    sections = _key_result_sections(text)
    if index >= len(sections):
        return None
    return _find(text, key, *sections[index])


@functools.lru_cache(maxsize=4)
def _key_result_sections(text: str) -> list[tuple[int, int]]:
    """(start, end) of each `[[key_results]]` table's own keys (up to the next header)."""
    starts = _header_starts(text)
    found = []
    for index, start in enumerate(starts):
        header = _KEY_RESULT.match(text, start)
        if header is not None:
            end = starts[index + 1] if index + 1 < len(starts) else len(text)
            found.append((header.end(), end))
    return found


def _header_starts(text: str) -> list[int]:
    """Where each match of `_HEADER` starts: lines whose first character but blanks is `[`.

    Found from the `[` characters rather than by trying the pattern at every
    position of a file of check-ins; a line holds at most one such match.
    """
    starts = []
    at = text.find("[")
    while at != -1:
        line = text.rfind("\n", 0, at) + 1
        if not text[line:at].strip(" \t"):
            starts.append(line)
        end = text.find("\n", at)
        if end == -1:
            break
        at = text.find("[", end)
    return starts


def _find(text: str, key: re.Pattern[str], start: int, end: int) -> Position | None:
    match = key.search(text, start, end)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    return Position(line, len(match[1]) + 1)
