"""`make bench`: every figure of issue 9 beside its floor, for 30, 1,000 and 10,000 objectives.

    python bench/suite.py                 # 30, 1000, 10000 (a few minutes)
    python bench/suite.py --sizes 30,1000 --idle 5

For each size a workspace is generated (`open.generate`: key results, about
ten check-ins each, some Persian text) and measured from outside, on the real
`okrtui` entry point:

- first frame: okrtui without and with the outline cache vs a bare Textual
  app (`open.first_frame`, headless, median of `--runs`);
- selection and typing latency in a pseudo-terminal (`bench/latency.py`'s
  `measure`, when that module is present; "n/a" otherwise);
- idle CPU: `okrtui WORKSPACE` in a pseudo-terminal, once start-up has
  settled, CPU time over `--idle` seconds (psutil, all threads) vs a bare
  Textual app in the same pseudo-terminal; RSS settled, vs the bare app;
- one check-in save (`WorkspaceStore.save_objective`) vs a raw atomic,
  fsync'd write of the same text to the same folder (median of 15);
- `okrtui check`: cold (empty cache) and warm (second run), vs the targets.

Targets are the issue's; the floors are measured in the same run, so a
loaded machine weighs on both. This is a measurement, never run by pytest.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fcntl
import json
import os
import platform
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from open import CHILD_BARE, CHILD_OKRTUI, compile_okrtui, first_frame, generate, warm_cache

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Tree

class Bench(App):
    def compose(self):
        yield Header()
        yield Tree("root")
        yield Footer()

Bench().run()
"""
"""The floor of idle CPU and memory: a Textual app with the same chrome, doing nothing."""


