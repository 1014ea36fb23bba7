"""Find the line of a field in TOML text, so schema errors can name it.

Schema errors are found after the text parsed, so the scanner may assume
valid TOML: `[table]` and `[[array.of.tables]]` headers (nested ones too),
dotted and quoted keys, multi-line strings, arrays and inline tables, each
element with its own position. It is a locator, not a parser: when it cannot
place a field exactly it returns the nearest enclosing one, and on text it
does not understand it stops and answers from what it saw.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

Loc = tuple[str | int, ...]

_BLANK = re.compile(r"[ \t\r]*(?:#[^\n]*)?")
_BLANK_LINES = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR = re.compile(r"[^,\]}#\n]+")
_STRINGS = {
    '"""': re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""(?:"{1,2}(?!"))?'),
    "'''": re.compile(r"'''[\s\S]*?'''(?:'{1,2}(?!'))?"),
    '"': re.compile(r'"((?:[^"\\\n]|\\.)*)"'),
    "'": re.compile(r"'([^'\n]*)'"),
}


_IMPLIED_DEPTH = 8
"""How many levels of a dotted table header are placed at the header's line."""


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column."""

    line: int
    column: int


class _Stop(Exception):
    """The text is not TOML the scanner understands; keep what was found."""


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.line = 1
        self.line_start = 0
        self.found: list[tuple[Loc, Position]] = []
        self.array_counts: dict[Loc, int] = {}  # resolved path of a [[x]] -> its last index

    # -- characters
    def peek(self, ahead: int = 0) -> str:
        j = self.i + ahead
        return self.text[j] if j < len(self.text) else ""

    def jump(self, to: int) -> None:
        """Move to offset `to`, keeping count of lines."""
        if to > len(self.text):
            raise _Stop
        newlines = self.text.count("\n", self.i, to)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rfind("\n", self.i, to) + 1
        self.i = to

    def advance(self, count: int = 1) -> None:
        self.jump(self.i + count)

    def take(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """Match `pattern` here and move past it."""
        m = pattern.match(self.text, self.i)
        if m:
            self.jump(m.end())
        return m

    def here(self) -> Position:
        return Position(self.line, self.i - self.line_start + 1)

    def skip_blank(self, *, newlines: bool) -> None:
        """Skip spaces, and comments and line breaks when `newlines`."""
        self.take(_BLANK_LINES if newlines else _BLANK)

    # -- document
    def document(self) -> None:
        table: Loc = ()
        while True:
            self.skip_blank(newlines=True)
            if self.i >= len(self.text):
                return
            start = self.here()
            if self.peek() == "[":
                array = self.peek(1) == "["
                self.advance(2 if array else 1)
                parts = self.key_parts()
                self.expect("]]" if array else "]")
                table = self.open_array_item(parts) if array else self.resolve(parts)
                self.found.extend((prefix, start) for prefix in self.implied(table))
                self.found.append((table, start))
            else:
                parts = self.key_parts()
                self.expect("=")
                path = (*table, *parts)
                self.found.append((path, start))
                self.value(path)

    def implied(self, table: Loc) -> list[Loc]:
        """The tables `[a.b.c]` opens on the way, `a` and `a.b`, that nothing opened before.

        Only the first few levels: no objective nests deeper, and a header
        thousands of keys deep must not cost time or memory by its square.
        """
        depth = min(len(table) - 1, _IMPLIED_DEPTH)
        known = {loc[:size] for loc, _position in self.found for size in range(1, depth + 1)}
        return [table[:size] for size in range(1, depth + 1) if table[:size] not in known]

    def resolve(self, parts: Sequence[str]) -> Loc:
        """The path of `[a.b]`: after `[[a]]`, `a` means its latest item."""
        resolved: list[str | int] = []
        for part in parts:
            resolved.append(part)
            index = self.array_counts.get(tuple(resolved))
            if index is not None:
                resolved.append(index)
        return tuple(resolved)

    def open_array_item(self, parts: Sequence[str]) -> Loc:
        array = (*self.resolve(parts[:-1]), parts[-1])
        index = self.array_counts.get(array, -1) + 1
        self.array_counts[array] = index
        return (*array, index)

    def expect(self, token: str) -> None:
        self.skip_blank(newlines=False)
        if not self.text.startswith(token, self.i):
            raise _Stop
        self.advance(len(token))

    # -- keys
    def key_parts(self) -> list[str]:
        parts = [self.key_part()]
        self.skip_blank(newlines=False)
        while self.peek() == ".":
            self.advance()
            parts.append(self.key_part())
            self.skip_blank(newlines=False)
        return parts

    def key_part(self) -> str:
        self.skip_blank(newlines=False)
        if self.peek() in ('"', "'"):
            return self.string()
        m = self.take(_BARE_KEY)
        if m is None:
            raise _Stop
        return m[0]

    # -- values
    def value(self, path: Loc) -> None:
        self.skip_blank(newlines=False)
        char = self.peek()
        if char in ('"', "'"):
            self.string()
        elif char == "[":
            self.array(path)
        elif char == "{":
            self.inline_table(path)
        elif self.take(_SCALAR) is None:
            raise _Stop

    def array(self, path: Loc) -> None:
        self.advance()  # [
        index = 0
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "]":
                self.advance()
                return
            self.found.append(((*path, index), self.here()))
            self.value((*path, index))
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.advance()
                index += 1
            elif self.peek() != "]":
                raise _Stop

    def inline_table(self, path: Loc) -> None:
        self.advance()  # {
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "}":
                self.advance()
                return
            start = self.here()
            key = (*path, *self.key_parts())
            self.expect("=")
            self.found.append((key, start))
            self.value(key)
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.advance()
            elif self.peek() != "}":
                raise _Stop

    def string(self) -> str:
        """Skip a string of any of TOML's four kinds; return a key's text."""
        for opening, pattern in _STRINGS.items():
            if self.text.startswith(opening, self.i):
                m = self.take(pattern)
                if m is None:
                    raise _Stop
                raw = m[1] if len(opening) == 1 else ""
                if opening == '"' and "\\" in raw:
                    raw = raw.encode("latin-1", "backslashreplace").decode("unicode_escape")
                return raw
        raise _Stop


@functools.lru_cache(maxsize=8)
def field_positions(text: str) -> tuple[tuple[Loc, Position], ...]:
    """Every key, header and array element of `text` with where it starts."""
    scanner = _Scanner(text)
    with contextlib.suppress(_Stop):
        scanner.document()
    return tuple(scanner.found)


def locate(text: str, loc: Sequence[str | int]) -> Position | None:
    """Where `loc` (a pydantic error location) starts in `text`, or its nearest parent.

    A field of the top-level table that is not in the text (a missing one)
    is placed at the start of the file. None for an empty `loc`.
    """
    wanted = tuple(loc)
    if not wanted:
        return None
    best: Position | None = None
    best_len = 0
    for path, position in field_positions(text):
        if len(path) > best_len and path == wanted[: len(path)]:
            best, best_len = position, len(path)
            if best_len == len(wanted):
                break
    return best or Position(1, 1)


def locate_line(text: str, loc: Sequence[str | int]) -> int | None:
    """The line of `loc` (a pydantic error location) in `text`, or of its nearest parent."""
    position = locate(text, loc)
    return position.line if position else None
