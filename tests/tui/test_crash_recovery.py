"""An unexpected error ends the app; unsaved edits are kept aside first."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from tests.tui.conftest import TODAY, editor_ready


async def test_unsaved_edits_survive_an_unexpected_error(
    sample_workspace: Path, _private_recovery_folder: Path
) -> None:
    before = {p: p.read_bytes() for p in sample_workspace.rglob("*") if p.is_file()}
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)

    def fail() -> None:
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError, match="a bug"):
        async with app.run_test() as pilot:
            await editor_ready(pilot)
            await pilot.press("j")  # the first objective
            await pilot.pause()
            app.query_one("#view-objective #field-title", Input).focus()
            await pilot.press("end", "!", "!")
            await pilot.pause()
            assert app.dirty
            edited = app.store.objectives[next(iter(app.dirty))]
            app.call_later(fail)
            await pilot.pause()
    assert app.recovered_to is not None
    kept = app.recovered_to / "objectives" / edited.cycle / f"{edited.id}.toml"
    assert kept.parent.parent.parent.parent == _private_recovery_folder
    loaded = WorkspaceStore.open(sample_workspace).objectives[edited.id]
    assert edited.title.endswith("!!")
    assert f'title = "{edited.title}"' in kept.read_text(encoding="utf-8")
    assert loaded.title != edited.title  # the workspace keeps what was last saved
    assert {p: p.read_bytes() for p in sample_workspace.rglob("*") if p.is_file()} == before


async def test_an_error_with_nothing_unsaved_keeps_nothing(sample_workspace: Path) -> None:
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)

    def fail() -> None:
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError):
        async with app.run_test() as pilot:
            await editor_ready(pilot)
            app.call_later(fail)
            await pilot.pause()
    assert app.recovered_to is None
