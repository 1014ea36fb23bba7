"""Exports from the command palette: real keys, a folder typed in, files on disk, a message."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from textual.widgets import Input

from okrtui.tui.screens.export_folder import ExportFolderScreen
from tests.tui.conftest import editor_ready, until


async def _export(pilot, command: str, folder: Path) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p", *command, "enter")
    await until(
        pilot, lambda: isinstance(pilot.app.screen, ExportFolderScreen), "the folder dialog"
    )
    field = pilot.app.screen.query_one(Input)
    field.value = ""
    await pilot.press(*str(folder), "enter")
    await until(
        pilot,
        lambda: any("Exported" in str(n.message) for n in pilot.app._notifications),
        "a message saying where the export went",
    )


async def test_palette_exports_csv_json_and_markdown(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        out = tmp_path / "exports"
        await _export(pilot, "export: CSV", out)
        with (out / "key_results.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert {r["objective_id"] for r in rows} >= {"email-ctr", "newsletter-fa"}
        assert (out / "checkins.csv").is_file()
        messages = [str(n.message) for n in app._notifications]
        assert any(str(out.resolve()) in m and "key_results.csv" in m for m in messages)

        await _export(pilot, "export: JSON", out)
        document = json.loads((out / "okrtui-export.json").read_text("utf-8"))
        assert document["format"] == "okrtui-export"

        await _export(pilot, "export: Markdown report", out)
        report = (out / "okrtui-report-2026-Q4.md").read_text("utf-8")
        assert report.startswith("# Marketing OKRs: Q4 2026")


async def test_escape_exports_nothing(make_app, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        await pilot.press("ctrl+p", *"export: CSV", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportFolderScreen)
        assert app.screen.query_one(Input).value == str(tmp_path / "okrtui-export")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportFolderScreen)
        await pilot.pause(0.3)
        assert not (tmp_path / "okrtui-export").exists()
        assert not any("Exported" in str(n.message) for n in app._notifications)
