"""How long a user waits for okrtui to answer a key, read from a real terminal screen.

    python bench/latency.py 30 1000 10000

Runs the real `okrtui WORKSPACE` in a pseudo-terminal (120x40) on a generated
workspace (`generate` from bench/open.py) and reads what it draws with pyte,
a terminal emulator library. Each figure is the time from a key's bytes
written to the terminal to the screen text showing the answer, so it
includes everything a user waits for (input parsing, the handler, layout,
rendering, output):

- select: `j`/`k` in the tree until the editor's heading names the newly
  selected objective or key result (median, p95, max);
- cursor: the same keys until the tree's lines change (the cursor moved);
- type: a letter typed in the title field until it is on screen;
- backlog_settle: `j` held down (30 keys a second, like a key repeat) until
  the screen stops changing, from the last key.

Targets (issue 9): select median <= 33 ms, p95 <= 50 ms; cursor <= 17 ms;
backlog settled within 200 ms. This is a measurement, not a test: pytest
never runs it. `measure(workspace)` is what `make bench` imports.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pyte

sys.path.insert(0, str(Path(__file__).parent))
from open import generate

COLUMNS, LINES = 120, 40
HEADING = re.compile(r"(?:Objective|Key result|SMART goal) · ([\w.-]+)")
"""The editor's heading names the node it shows (see ObjectiveForm.heading)."""
TREE_WIDTH = 48
"""Columns of the tree pane at 120 wide (40%, see app.tcss)."""


