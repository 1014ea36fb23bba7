"""Run the installed `okrtui` command in a pseudo-terminal and read its screen with pyte.

`Terminal` starts the program with a given size and TERM, feeds everything
it prints to a pyte screen (a VT100/xterm emulator), and offers
`wait_for(text, timeout)`: poll the screen until the text shows, or fail
with the screen attached. No sleeps stand in for assertions.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import pyte

OKRTUI = Path(sys.executable).with_name("okrtui")
"""The console script pip installed into this virtual environment."""


class Terminal:
    """One program in a pseudo-terminal of `columns` x `lines`."""

    def __init__(
        self,
        args: list[str],
        *,
        columns: int = 80,
        lines: int = 24,
        term: str = "xterm-256color",
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        environment = {**os.environ, **(env or {}), "TERM": term}
        environment.update(COLUMNS=str(columns), LINES=str(lines))
        for name in ("TEXTUAL", "NO_COLOR", "PYTEST_CURRENT_TEST"):
            environment.pop(name, None)
        self.process = subprocess.Popen(
            args,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=environment,
            start_new_session=True,
        )
        os.close(slave)

    def read(self, timeout: float = 0.05) -> None:
        """Feed whatever the program printed within `timeout` seconds to the screen."""
        ready, _w, _x = select.select([self.master], [], [], timeout)
        if not ready:
            return
        try:
            data = os.read(self.master, 65536)
        except OSError:  # the program ended and closed its side
            return
        self.stream.feed(data)
        # answer the terminal queries Textual sends (cursor position), as a terminal would
        if b"\x1b[6n" in data:
            row, col = self.screen.cursor.y + 1, self.screen.cursor.x + 1
            self.send(f"\x1b[{row};{col}R")

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_until(self, done: Callable[[str], bool], what: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read()
            if done(self.text):
                return self.text
            if self.process.poll() is not None:
                self.read(0)
                if done(self.text):
                    return self.text
                break
        raise AssertionError(f"waited {timeout:.0f} s for {what}; the screen:\n{self.text}")

    def wait_for(self, text: str, timeout: float = 60) -> str:
        """Wait until `text` shows on the screen; the screen's text."""
        return self.wait_until(lambda screen: text in screen, repr(text), timeout)

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode("utf-8"))

    def wait_exit(self, timeout: float = 60) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read()
            code = self.process.poll()
            if code is not None:
                return code
        raise AssertionError(f"still running after {timeout:.0f} s; the screen:\n{self.text}")

    def close(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        os.close(self.master)


ENTER, TAB, ESCAPE, DOWN, UP, RIGHT = "\r", "\t", "\x1b", "\x1b[B", "\x1b[A", "\x1b[C"
CTRL_S, CTRL_U, END = "\x13", "\x15", "\x1b[F"
