"""Every field of the model survives a trip to disk and back."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from okrtui.model import (
    CheckIn,
    Direction,
    KeyResult,
    Level,
    Metric,
    MetricType,
    Milestone,
    Objective,
    ObjectiveKind,
    SmartAnswer,
    SmartChecklist,
    SmartCriterion,
    Status,
)
from okrtui.store import WorkspaceStore, init_workspace, objective_from_text, render_objective

TODAY = dt.date(2026, 11, 27)


def full_smart(prefix: str) -> SmartChecklist:
    """Every criterion answered, some ticked, some not, one multi-line."""
    answers = {
        c.value: SmartAnswer(done=i % 2 == 0, answer=f"{prefix} {c.question}")
        for i, c in enumerate(SmartCriterion)
    }
    answers["relevant"] = SmartAnswer(done=True, answer="چرا؟\nچون مشتری‌ها می‌خواهند")
    return SmartChecklist.model_validate(answers)


def every_field() -> Objective:
    """An objective that sets every field of every model, with awkward values."""
    return Objective(
        id="ketabkhani",
        title="کتاب‌خوانی تیم را دو برابر کنیم",
        description='First line\nخط دوم با «گیومه»\n\n  indented "quoted" \\ back\tslash\n',
        kind=ObjectiveKind.OKR,
        level=Level.INDIVIDUAL,
        owner="سارا",
        cycle="2026-Q4",
        parent="marketing-education-leader",
        tags=["reading", "کتاب", "q4"],
        status=Status.DRAFT,
        created=dt.date(2026, 10, 1),
        updated=TODAY,
        smart=full_smart("objective"),
        key_results=[
            KeyResult(
                id="temperature",
                title="Cut the server room from 27.5 °C to -2.25 below baseline",
                description="Measured hourly.\nAverage of the week.",
                owner="Ali",
                due=dt.date(2026, 12, 31),
                confidence=0.35,
                weight=0.5,
                metric=Metric(
                    type=MetricType.NUMBER,
                    direction=Direction.DECREASE,
                    unit="°C",
                    start=27.5,
                    target=-2.25,
                    current=-0.125,
                ),
                smart=full_smart("kr"),
                checkins=[
                    CheckIn(date=dt.date(2026, 10, 5), value=27.5, confidence=1.0),
                    CheckIn(
                        date=dt.date(2026, 10, 12),
                        value=-1e-3,
                        confidence=0.0,
                        note='سرد شد\nsecond line, with a "quote" and a \\',
                        author="مینا",
                    ),
                    CheckIn(date=dt.date(2026, 10, 19), value=-12345678.901),
                ],
            ),
            KeyResult(
                id="launch",
                title="Launch the reading club",
                metric=Metric(type=MetricType.MILESTONE),
                checkins=[CheckIn(date=dt.date(2026, 11, 1), value=1)],
            ),
            KeyResult(
                id="chapters",
                title="Finish the onboarding checklist",
                weight=0,
                metric=Metric(
                    type=MetricType.CHECKLIST,
                    milestones=[
                        Milestone(title="Pick the books", done=True),
                        Milestone(title="کتاب‌ها را بخریم"),
                        Milestone(title="Book a room, then invite everyone", done=True),
                    ],
                ),
            ),
            KeyResult(
                id="budget",
                title="Keep the book budget under 1,250.50 EUR",
                metric=Metric(
                    type=MetricType.CURRENCY,
                    direction=Direction.STAY_BELOW,
                    unit="EUR",
                    target=1250.5,
                ),
            ),
            KeyResult(
                id="share",
                title="Stay above 40% of the team reading",
                metric=Metric(
                    type=MetricType.PERCENT, direction=Direction.STAY_ABOVE, unit="%", target=40
                ),
            ),
        ],
    )


def test_every_field_round_trips_through_text() -> None:
    original = every_field()
    text = render_objective(original)
    result = objective_from_text(Path("objectives/2026-Q4/ketabkhani.toml"), text)
    assert result.errors == []
    assert result.objective == original
    assert render_objective(result.objective) == text


def test_every_field_round_trips_through_a_workspace(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws", today=TODAY)
    store = WorkspaceStore.open(root)
    original = every_field()
    assert store.save_objective(original) is True
    reopened = WorkspaceStore.open(root)
    assert reopened.errors == []
    assert reopened.objectives["ketabkhani"] == original


def test_the_file_is_plain_canonical_toml() -> None:
    text = render_objective(every_field())
    data = tomllib.loads(text)  # the standard library reads it too
    assert data["created"] == dt.date(2026, 10, 1)  # native TOML dates
    assert text.startswith('id = "ketabkhani"\ntitle = "کتاب‌خوانی تیم را دو برابر کنیم"\n')
    assert 'description = """\nFirst line\nخط دوم با «گیومه»\n' in text
    assert "\n[smart.specific]\ndone = true\n" in text
    assert text.count("[[key_results]]") == 5
    assert "    { date = 2026-10-19, value = -12345678.901 },\n" in text
    assert "start = 27.5\ntarget = -2.25\ncurrent = -0.125\n" in text
    assert '    { title = "Pick the books", done = true },\n' in text
    assert "weight = 0\n" in text
    assert "null" not in text and "None" not in text and ".0\n" not in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_unanswered_smart_criteria_are_not_written() -> None:
    goal = Objective(id="x", title="X", cycle="q")
    assert render_objective(goal) == (
        'id = "x"\ntitle = "X"\nkind = "okr"\nlevel = "team"\ncycle = "q"\nstatus = "active"\n'
    )
    goal.smart.achievable = SmartAnswer(answer="maybe")
    assert render_objective(goal).endswith('\n[smart.achievable]\ndone = false\nanswer = "maybe"\n')


@pytest.mark.parametrize("kind", list(ObjectiveKind))
def test_standalone_smart_goal_round_trips(kind: ObjectiveKind) -> None:
    goal = Objective(
        id="email-ctr",
        title="Raise CTR",
        kind=kind,
        cycle="2026-Q4",
        key_results=[KeyResult(id="ctr", title="CTR from 3% to 5%", metric=Metric(target=5))],
    )
    path = Path("objectives/2026-Q4/email-ctr.toml")
    assert objective_from_text(path, render_objective(goal)).objective == goal


def test_a_key_result_start_date_round_trips_in_canonical_order() -> None:
    objective = Objective(
        id="o",
        title="An objective",
        cycle="2026-Q4",
        key_results=[
            KeyResult(
                id="kr",
                title="Sign-ups from 0 to 300",
                owner="Mina",
                start_date=dt.date(2026, 11, 15),
                due=dt.date(2026, 12, 20),
            )
        ],
    )
    text = render_objective(objective)
    assert 'owner = "Mina"\nstart_date = 2026-11-15\ndue = 2026-12-20\n' in text
    assert tomllib.loads(text)["key_results"][0]["start_date"] == dt.date(2026, 11, 15)
    loaded = objective_from_text(Path("o.toml"), text).objective
    assert loaded == objective
    assert render_objective(loaded) == text
