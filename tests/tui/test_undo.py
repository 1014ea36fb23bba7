"""Undo and redo through real key presses, across each kind of edit, saves and reloads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Checkbox, Input

from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from tests.tui.conftest import editor_ready, until

OID = "marketing-education-leader"
KR = "organic-traffic"
KR_REF = NodeRef(NodeKind.KEY_RESULT, "2026-Q4", OID, KR)


def _kr(app: OkrApp):  # type: ignore[no-untyped-def]
    kr = app.store.objectives[OID].key_result(KR)
    assert kr is not None
    return kr


def _messages(app: OkrApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def _select(pilot, ref: NodeRef) -> None:  # type: ignore[no-untyped-def]
    pilot.app.objective_tree.select_ref(ref)
    await pilot.pause()


async def test_typing_in_one_field_is_one_step_and_undo_says_what(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        await _select(pilot, KR_REF)
        assert _kr(app).metric.target == 54000
        target = app.query_one("#view-key-result #field-target", Input)
        target.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"50000")
        await pilot.pause()
        assert _kr(app).metric.target == 50000
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert _kr(app).metric.target == 54000  # the whole burst, in one step
        assert any(
            m.startswith("Undone: target of Grow organic traffic") and "50,000 → 54,000" not in m
            for m in _messages(app)
        )
        assert any("54,000 → 50,000" in m for m in _messages(app))
        # the editor shows the value put back
        assert app.query_one("#view-key-result #field-target", Input).value == "54000"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert _kr(app).metric.target == 50000
        assert any(m.startswith("Redone: target") for m in _messages(app))


async def test_tick_and_answer_undo_in_order_with_u_and_redo_with_shift_u(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        await _select(pilot, KR_REF)
        before = _kr(app).smart.achievable.model_copy()
        app.query_one("#view-key-result #check-achievable", Checkbox).focus()
        await pilot.press("space")
        await pilot.pause(2.1)  # a later edit of another field is its own step anyway
        await pilot.press("tab", "ctrl+a", "ctrl+k", *"We did it before")
        await pilot.pause()
        assert _kr(app).smart.achievable.answer == "We did it before"
        assert _kr(app).smart.achievable.done is not before.done
        await pilot.press("escape")  # back to the tree: u and U
        await pilot.press("u")
        await pilot.pause()
        assert _kr(app).smart.achievable.answer == before.answer
        assert _kr(app).smart.achievable.done is not before.done
        await pilot.press("u")
        await pilot.pause()
        assert _kr(app).smart.achievable == before
        await pilot.press("U", "U")
        await pilot.pause()
        assert _kr(app).smart.achievable.answer == "We did it before"


async def test_checkin_add_and_delete_key_result_and_objective(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        await _select(pilot, KR_REF)
        checkins = len(_kr(app).checkins)
        await pilot.press("c")
        await pilot.pause()
        value = app.screen.query_one("#checkin-value", Input)
        value.value = "49900"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(_kr(app).checkins) == checkins + 1
        await pilot.press("u")
        await pilot.pause()
        assert len(_kr(app).checkins) == checkins
        assert any("Undone: check-in of" in m for m in _messages(app))

        # a key result added, then deleted: two steps
        krs = len(app.store.objectives[OID].key_results)
        await _select(pilot, NodeRef(NodeKind.OBJECTIVE, "2026-Q4", OID))
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")
        assert len(app.store.objectives[OID].key_results) == krs + 1
        await pilot.press("u")
        await pilot.pause()
        assert len(app.store.objectives[OID].key_results) == krs

        # an existing key result deleted (asks first), then undone with its check-ins
        await _select(pilot, KR_REF)
        checkins_before = len(_kr(app).checkins)
        await pilot.press("escape", "d", "y")
        await pilot.pause()
        assert app.store.objectives[OID].key_result(KR) is None
        await pilot.press("u")
        await pilot.pause()
        assert len(_kr(app).checkins) == checkins_before
        assert any("deleted key result" in m for m in _messages(app))

        # the whole objective deleted (its children realigned), then undone
        await _select(pilot, NodeRef(NodeKind.OBJECTIVE, "2026-Q4", OID))
        children = [o.id for o in app.store.children(OID)]
        await pilot.press("d", "y")
        await pilot.pause()
        assert OID not in app.store.objectives and OID in app.pending_deletes
        await pilot.press("u")
        await pilot.pause()
        assert OID in app.store.objectives and OID not in app.pending_deletes
        assert [o.id for o in app.store.children(OID)] == children
        assert any("deleted objective" in m for m in _messages(app))


async def test_new_objective_carry_over_and_move_undo(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        ids = set(app.store.objectives)
        await _select(pilot, NodeRef(NodeKind.CYCLE, cycle="2026-Q4"))
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Write a book", "escape")
        await pilot.pause()
        assert len(app.store.objectives) == len(ids) + 1
        await pilot.press("u")  # the title typed
        await pilot.press("u")  # the objective made
        await pilot.pause()
        assert set(app.store.objectives) == ids

        # a key result moved to another objective: both objectives in one step
        from okrtui.tui.screens.picker import PickerScreen

        await _select(pilot, KR_REF)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.store.objectives[OID].key_result(KR) is None
        await pilot.press("u")
        await pilot.pause()
        assert app.store.objectives[OID].key_result(KR) is not None
        assert sum(o.key_result(KR) is not None for o in app.store.objectives.values()) == 1
        assert any("move of key result" in m for m in _messages(app))


async def test_undo_after_save_is_a_new_unsaved_change(make_app, sample_workspace: Path) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        await _select(pilot, KR_REF)
        app.query_one("#view-key-result #field-target", Input).focus()
        await pilot.press("ctrl+a", "ctrl+k", *"60000", "ctrl+s")
        await pilot.pause()
        assert not app.dirty
        assert WorkspaceStore.open(sample_workspace).objectives[OID].key_results[0].metric.target
        await pilot.press("escape", "u")
        await pilot.pause()
        assert _kr(app).metric.target == 54000
        assert OID in app.dirty and "unsaved" in app.sub_title
        await pilot.press("ctrl+s")
        await pilot.pause()
    kr = WorkspaceStore.open(sample_workspace).objectives[OID].key_result(KR)
    assert kr is not None and kr.metric.target == 54000


async def test_reload_from_disk_drops_that_objectives_history(
    make_app: Callable[[], OkrApp], sample_workspace: Path
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        await _select(pilot, KR_REF)
        app.query_one("#view-key-result #field-target", Input).focus()
        await pilot.press("ctrl+a", "ctrl+k", *"60000", "ctrl+s", "escape")
        await pilot.pause()
        # someone else changes the file; the app reloads it
        path = sample_workspace / "objectives" / "2026-Q4" / f"{OID}.toml"
        path.write_text(path.read_text("utf-8").replace("target = 60000", "target = 70000"))
        app.action_reload_from_disk()
        await until(pilot, lambda: _kr(app).metric.target == 70000, "the reload")
        assert _kr(app).metric.target == 70000
        await pilot.press("u")
        await pilot.pause()
        # nothing of that objective is undone over what came from disk
        assert _kr(app).metric.target == 70000
        assert "Nothing to undo." in _messages(app)


async def test_review_decisions_undo_in_one_step(make_app: Callable[[], OkrApp]) -> None:
    from okrtui.tui.screens.review import ReviewScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        kr = app.store.objectives["email-ctr"].key_result("email-ctr")
        assert kr is not None
        target = kr.metric.target
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        # the first objective's note, then its decision: revise the target to 6
        await pilot.press("tab", *"ok", "tab", "enter", "down", "enter")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "6", "ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)
        revised = app.store.objectives["email-ctr"].key_result("email-ctr")
        assert revised is not None and revised.metric.target == 6
        await pilot.press("u")
        await pilot.pause()
        back = app.store.objectives["email-ctr"].key_result("email-ctr")
        assert back is not None and back.metric.target == target
        assert "email-ctr" in app.dirty  # saved with the review: undoing is a new change


async def test_deleted_check_in_comes_back(make_app: Callable[[], OkrApp]) -> None:
    from okrtui.tui.widgets.kr_history import CheckInTable

    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        await _select(pilot, KR_REF)
        before = list(_kr(app).checkins)
        app.query_one(CheckInTable).focus()
        await pilot.pause()
        await pilot.press("x", "y")
        await pilot.pause()
        assert len(_kr(app).checkins) == len(before) - 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert _kr(app).checkins == before
        assert any("Undone: deleted check-in" in m for m in _messages(app))
