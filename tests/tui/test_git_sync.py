"""Files changed under the running app: reload, the conflict dialog, saves that race a write.

Real workspaces in real git repositories; files are changed from the test the
way another editor or a `git pull` would, and the results are read back from disk.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from okrtui.model import Objective
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.screens.sync_conflict import SyncConflictScreen
from tests.git.conftest import edit_objective, load_objective
from tests.tui.conftest import PATIENCE, TODAY, until

EMAIL = NodeRef(NodeKind.OBJECTIVE, "2026-Q4", "email-ctr")
MINE = " (mine)"


pytestmark = pytest.mark.usefixtures("isolated_git_config")


def email_path(root: Path) -> Path:
    return root / "objectives" / "2026-Q4" / "email-ctr.toml"


async def wait_for(
    pilot: Pilot[None], condition: Callable[[], bool], seconds: float = PATIENCE
) -> None:
    """Let the app run until `condition` holds (`tests.tui.conftest.until`)."""
    await until(pilot, condition, "the app", timeout=seconds)


async def conflict_shown(pilot: Pilot[None]) -> SyncConflictScreen:
    """Wait for the conflict dialog, built (its question there), and return it."""
    app = pilot.app

    def built() -> bool:
        return isinstance(app.screen, SyncConflictScreen) and bool(
            app.screen.query(".dialog-question")
        )

    await until(pilot, built, "the conflict dialog")
    assert isinstance(app.screen, SyncConflictScreen)
    return app.screen


async def started(pilot: Pilot[None]) -> OkrApp:
    app = pilot.app
    assert isinstance(app, OkrApp)
    await wait_for(pilot, lambda: app._disk_watcher is not None)
    # On a busy machine the editor's forms may still be mounting.
    await wait_for(pilot, lambda: bool(app.query("#view-key-result #field-title")))
    await pilot.pause()
    return app


def tree_labels(app: OkrApp) -> list[str]:
    labels: list[str] = []
    pending = list(app.objective_tree.root.children)
    while pending:
        node = pending.pop(0)
        labels.append(str(node.label))
        pending[:0] = node.children
    return labels


async def edit_title_in_app(pilot: Pilot[None], app: OkrApp) -> str:
    """Type at the end of the selected objective's title, as a user would."""
    app.objective_tree.select_ref(EMAIL)
    await pilot.pause()
    field = app.query_one("#view-objective #field-title", Input)
    field.focus()
    await pilot.press("end", *MINE)
    await pilot.pause()
    assert "email-ctr" in app.dirty
    return field.value


def theirs(objective: Objective) -> None:
    objective.title = "Theirs: lift email clicks"
    objective.owner = "Theo"


async def test_external_write_reloads_tree_and_editor(repo_ws: Path) -> None:
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        app.objective_tree.select_ref(EMAIL)
        await pilot.pause()
        expanded = app.objective_tree.expanded_refs()

        edit_objective(email_path(repo_ws), theirs)
        await pilot.pause(1.0)
        await wait_for(pilot, lambda: app.store.objectives["email-ctr"].owner == "Theo")

        assert app.store.objectives["email-ctr"].title == "Theirs: lift email clicks"
        assert any("Theirs: lift email clicks" in label for label in tree_labels(app))
        assert app.objective_tree.selected_ref() == EMAIL
        assert app.objective_tree.expanded_refs() == expanded
        title = app.query_one("#view-objective #field-title", Input)
        assert title.value == "Theirs: lift email clicks"
        assert not app.dirty


async def test_file_broken_on_disk_shows_in_the_problems_entry(repo_ws: Path) -> None:
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        path = email_path(repo_ws)
        path.write_text(path.read_text("utf-8").replace('id = "email-ctr"', 'id = "email-ctr'))
        await wait_for(pilot, lambda: path in app.store.broken)
        assert "email-ctr" not in app.store.objectives
        assert any("did not load" in label for label in tree_labels(app))
        assert app.objective_tree.select_ref(NodeRef(NodeKind.PROBLEMS))


async def test_new_file_and_settings_change_are_picked_up(repo_ws: Path) -> None:
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        source = email_path(repo_ws).read_text("utf-8")
        copy = repo_ws / "objectives" / "2026-Q4" / "email-ctr-2.toml"
        copy.write_text(source.replace('id = "email-ctr"', 'id = "email-ctr-2"', 1))
        settings = repo_ws / "okrtui.toml"
        settings.write_text(
            settings.read_text("utf-8").replace('"Marketing OKRs"', '"Growth OKRs"')
        )
        await wait_for(pilot, lambda: "email-ctr-2" in app.store.objectives)
        await wait_for(pilot, lambda: app.store.settings.name == "Growth OKRs")
        assert app.sub_title == "Growth OKRs"


