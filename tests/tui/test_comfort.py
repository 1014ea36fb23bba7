"""Duplicate as a template, the archive toggle, and filters that combine in the tree title."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from okrtui.model import SmartCriterion, Status
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.widgets.tree_filter import TreeFilter
from tests.tui.conftest import editor_ready

MakeApp = Callable[[], OkrApp]
DONE_Q3 = NodeRef(NodeKind.OBJECTIVE, "2026-Q3", "blog-traffic-q3")
LEADER = NodeRef(NodeKind.OBJECTIVE, "2026-Q4", "marketing-education-leader")


async def test_duplicate_makes_a_fresh_draft_in_the_next_cycle(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        app.objective_tree.select_ref(LEADER)
        await pilot.pause()
        before = set(app.store.objectives)
        await pilot.press("Y")
        await pilot.pause()
        (new_id,) = set(app.store.objectives) - before
        copy = app.store.objectives[new_id]
        original = app.store.objectives["marketing-education-leader"]
        next_cycle = app.store.settings.cycles[-1].name
        assert copy.cycle in (next_cycle, original.cycle)
        assert copy.status is Status.DRAFT and copy.created == app.today
        assert [k.id for k in copy.key_results] == [k.id for k in original.key_results]
        assert all(not k.checkins and k.metric.current is None for k in copy.key_results)
        assert original.key_results[0].checkins  # the original is untouched
        assert new_id in app.dirty
        ref = app.objective_tree.selected_ref()
        assert ref is not None and ref.objective_id == new_id
        await pilot.press("u")  # and it undoes like any edit
        await pilot.pause()
        assert new_id not in app.store.objectives


async def test_archived_objectives_hidden_until_toggled(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        tree = app.objective_tree
        assert app.store.objectives["blog-traffic-q3"].status is Status.DONE
        assert not tree.select_ref(DONE_Q3)  # done: not in the tree
        await pilot.press("A")
        await pilot.pause()
        assert tree.select_ref(DONE_Q3)
        assert "with archived" in str(tree.border_title)
        await pilot.press("A")
        await pilot.pause()
        assert not tree.select_ref(DONE_Q3)
        # a search result that is archived still opens
        await pilot.press("slash", *"q3", "enter")
        await pilot.pause()
        selected = tree.selected_ref()
        assert selected is not None and selected.objective_id == "blog-traffic-q3"


async def test_escape_and_clear_filter_keep_the_archive_toggle(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        tree = app.objective_tree
        await pilot.press("A")
        await pilot.pause()
        tree.set_filter(dataclasses.replace(tree.tree_filter, owner="Reza"))
        await pilot.pause()
        tree.focus()
        await pilot.press("escape")  # clears the owner filter, not the view toggle
        await pilot.pause()
        assert tree.tree_filter.owner is None
        assert tree.tree_filter.show_archived
        assert tree.select_ref(DONE_Q3)
        await pilot.press("escape")  # nothing left to clear: back to the tree, toggle kept
        await pilot.pause()
        assert tree.tree_filter.show_archived


async def test_filters_combine_and_show_in_the_tree_title(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        tree = app.objective_tree
        tree.set_filter(TreeFilter(owner="Reza"))
        await pilot.pause()
        tree.set_filter(
            TreeFilter(
                owner="Reza",
                level="company",
                smart_failing=frozenset({SmartCriterion.ACHIEVABLE}),
            )
        )
        title = str(tree.border_title)
        assert "owner: Reza" in title and "level: company" in title
        assert "SMART failing: A" in title
        # through the f picker: a level, then a SMART letter, added to what is there
        tree.set_filter(TreeFilter())
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"Level: Team", "enter")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"SMART failing: T", "enter")
        await pilot.pause()
        assert tree.tree_filter.level == "team"
        assert tree.tree_filter.smart_failing == {SmartCriterion.TIME_BOUND}
        assert "level: Team" in str(tree.border_title)


async def test_ctrl_s_in_a_check_in_dialog_applies_it_then_saves(
    make_app: MakeApp, sample_workspace: Path
) -> None:
    from textual.widgets import Input

    from okrtui.store import WorkspaceStore
    from okrtui.tui.screens.checkin import CheckInScreen

    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        app.objective_tree.select_ref(
            NodeRef(NodeKind.KEY_RESULT, "2026-Q4", "marketing-education-leader", "organic-traffic")
        )
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        app.screen.query_one("#checkin-value", Input).value = "49900"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, CheckInScreen)
        assert not app.dirty  # written to disk, not only applied
    kr = WorkspaceStore.open(sample_workspace).objectives["marketing-education-leader"].key_results
    assert any(c.value == 49900 for k in kr for c in k.checkins)


async def test_ctrl_s_in_a_dialog_that_refuses_keeps_it_open_and_writes_nothing(
    make_app: MakeApp,
) -> None:
    from textual.widgets import Input

    from okrtui.tui.screens.checkin import CheckInScreen

    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        app.objective_tree.select_ref(
            NodeRef(NodeKind.KEY_RESULT, "2026-Q4", "marketing-education-leader", "organic-traffic")
        )
        await pilot.pause()
        app.mark_dirty("email-ctr")  # an unrelated unsaved change
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#checkin-value", Input).value = "lots"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert "email-ctr" in app.dirty


async def test_marking_done_in_the_editor_keeps_it_in_view_until_the_filter_changes(
    make_app: MakeApp,
) -> None:
    from textual.widgets import Select

    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        tree = app.objective_tree
        email = NodeRef(NodeKind.OBJECTIVE, "2026-Q4", "email-ctr")
        assert not app.store.children("email-ctr")
        assert tree.select_ref(email)
        await pilot.pause()
        status = app.query_one("#view-objective #field-status", Select)
        status.value = "done"
        await pilot.pause()
        assert app.store.objectives["email-ctr"].status is Status.DONE
        assert tree.selected_ref() == email  # still there, under the cursor
        assert app.editor.current == email
        await pilot.press("escape", "A", "A")  # shown, hidden again: now it goes
        await pilot.pause()
        assert not tree.select_ref(email)
