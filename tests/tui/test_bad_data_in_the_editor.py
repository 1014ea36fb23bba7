"""Objectives with bad alignment still open in the editor, and nothing of them is dropped."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Select

from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from tests.tui.conftest import TODAY, editor_ready

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "broken_workspace"


def _copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BROKEN, tmp_path / "ws"))


async def test_an_objective_aligned_to_a_missing_one_opens_and_keeps_its_parent(
    tmp_path: Path,
) -> None:
    root = _copy(tmp_path)
    app = OkrApp(WorkspaceStore.open(root), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        assert app.objective_tree.select_ref(NodeRef(NodeKind.OBJECTIVE, "2026-Q4", "orphan"))
        await pilot.pause()
        parent = app.query_one("#view-objective #field-parent", Select)
        assert parent.value == "no-such-objective"
        assert not app.dirty
    assert WorkspaceStore.open(root).objectives["orphan"].parent == "no-such-objective"


async def test_objectives_aligned_in_a_loop_are_in_the_tree(tmp_path: Path) -> None:
    app = OkrApp(WorkspaceStore.open(_copy(tmp_path)), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        for oid in ("loop-a", "loop-b"):
            assert app.objective_tree.select_ref(NodeRef(NodeKind.OBJECTIVE, "2026-Q4", oid))
            await pilot.pause()
            assert app.editor.current == NodeRef(NodeKind.OBJECTIVE, "2026-Q4", oid)
