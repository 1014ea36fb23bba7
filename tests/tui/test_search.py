"""Search through real keys: results as you type, enter jumps, ] and [ step."""

from __future__ import annotations

from textual.widgets import OptionList

from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.screens.search import SearchScreen
from tests.tui.conftest import editor_ready


async def test_search_jumps_to_a_key_result_in_a_collapsed_cycle(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        q3 = NodeRef(NodeKind.CYCLE, cycle="2026-Q3")
        assert q3 not in app.objective_tree.expanded_refs()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"reza")
        await pilot.pause()
        results = app.screen.query_one("#search-results", OptionList)
        assert results.option_count == len(app.screen.hits) > 2  # results as you type
        # narrow to the Q3 objective, then jump
        await pilot.press(*" q3")
        await pilot.pause()
        hit = app.screen.hits[0]
        assert hit.cycle == "2026-Q3"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        ref = app.objective_tree.selected_ref()
        assert ref is not None and ref.objective_id == hit.objective_id
        assert q3 in app.objective_tree.expanded_refs()  # its cycle was opened
        assert app.focused is app.objective_tree


async def test_next_and_previous_result_without_retyping(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        await pilot.press("slash", *"reza", "enter")
        await pilot.pause()
        hits = app.search_hits
        assert len(hits) >= 2

        def selected() -> tuple[str | None, str | None]:
            ref = app.objective_tree.selected_ref()
            assert ref is not None
            return ref.objective_id, ref.kr_id

        assert selected() == (hits[0].objective_id, hits[0].kr_id)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert selected() == (hits[1].objective_id, hits[1].kr_id)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert selected() == (hits[-1].objective_id, hits[-1].kr_id)  # wraps around
        # the dialog opens again on the last query
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search-query").value == "reza"  # type: ignore[attr-defined]


async def test_persian_search_typed_with_arabic_letters(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one("#search-query").value = "مشتركان"  # type: ignore[attr-defined]
        await pilot.pause()
        assert screen.hits and screen.hits[0].objective_id == "newsletter-fa"
