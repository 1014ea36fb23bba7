"""The coach's report: every finding of the workspace check, and enter jumps to it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from okrtui.model.rules import Severity
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.screens.coach_report import CoachReportScreen
from tests.tui.conftest import TODAY


async def open_report(app: OkrApp, pilot) -> CoachReportScreen:  # type: ignore[no-untyped-def]
    await pilot.press("S")
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CoachReportScreen)
    return screen


async def test_report_lists_the_sample_warnings_and_jumps_to_one(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_report(app, pilot)
        found = {(r.finding.objective, r.finding.key_result, r.finding.code) for r in screen.rows}
        assert ("blog-traffic-q3", "blog-traffic", "S401") in found
        assert ("marketing-education-leader", "ebook-downloads", "S302") in found
        assert all(r.finding.severity is Severity.WARNING for r in screen.rows)
        table = screen.query_one(DataTable)
        assert table.row_count == len(screen.rows)
        index = next(
            i for i, r in enumerate(screen.rows) if r.finding.key_result == "ebook-downloads"
        )
        await pilot.press(*["down"] * index)
        await pilot.pause()
        detail = str(screen.query_one("#report-detail").render())
        assert "objectives/2026-Q4/marketing-education-leader.toml" in detail
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CoachReportScreen)
        assert app.objective_tree.selected_ref() == NodeRef(
            NodeKind.KEY_RESULT, "2026-Q4", "marketing-education-leader", "ebook-downloads"
        )
        assert app.focused is app.objective_tree


async def test_report_puts_errors_first_and_sees_unsaved_edits(sample_workspace: Path) -> None:
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        # an edit not yet saved: the due date moves outside the cycle (an error, S502)
        kr = app.store.objectives["email-ctr"].key_result("email-ctr")
        assert kr is not None
        kr.due = kr.due.replace(year=2027) if kr.due else None
        app.mark_dirty("email-ctr")
        screen = await open_report(app, pilot)
        first = screen.rows[0].finding
        assert (first.code, first.severity, first.objective) == (
            "S502",
            Severity.ERROR,
            "email-ctr",
        )
        severities = [r.finding.severity for r in screen.rows]
        assert severities == sorted(severities, key=lambda s: s is not Severity.ERROR)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CoachReportScreen)


async def test_report_from_the_palette_command(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        (run,) = [run for name, _help, run in app.coach_commands() if name == "coach: SMART report"]
        run()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CoachReportScreen)


async def test_jump_to_an_archived_objective_says_it_is_archived_and_how_to_show_it(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_report(app, pilot)
        index = next(
            i for i, r in enumerate(screen.rows) if r.finding.objective == "blog-traffic-q3"
        )
        await pilot.press(*["down"] * index, "enter")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert not any("no longer in the tree" in m for m in messages)
        (said,) = [m for m in messages if "archived" in m]
        assert "Grow organic blog traffic" in said
        assert "press A" in said
        await pilot.press("A")  # what it says works
        await pilot.pause()
        assert app.objective_tree.select_ref(
            NodeRef(NodeKind.OBJECTIVE, "2026-Q3", "blog-traffic-q3")
        )
