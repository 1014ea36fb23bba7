"""Snapshots of the dashboard and the monthly review over the sample workspace."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from tests.tui.conftest import TODAY

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
def test_dashboard(snap_compare, sample_workspace: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    assert snap_compare(app, terminal_size=size, press=["D"])


async def _open_review(pilot: Pilot[None]) -> None:
    await pilot.press("R")
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False  # a blinking cursor would make the picture flaky


@pytest.mark.parametrize("size", SIZES)
def test_review(snap_compare, sample_workspace: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=_open_review)
