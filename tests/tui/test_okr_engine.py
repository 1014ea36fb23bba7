"""The OKR engine in the app: check-ins, moves, cycles, filters and the review, end to end.

Real key presses through Pilot; then the workspace is read back from disk.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select

from okrtui.model import Cycle
from okrtui.model.review import Decision
from okrtui.store import WorkspaceStore, render_settings
from okrtui.store.git import default_author
from okrtui.store.reviews import load_review
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.screens.checkin import CheckInScreen
from okrtui.tui.screens.dialogs import ConfirmScreen
from okrtui.tui.screens.review import ReviewScreen
from okrtui.tui.widgets.kr_history import CheckInTable
from tests.tui.conftest import TODAY

Q4 = "2026-Q4"
LEADER = "marketing-education-leader"


def _select(app: OkrApp, objective_id: str, kr_id: str | None = None) -> None:
    kind = NodeKind.KEY_RESULT if kr_id else NodeKind.OBJECTIVE
    objective = app.store.objectives[objective_id]
    assert app.objective_tree.select_ref(NodeRef(kind, objective.cycle, objective_id, kr_id))
    app.objective_tree.focus()


async def test_check_in_is_saved_and_becomes_the_current_value(
    make_app,  # type: ignore[no-untyped-def]
    sample_workspace: Path,
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        _select(app, LEADER, "organic-traffic")
        await pilot.pause()
        await pilot.press("c")
        await app.workers.wait_for_complete()  # the author comes from git, in a worker
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press(*"49000", "tab", *"0.8", "tab", *"ok", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, CheckInScreen)
        assert LEADER in app.dirty
        current = app.query_one("#view-key-result #field-current", Input)
        assert current.value == "49000"
        assert app.query_one(CheckInTable).row_count == 9
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.dirty

    kr = WorkspaceStore.open(sample_workspace).objectives[LEADER].key_result("organic-traffic")
    assert kr is not None
    latest = kr.latest_checkin()
    assert latest is not None
    assert (latest.date, latest.value, latest.confidence, latest.note) == (TODAY, 49000, 0.8, "ok")
    assert latest.author == default_author(sample_workspace)
    assert kr.current_value() == 49000


async def test_bad_confidence_is_refused_in_the_dialog(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        _select(app, "email-ctr")  # a SMART goal: its one metric gets the check-in
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"4.4", "tab", *"7", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert app.screen.query_one("#row-confidence").has_class("-invalid")
        assert "email-ctr" not in app.dirty
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CheckInScreen)


async def test_edit_then_delete_a_check_in_from_the_history(
    make_app,  # type: ignore[no-untyped-def]
    sample_workspace: Path,
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        _select(app, LEADER, "organic-traffic")
        await pilot.pause()
        app.query_one(CheckInTable).focus()  # newest first: the 2026-11-23 check-in
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press(*"48600", "enter")
        await pilot.pause()
        kr = app.store.objectives[LEADER].key_result("organic-traffic")
        assert kr is not None and kr.current_value() == 48600
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert len(kr.checkins) == 7
        await pilot.press("ctrl+s")
        await pilot.pause()

    kr = WorkspaceStore.open(sample_workspace).objectives[LEADER].key_result("organic-traffic")
    assert kr is not None
    assert len(kr.checkins) == 7
    assert all(c.value != 48600 for c in kr.checkins)
    assert kr.current_value() == 47800  # the 2026-11-16 check-in is the latest now


async def test_carry_over_copies_into_the_next_cycle(
    make_app,  # type: ignore[no-untyped-def]
    sample_workspace: Path,
) -> None:
    store = WorkspaceStore.open(sample_workspace)
    settings = store.settings.model_copy(deep=True)
    next_q = Cycle(name="2027-Q1", start=TODAY.replace(2027, 1, 1), end=TODAY.replace(2027, 3, 31))
    settings.cycles = [*settings.cycles, next_q]
    (sample_workspace / "okrtui.toml").write_text(render_settings(settings), encoding="utf-8")
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        _select(app, "email-ctr")
        await pilot.press("O")
        await pilot.pause()
        ref = app.objective_tree.selected_ref()
        assert ref is not None and ref.cycle == "2027-Q1" and ref.kind is NodeKind.OBJECTIVE
        assert ref.objective_id in app.dirty
        await pilot.press("O")  # twice: no second copy
        await pilot.press("ctrl+s")
        await pilot.pause()

    files = list((sample_workspace / "objectives/2027-Q1").glob("*.toml"))
    assert len(files) == 1
    reloaded = WorkspaceStore.open(sample_workspace)
    (copy,) = [o for o in reloaded.objectives.values() if o.cycle == "2027-Q1"]
    assert copy.title == reloaded.objectives["email-ctr"].title
    (kr,) = copy.key_results
    assert kr.checkins == [] and kr.metric.start == 4.1


async def test_move_a_key_result_to_another_objective(
    make_app,  # type: ignore[no-untyped-def]
    sample_workspace: Path,
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        _select(app, LEADER, "ebook-downloads")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"blog", "enter")
        await pilot.pause()
        assert app.objective_tree.selected_ref() == NodeRef(
            NodeKind.KEY_RESULT, Q4, "blog-first-answer", "ebook-downloads"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()

    reloaded = WorkspaceStore.open(sample_workspace)
    assert reloaded.objectives[LEADER].key_result("ebook-downloads") is None
    moved = reloaded.objectives["blog-first-answer"].key_result("ebook-downloads")
    assert moved is not None and len(moved.checkins) == 6


async def test_align_an_objective_to_the_top_level(
    make_app,  # type: ignore[no-untyped-def]
    sample_workspace: Path,
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        _select(app, "newsletter-fa")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"top", "enter", "ctrl+s")
        await pilot.pause()
    assert WorkspaceStore.open(sample_workspace).objectives["newsletter-fa"].parent is None


async def test_filter_by_owner_then_clear(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        tree = app.objective_tree
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"mina", "enter")
        await pilot.pause()
        assert tree.border_title == "Objectives · owner: Mina"
        assert tree.select_ref(NodeRef(NodeKind.OBJECTIVE, Q4, "email-ctr"))
        assert not tree.select_ref(NodeRef(NodeKind.OBJECTIVE, Q4, "blog-first-answer"))
        await pilot.press("escape")
        await pilot.pause()
        assert tree.border_title == "Objectives"
        assert tree.select_ref(NodeRef(NodeKind.OBJECTIVE, Q4, "blog-first-answer"))
        await pilot.press("f", *"off track", "enter")  # "Health: at risk or off track"
        await pilot.pause()
        assert "health: At risk, Off track" in str(tree.border_title)
        await pilot.press("F")
        await pilot.pause()
        assert tree.border_title == "Objectives"


async def test_review_saves_notes_and_applies_decisions(
    make_app,  # type: ignore[no-untyped-def]
    sample_workspace: Path,
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        # summary, then the first objective's note (email-ctr), then its decision
        await pilot.press("tab", *"ok", "tab", "enter", "down", "enter")
        await pilot.pause()
        assert app.screen.focused is not None and app.screen.focused.id == "target-0-0"
        await pilot.press("ctrl+a", "ctrl+k", "6", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)
        await pilot.pause()
        # ctrl+s in the review applied its decisions and then saved the workspace too
        assert "email-ctr" not in app.dirty

        await pilot.press("R")  # today's review again: its note and decision are back
        await pilot.pause()
        assert app.screen.query_one("#note-0", Input).value == "ok"
        assert app.screen.query_one("#decision-0-0", Select).value == "revise_target"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)

    review = load_review(sample_workspace / "reviews/2026-11-27.toml")
    assert review.applied
    entry = review.objective("email-ctr")
    assert entry is not None and entry.note == "ok"
    decision = entry.key_result("email-ctr")
    assert decision is not None
    assert (decision.decision, decision.new_target) == (Decision.REVISE_TARGET, 6)
    kr = WorkspaceStore.open(sample_workspace).objectives["email-ctr"].key_result("email-ctr")
    assert kr is not None and kr.metric.target == 6


async def test_palette_offers_what_applies(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        _select(app, LEADER, "organic-traffic")
        await pilot.pause()
        names = {name for name, _help, _run in app.okr_commands()}
        assert {"check-in: add", "key result: move", "dashboard: open", "review: start"} <= names
        assert "objective: align to…" not in names and "filter: clear" not in names
        assert "objective: carry over" not in names  # no cycle follows 2026-Q4
        _select(app, LEADER)
        await pilot.pause()
        names = {name for name, _help, _run in app.okr_commands()}
        assert "objective: align to…" in names and "check-in: add" not in names


async def test_editing_a_check_in_after_a_reload_edits_that_check_in(make_app) -> None:  # type: ignore[no-untyped-def]
    """A pull adds an older check-in while the dialog is open: the edit must not shift."""
    import datetime as dt

    from okrtui.model import CheckIn

    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        _select(app, LEADER, "organic-traffic")
        await pilot.pause()
        app.query_one(CheckInTable).focus()  # newest first: the 2026-11-23 check-in
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        reloaded = app.store.reload_file(app.store.files[LEADER].path)
        assert reloaded is not None
        kr = reloaded.key_result("organic-traffic")
        assert kr is not None
        kr.checkins.insert(0, CheckIn(date=dt.date(2026, 9, 28), value=39000, author="Reza"))
        await pilot.press(*"48600", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, CheckInScreen)
        values = {c.date.isoformat(): c.value for c in kr.checkins}
        assert values["2026-11-23"] == 48600
        assert values["2026-11-16"] == 47800
        assert values["2026-09-28"] == 39000
        assert len(kr.checkins) == 9
