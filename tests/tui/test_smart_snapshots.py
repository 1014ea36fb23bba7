"""The compact SMART checklist: five rows beside the key fields at 80x24, the question on focus."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from tests.tui.conftest import TODAY, editor_ready, until


async def _focus_measurable_answer(pilot) -> None:  # type: ignore[no-untyped-def]
    await editor_ready(pilot)
    await pilot.press("down", "l", "down")
    await until(
        pilot,
        lambda: pilot.app.editor.current is not None and pilot.app.editor.current.kr_id,
        "the key result in the editor",
    )
    pilot.app.query_one("#view-key-result #answer-measurable").focus()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_smart_checklist_with_a_focused_row(snap_compare, sample_workspace: Path, size) -> None:  # type: ignore[no-untyped-def]
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=_focus_measurable_answer)
