"""The running app notices the disk by events (or by polling): reloads, bursts, git status.

Real workspaces in real git repositories, changed from the test as another
editor, a checkout or a teammate's `git commit` would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from okrtui.store import WorkspaceStore
from okrtui.store.watch import WatchMode, WorkspaceChanges
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.screens.help import HelpScreen
from tests.git.conftest import edit_objective, git
from tests.tui.conftest import TODAY
from tests.tui.test_git_sync import EMAIL, email_path, started, theirs, tree_labels, wait_for

pytestmark = pytest.mark.usefixtures("isolated_git_config")


def count_reloads(app: OkrApp) -> list[WorkspaceChanges]:
    """Every set of changes the app applies, from now on."""
    applied: list[WorkspaceChanges] = []
    apply = app.apply_disk_changes

    def counted(changes: WorkspaceChanges) -> None:
        applied.append(changes)
        apply(changes)

    app.apply_disk_changes = counted  # type: ignore[method-assign]
    return applied


async def test_no_timer_runs_once_started(repo_ws: Path) -> None:
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await wait_for(pilot, lambda: app.git_status.status is not None)
        await pilot.pause(1.5)  # the one-off catch-up look is over
        assert app.watch_choice is not None and app.watch_choice.mode is WatchMode.EVENTS
        running = [t for t in app._timers if t._active.is_set() and not t._task.done()]
        assert running == []


async def test_a_burst_of_a_thousand_files_reloads_once(repo_ws: Path) -> None:
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await pilot.pause(1.5)
        applied = count_reloads(app)
        source = email_path(repo_ws).read_text("utf-8")
        folder = email_path(repo_ws).parent
        for i in range(1000):  # as a checkout writes them: one after the other, at once
            (folder / f"copy-{i}.toml").write_text(
                source.replace('id = "email-ctr"', f'id = "copy-{i}"', 1), "utf-8"
            )
        await wait_for(pilot, lambda: "copy-999" in app.store.objectives, seconds=20)
        await pilot.pause(1.0)  # nothing more comes
        assert len(applied) == 1
        assert len(applied[0].added) == 1000
        assert app.objective_tree.selected_ref() is not None


async def test_deleted_and_added_files_and_selection_survive(repo_ws: Path) -> None:
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        app.objective_tree.select_ref(EMAIL)
        await pilot.pause()
        expanded = app.objective_tree.expanded_refs()
        source = email_path(repo_ws).read_text("utf-8")
        added = repo_ws / "objectives" / "2026-Q4" / "brand-new.toml"
        added.write_text(
            source.replace('id = "email-ctr"', 'id = "brand-new"', 1).replace(
                "title = ", 'title = "Brand new goal"\n# was: ', 1
            ),
            "utf-8",
        )
        gone = next(
            p for p in added.parent.glob("*.toml") if p.stem not in ("email-ctr", added.stem)
        )
        gone.unlink()
        await wait_for(pilot, lambda: "brand-new" in app.store.objectives)
        await wait_for(pilot, lambda: gone.stem not in app.store.objectives)
        app.objective_tree.expand_all()
        await pilot.pause()
        labels = tree_labels(app)
        assert any("Brand new goal" in label for label in labels)
        assert app.objective_tree.selected_ref() == EMAIL
        assert expanded <= app.objective_tree.expanded_refs()


async def test_polling_forced_still_reloads(repo_ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OKRTUI_WATCH", "poll")
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        assert app.watch_choice is not None and app.watch_choice.mode is WatchMode.POLL
        await pilot.pause(1.5)
        edit_objective(email_path(repo_ws), theirs)
        await wait_for(pilot, lambda: app.store.objectives["email-ctr"].owner == "Theo")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(s.content) for s in app.screen.query("Static"))
        assert "polling" in text and "OKRTUI_WATCH" in text


async def test_git_status_follows_a_commit_made_outside(repo_ws: Path) -> None:
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await wait_for(pilot, lambda: app.git_status.status is not None)
        edit_objective(email_path(repo_ws), theirs)
        await wait_for(pilot, lambda: app.store.objectives["email-ctr"].owner == "Theo")
        status = app.git_status
        await wait_for(pilot, lambda: status.status is not None and status.status.changed == 1)
        git(repo_ws, "commit", "-q", "-am", "theirs")  # touches only git's folder
        await wait_for(pilot, lambda: status.status is not None and status.status.changed == 0)
        assert app.objective_tree.selected_ref() != NodeRef(NodeKind.PROBLEMS)
