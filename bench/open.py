"""How long okrtui takes to show its first frame on a big workspace.

    python bench/open.py 1000

Generates a workspace of N objectives (3-5 key results each, about ten
check-ins per key result, some Persian text) in a temporary folder, then
starts `okrtui WORKSPACE` (the real entry point) and a bare Textual app
(header, tree, footer) each in a fresh process and prints the time from
process start to the first frame painted, and their ratio. okrtui is timed
twice: with no outline cache (the first start on a machine: outlines are
scanned from each file's first lines), then with the cache a previous
session leaves (every later start). Target at 1,000
objectives: at most 2.5x the bare app. This is a measurement, not a test:
it is never run by pytest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FA_WORDS = ["افزایش", "ترافیک", "ارگانیک", "مشترکان", "خبرنامه", "فروش", "کمپین", "نرخ"]
EN_WORDS = ["grow", "organic", "traffic", "trial", "signups", "reduce", "churn", "pipeline"]


def generate(root: Path, count: int, seed: int = 7, cycles: int = 1) -> None:
    """Write an N-objective workspace in the store's canonical form (no fsync: a scratch copy).

    With `cycles` above 1, the objectives are spread over that many quarters
    ending with 2026-Q4 (a workspace with history); parents stay in their cycle.
    """
    from okrtui.model import CheckIn, Cycle, KeyResult, Metric, Objective, WorkspaceSettings
    from okrtui.store.toml_io import atomic_write
    from okrtui.store.workspace import render_objective, render_settings

    rng = random.Random(seed)
    quarters = []
    for back in range(cycles - 1, -1, -1):
        year, quarter = divmod(2026 * 4 + 3 - back, 4)  # back quarters before 2026-Q4
        quarter += 1
        start = dt.date(year, 3 * quarter - 2, 1)
        end = dt.date(year + quarter // 4, 3 * quarter % 12 + 1, 1) - dt.timedelta(days=1)
        quarters.append(Cycle(name=f"{year}-Q{quarter}", start=start, end=end))
    settings = WorkspaceSettings(name="bench", cycles=quarters, default_cycle=quarters[-1].name)
    root.mkdir(parents=True)
    atomic_write(root / "okrtui.toml", render_settings(settings))
    for cycle in quarters:
        (root / "objectives" / cycle.name).mkdir(parents=True)
    for i in range(count):
        cycle = quarters[i % cycles]
        folder = root / "objectives" / cycle.name
        persian = i % 5 == 0
        words = FA_WORDS if persian else EN_WORDS
        krs = []
        for k in range(rng.randint(3, 5)):
            start = rng.randint(100, 10_000)
            target = start + rng.randint(100, 5_000)
            checkins = [
                CheckIn(
                    date=cycle.start + dt.timedelta(days=7 * w),
                    value=start + (target - start) * w / 12 + rng.randint(-50, 50),
                    confidence=round(rng.uniform(0.3, 0.9), 1),
                    note=" ".join(rng.choices(words, k=4)),
                    author="bench",
                )
                for w in range(10)
            ]
            krs.append(
                KeyResult(
                    id=f"kr-{k}",
                    title=" ".join(rng.choices(words, k=7)) + f" from {start} to {target}",
                    due=cycle.end,
                    metric=Metric(unit="visits", start=start, target=target),
                    checkins=checkins,
                )
            )
        same_cycle = range(i % cycles, i, cycles)
        parent = (
            f"objective-{rng.choice(same_cycle)}" if same_cycle and rng.random() < 0.5 else None
        )
        objective = Objective(
            id=f"objective-{i}",
            title=" ".join(rng.choices(words, k=6)),
            description=" ".join(rng.choices(words, k=30)),
            cycle=cycle.name,
            parent=parent,
            owner=rng.choice(["Sara", "Reza", "مینا"]),
            key_results=krs,
        )
        (folder / f"{objective.id}.toml").write_text(render_objective(objective), "utf-8")


# Both children stop at the first frame actually painted (the first screen
# update handed to the terminal), not at a callback that may run later.
FIRST_PAINT = """
import time
from textual.app import App

_display = App._display

def _first_paint(self, screen, renderable):
    if renderable is not None and not self._batch_count and not getattr(self, "_painted", 0):
        self._painted = 1
        print(time.time(), flush=True)
        self.exit()
    _display(self, screen, renderable)

