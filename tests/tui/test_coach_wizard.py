"""The guided writer, driven by real key presses; what it saved is read back from disk."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from textual.widgets import Input, Select, Static

from okrtui.model import ObjectiveKind, SmartCriterion
from okrtui.services.goal_rewrite import (
    WizardResult,
    answer_conflicts,
    changed_fields,
    rewrite_key_result,
)
from okrtui.services.goal_writer import draft_from_key_result, parse_confidence
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.formatting import display_text
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.screens.choice import ChoiceScreen
from okrtui.tui.screens.dialogs import ConfirmScreen
from okrtui.tui.screens.goal_wizard import GoalWizardScreen
from tests.tui.conftest import TODAY

LEADER = NodeRef(NodeKind.OBJECTIVE, "2026-Q4", "marketing-education-leader")
ORGANIC = NodeRef(NodeKind.KEY_RESULT, "2026-Q4", "marketing-education-leader", "organic-traffic")


def shown_text(app: OkrApp, selector: str) -> str:
    """What a Static of the wizard shows, with its lines joined."""
    return " ".join(str(app.screen.query_one(selector, Static).render()).split())


def wizard(app: OkrApp) -> GoalWizardScreen:
    screen = app.screen
    assert isinstance(screen, GoalWizardScreen)
    return screen


async def open_wizard(app: OkrApp, pilot, *keys: str) -> GoalWizardScreen:  # type: ignore[no-untyped-def]
    """Press `w` (and `keys`, e.g. the rewrite choice), then wait for every step to be there."""
    await pilot.press("w", *keys)
    screen = wizard(app)
    await screen.steps_ready()
    return screen


async def test_wizard_writes_a_smart_key_result(make_app, sample_workspace: Path) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.objective_tree.select_ref(LEADER)
        await pilot.pause()
        screen = await open_wizard(app, pilot)
        assert "Step 1 of 5: Specific" in shown_text(app, "#wizard-steps")
        # Specific: the vague goal, what changes, for whom (left empty)
        await pilot.press(*"More people read the blog", "enter", *"organic traffic", "enter")
        await pilot.press("enter")
        assert "Measurable" in shown_text(app, "#wizard-steps")
        # Measurable: metric and direction stay Number and Increase
        await pilot.press("enter", "enter", *"visits a month", "enter", *"12,000", "enter")
        await pilot.press(*"16200")
        await pilot.pause()
        assert shown_text(app, "#wizard-sentence") == (
            "Increase organic traffic from 12,000 to 16,200 visits a month"
        )
        await pilot.press("enter")
        # Achievable
        await pilot.press(*"Two writers and an SEO contractor", "enter", *"70%", "enter")
        # Relevant: the objective it serves is the one selected
        assert screen.query_one("#wizard-serves", Select).value == "marketing-education-leader"
        await pilot.press(*"Organic visitors sign up for courses", "enter", "enter", "enter")
        # Time-bound: the last step shows the coach's verdicts
        assert "Time-bound" in shown_text(app, "#wizard-steps")
        await pilot.press(*"2026-12-31", "enter", *"Reza")
        await pilot.pause()
        sentence = "Increase organic traffic from 12,000 to 16,200 visits a month by 2026-12-31"
        assert shown_text(app, "#wizard-sentence") == sentence
        coach = shown_text(app, "#wizard-coach")
        assert "✓ S ✓ M ✓ A ✓ R ✓ T" in coach
        assert "Every letter holds" in coach
        await pilot.press("ctrl+enter")
        await pilot.pause()
        assert not isinstance(app.screen, GoalWizardScreen)
        objective, kr = app.selected()
        assert objective is not None and kr is not None
        assert kr.id == "organic-traffic-2"
        assert "marketing-education-leader" in app.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.dirty

    objective = WorkspaceStore.open(sample_workspace).objectives["marketing-education-leader"]
    assert len(objective.key_results) == 4
    kr = objective.key_results[-1]
    assert kr.id == "organic-traffic-2"
    assert kr.title == sentence
    assert kr.description == "More people read the blog"
    assert kr.owner == "Reza"
    assert kr.metric.unit == "visits a month"
    assert (kr.metric.start, kr.metric.target) == (12000, 16200)
    assert kr.due == dt.date(2026, 12, 31)
    assert kr.confidence == 0.7
    smart = kr.smart
    assert smart.specific.answer == "organic traffic"
    assert smart.measurable.answer == "from 12,000 to 16,200 visits a month"
    assert smart.achievable.answer == "Two writers and an SEO contractor"
    assert smart.relevant.answer == "Organic visitors sign up for courses"
    assert smart.time_bound.answer == "by 2026-12-31"
    assert smart.done_count() == 5


async def test_persian_workspace_writes_a_persian_goal_with_a_jalali_date(
    sample_workspace: Path,
) -> None:
    settings = sample_workspace / "okrtui.toml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace('locale = "en"', 'locale = "fa"')
    text = text.replace('calendar = "gregorian"', 'calendar = "jalali"')
    settings.write_text(text, encoding="utf-8")
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        app.objective_tree.select_ref(NodeRef(NodeKind.OBJECTIVE, "2026-Q4", "newsletter-fa"))
        await pilot.pause()
        screen = await open_wizard(app, pilot)
        await pilot.press(*"خوانندگان بیشتر", "enter", *"ترافیک ارگانیک", "enter", *"وبلاگ")
        await pilot.press("enter", "enter", "enter", *"بازدید در ماه", "enter")
        await pilot.press(*"۱۲۰۰۰", "enter", *"۱۶۲۰۰", "enter")
        await pilot.press(*"دو نویسنده", "enter", *"۷۰٪", "enter")
        await pilot.press(*"مشترکان بیشتر", "enter", "enter", "enter")
        due = screen.query_one("#wizard-due", Input)
        assert app.focused is due
        assert "جلالی" in due.placeholder  # a Persian workspace speaks Persian
        await pilot.press(*"1405-10-10")
        await pilot.pause()
        sentence = (
            "تا ۱۰ دی ۱۴۰۵، ترافیک ارگانیک برای وبلاگ را از ۱۲٬۰۰۰ به ۱۶٬۲۰۰ بازدید در ماه "
            "افزایش دهیم"
        )
        assert screen.sentence() == sentence
        # shown in visual order: the terminal does not reorder right-to-left text itself
        assert display_text("ترافیک ارگانیک") in shown_text(app, "#wizard-sentence")
        await pilot.press("ctrl+enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()

    objective = WorkspaceStore.open(sample_workspace).objectives["newsletter-fa"]
    kr = objective.key_results[-1]
    assert kr.id == "trafik-arganik"
    assert kr.title == sentence
    assert kr.due == dt.date(2026, 12, 31)
    assert kr.metric.unit == "بازدید در ماه"
    assert (kr.metric.start, kr.metric.target) == (12000, 16200)
    assert kr.confidence == 0.7
    assert kr.smart.time_bound.answer == "تا ۱۰ دی ۱۴۰۵"
    assert kr.smart.specific.answer == "ترافیک ارگانیک برای وبلاگ"


async def test_cancel_keeps_nothing(make_app, sample_workspace: Path) -> None:  # type: ignore[no-untyped-def]
    path = sample_workspace / "objectives/2026-Q4/marketing-education-leader.toml"
    before = path.read_bytes()
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.objective_tree.select_ref(LEADER)
        await pilot.pause()
        # nothing typed: escape closes at once
        await pilot.press("w", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, GoalWizardScreen | ConfirmScreen)
        # something typed: escape asks first; "n" goes back to the wizard
        await open_wizard(app, pilot)
        await pilot.press(*"More readers", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert wizard(app).query_one("#wizard-idea", Input).value == "More readers"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, GoalWizardScreen | ConfirmScreen)
        assert len(app.store.objectives["marketing-education-leader"].key_results) == 3
        assert not app.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert path.read_bytes() == before


async def test_rewrite_replaces_only_what_changed_and_keeps_own_answers(  # type: ignore[no-untyped-def]
    make_app, sample_workspace: Path
) -> None:
    app: OkrApp = make_app()
    old = app.store.objectives["marketing-education-leader"].key_result("organic-traffic")
    assert old is not None
    old_title, old_checkins = old.title, list(old.checkins)
    async with app.run_test(size=(80, 24)) as pilot:
        app.objective_tree.select_ref(ORGANIC)
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("r")
        screen = wizard(app)
        await screen.steps_ready()
        what = screen.query_one("#wizard-what", Input)
        assert what.value == "Organic search visits to the blog and course pages"
        assert screen.query_one("#wizard-serves", Select).disabled
        # Measurable: only the target changes
        await pilot.press("pagedown", "tab", "tab", "tab", "tab")
        target = screen.query_one("#wizard-target", Input)
        assert app.focused is target and target.value == "54000"
        await pilot.press("ctrl+a", "ctrl+k", *"60000")
        await pilot.press("ctrl+enter")
        await pilot.pause()
        # the Measurable answer is the user's own words, never shown in the wizard: asked
        choice = app.screen
        assert isinstance(choice, ChoiceScreen)
        assert "Monthly organic sessions in analytics" in choice.question
        await pilot.press("k")
        await pilot.pause()
        assert app.selected()[1] is not None
        await pilot.press("ctrl+s")
        await pilot.pause()

    objective = WorkspaceStore.open(sample_workspace).objectives["marketing-education-leader"]
    assert [k.id for k in objective.key_results] == [
        "organic-traffic",
        "ebook-downloads",
        "social-engagement",
    ]
    kr = objective.key_results[0]
    assert kr.title == (
        "Increase Organic search visits to the blog and course pages from 40,000 to "
        "60,000 visits/month by 2026-12-29"
    )
    assert kr.description == old_title
    assert (kr.metric.start, kr.metric.target) == (40000, 60000)
    assert kr.due == dt.date(2026, 12, 29)
    assert kr.confidence == 0.7
    assert kr.owner == "Reza"
    assert kr.weight == 2
    assert kr.checkins == old_checkins
    assert kr.smart.measurable.answer == "Monthly organic sessions in analytics"
    assert kr.smart.specific.answer == "Organic search visits to the blog and course pages"
    assert kr.smart.time_bound.answer == "90 days, by 29 December"
    assert kr.smart.done_count() == 5


async def test_rewrite_replaces_own_answers_when_asked_to(  # type: ignore[no-untyped-def]
    make_app, sample_workspace: Path
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.objective_tree.select_ref(ORGANIC)
        await pilot.pause()
        await open_wizard(app, pilot, "r")
        await pilot.press("pagedown", "tab", "tab", "tab", "tab")
        await pilot.press("ctrl+a", "ctrl+k", *"60000", "ctrl+enter", "r")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    kr = WorkspaceStore.open(sample_workspace).objectives["marketing-education-leader"]
    assert kr.key_results[0].smart.measurable.answer == "from 40,000 to 60,000 visits/month"


async def test_writer_on_a_cycle_creates_a_standalone_smart_goal(  # type: ignore[no-untyped-def]
    make_app, sample_workspace: Path
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.objective_tree.select_ref(NodeRef(NodeKind.CYCLE, cycle="2026-Q4"))
        await pilot.pause()
        screen = await open_wizard(app, pilot)
        await pilot.press("enter", *"webinar sign-ups", "enter", "enter")
        await pilot.press("enter", "enter", *"sign-ups", "enter", *"0", "enter", *"300", "enter")
        await pilot.press("pagedown", "pagedown")
        assert screen.query_one("#wizard-save_as", Select).value == "goal"
        await pilot.press("pagedown", *"2026-12-20", "ctrl+enter")
        await pilot.pause()
        objective, _kr = app.selected()
        assert objective is not None and objective.kind is ObjectiveKind.SMART
        assert app.objective_tree.selected_ref() == NodeRef(
            NodeKind.OBJECTIVE, "2026-Q4", objective.id
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
    goals = [
        o
        for o in WorkspaceStore.open(sample_workspace).objectives.values()
        if o.title == "Increase webinar sign-ups from 0 to 300 sign-ups by 2026-12-20"
    ]
    assert len(goals) == 1
    (goal,) = goals
    assert goal.kind is ObjectiveKind.SMART and goal.cycle == "2026-Q4"
    assert goal.key_results[0].metric.target == 300


async def test_finish_needs_what_changes_and_a_valid_number(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.objective_tree.select_ref(LEADER)
        await pilot.pause()
        screen = await open_wizard(app, pilot)
        await pilot.press("ctrl+enter")
        await pilot.pause()
        assert app.focused is screen.query_one("#wizard-what", Input)
        assert screen.query_one("#wrow-what").has_class("-invalid")
        await pilot.press(*"signups", "pagedown", "tab", "tab", "tab", *"lots", "ctrl+enter")
        await pilot.pause()
        assert wizard(app) is screen  # not finished: the start is not a number
        assert app.focused is screen.query_one("#wizard-start", Input)
        assert screen.query_one("#wrow-start").has_class("-invalid")
        assert len(app.store.objectives["marketing-education-leader"].key_results) == 3


async def test_palette_commands(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.objective_tree.select_ref(LEADER)
        await pilot.pause()
        names = [name for name, _help, _run in app.coach_commands()]
        assert names == ["coach: write a key result", "coach: SMART report"]
        app.objective_tree.select_ref(ORGANIC)
        await pilot.pause()
        names = [name for name, _help, _run in app.coach_commands()]
        assert "coach: rewrite this key result" in names


def test_confidence_is_read_as_people_type_it() -> None:
    assert parse_confidence("70%") == 0.7
    assert parse_confidence("70") == 0.7
    assert parse_confidence("0.7") == 0.7
    assert parse_confidence("۷۰٪") == 0.7
    for wrong in ("high", "170%", "-5"):
        try:
            parse_confidence(wrong)
        except ValueError:
            continue
        raise AssertionError(f"{wrong!r} was accepted")


def test_rewrite_asks_only_about_answers_the_wizard_did_not_show(sample_workspace: Path) -> None:
    store = WorkspaceStore.open(sample_workspace)
    objective = store.objectives["marketing-education-leader"]
    kr = objective.key_result("organic-traffic")
    assert kr is not None
    before = dataclasses.replace(draft_from_key_result(kr), parent=objective.id)
    after = dataclasses.replace(before, why="Courses need visitors", due=dt.date(2026, 12, 20))
    english = {"language": "en", "calendar": "gregorian"}
    # Relevant was shown for editing; the Time-bound answer is the user's own words
    conflicts = answer_conflicts(kr, before, after, **english)
    assert [c.criterion for c in conflicts] == [SmartCriterion.TIME_BOUND]
    kept = rewrite_key_result(kr, before, WizardResult(after, False, retitle=False), **english)
    assert kept.smart.relevant.answer == "Courses need visitors"
    assert kept.smart.time_bound.answer == "90 days, by 29 December"
    assert kept.due == dt.date(2026, 12, 20)
    assert kept.title == kr.title
    replaced = rewrite_key_result(
        kr, before, WizardResult(after, False, replace_answers=True), **english
    )
    assert replaced.smart.time_bound.answer == "by 2026-12-20"
    assert replaced.title.endswith("by 2026-12-20")
    assert kr.due == dt.date(2026, 12, 29)  # the key result itself is not touched
    assert changed_fields(before, after) == {"why", "due"}
