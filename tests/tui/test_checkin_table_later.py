"""A key result's check-in table below the fold is filled after the frame (issue 9), and
never acted on with the rows of the key result shown before."""

from __future__ import annotations

from pathlib import Path

from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.widgets.kr_history import CheckInTable, out_of_sight
from tests.tui.conftest import TODAY, editor_on, until


def _kr(kr_id: str) -> NodeRef:
    return NodeRef(NodeKind.KEY_RESULT, "2026-Q4", "marketing-education-leader", kr_id)


TRAFFIC, EBOOK = _kr("organic-traffic"), _kr("ebook-downloads")  # 8 and 6 check-ins


async def test_a_table_out_of_sight_is_filled_once_the_frame_is_drawn(
    sample_workspace: Path,
) -> None:
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await editor_on(pilot, TRAFFIC)
        table = app.editor.query_one(CheckInTable)
        await until(pilot, lambda: table.row_count == 8, "the first key result's check-ins")
        assert out_of_sight(table)  # below the chart at 120x40
        app.editor.show(EBOOK)
        assert table.row_count == 8  # the frame first: filling the table waits for it
        await until(pilot, lambda: table.row_count == 6, "the table to follow after the frame")


async def test_reading_a_table_left_for_later_fills_it_first(sample_workspace: Path) -> None:
    """A key that reaches the table before its frame (tab, then x in one read) acts on the
    check-ins of the key result shown, never on the rows it had before."""
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await editor_on(pilot, TRAFFIC)
        table = app.editor.query_one(CheckInTable)
        await until(pilot, lambda: table.row_count == 8, "the first key result's check-ins")
        app.editor.show(EBOOK)
        assert table.selected_index() == 5  # the newest of six, filled on the way
        assert table.row_count == 6


async def test_a_table_in_sight_is_filled_with_its_form(sample_workspace: Path) -> None:
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with app.run_test(size=(120, 70)) as pilot:  # tall enough to show it
        await editor_on(pilot, TRAFFIC)
        table = app.editor.query_one(CheckInTable)
        await until(
            pilot, lambda: table.row_count == 8 and not out_of_sight(table), "the table shown"
        )
        app.editor.show(EBOOK)
        assert table.row_count == 6
        app.editor.show(NodeRef(NodeKind.OBJECTIVE, "2026-Q4", "marketing-education-leader"))
        await pilot.pause()
        app.editor.show(TRAFFIC)  # from the other form: the table was hidden, now shown
        assert table.row_count == 8  # in this very frame, never the rows it had before
