"""Keyboard focus in the editor: the first tab from the tree reaches a field, and stays visible."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select

from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.screens.dashboard import DashboardScreen
from tests.tui.conftest import editor_ready

LEADER = "marketing-education-leader"


async def test_first_tab_from_the_tree_reaches_the_title_and_letters_are_typed(
    make_app,  # type: ignore[no-untyped-def]
    sample_workspace: Path,
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        assert app.objective_tree.select_ref(NodeRef(NodeKind.OBJECTIVE, "2026-Q4", LEADER))
        await pilot.pause()
        assert app.focused is app.objective_tree
        await pilot.press("tab")
        await pilot.pause()
        title = app.focused
        assert isinstance(title, Input) and title.id == "field-title"
        assert title.parent is not None and title.screen is app.screen
        await pilot.press("home", *"Dashboard ")  # "D" opens the dashboard from the tree
        await pilot.pause()
        assert not isinstance(app.screen, DashboardScreen)
        objective = app.store.objectives[LEADER]
        assert objective.title.startswith("Dashboard ")


async def test_every_tab_stop_in_the_key_result_editor_is_visible(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        ref = NodeRef(NodeKind.KEY_RESULT, "2026-Q4", LEADER, "organic-traffic")
        assert app.objective_tree.select_ref(ref)
        await pilot.pause()
        editor = app.editor
        seen: list[str] = []
        for _stop in range(40):
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            assert focused is not None
            if focused is app.objective_tree:
                break  # round the whole editor and back to the tree
            assert focused is not editor, "the editor's scrolling container took focus"
            assert focused.display and focused.visible
            # on screen: inside the part of the editor that shows
            region = focused.region
            assert region.area > 0, f"{focused!r} has no room on screen"
            assert editor.content_region.contains_region(region) or isinstance(focused, Select), (
                f"{focused!r} at {region} is outside {editor.content_region}"
            )
            seen.append(focused.id or type(focused).__name__)
        assert seen[0] == "field-title"
        assert "answer-specific" in seen
