"""The editor keeps up with the tree: long lists are built when opened, figures follow edits."""

from __future__ import annotations

from textual import events
from textual.widgets import ContentSwitcher, Input, Select, Static

from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.widgets.in_place import SteadyTable
from tests.tui.conftest import editor_on, editor_ready

LEADER = "marketing-education-leader"


async def test_the_aligned_to_list_is_built_when_opened_and_a_choice_applies(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_on(pilot, NodeRef(NodeKind.OBJECTIVE, "2026-Q4", "email-ctr"))
        parent = app.query_one("#view-objective #field-parent", Select)
        values = [v for _p, v in parent._options if v is not Select.NULL]
        assert len(values) <= 1  # only what is shown, until opened
        parent.focus()
        await pilot.press("enter")  # open the list
        await pilot.pause()
        values = [v for _p, v in parent._options if v is not Select.NULL]
        assert LEADER in values and "email-ctr" not in values  # never itself
        index = next(i for i, (_p, v) in enumerate(parent._options) if v == LEADER)
        parent.query_one("SelectOverlay").highlighted = index  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert app.store.objectives["email-ctr"].parent == LEADER
        assert "email-ctr" in app.dirty


async def test_the_heading_follows_an_edit_of_a_key_result(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        tree = app.objective_tree
        objective_ref = NodeRef(NodeKind.OBJECTIVE, "2026-Q4", LEADER)
        assert tree.select_ref(objective_ref)
        await pilot.pause()
        heading = app.query_one("#view-objective .form-heading", Static)
        before = str(heading.render())
        kr = app.store.objectives[LEADER].key_results[0]
        assert tree.select_ref(NodeRef(NodeKind.KEY_RESULT, "2026-Q4", LEADER, kr.id))
        await pilot.pause()
        start = app.query_one("#view-key-result #field-start", Input)
        start.value = str(kr.current_value())  # reached at once: 100% for this key result
        await pilot.pause()
        assert tree.select_ref(objective_ref)
        await pilot.pause()
        assert str(heading.render()) != before


async def test_after_keys_in_a_row_the_editor_shows_the_node_under_the_cursor(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        tree = await editor_on(pilot, NodeRef(NodeKind.OBJECTIVE, "2026-Q4", LEADER))
        for burst in (("l", *"jjjjj", "k"), ("k", "k"), tuple("jjjjjjj")):
            await pilot.press(*burst)
            await pilot.pause()
            ref = tree.selected_ref()
            assert ref is not None and app.editor.current == ref
            if ref.kind is NodeKind.KEY_RESULT:
                heading = app.query_one("#view-key-result .form-heading", Static)
                assert f"· {ref.kr_id}" in str(heading.render())
            else:
                heading = app.query_one("#view-objective .form-heading", Static)
                assert f"· {ref.objective_id}" in str(heading.render())


async def test_a_cursor_key_to_the_same_form_draws_the_cursor_first(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    """Objective to objective: the cursor is drawn on its own, the form refilled just after
    that frame (issue 9: the cursor answers in a few ms, the form a frame later)."""
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        tree = await editor_on(pilot, NodeRef(NodeKind.OBJECTIVE, "2026-Q4", LEADER))
        await pilot.pause(0.1)
        tree.action_cursor_down()  # as `j` does: the next objective (LEADER is closed)
        node = tree.cursor_node
        assert node is not None and node.data is not None
        assert node.data.kind is NodeKind.OBJECTIVE and node.data.objective_id != LEADER
        assert app.editor._shown is not None
        assert app.editor._shown[0] == NodeRef(NodeKind.OBJECTIVE, "2026-Q4", LEADER)  # not yet
        await pilot.pause()
        assert app.editor._shown[0] == node.data  # once the cursor's frame is drawn
        heading = str(app.query_one("#view-objective .form-heading", Static).render())
        assert (node.data.objective_id or "?") in heading


async def test_a_cursor_key_that_swaps_forms_fills_the_editor_in_the_cursor_frame(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    """Key result to objective: the swap is made in the key's handler too, one frame for both
    (drawing the cursor first made the swap wait for Textual's next frame slot)."""
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        tree = app.objective_tree
        kr = app.store.objectives[LEADER].key_results[0].id
        assert tree.select_ref(NodeRef(NodeKind.KEY_RESULT, "2026-Q4", LEADER, kr))
        await pilot.pause(0.1)
        tree.action_cursor_up()  # as `k` does: up to the objective
        node = tree.cursor_node
        assert node is not None and node.data == NodeRef(NodeKind.OBJECTIVE, "2026-Q4", LEADER)
        assert app.editor._shown[0] == node.data  # filled before any frame is drawn
        assert app.editor.query_one(ContentSwitcher).current == "view-objective"
        heading = str(app.query_one("#view-objective .form-heading", Static).render())
        assert LEADER in heading


async def test_swapping_forms_resizes_nothing_and_lays_out_the_screen_once(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    """Each view fills the pane and scrolls by itself: a swap finds every widget as it was."""
    app: OkrApp = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await editor_on(pilot, NodeRef(NodeKind.OBJECTIVE, "2026-Q4", LEADER))
        await pilot.press("l", "j", "k")  # its key results shown; each form shown once
        await pilot.pause()
        forms = [app.query_one("#view-key-result"), app.query_one("#view-objective")]
        # the objective form fits at this size and the key result's does not
        assert [f.show_vertical_scrollbar for f in forms] == [True, False]
        sizes = {w: w.size for form in forms for w in form.query("*")}
        layouts: list[bool] = []
        layout = app.screen._refresh_layout

        def counted(size: object = None, scroll: bool = False) -> None:
            layouts.append(scroll)
            layout(size, scroll)  # type: ignore[arg-type]

        app.screen._refresh_layout = counted  # type: ignore[method-assign]
        for key, form in (("j", "#view-key-result"), ("k", "#view-objective")):
            layouts.clear()
            await pilot.press(key)
            await pilot.pause()
            assert app.editor.query_one(ContentSwitcher).current == form.lstrip("#")
            assert layouts.count(False) == 1  # the swap itself, no follow-up
        shown = {w: s for w, s in sizes.items() if w.display and w.parent.display}
        assert {w: w.size for w in shown} == shown


async def test_a_key_typed_right_after_a_cursor_key_finds_the_editor_filled(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    """`j` held, then `tab` faster than a frame: tab lands in the form of the last node."""
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        tree = await editor_on(pilot, NodeRef(NodeKind.OBJECTIVE, "2026-Q4", LEADER))
        await pilot.press("l")  # its key results shown
        await pilot.pause()
        tree.action_cursor_down()  # as `j` does: the first key result, filled at once
        tree.action_cursor_down()  # faster than a frame (held): waits for the next frame
        ref = tree.selected_ref()
        assert ref is not None and ref.kind is NodeKind.KEY_RESULT
        assert app.editor._shown[0] != ref
        tree.on_key(events.Key("tab", None))  # the tree sees a key before its bindings act
        assert app.editor._shown[0] == ref
        await pilot.press("tab")
        assert app.focused is app.query_one("#view-key-result #field-title")
        heading = str(app.query_one("#view-key-result .form-heading", Static).render())
        assert f"· {ref.kr_id}" in heading


async def test_an_objective_with_more_key_results_is_measured_in_the_cursor_frame(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    """The key-result table is sized when filled, so its new height joins that frame's layout
    (DataTable measures new rows when idle, which could come after the frame: a second one)."""
    app: OkrApp = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        tree = await editor_on(pilot, NodeRef(NodeKind.OBJECTIVE, "2026-Q4", "email-ctr"))
        await pilot.pause()
        table = app.query_one("#view-objective #kr-table", SteadyTable)
        assert table.row_count == 1
        for move in (tree.action_cursor_up, tree.action_cursor_down, tree.action_cursor_up):
            before = table.row_count
            move()  # as `k`/`j` do: the same form, filled once the cursor's frame is drawn
            app.editor.show_followed_now()  # (that fill, now)
            ref = tree.selected_ref()
            assert ref is not None and ref.kind is NodeKind.OBJECTIVE
            rows = len(app.store.objectives[ref.objective_id or ""].key_results)
            assert rows != before
            assert table.row_count == rows
            assert table.virtual_size.height == rows + 1  # measured already: header and rows
            await pilot.pause()
            assert table.size.height == rows + 1 + table.scrollbar_size_horizontal