class Terminal:
    """`okrtui WORKSPACE` in a pseudo-terminal, its output read by pyte."""

    def __init__(self, workspace: Path, env: dict[str, str] | None = None) -> None:
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        script = shutil.which("okrtui", path=str(Path(sys.executable).parent))
        command = [script] if script else [sys.executable, "-m", "okrtui"]
        self.process = subprocess.Popen(
            [*command, str(workspace)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", **(env or {})},
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.fd = master
        self.changed_at = time.perf_counter()
        """When the screen last changed."""

    def pump(self, timeout: float) -> bool:
        """Read what the app wrote within `timeout` seconds; True if the screen changed."""
        ready, _w, _x = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return False
        now = time.perf_counter()
        try:
            data = os.read(self.fd, 1 << 20)
        except OSError:
            return False
        self.screen.dirty.clear()
        self.stream.feed(data)
        if self.screen.dirty:
            self.changed_at = now
            return True
        return False

    def wait_for(self, condition: Callable[[], bool], timeout: float = 10.0) -> float | None:
        """Seconds until `condition` holds on screen (checked after each write); None: never."""
        start = time.perf_counter()
        while (left := start + timeout - time.perf_counter()) > 0:
            if self.pump(left) and condition():
                return self.changed_at - start
        return None

    def settle(self, quiet: float = 0.3, timeout: float = 60.0) -> None:
        """Read until the screen has not changed for `quiet` seconds."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            if not self.pump(quiet):
                return

    def press(self, key: bytes) -> float:
        """Write `key`; return when it was written."""
        os.write(self.fd, key)
        return time.perf_counter()

    def text(self) -> list[str]:
        return list(self.screen.display)

    def heading(self) -> str | None:
        found = HEADING.search("\n".join(line[TREE_WIDTH:] for line in self.text()))
        return found.group(1) if found else None

    def tree_state(self) -> tuple[object, ...]:
        """The tree pane's characters with their colours (the cursor line is highlighted)."""
        buffer = self.screen.buffer
        return tuple(
            (c.data, c.fg, c.bg, c.reverse)
            for y in range(LINES)
            for x in range(TREE_WIDTH)
            for c in (buffer[y][x],)
        )

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.fd)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _selection(term: Terminal, presses: int) -> tuple[list[float], list[float]]:
    """Selection and cursor latencies (seconds) of `presses` single j/k presses."""
    select_times: list[float] = []
    cursor_times: list[float] = []
    direction = b"j"
    for i in range(presses):
        if i % 10 == 0 and i:
            direction = b"k" if direction == b"j" else b"j"
        before_heading, before_tree = term.heading(), term.tree_state()
        sent = term.press(direction)
        cursor_at = select_at = None
        end = sent + 3.0
        while (select_at is None or cursor_at is None) and time.perf_counter() < end:
            if not term.pump(end - time.perf_counter()):
                continue
            if cursor_at is None and term.tree_state() != before_tree:
                cursor_at = term.changed_at
            if select_at is None and term.heading() not in (before_heading, None):
                select_at = term.changed_at
        if cursor_at is None:  # at the end of the list: the cursor did not move
            direction = b"k" if direction == b"j" else b"j"
            continue
        cursor_times.append(cursor_at - sent)
        if select_at is not None:
            select_times.append(select_at - sent)
        term.settle(quiet=0.15)
    return select_times, cursor_times


def _backlog(term: Terminal, keys: int = 30, interval: float = 1 / 30) -> float:
    """Seconds from the last of `keys` held-down j presses until the screen is still."""
    term.settle(quiet=0.3)
    last = 0.0
    for _ in range(keys):
        last = term.press(b"j")
        deadline = last + interval
        while (left := deadline - time.perf_counter()) > 0:
            term.pump(left)
    term.settle(quiet=1.0)
    return max(0.0, term.changed_at - last)


def _typing(term: Terminal, letters: str = "xzvwxzvwxz") -> list[float]:
    """Seconds from a letter typed in the title field to it showing."""
    term.press(b"\t")  # from the tree, the first tab reaches the title field
    term.settle(quiet=0.3)
    times: list[float] = []
    typed = ""
    for letter in letters:
        typed += letter
        sent = term.press(letter.encode())
        shown = term.wait_for(lambda t=typed: any(t in line for line in term.text()), 3.0)
        if shown is not None:
            times.append(term.changed_at - sent)
        term.settle(quiet=0.1)
    term.press(b"\x1b")  # back to the tree
    return times


def measure(workspace: Path, presses: int = 40) -> dict[str, float]:
    """Latency figures (milliseconds) of `okrtui workspace` in a 120x40 pseudo-terminal."""
    term = Terminal(workspace)
    try:
        if term.wait_for(lambda: "Objectives" in "".join(term.text()), 60) is None:
            raise RuntimeError("okrtui did not draw its tree:\n" + "\n".join(term.text()))
        term.settle(quiet=1.0)  # the deferred files are read just after the first frame
        for _ in range(12):  # open some objectives: key results and objectives alternate
            term.press(b"j")
            term.press(b"l")
            term.settle(quiet=0.1)
        for _ in range(12):
            term.press(b"k")
            term.settle(quiet=0.1)
        selected, cursor = _selection(term, presses)
        backlog = _backlog(term)
        typing = _typing(term)
    finally:
        term.close()
    if not selected or not cursor:
        raise RuntimeError("no selection was measured:\n" + "\n".join(term.text()))

    def ms(seconds: float) -> float:
        return round(seconds * 1000, 1)

    return {
        "select_median_ms": ms(statistics.median(selected)),
        "select_p95_ms": ms(_percentile(selected, 0.95)),
        "select_max_ms": ms(max(selected)),
        "cursor_median_ms": ms(statistics.median(cursor)),
        "type_median_ms": ms(statistics.median(typing)) if typing else float("nan"),
        "backlog_settle_ms": ms(backlog),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[30, 1000, 10000])
    parser.add_argument("--presses", type=int, default=40, help="j/k presses timed per size")
    args = parser.parse_args()
    for count in args.sizes:
        with tempfile.TemporaryDirectory(prefix="okrtui-latency-") as tmp:
            root = Path(tmp) / "workspace"
            generate(root, count)
            os.environ["OKRTUI_CACHE_DIR"] = str(Path(tmp) / "cache")
            figures = measure(root, args.presses)
        print(f"{count} objectives")
        for key, value in figures.items():
            print(f"  {key:20} {value:8.1f}")


if __name__ == "__main__":
    main()
