"""Printing for the command line: text from data or paths never drives the terminal.

A file name or a field may hold ESC and other control characters (anyone who
can push a commit can write them); `say` prints them as visible escapes.
"""

from __future__ import annotations

from typing import TextIO

from okrtui.model.text import printable


def say(text: str, *, file: TextIO | None = None) -> None:
    """Print `text` with control characters shown as `\\x1b` (lines and tabs stay)."""
    print(printable(text, multiline=True), file=file)
