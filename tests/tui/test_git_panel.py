"""The footer's git status, the git panel's commit, and a key result's history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static, TextArea

from okrtui.model import CheckIn, Objective
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.screens.git_panel import GitPanelScreen
from okrtui.tui.screens.kr_history import KeyResultHistoryScreen
from okrtui.tui.widgets.git_status import GitStatus
from tests.git.conftest import configure_user, edit_objective, git
from tests.tui.conftest import TODAY
from tests.tui.test_git_sync import EMAIL, edit_title_in_app, started, wait_for

TRAFFIC = NodeRef(NodeKind.KEY_RESULT, "2026-Q4", "marketing-education-leader", "organic-traffic")


async def open_history(pilot) -> KeyResultHistoryScreen:  # type: ignore[no-untyped-def]
    """Once git is known, the organic-traffic key result's history (`H`), shown."""
    app = pilot.app
    await started(pilot)
    await wait_for(pilot, lambda: app._git_repo is not None)
    app.objective_tree.select_ref(TRAFFIC)
    await pilot.pause()
    await pilot.press("H")
    await wait_for(pilot, lambda: isinstance(app.screen, KeyResultHistoryScreen))
    assert isinstance(app.screen, KeyResultHistoryScreen)
    return app.screen


pytestmark = pytest.mark.usefixtures("isolated_git_config")


def footer_text(app: OkrApp) -> str:
    return str(app.query_one(GitStatus).content)


async def test_footer_shows_branch_and_changed_count(repo_ws: Path) -> None:
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        status = app.query_one(GitStatus)
        await wait_for(pilot, lambda: status.display and "main" in footer_text(app))
        assert footer_text(app).strip() == "main ✎0"
        await edit_title_in_app(pilot, app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "✎1" in footer_text(app))
        assert status.region.right == 100  # at the right of the footer, not under it


async def test_footer_is_empty_outside_a_repository(sample_workspace: Path) -> None:
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        assert not app.query_one(GitStatus).display
        assert not [name for name, _help, _cb in app.git_commands() if name.startswith("git:")]
        await pilot.press("g")
        await pilot.pause()
        assert not isinstance(app.screen, GitPanelScreen)


async def test_git_panel_saves_first_and_commits_with_the_prefilled_message(repo_ws: Path) -> None:
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await wait_for(pilot, lambda: app._git_repo is not None)
        mine = await edit_title_in_app(pilot, app)
        app.objective_tree.focus()
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, GitPanelScreen))
        panel = app.screen
        assert isinstance(panel, GitPanelScreen)
        assert panel.query_one("#git-unsaved").display
        await wait_for(pilot, lambda: panel.data is not None)
        assert panel.data is not None and not panel.data.files  # nothing on disk yet

        await pilot.press("ctrl+s")  # save first
        await wait_for(pilot, lambda: panel.data is not None and bool(panel.data.files))
        assert not panel.query_one("#git-unsaved").display
        table = panel.query_one("#git-files", DataTable)
        assert table.get_row_at(0) == [
            mine[:33] + "…" if len(mine) > 34 else mine,
            "2026-Q4/email-ctr.toml",
            "modified",
        ]
        message = panel.query_one("#git-message", TextArea).text
        assert message.startswith("okr: ")

        await pilot.press("c")
        await wait_for(pilot, lambda: "Committed" in str(panel.query_one("#git-result").content))
        log = git(repo_ws, "log", "-1", "--format=%B").strip()
        assert log == message.strip()
        assert git(repo_ws, "status", "--porcelain") == ""
        await wait_for(pilot, lambda: panel.data is not None and not panel.data.files)
        await pilot.press("escape")
        await wait_for(pilot, lambda: "✎0" in footer_text(app))


async def test_pull_without_upstream_fails_with_one_line(repo_ws: Path) -> None:
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await wait_for(pilot, lambda: app._git_repo is not None)
        app.action_git_panel()
        await wait_for(pilot, lambda: isinstance(app.screen, GitPanelScreen))
        panel = app.screen
        await pilot.press("p")
        await wait_for(pilot, lambda: "failed" in str(panel.query_one("#git-result").content))
        result = panel.query_one("#git-result", Static)
        assert str(result.content) == (
            "pull failed: no upstream branch; run git branch -u origin/main"
        )
        assert result.has_class("-error")
        assert app._git_busy is None


def check_in(value: float, day: int) -> object:
    def change(objective: Objective) -> None:
        kr = objective.key_result("organic-traffic")
        assert kr is not None
        kr.checkins = [*kr.checkins, CheckIn(date=dt.date(2026, 11, day), value=value)]

    return change


async def test_history_lists_values_over_three_commits(repo_ws: Path) -> None:
    path = repo_ws / "objectives" / "2026-Q4" / "marketing-education-leader.toml"
    git(repo_ws, "tag", "review-nov")
    edit_objective(path, check_in(49000, 25))  # type: ignore[arg-type]
    git(repo_ws, "commit", "-q", "-am", "check-in 49k", date="2026-11-25T09:00:00+00:00")
    configure_user(repo_ws, "Reza")
    edit_objective(path, check_in(50100, 27))  # type: ignore[arg-type]
    git(repo_ws, "commit", "-q", "-am", "check-in 50k", date="2026-11-27T09:00:00+00:00")

    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one("#history-values", DataTable)
        await wait_for(pilot, lambda: table.row_count > 0 and not table.loading)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows == [  # the unit is said once, above the table ("Values in visits/month")
            ["2026-11-01", "Sara", "48,500", "54,000", "start"],
            ["2026-11-25", "Sara", "49,000", "54,000", "check-in 49k"],
            ["2026-11-27", "Reza", "50,100", "54,000", "check-in 50k"],
        ]

        await pilot.press("s")  # changed since: the latest tag by default
        since = screen.query_one("#since-input", Input)
        report = screen.query_one("#since-text", Static)
        await wait_for(pilot, lambda: "value" in str(report.content))
        assert since.value == "review-nov"
        text = str(report.content)
        assert "value 48,500 visits/month → 50,100 visits/month · 2 new check-ins" in text

        await pilot.press("ctrl+a", "ctrl+k", *"2026-11-26", "enter")
        await wait_for(pilot, lambda: "1 new check-in" in str(report.content))
        await pilot.press("ctrl+a", "ctrl+k", *"no-such-tag", "enter")
        await wait_for(pilot, lambda: "unknown tag" in str(report.content))
        assert report.has_class("-error")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, KeyResultHistoryScreen)


async def test_palette_offers_git_commands_only_when_they_apply(repo_ws: Path) -> None:
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await wait_for(pilot, lambda: app._git_repo is not None)
        app.objective_tree.select_ref(EMAIL)
        await pilot.pause()
        names = [name for name, _help, _cb in app.git_commands()]
        assert "git: open panel" in names and "git: push" in names
        assert "key result: history" not in names
        app.objective_tree.select_ref(TRAFFIC)
        await pilot.pause()
        assert "key result: history" in [name for name, _help, _cb in app.git_commands()]
