"""Regenerate docs/screenshot.svg: the main screen over the sample workspace, 120x40.

.venv/bin/python docs/make_screenshot.py
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import tempfile
from pathlib import Path

from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp

ROOT = Path(__file__).resolve().parents[1]


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp) / "workspace"
        shutil.copytree(ROOT / "sample_workspace", workspace)
        app = OkrApp(WorkspaceStore.open(workspace), today=dt.date(2026, 11, 27))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("down", "l", "down")
            await pilot.pause(0.5)
            app.save_screenshot(filename="screenshot.svg", path=str(ROOT / "docs"))


if __name__ == "__main__":
    asyncio.run(main())