App._display = _first_paint
"""

CHILD_OKRTUI = (
    FIRST_PAINT
    + """
import sys

_run = App.run
App.run = lambda self, **kw: _run(self, headless=True, size=(120, 40))
from okrtui.cli.main import main
main([sys.argv[1]])
"""
)
"""`okrtui WORKSPACE` as a user runs it (the same entry point), headless at 120x40.

Only Textual's `App` is patched: importing okrtui's app here, before the entry
point, would import it in another order than a user's start does (with
Python's garbage collection on, which `okrtui` pauses while it imports)."""

CHILD_BARE = (
    FIRST_PAINT
    + """
from textual.widgets import Footer, Header, Tree

class Bench(App):
    def compose(self):
        yield Header()
        yield Tree("root")
        yield Footer()

Bench().run(headless=True, size=(120, 40))
"""
)


def compile_okrtui() -> None:
    """Byte-compile okrtui's modules, as `pip install` does, before timing a start.

    Textual's modules are compiled when installed; okrtui's, run from a
    checkout, are compiled on their first import, and not kept at all where
    PYTHONDONTWRITEBYTECODE is set (then every start compiles about 150
    modules, about 0.1 s on the machine of docs/performance.md).
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("okrtui")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        compileall.compile_dir(folder, quiet=1)


def first_frame(code: str, *args: str, env: dict[str, str] | None = None) -> float:
    """Seconds from process start to the first frame painted."""
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, env=env
    )
    return float(result.stdout.strip().splitlines()[-1]) - started


def warm_cache(root: Path, env: dict[str, str]) -> None:
    """What a first session leaves behind: the outline cache (see okrtui.store.outline)."""
    code = "import sys; from okrtui.store import WorkspaceStore; "
    code += "s = WorkspaceStore.open(sys.argv[1], lazy=True); s.load_all(); s.remember_outlines()"
    subprocess.run([sys.executable, "-c", code, str(root)], check=True, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("objectives", type=int, nargs="?", default=1000)
    parser.add_argument("--runs", type=int, default=7, help="runs of each app (median shown)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    compile_okrtui()
    with tempfile.TemporaryDirectory(prefix="okrtui-bench-") as tmp:
        root = Path(tmp) / "workspace"
        started = time.perf_counter()
        generate(root, args.objectives)
        generated = time.perf_counter() - started
        size = sum(p.stat().st_size for p in root.rglob("*.toml"))
        env = {**os.environ, "OKRTUI_CACHE_DIR": str(Path(tmp) / "cache")}
        no_cache = {**env, "OKRTUI_CACHE_DIR": ""}
        warm_cache(root, env)
        # Runs are interleaved (cold, warm, bare, cold, ...) so that a machine
        # slowing down or speeding up mid-run weighs on all three alike.
        cold: list[float] = []
        okr: list[float] = []
        bare: list[float] = []
        for _ in range(args.runs):
            cold.append(first_frame(CHILD_OKRTUI, str(root), env=no_cache))
            okr.append(first_frame(CHILD_OKRTUI, str(root), env=env))
            bare.append(first_frame(CHILD_BARE, env=env))
    okr_s, cold_s, bare_s = (statistics.median(times) for times in (okr, cold, bare))
    figures = {
        "objectives": args.objectives,
        "workspace_bytes": size,
        "generate_s": round(generated, 2),
        "okrtui_first_frame_s": round(okr_s, 3),
        "okrtui_first_frame_no_cache_s": round(cold_s, 3),
        "bare_textual_first_frame_s": round(bare_s, 3),
        "ratio": round(okr_s / bare_s, 2),
        "ratio_no_cache": round(cold_s / bare_s, 2),
        "target_ratio": 2.5,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"workspace: {args.objectives} objectives, {size / 1e6:.1f} MB of TOML")
    print(f"okrtui first frame         {okr_s:6.3f} s  (median of {args.runs})")
    print(f"  without the outline cache{cold_s:6.3f} s  ({cold_s / bare_s:.2f}x)")
    print(f"bare Textual first frame   {bare_s:6.3f} s")
    verdict = "within" if okr_s / bare_s <= 2.5 else "OVER"
    print(f"ratio                      {okr_s / bare_s:6.2f}x  ({verdict} the 2.5x target)")


if __name__ == "__main__":
    main()
