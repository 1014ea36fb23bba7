"""Paths where a reload from disk meets an open dialog or a multi-file change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from okrtui.model import Metric
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.screens.dialogs import ConfirmScreen
from okrtui.tui.screens.sync_conflict import SyncConflictScreen
from tests.git.conftest import edit_objective
from tests.tui.conftest import TODAY
from tests.tui.test_git_sync import EMAIL, edit_title_in_app, email_path, started, theirs, wait_for

pytestmark = pytest.mark.usefixtures("isolated_git_config")


async def test_save_writes_nothing_while_any_changed_objective_changed_on_disk(
    repo_ws: Path,
) -> None:
    """A change spanning two files (a moved key result) never lands half-way."""
    leader = repo_ws / "objectives/2026-Q4/marketing-education-leader.toml"
    before = leader.read_bytes()
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        app._disk_watcher = None  # the outside write lands between two polls
        await edit_title_in_app(pilot, app)
        app.store.objectives["marketing-education-leader"].owner = "Sara K."
        app.mark_dirty("marketing-education-leader")
        edit_objective(email_path(repo_ws), theirs)
        app.objective_tree.focus()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SyncConflictScreen))
        assert leader.read_bytes() == before
        assert "marketing-education-leader" in app.dirty


async def test_delete_confirmed_after_the_objective_vanished_does_not_crash(
    repo_ws: Path,
) -> None:
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        app.objective_tree.select_ref(EMAIL)
        app.objective_tree.focus()
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        email_path(repo_ws).unlink()  # a pull removed it while the dialog was open
        await wait_for(pilot, lambda: "email-ctr" not in app.store.objectives)
        await pilot.press("y")
        await pilot.pause()
        assert app.is_running
        assert not app.pending_deletes


async def test_an_objective_moved_to_another_cycle_on_disk_reloads(repo_ws: Path) -> None:
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        old = email_path(repo_ws)
        new = repo_ws / "objectives/2026-Q3/email-ctr.toml"
        new.write_text(old.read_text().replace('cycle = "2026-Q4"', 'cycle = "2026-Q3"'))
        old.unlink()
        await wait_for(
            pilot,
            lambda: (
                "email-ctr" in app.store.objectives
                and app.store.objectives["email-ctr"].cycle == "2026-Q3"
            ),
        )
        assert new.resolve() not in app.store.broken
        assert app.objective_tree.select_ref(NodeRef(NodeKind.OBJECTIVE, "2026-Q3", "email-ctr"))


def test_git_setup_reports_a_non_utf8_gitattributes_in_one_line(repo_ws: Path) -> None:
    (repo_ws / ".gitattributes").write_bytes(b"\xff\xfe*\x00.\x00b\x00i\x00n\x00")
    result = subprocess.run(
        [sys.executable, "-m", "okrtui", "git-setup", str(repo_ws)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert ".gitattributes" in result.stderr
    assert "not UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_metric_values_beyond_any_real_metric_are_refused() -> None:
    with pytest.raises(ValidationError):
        Metric(start=-1e308, target=1e308)
    with pytest.raises(ValidationError):
        Metric(target=1e16)
    assert Metric(target=1e15).target == 1e15
