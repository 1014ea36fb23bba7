"""Fixtures for driving the real app with Pilot."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def make_app(sample_workspace: Path):  # type: ignore[no-untyped-def]
    def make(root: Path | None = None) -> OkrApp:
        return OkrApp(WorkspaceStore.open(root or sample_workspace), today=TODAY)

    return make


async def editor_ready(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the editor's forms are mounted (they are built just after the first frame)."""
    for _attempt in range(100):
        if pilot.app.editor.forms_ready:
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("the editor forms were never mounted")
