"""Who puts right-to-left text in reading order: okrtui (`app`) or the terminal.

Most terminals draw characters in the order they are stored and show each
Arabic-script letter in its isolated form, so okrtui reorders and joins
Persian text itself (`app`). A few terminals do both themselves (mlterm,
Konsole, VTE-based ones such as GNOME Terminal, Apple's Terminal); doing it
twice would scramble the text again, so there okrtui leaves it to them
(`terminal`). `--bidi` beats `OKRTUI_BIDI`, which beats what `auto` detects.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

BidiMode = Literal["app", "terminal"]
MODES = ("auto", "app", "terminal")

VTE_WITH_BIDI = 5800
"""VTE 0.58 (GNOME Terminal 3.34, Tilix, Terminator...) reorders and shapes Arabic script."""

_requested: str | None = None


def request_bidi(mode: str | None) -> None:
    """The mode asked for with `--bidi` (None: use OKRTUI_BIDI, else detect)."""
    global _requested
    _requested = mode if mode in MODES else None
    reset()


def detect(environ: Mapping[str, str]) -> tuple[BidiMode, str]:
    """What `auto` chooses from the environment, and why (for the help screen)."""
    if environ.get("TMUX") or environ.get("STY"):
        # tmux and screen keep their own copy of the screen in stored order:
        # even a bidi-capable terminal behind them gets the text cell by cell.
        return "app", "tmux/screen"
    if environ.get("KONSOLE_VERSION"):
        return "terminal", "Konsole"
    if "mlterm" in environ.get("TERM", "") or environ.get("MLTERM"):
        return "terminal", "mlterm"
    vte = environ.get("VTE_VERSION", "")
    if vte.isdigit() and int(vte) >= VTE_WITH_BIDI:
        return "terminal", f"VTE {vte}"
    program = environ.get("TERM_PROGRAM", "")
    if program == "Apple_Terminal":
        return "terminal", program
    if program:
        return "app", program
    if environ.get("WT_SESSION"):
        return "app", "Windows Terminal"
    if environ.get("KITTY_WINDOW_ID"):
        return "app", "kitty"
    return "app", environ.get("TERM", "") or "unknown terminal"


def _chosen(environ: Mapping[str, str]) -> tuple[BidiMode, str, str]:
    """(mode, how it was chosen, terminal), `how` being `--bidi`, `OKRTUI_BIDI` or `auto`."""
    if _requested in ("app", "terminal"):
        return _requested, "--bidi", ""  # type: ignore[return-value]
    env_value = environ.get("OKRTUI_BIDI", "").strip().lower()
    if env_value in ("app", "terminal"):
        return env_value, "OKRTUI_BIDI", ""  # type: ignore[return-value]
    mode, terminal = detect(environ)
    return mode, "auto", terminal


_memo: list[tuple[BidiMode, str, str]] = []


def bidi_choice() -> tuple[BidiMode, str, str]:
    """(mode, how it was chosen, terminal detected), worked out once per process.

    It is asked for every drawn label; `request_bidi` (and tests that change
    the environment) start it afresh.
    """
    if not _memo:
        _memo.append(_chosen(os.environ))
    return _memo[0]


def reset() -> None:
    _memo.clear()


def bidi_mode() -> BidiMode:
    return bidi_choice()[0]
