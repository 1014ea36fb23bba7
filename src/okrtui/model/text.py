"""Control characters in text: which the model refuses, and how text is shown safely.

Text in a workspace comes from anyone who can push a commit. A terminal obeys
control characters: ESC starts sequences that set the clipboard (OSC 52), the
window title or colours; BEL, backspace and carriage return move or hide what
is shown. So:

- one-line fields (titles, owners, tags, units, authors, labels) refuse every
  C0 control (U+0000-U+001F), DEL (U+007F) and C1 control (U+0080-U+009F);
- multi-line fields (descriptions, notes, answers) keep line feed and tab
  (and a carriage return only as part of a Windows line end, CR LF) and refuse
  the other controls;
- everything shown or printed goes through `printable`, which spells a control
  character as a visible escape (`\\x1b`) and drops the bidi embedding,
  override and isolate controls (U+202A-U+202E, U+2066-U+2069) that can make
  text read differently from what it is (Trojan Source). Stored data is never
  changed by it; `okrtui check` warns about bidi controls in data (W001).

This module imports nothing else of okrtui, so every layer can use it.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embedding, override and isolate controls: they reorder what follows them."""

_CONTROL = r"\x00-\x1f\x7f-\x9f"
_LINE_BREAKS = "\u2028\u2029"  # not controls, but they break a line like one
_ONE_LINE_BAD = re.compile(f"[{_CONTROL}{_LINE_BREAKS}]")
_MULTI_LINE_BAD = re.compile(f"(?!\\r\\n)[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_LINE_BREAKS}]")
_UNSAFE = re.compile(f"[{_CONTROL}{_LINE_BREAKS}{''.join(sorted(BIDI_CONTROLS))}]")
_UNSAFE_MULTI_LINE = re.compile(
    f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_LINE_BREAKS}{''.join(sorted(BIDI_CONTROLS))}]"
)
_LINE_BREAK_CHARS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


_SHORT_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def escape_char(char: str) -> str:
    """A character as a visible escape: `\\x1b`, `\\n`, `\\u2028`."""
    short = _SHORT_ESCAPES.get(char)
    if short is not None:
        return short
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def first_control_one_line(value: str) -> str | None:
    """The first character a one-line field refuses, or None."""
    found = _ONE_LINE_BAD.search(value)
    return found[0] if found else None


def first_control_multi_line(value: str) -> str | None:
    """The first character a multi-line field refuses (not LF, tab or CR LF), or None."""
    found = _MULTI_LINE_BAD.search(value)
    return found[0] if found else None


def is_line_break(char: str) -> bool:
    """True for the characters that end a line (a one-line field says so, not 'control')."""
    return char in _LINE_BREAK_CHARS


def has_bidi_controls(value: str) -> bool:
    """True when `value` holds an embedding, override or isolate control."""
    return any(char in BIDI_CONTROLS for char in value)


def _show(found: re.Match[str]) -> str:
    char = found[0]
    return "" if char in BIDI_CONTROLS else escape_char(char)


def printable(value: str, *, multiline: bool = False) -> str:
    """`value` made safe to show in a terminal; the data itself is not changed.

    Control characters become visible escapes (`\\x1b`), bidi embedding,
    override and isolate controls are dropped. With `multiline`, line feeds
    and tabs stay (a CR LF line end becomes LF).
    """
    if multiline:
        value = value.replace("\r\n", "\n")
        pattern = _UNSAFE_MULTI_LINE
    else:
        pattern = _UNSAFE
    if pattern.search(value) is None:
        return value  # the usual case: no copy
    return pattern.sub(_show, value)


TEXT_ERROR_MESSAGES: dict[str, str] = {
    "one_line": "must be a single line",
    "control_character": (
        "contains the control character {char}, which a terminal would obey; remove it"
    ),
}
"""English templates of these errors, by pydantic error type (see `objective.ERROR_MESSAGES`)."""


def check_one_line(value: str) -> str:
    """Validator of one-line fields."""
    bad = first_control_one_line(value)
    if bad is None:
        return value
    if is_line_break(bad):
        raise PydanticCustomError("one_line", TEXT_ERROR_MESSAGES["one_line"], {})
    message = TEXT_ERROR_MESSAGES["control_character"]
    raise PydanticCustomError("control_character", message, {"char": escape_char(bad)})


def check_multi_line(value: str) -> str:
    """Validator of multi-line fields."""
    bad = first_control_multi_line(value)
    if bad is None:
        return value
    message = TEXT_ERROR_MESSAGES["control_character"]
    raise PydanticCustomError("control_character", message, {"char": escape_char(bad)})


OneLine = Annotated[str, AfterValidator(check_one_line)]
"""A one-line text (owner, unit, author, label): no line break, no control character."""
MultiLine = Annotated[str, AfterValidator(check_multi_line)]
"""A text of several lines (description, note, answer): line feeds and tabs, no other control."""