# ---------------------------------------------------------------------- a process in a pty
class PtyProcess:
    """A command in a pseudo-terminal of 120x40; its output is read (and dropped) meanwhile."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child
            os.execve(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.output = 0
        self._done = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while not self._done.is_set():
            ready, _w, _x = select.select([self.fd], [], [], 0.2)
            if ready:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    return
                if not data:
                    return
                self.output += len(data)

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if os.waitpid(self.pid, os.WNOHANG)[0]:
                break
            time.sleep(0.1)
        else:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        self._done.set()
        self._reader.join(2)
        os.close(self.fd)


def idle_figures(argv: list[str], env: dict[str, str], seconds: float) -> dict[str, float]:
    """% of one core used over `seconds` once start-up settled, and RSS (MB) then."""
    import psutil

    proc = PtyProcess(argv, env)
    try:
        ps = psutil.Process(proc.pid)
        started = time.monotonic()
        samples: list[tuple[float, float]] = []
        # Settled: under 2% of a core over the last 2 s (at most 120 s after start).
        while time.monotonic() - started < 120:
            time.sleep(0.5)
            cpu = ps.cpu_times()
            samples.append((time.monotonic(), cpu.user + cpu.system))
            old = [s for s in samples if s[0] <= samples[-1][0] - 2]
            if proc.output and old and time.monotonic() - started > 3:
                t0, c0 = old[-1]
                if (samples[-1][1] - c0) / (samples[-1][0] - t0) < 0.02:
                    break
        settle = time.monotonic() - started
        before = ps.cpu_times()
        t0 = time.monotonic()
        time.sleep(seconds)
        after = ps.cpu_times()
        elapsed = time.monotonic() - t0
        used = (after.user + after.system) - (before.user + before.system)
        rss = ps.memory_info().rss / 1e6
    finally:
        proc.close()
    return {"cpu_pct": 100 * used / elapsed, "rss_mb": rss, "settle_s": settle}


# ---------------------------------------------------------------------- in-process figures
def save_figures(root: Path, runs: int = 15) -> dict[str, float]:
    """Median ms of one check-in save through the store, and of a raw atomic fsync'd write."""
    from okrtui.model import CheckIn
    from okrtui.store import WorkspaceStore
    from okrtui.store.toml_io import atomic_write
    from okrtui.store.workspace import render_objective

    store = WorkspaceStore.open(root, remember=False)
    objective = store.objectives[sorted(store.objectives)[len(store.objectives) // 2]]
    kr = objective.key_results[0]
    raw_path = store.files[objective.id].path.with_name("raw-write.toml.bench")
    saves: list[float] = []
    raws: list[float] = []
    for i in range(runs):
        kr.checkins.append(
            CheckIn(
                date=dt.date(2026, 12, 1) + dt.timedelta(days=i),
                value=kr.metric.start + i,
                confidence=0.7,
                note="بنچ",
                author="bench",
            )
        )
        started = time.perf_counter()
        store.save_objective(objective)
        saves.append(time.perf_counter() - started)
        text = render_objective(objective)
        started = time.perf_counter()
        atomic_write(raw_path, text)
        raws.append(time.perf_counter() - started)
    raw_path.unlink()
    return {"save_ms": 1e3 * statistics.median(saves), "raw_ms": 1e3 * statistics.median(raws)}


def timed(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def check_figures(root: Path, env: dict[str, str]) -> dict[str, float]:
    argv = [sys.executable, "-m", "okrtui", "check", str(root)]
    cold = timed(argv, env)  # the cache folder is new: nothing remembered
    warm = statistics.median(timed(argv, env) for _ in range(3))
    python = statistics.median(timed([sys.executable, "-c", "pass"], env) for _ in range(3))
    return {"check_cold_s": cold, "check_warm_s": warm, "python_s": python}


def frame_figures(root: Path, env: dict[str, str], runs: int) -> dict[str, float]:
    no_cache = {**env, "OKRTUI_CACHE_DIR": ""}
    warm_cache(root, env)
    cold: list[float] = []
    warm: list[float] = []
    bare: list[float] = []
    for _ in range(runs):  # interleaved, so a machine slowing down weighs on all three
        cold.append(first_frame(CHILD_OKRTUI, str(root), env=no_cache))
        warm.append(first_frame(CHILD_OKRTUI, str(root), env=env))
        bare.append(first_frame(CHILD_BARE, env=env))
    return {
        "frame_cold_s": statistics.median(cold),
        "frame_warm_s": statistics.median(warm),
        "frame_bare_s": statistics.median(bare),
    }


def latency_figures(root: Path) -> dict[str, float] | None:
    try:
        from latency import measure  # type: ignore[import-not-found]  # bench/latency.py
    except ImportError:
        return None
    figures: dict[str, float] = measure(root)
    return figures


# ---------------------------------------------------------------------- one size
def measure_size(count: int, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="okrtui-bench-") as tmp:
        root = Path(tmp) / "workspace"
        started = time.perf_counter()
        generate(root, count, cycles=args.cycles)
        figures: dict[str, Any] = {"objectives": count, "generate_s": time.perf_counter() - started}
        env = {**os.environ, "OKRTUI_CACHE_DIR": str(Path(tmp) / "cache"), "TERM": "xterm-256color"}
        steps: list[tuple[str, Callable[[], dict[str, float] | None]]] = [
            ("first frame", lambda: frame_figures(root, env, args.runs)),
            (
                "idle okrtui",
                lambda: prefixed("idle_", idle_figures(okrtui_argv(root), env, args.idle)),
            ),
            ("idle bare", lambda: prefixed("bare_", idle_figures(bare_argv(), env, args.idle))),
            ("save", lambda: save_figures(root)),
            (
                "check",
                lambda: check_figures(root, {**env, "OKRTUI_CACHE_DIR": str(Path(tmp) / "c2")}),
            ),
            ("latency", lambda: latency_figures(root)),
        ]
        for name, step in steps:
            if args.steps and not any(name.startswith(w) for w in args.steps.split(",")):
                continue
            print(f"  {count:>6} objectives: {name}...", file=sys.stderr, flush=True)
            result = step()
            if result is None:
                figures["latency"] = None
            else:
                figures.update(result)
    return figures


def prefixed(prefix: str, figures: dict[str, float]) -> dict[str, float]:
    return {prefix + key: value for key, value in figures.items()}


def okrtui_argv(root: Path) -> list[str]:
    return [sys.executable, "-m", "okrtui", str(root)]


def bare_argv() -> list[str]:
    return [sys.executable, "-c", BARE_APP]


# ---------------------------------------------------------------------- the table
def rows(all_figures: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    def cell(f: dict[str, Any], fmt: Callable[[dict[str, Any]], str]) -> str:
        try:
            return fmt(f)
        except (KeyError, TypeError, ZeroDivisionError):
            return "n/a"

    def lat(key: str) -> Callable[[dict[str, Any]], str]:
        return lambda f: f"{f[key]:.0f} ms"

    spec: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        (
            "first frame, cached (bare app)",
            lambda f: ratio(f["frame_warm_s"], f["frame_bare_s"], "s"),
        ),
        (
            "first frame, no cache (bare app)",
            lambda f: ratio(f["frame_cold_s"], f["frame_bare_s"], "s"),
        ),
        ("select j/k median (target 33 ms)", lat("select_median_ms")),
        ("select p95 (target 50 ms)", lat("select_p95_ms")),
        ("select max", lat("select_max_ms")),
        ("tree cursor median (target 17 ms)", lat("cursor_median_ms")),
        ("typing median", lat("type_median_ms")),
        ("held key: settled after (target 200)", lat("backlog_settle_ms")),
        (
            "idle CPU % of a core (bare app)",
            lambda f: pair(f["idle_cpu_pct"], f["bare_cpu_pct"], "%", 2),
        ),
        ("RSS settled, MB (bare app)", lambda f: pair(f["idle_rss_mb"], f["bare_rss_mb"], "", 0)),
        (
            "save one check-in (raw fsync'd write)",
            lambda f: ratio(f["save_ms"], f["raw_ms"], "ms", 1),
        ),
        ("okrtui check cold (target 3 s)", lambda f: f"{f['check_cold_s']:.2f} s"),
        ("okrtui check warm (target 0.5 s)", lambda f: f"{f['check_warm_s']:.2f} s"),
        ("  (python start-up alone)", lambda f: f"{f['python_s']:.2f} s"),
    ]
    return [(label, [cell(f, fmt) for f in all_figures]) for label, fmt in spec]


def ratio(value: float, floor: float, unit: str, digits: int = 2) -> str:
    return f"{value:.{digits}f} / {floor:.{digits}f} {unit} = {value / floor:.2f}x"


def pair(value: float, floor: float, unit: str, digits: int) -> str:
    return f"{value:.{digits}f}{unit} ({floor:.{digits}f}{unit})"


def machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{platform.node()}: {platform.system()} {platform.release()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, load average {load}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30,1000,10000", help="objectives, comma-separated")
    parser.add_argument("--runs", type=int, default=7, help="first-frame runs of each app")
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of idle CPU measured")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--cycles", type=int, default=1, help="quarters the objectives are spread over"
    )
    parser.add_argument(
        "--steps", default="", help="only these, e.g. idle,save,check (default: all)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    compile_okrtui()  # as an installed okrtui is: every figure, not a first import, is timed
    started = time.perf_counter()
    before = machine()
    all_figures = [measure_size(count, args) for count in sizes]
    print(f"machine: {before}")
    print(f"after:   load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    width = max(len(label) for label, _c in rows(all_figures))
    cells = rows(all_figures)
    col = max(len(c) for _l, values in cells for c in values) + 2
    print(" " * width + "".join(f"{n:>{col},}" for n in sizes))
    for label, values in cells:
        print(label.ljust(width) + "".join(v.rjust(col) for v in values))
    print(f"({time.perf_counter() - started:.0f} s; `python bench/suite.py --help` says how)")
    if args.json:
        args.json.write_text(json.dumps({"machine": before, "sizes": all_figures}, indent=2))


if __name__ == "__main__":
    main()
