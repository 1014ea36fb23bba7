"""Real key presses through Pilot, then the files on disk are read back."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, Input, Static

from okrtui.model import SmartCriterion
from okrtui.store import WorkspaceStore, init_workspace
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.screens.dialogs import ConfirmScreen, QuitScreen
from okrtui.tui.screens.help import HelpScreen
from tests.tui.conftest import TODAY, editor_ready


async def test_create_objective_with_key_result_and_smart_answers(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws", today=TODAY)
    app = OkrApp(WorkspaceStore.open(root), today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        title = app.focused
        assert isinstance(title, Input) and title.id == "field-title"
        await pilot.press(*"Grow the newsletter", "escape")
        await pilot.pause()
        assert app.selected()[0] is not None and app.selected()[0].title == "Grow the newsletter"

        await pilot.press("a")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "field-title"
        await pilot.press(*"Subscribers from 800 to 1200", "tab")
        # owner, metric, direction, unit, start, target
        await pilot.press(*"Mina", "tab", "tab", "tab", *"subscribers", "tab", "8", "0", "0")
        await pilot.press("tab", "1", "2", "0", "0")
        await pilot.pause()
        # tick Specific with the keyboard and answer its question
        app.query_one("#view-key-result #check-specific", Checkbox).focus()
        await pilot.press("space", "tab", *"Weekly newsletter readers")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.dirty

    reloaded = WorkspaceStore.open(root)
    objective = reloaded.objectives["grow-the-newsletter"]
    assert objective.title == "Grow the newsletter"
    (kr,) = objective.key_results
    assert kr.id == "subscribers-from-800-to-1200"
    assert kr.owner == "Mina"
    assert kr.metric.unit == "subscribers"
    assert (kr.metric.start, kr.metric.target) == (800, 1200)
    assert kr.smart.specific.done is True
    assert kr.smart.specific.answer == "Weekly newsletter readers"


async def test_invalid_value_is_shown_and_kept_not_applied(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        app.objective_tree.select_ref(
            NodeRef(NodeKind.KEY_RESULT, "2026-Q4", "marketing-education-leader", "organic-traffic")
        )
        await pilot.pause()
        target = app.query_one("#view-key-result #field-target", Input)
        target.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"60000")
        await pilot.pause()
        kr = app.store.objectives["marketing-education-leader"].key_result("organic-traffic")
        assert kr is not None and kr.metric.target == 60000
        row = app.query_one("#view-key-result #row-target")
        assert not row.has_class("-invalid")
        await pilot.press(*" visits")
        await pilot.pause()
        assert row.has_class("-invalid")
        assert target.value == "60000 visits"  # what was typed stays
        assert kr.metric.target == 60000  # the model keeps its last valid value
        assert "marketing-education-leader" in app.dirty
        assert "unsaved" in app.sub_title


async def test_a_save_is_refused_while_a_field_shows_typed_text_that_does_not_fit(
    make_app, sample_workspace: Path
) -> None:  # type: ignore[no-untyped-def]
    # "5x" typed before "54000": "554000" fitted for a moment and reached the model;
    # the field now says "not a number", so nothing may be written.
    app: OkrApp = make_app()
    path = sample_workspace / "objectives" / "2026-Q4" / "marketing-education-leader.toml"
    before = path.read_bytes()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        app.objective_tree.select_ref(
            NodeRef(NodeKind.KEY_RESULT, "2026-Q4", "marketing-education-leader", "organic-traffic")
        )
        await pilot.pause()
        target = app.query_one("#view-key-result #field-target", Input)
        target.focus()
        await pilot.press("home", "5", "x")
        await pilot.pause()
        row = app.query_one("#view-key-result #row-target")
        assert row.has_class("-invalid")
        assert "not a number" in str(row.query_one(".form-error", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert path.read_bytes() == before  # nothing written
        assert "marketing-education-leader" in app.dirty  # the edits are kept
        message = str(list(app._notifications)[-1].message)
        assert message.startswith("Target: what is typed does not fit")
        await pilot.press("backspace", "backspace")  # back to "54000": it fits again
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "marketing-education-leader" not in app.dirty
        assert b"target = 54000" in path.read_bytes()


async def test_quit_with_unsaved_changes_asks(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        await pilot.press("n")
        await pilot.press("escape", "q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, QuitScreen)
        assert app.is_running


async def test_delete_asks_for_confirmation(make_app, sample_workspace: Path) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    path = sample_workspace / "objectives/2026-Q4/email-ctr.toml"
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        app.objective_tree.select_ref(NodeRef(NodeKind.OBJECTIVE, "2026-Q4", "email-ctr"))
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert "email-ctr" in app.store.objectives
        await pilot.press("d", "y")
        await pilot.pause()
        assert "email-ctr" not in app.store.objectives
        assert path.exists()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert not path.exists()


async def test_help_lists_bindings(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(s.render()) for s in app.screen.query("Static"))
        for expected in ("^s", "Save", "New", "Add KR", "Delete", "Command palette", "SMART"):
            assert expected in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


def test_smart_criteria_order() -> None:
    assert [c.letter for c in SmartCriterion] == list("SMART")


async def test_main_screen_keys_do_nothing_under_a_dialog(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        count = len(app.store.objectives)
        await pilot.press("n", "a", "d")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert len(app.store.objectives) == count
        assert not app.dirty


async def test_progress_follows_the_workspace_roll_up_setting(make_app) -> None:  # type: ignore[no-untyped-def]
    from okrtui.model import Rollup
    from okrtui.services.progress import objective_progress, rolled_up_progress
    from okrtui.tui.formatting import format_percent
    from okrtui.tui.widgets.objective_form import ObjectiveForm

    app: OkrApp = make_app()
    app.store.settings.rollup = Rollup.CHILDREN
    leader = app.store.objectives["marketing-education-leader"]
    rolled = rolled_up_progress(leader, app.store.objectives, Rollup.CHILDREN)
    assert rolled is not None
    expected = format_percent(rolled).strip()
    assert expected != format_percent(objective_progress(leader)).strip()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        app.objective_tree.select_ref(NodeRef(NodeKind.OBJECTIVE, "2026-Q4", leader.id))
        await pilot.pause()
        assert expected in app.query_one(ObjectiveForm).heading()
        line = app.objective_tree.cursor_node
        assert line is not None and str(line.label).lstrip().startswith(expected)


async def test_a_persian_jalali_workspace_shows_persian_digits_and_jalali_dates(
    sample_workspace: Path,
) -> None:
    from textual.widgets import Input

    settings = sample_workspace / "okrtui.toml"
    text = settings.read_text().replace('locale = "en"', 'locale = "fa"')
    settings.write_text(text.replace('calendar = "gregorian"', 'calendar = "jalali"'))
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        app.objective_tree.select_ref(
            NodeRef(NodeKind.KEY_RESULT, "2026-Q4", "marketing-education-leader", "organic-traffic")
        )
        await pilot.pause()
        label = str(app.objective_tree.cursor_node.label)  # type: ignore[union-attr]
        assert label.lstrip().startswith("۶۱٪")
        due = app.query_one("#view-key-result #field-due", Input)
        assert due.value == "۱۴۰۵-۱۰-۰۸"  # 2026-12-29
        due.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"1405-10-10")
        await pilot.pause()
        kr = app.store.objectives["marketing-education-leader"].key_result("organic-traffic")
        assert kr is not None and str(kr.due) == "2026-12-31"


async def test_a_long_title_is_shown_from_its_start(sample_workspace: Path) -> None:
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        for _step in range(6):  # down to an objective whose title is wider than its field
            await pilot.press("j", "l")
        title = app.query_one("#view-objective #field-title", Input)
        await pilot.pause()
        assert len(title.value) > title.content_size.width  # it does not fit
        assert title.cursor_position == 0
        assert title.scroll_offset.x == 0


async def test_persian_text_reads_in_order_until_the_field_is_edited(
    sample_workspace: Path,
) -> None:
    from textual.geometry import Region

    from okrtui.i18n.bidi_mode import request_bidi
    from okrtui.tui.node_ref import NodeKind, NodeRef
    from okrtui.tui.rtl_text import visual

    request_bidi("app")  # drawn in reading order by okrtui (rtl_pass)
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        objective = app.store.objectives["newsletter-fa"]
        app.objective_tree.select_ref(NodeRef(NodeKind.OBJECTIVE, objective.cycle, objective.id))
        await pilot.pause()
        title = app.query_one("#view-objective #field-title", Input)
        drawn = title.render_lines(Region(0, 0, title.size.width, 1))[0]
        shown = drawn.text.strip()
        assert shown.endswith(visual(objective.title[:10]))  # its start, on the right
        assert shown.startswith("…")  # cut at the end of the sentence, on the left
        title.focus()
        await pilot.pause()
        assert str(title.render_line(0).text).strip().startswith(objective.title[:10])


ORGANIC = NodeRef(NodeKind.KEY_RESULT, "2026-Q4", "marketing-education-leader", "organic-traffic")


async def _start_date_field(pilot) -> Input:  # type: ignore[no-untyped-def]
    """The organic-traffic key result selected; its Start date field."""
    await editor_ready(pilot)
    pilot.app.objective_tree.select_ref(ORGANIC)
    await pilot.pause()
    return pilot.app.query_one("#view-key-result #field-start_date", Input)


def _saved_start(root: Path) -> object:
    kr = (
        WorkspaceStore.open(root)
        .objectives["marketing-education-leader"]
        .key_result("organic-traffic")
    )
    assert kr is not None
    return kr.start_date


async def test_a_key_results_start_date_is_edited_saved_and_cleared(sample_workspace: Path) -> None:
    """The plan of a key result counts from its start date: the editor shows, takes and clears
    it (empty: the cycle's start), and the health it drives follows at once."""
    from okrtui.services.health import kr_health

    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        field = await _start_date_field(pilot)
        assert field.value == ""
        assert "cycle start" in field.placeholder
        app.query_one("#view-key-result #field-due").focus()
        await pilot.press("shift+tab")  # just before the due date
        assert app.focused is field
        kr = app.store.objectives["marketing-education-leader"].key_result("organic-traffic")
        assert kr is not None
        cycle = app.store.settings.cycle("2026-Q4")
        before = kr_health(kr, cycle, TODAY).expected
        await pilot.press(*"2026-11-20")
        await pilot.pause()
        assert str(kr.start_date) == "2026-11-20"
        assert kr_health(kr, cycle, TODAY).expected != before  # the plan starts later
        assert app.dirty == {"marketing-education-leader"}
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert str(_saved_start(sample_workspace)) == "2026-11-20"
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        field = await _start_date_field(pilot)
        assert field.value == "2026-11-20"
        field.focus()
        await pilot.press("ctrl+a", "ctrl+k", "ctrl+s")
        await pilot.pause()
    assert _saved_start(sample_workspace) is None