@pytest.mark.parametrize("choice", ["keep mine", "take theirs", "decide later"])
async def test_external_write_over_unsaved_edits_asks(repo_ws: Path, choice: str) -> None:
    path = email_path(repo_ws)
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        mine = await edit_title_in_app(pilot, app)

        edit_objective(path, theirs)
        their_bytes = path.read_bytes()
        await conflict_shown(pilot)
        # Nothing was decided yet: my version in memory, theirs on disk.
        assert app.store.objectives["email-ctr"].title == mine
        assert path.read_bytes() == their_bytes

        if choice == "keep mine":
            await pilot.press("k")
            await pilot.press("ctrl+s")
            await pilot.pause()
            on_disk = load_objective(path)
            assert on_disk.title == mine
            assert on_disk.owner == "Mina"  # all of my version, not a mix
            assert not app.dirty
        elif choice == "take theirs":
            await pilot.press("t")
            await pilot.pause()
            assert app.store.objectives["email-ctr"].title == "Theirs: lift email clicks"
            assert app.query_one("#view-objective #field-title", Input).value == (
                "Theirs: lift email clicks"
            )
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert path.read_bytes() == their_bytes
            assert not app.dirty
        else:
            await pilot.press("escape")
            await pilot.pause()
            assert app.dirty == {"email-ctr"}
            await pilot.press("ctrl+s")  # the save asks again instead of overwriting
            await conflict_shown(pilot)
            assert path.read_bytes() == their_bytes
            await pilot.press("k", "ctrl+s")
            await pilot.pause()
            assert load_objective(path).title == mine


async def test_view_both_marks_the_differing_lines(repo_ws: Path) -> None:
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        mine = await edit_title_in_app(pilot, app)
        edit_objective(email_path(repo_ws), theirs)
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, SyncConflictScreen)
                and bool(app.screen.query("#conflict-compare"))
            ),
        )
        compare = app.screen.query_one("#conflict-compare")
        assert not compare.display
        await pilot.press("v")
        await pilot.pause()
        assert compare.display
        mine_text = str(app.screen.query_one("#conflict-mine Static", Static).content)
        their_text = str(app.screen.query_one("#conflict-theirs Static", Static).content)
        assert f'- title = "{mine}"' in mine_text
        assert '+ title = "Theirs: lift email clicks"' in their_text
        assert '+ owner = "Theo"' in their_text
        assert '  cycle = "2026-Q4"' in mine_text  # unchanged lines are not marked
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SyncConflictScreen)


async def test_save_racing_an_external_write_keeps_both(repo_ws: Path) -> None:
    path = email_path(repo_ws)
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        app._disk_watcher = None  # the write lands between two polls: the save must catch it
        mine = await edit_title_in_app(pilot, app)
        edit_objective(path, theirs)
        their_bytes = path.read_bytes()

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SyncConflictScreen)
        assert path.read_bytes() == their_bytes  # nothing overwritten
        assert app.store.objectives["email-ctr"].title == mine  # nothing dropped
        assert app.dirty == {"email-ctr"}

        await pilot.press("k", "ctrl+s")
        await pilot.pause()
        assert load_objective(path).title == mine
        assert not app.dirty


async def test_reload_from_disk_command(repo_ws: Path) -> None:
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        app._disk_watcher = None  # only the explicit command may notice
        edit_objective(email_path(repo_ws), theirs)
        await pilot.pause(0.6)
        assert app.store.objectives["email-ctr"].owner == "Mina"
        await pilot.press("ctrl+p", *"reload from disk", "enter")
        await wait_for(pilot, lambda: app.store.objectives["email-ctr"].owner == "Theo")


async def test_file_deleted_on_disk_under_unsaved_edits_can_be_kept(repo_ws: Path) -> None:
    path = email_path(repo_ws)
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        mine = await edit_title_in_app(pilot, app)
        path.unlink()
        await conflict_shown(pilot)
        question = str(app.screen.query_one(".dialog-question", Static).content)
        assert "was deleted on disk" in question
        await pilot.press("k", "ctrl+s")
        await pilot.pause()
        assert load_objective(path).title == mine
