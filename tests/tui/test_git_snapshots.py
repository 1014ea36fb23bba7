"""Snapshots of the git panel and the conflict dialog at 80x24."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from okrtui.model import Objective
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.screens.git_panel import GitPanelScreen
from okrtui.tui.screens.sync_conflict import SyncConflictScreen
from tests.git.conftest import edit_objective
from tests.tui.conftest import TODAY
from tests.tui.test_git_sync import edit_title_in_app, email_path, started, wait_for

pytestmark = pytest.mark.usefixtures("isolated_git_config")


def retitle(objective: Objective) -> None:
    objective.title = "Lift email clicks to 5%"
    kr = objective.key_results[0]
    kr.metric.target = 5.5


def test_git_panel(snap_compare, repo_ws: Path) -> None:  # type: ignore[no-untyped-def]
    edit_objective(email_path(repo_ws), retitle)

    async def open_panel(pilot: Pilot[None]) -> None:
        app = await started(pilot)
        await wait_for(pilot, lambda: app._git_repo is not None)
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, GitPanelScreen))
        panel = app.screen
        assert isinstance(panel, GitPanelScreen)
        await wait_for(pilot, lambda: panel.data is not None)
        await pilot.pause(0.2)

    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_panel)


@pytest.mark.parametrize("view_both", [False, True], ids=["choice", "view-both"])
def test_conflict_dialog(snap_compare, repo_ws: Path, view_both: bool) -> None:  # type: ignore[no-untyped-def]
    async def make_conflict(pilot: Pilot[None]) -> None:
        app = await started(pilot)
        await edit_title_in_app(pilot, app)
        edit_objective(email_path(repo_ws), retitle)
        await wait_for(pilot, lambda: isinstance(app.screen, SyncConflictScreen))
        if view_both:
            await pilot.press("v")
        await pilot.pause(0.2)

    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=make_conflict)
