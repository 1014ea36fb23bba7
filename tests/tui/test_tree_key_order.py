"""Keys typed faster than the app answers land where the screen says they will.

A lazily filled tree adds an objective's rows when it opens. If the rows came
a message later than the key that opened it, a `down` typed straight after
`enter` would skip the new rows and land on the next objective (seen on a
loaded machine in the end-to-end walk). Both keys are queued here before the
app handles either, which is what a fast typist or a slow machine does.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from tests.tui.conftest import editor_on

Q4 = "2026-Q4"
LEADER = "marketing-education-leader"


async def _keys_queued_together(app: OkrApp, *keys: str) -> None:
    for key in keys:
        app.post_message(events.Key(key, None))


async def test_down_straight_after_opening_an_objective_lands_on_its_first_key_result(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        tree = await editor_on(pilot, NodeRef(NodeKind.OBJECTIVE, Q4, LEADER))
        await pilot.pause()
        assert not tree.cursor_node.is_expanded  # type: ignore[union-attr]
        await _keys_queued_together(app, "enter", "down")
        await pilot.pause()
        first_kr = app.store.objectives[LEADER].key_results[0].id
        assert tree.selected_ref() == NodeRef(NodeKind.KEY_RESULT, Q4, LEADER, first_kr)


async def test_j_straight_after_l_lands_on_the_first_key_result(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        tree = await editor_on(pilot, NodeRef(NodeKind.OBJECTIVE, Q4, LEADER))
        await pilot.pause()
        await _keys_queued_together(app, "l", "j")
        await pilot.pause()
        first_kr = app.store.objectives[LEADER].key_results[0].id
        assert tree.selected_ref() == NodeRef(NodeKind.KEY_RESULT, Q4, LEADER, first_kr)


async def test_letters_typed_right_after_tab_go_into_the_title_field(make_app) -> None:  # type: ignore[no-untyped-def]
    """`tab` and a title arriving in one read (a fast typist over SSH, a script) reach the
    field, not the tree: `H` would have opened the history, `D` the dashboard."""
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_on(pilot, NodeRef(NodeKind.OBJECTIVE, Q4, LEADER))
        await pilot.pause(0.1)
        title = app.query_one("#view-objective #field-title", Input)
        before = title.value
        app.post_message(events.Key("tab", None))
        for letter in "HDx":
            app.post_message(events.Key(letter, letter))
        await pilot.pause()
        assert app.screen is app.screen_stack[0]  # no dialog opened
        assert title.has_focus
        assert title.value != before and "HDx" in title.value


async def test_letters_typed_right_after_tab_in_the_editor_go_into_the_next_field(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_on(pilot, NodeRef(NodeKind.OBJECTIVE, Q4, LEADER))
        await pilot.pause(0.1)
        title = app.query_one("#view-objective #field-title", Input)
        title.focus()
        await pilot.pause()
        before = title.value
        app.post_message(events.Key("tab", None))
        for letter in "abc":
            app.post_message(events.Key(letter, letter))
        await pilot.pause()
        assert title.value == before  # nothing of it went into the field left behind
        focused = app.focused
        assert focused is not None and focused is not title
