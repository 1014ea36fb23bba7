"""The first search key at N objectives, and RSS before and after a search (issue 9, mem2).

    python bench/search.py --count 10000 [--full-models]

Generates a workspace (`open.generate`), runs the app in-process (`run_test`,
120x40) until the read-ahead is over and everything is let go, then times `/`
until the dialog is open, one key until the results are listed, then a second
key, and reads RSS
settled, while the dialog is open and after it is closed. `--full-models`
searches the way the app did before the summaries kept search text (every
model, each file read again) for a before/after on the same machine.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from open import generate


def rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss / 1e6)


async def measure(root: Path, full_models: bool) -> dict[str, float]:
    import okrtui.services.search as search_module
    from okrtui.store import WorkspaceStore
    from okrtui.tui.app import OkrApp
    from okrtui.tui.screens.search import SearchScreen

    if full_models:  # as before: every model, each released file read again

        def every_model(objectives, query, limit=200):  # type: ignore[no-untyped-def]
            return search_module.search(objectives.values(), query, limit)

        search_module.search_workspace = every_model
    app = OkrApp(WorkspaceStore.open(root, lazy=True))
    figures: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        started = time.perf_counter()
        while not app.store.fully_loaded:
            await pilot.pause(0.05)
        await pilot.pause(0.5)
        app.releaser.release_now()
        gc.collect()
        figures["read_ahead_s"] = time.perf_counter() - started
        figures["rss_settled_mb"] = rss_mb()
        started = time.perf_counter()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        figures["open_s"] = time.perf_counter() - started
        started = time.perf_counter()
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.hits
        figures["first_key_s"] = time.perf_counter() - started
        started = time.perf_counter()
        await pilot.press("i")
        await pilot.pause()
        figures["second_key_s"] = time.perf_counter() - started
        figures["rss_dialog_mb"] = rss_mb()
        await pilot.press("escape")
        await pilot.pause(0.5)
        app.releaser.release_now()
        gc.collect()
        await pilot.pause(0.5)
        figures["rss_after_mb"] = rss_mb()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--full-models", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "ws"
        generate(root, args.count)
        figures = asyncio.run(measure(root, args.full_models))
    for name, value in figures.items():
        print(f"{name:16} {value:8.2f}")


if __name__ == "__main__":
    main()
