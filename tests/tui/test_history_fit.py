"""The key result's history (`H`) fits 80x24: values whole and right-aligned, the commit
message cut with … only when it has to be."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable, Static

from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.screens.history_values import COMMIT_MIN, column_widths
from tests.git.conftest import configure_user, edit_objective, git
from tests.tui.conftest import TODAY
from tests.tui.test_git_panel import TRAFFIC, check_in, open_history
from tests.tui.test_git_sync import wait_for

pytestmark = pytest.mark.usefixtures("isolated_git_config")

HEADERS = ["Date", "Author", "Value", "Target", "Commit"]
LONG_SUBJECT = "check-in: organic traffic jumped after the campaign on the national news site"


def test_columns_fit_and_the_values_are_never_cut() -> None:
    cells = [
        ["2026-11-01", "Sara", "48,500", "54,000", "start"],
        ["2026-11-27", "Reza Mohammadi-Tehrani", "1,234,567", "54,000", LONG_SUBJECT],
    ]
    widths = column_widths(HEADERS, cells, 72)
    assert widths[0] == 10 and widths[2] == len("1,234,567") and widths[3] == len("Target")
    assert widths[1] == 12  # a long name is cut, a short one is not padded beyond its header
    assert sum(widths) + 2 * len(widths) == 72  # the message takes exactly what is left
    short = column_widths(HEADERS, [["2026-11-01", "Sara", "1", "2", "start"]], 72)
    assert short[1] == len("Author") and short[4] > COMMIT_MIN


async def test_history_at_80x24_shows_whole_values_and_cuts_only_long_messages(
    repo_ws: Path,
) -> None:
    path = repo_ws / "objectives" / "2026-Q4" / "marketing-education-leader.toml"
    configure_user(repo_ws, "Reza Mohammadi-Tehrani")
    edit_objective(path, check_in(1234567, 25))  # type: ignore[arg-type]
    git(repo_ws, "commit", "-q", "-am", LONG_SUBJECT, date="2026-11-25T09:00:00+00:00")

    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one("#history-values", DataTable)
        await wait_for(pilot, lambda: table.row_count == 2 and not table.loading)
        await pilot.pause()
        first, second = (table.get_row_at(i) for i in range(2))
        assert str(first[2]) == "48,500" and str(second[2]) == "1,234,567"
        assert isinstance(second[2], Text) and second[2].justify == "right"
        assert first[4] == "start"  # short: not cut
        assert second[4].endswith("…") and LONG_SUBJECT.startswith(second[4][:-1])
        assert second[1] == "Reza Mohamm…"
        unit = str(screen.query_one("#history-unit", Static).render())
        assert unit == "Values in visits/month"
        # everything fits the table: no horizontal scrolling at 80 columns
        assert table.virtual_size.width <= table.size.width
        widths = [c.width for c in table.columns.values()]
        assert widths[2] >= len("1,234,567")


def test_checkin_columns_drop_the_author_before_starving_the_note() -> None:
    from okrtui.tui.widgets.kr_history import NOTE_MIN, checkin_widths

    headers = ["Date", "Value", "Conf.", "Note", "By"]
    cells = [["2026-11-09", "46,000", "High", "Core update dip, recovering", "Reza"]]
    wide = checkin_widths(cells, headers, 70)
    assert wide == [10, 6, 5, len("Core update dip, recovering"), 4]  # all of it, nothing cut
    narrow = checkin_widths(cells, headers, 43)
    assert narrow[4] == 0 and narrow[3] >= NOTE_MIN
    assert sum(narrow[:4]) + 2 * 4 <= 43


async def test_checkin_table_fits_the_editor_at_80x24(make_app) -> None:  # type: ignore[no-untyped-def]
    from okrtui.tui.widgets.kr_history import CheckInTable
    from tests.tui.conftest import editor_ready

    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        app.objective_tree.select_ref(TRAFFIC)
        await pilot.pause()
        table = app.query_one("#view-key-result CheckInTable", CheckInTable)
        table.focus()  # scrolled into view
        await pilot.pause()
        assert table.size.width > 0
        assert table.virtual_size.width <= table.size.width  # no sideways scrolling
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert [str(r[1]) for r in rows[:2]] == ["48,500", "47,800"]  # whole, unit in the form
        assert all(isinstance(r[1], Text) and r[1].justify == "right" for r in rows)
        notes = [str(r[3]) for r in rows if str(r[3])]
        assert notes and all(
            n.endswith("…") or n in ("Core update dip, recovering", "Two guides ranked on page one")
            for n in notes
        )
        assert any(n.endswith("…") for n in notes)  # at 80 columns the long ones are cut
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert "Core update dip, recovering" in [str(r[3]) for r in rows]  # room: not cut
        assert table.virtual_size.width <= table.size.width
