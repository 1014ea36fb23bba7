"""The header's "● N unsaved" follows what is on disk, through undo and redo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input

from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from tests.tui.conftest import editor_ready

OID = "marketing-education-leader"
KR = "organic-traffic"
KR_REF = NodeRef(NodeKind.KEY_RESULT, "2026-Q4", OID, KR)


async def _type_target(pilot, value: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.objective_tree.select_ref(KR_REF)
    await pilot.pause()
    pilot.app.query_one("#view-key-result #field-target", Input).focus()
    await pilot.press("ctrl+a", "ctrl+k", *value)
    await pilot.pause()


async def test_undo_back_to_the_saved_state_clears_unsaved_and_redo_brings_it_back(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        name = app.store.settings.name
        await _type_target(pilot, "50000")
        assert OID in app.dirty and "1 unsaved" in app.sub_title
        await pilot.press("escape")
        kr = app.store.objectives[OID].key_result(KR)
        # one step, unless a loaded machine spread the typing over more than the
        # merge interval: undo until the target is what the file says
        for _attempt in range(8):
            await pilot.press("ctrl+z")
            await pilot.pause()
            kr = app.store.objectives[OID].key_result(KR)
            if kr is not None and kr.metric.target == 54000:
                break
            assert OID in app.dirty  # half-way back: still unsaved
        assert kr is not None and kr.metric.target == 54000
        assert not app.dirty and app.sub_title == name
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert OID in app.dirty and "1 unsaved" in app.sub_title


async def test_undo_to_a_state_older_than_the_last_save_stays_unsaved(
    make_app,  # type: ignore[no-untyped-def]
    sample_workspace: Path,
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        await _type_target(pilot, "60000")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.dirty
        await pilot.press("escape", "u")  # back to 54000: the file says 60000
        await pilot.pause()
        assert OID in app.dirty and "unsaved" in app.sub_title
        await pilot.press("U")  # 60000 again: what the file holds
        await pilot.pause()
        assert not app.dirty and "unsaved" not in app.sub_title


async def test_undoing_a_new_objective_leaves_nothing_unsaved(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        app.objective_tree.select_ref(NodeRef(NodeKind.CYCLE, cycle="2026-Q4"))
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "1 unsaved" in app.sub_title
        await pilot.press("u")
        await pilot.pause()
        assert not app.dirty and "unsaved" not in app.sub_title


def _add_next_quarter(workspace: Path) -> None:
    from okrtui.model import Cycle
    from okrtui.store import WorkspaceStore, render_settings

    settings = WorkspaceStore.open(workspace).settings.model_copy(deep=True)
    next_q = Cycle(name="2027-Q1", start=dt.date(2027, 1, 1), end=dt.date(2027, 3, 31))
    settings.cycles = [*settings.cycles, next_q]
    (workspace / "okrtui.toml").write_text(render_settings(settings), encoding="utf-8")


async def test_undo_removes_a_carried_over_copy_and_redo_brings_it_back(
    make_app,  # type: ignore[no-untyped-def]
    sample_workspace: Path,
) -> None:
    from okrtui.store import WorkspaceStore

    _add_next_quarter(sample_workspace)
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        ids = set(app.store.objectives)
        assert app.objective_tree.select_ref(NodeRef(NodeKind.OBJECTIVE, "2026-Q4", "email-ctr"))
        app.objective_tree.focus()
        await pilot.press("O")
        await pilot.pause()
        (copy_id,) = set(app.store.objectives) - ids
        copy = app.store.objectives[copy_id]
        assert copy.cycle == "2027-Q1" and app.dirty == {copy_id}
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert set(app.store.objectives) == ids  # the copy is gone
        assert not app.dirty and "unsaved" not in app.sub_title
        assert not app.objective_tree.select_ref(NodeRef(NodeKind.OBJECTIVE, "2027-Q1", copy_id))
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert set(app.store.objectives) == ids | {copy_id}
        assert app.store.objectives[copy_id].model_dump() == copy.model_dump()
        assert app.dirty == {copy_id} and "1 unsaved" in app.sub_title
        assert app.objective_tree.select_ref(NodeRef(NodeKind.OBJECTIVE, "2027-Q1", copy_id))
        await pilot.press("ctrl+z", "ctrl+s")  # undone again, then saved: nothing written
        await pilot.pause()
    assert not (sample_workspace / "objectives" / "2027-Q1").exists() or not list(
        (sample_workspace / "objectives" / "2027-Q1").glob("*.toml")
    )
    assert set(WorkspaceStore.open(sample_workspace).objectives) == ids
