"""Health: computed from progress against the plan, silence and confidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from okrtui.model import CheckIn, Cycle, Direction, KeyResult, Metric, MetricType, Objective, Status
from okrtui.services.health import (
    Health,
    health_label,
    kr_expected,
    kr_health,
    objective_health,
)

Q4 = Cycle(name="2026-Q4", start=dt.date(2026, 10, 1), end=dt.date(2026, 12, 31))
TODAY = dt.date(2026, 11, 15)  # 45 of 91 days: about 49% expected


def make_kr(
    kr_id: str = "kr",
    *,
    checkins: Sequence[tuple[dt.date, float]] = (),
    start: float = 0.0,
    target: float = 100.0,
    direction: Direction = Direction.INCREASE,
    type_: MetricType = MetricType.NUMBER,
    confidence: float | None = None,
    due: dt.date | None = None,
    weight: float = 1.0,
) -> KeyResult:
    return KeyResult(
        id=kr_id,
        title=f"Key result {kr_id}",
        confidence=confidence,
        due=due,
        weight=weight,
        metric=Metric(type=type_, direction=direction, start=start, target=target),
        checkins=[CheckIn(date=day, value=value) for day, value in checkins],
    )


def recent(value: float) -> list[tuple[dt.date, float]]:
    return [(dt.date(2026, 10, 5), 0.0), (dt.date(2026, 11, 13), value)]


def test_expected_progress_is_a_straight_line_to_the_due_date() -> None:
    assert kr_expected(make_kr(), Q4, TODAY) == pytest.approx(45 / 91)
    early_due = make_kr(due=dt.date(2026, 11, 30))
    assert kr_expected(early_due, Q4, TODAY) == pytest.approx(45 / 60)
    assert kr_expected(make_kr(), None, TODAY) is None


@pytest.mark.parametrize(
    ("value", "health"),
    [
        (50, Health.ON_TRACK),
        (42, Health.ON_TRACK),  # 7 points behind: within the tolerance
        (30, Health.AT_RISK),
        (20, Health.OFF_TRACK),
        (120, Health.ON_TRACK),
    ],
)
def test_progress_against_the_line(value: float, health: Health) -> None:
    report = kr_health(make_kr(checkins=recent(value)), Q4, TODAY)
    assert report.health is health
    assert report.progress == pytest.approx(value / 100)
    assert report.expected == pytest.approx(45 / 91)
    assert report.reason in report.reasons


def test_the_reason_says_why() -> None:
    report = kr_health(make_kr(checkins=recent(30)), Q4, TODAY)
    assert "30%" in report.reason and "49%" in report.reason


def test_silence_is_never_green() -> None:
    silent = make_kr(checkins=[(dt.date(2026, 10, 5), 0.0), (dt.date(2026, 11, 5), 60)])
    report = kr_health(silent, Q4, TODAY)
    assert report.health is Health.AT_RISK
    assert "10 days" in report.reason
    assert kr_health(silent, Q4, TODAY, cadence_days=14).health is Health.ON_TRACK


def test_silence_does_not_soften_worse_news() -> None:
    silent = make_kr(checkins=[(dt.date(2026, 10, 5), 0.0), (dt.date(2026, 11, 5), 5)])
    assert kr_health(silent, Q4, TODAY).health is Health.OFF_TRACK


def test_no_checkin_yet_is_no_data_then_at_risk() -> None:
    kr = make_kr()
    first_week = kr_health(kr, Q4, dt.date(2026, 10, 6))
    assert first_week.health is Health.NO_DATA
    later = kr_health(kr, Q4, dt.date(2026, 11, 1))
    assert later.health is Health.OFF_TRACK  # 0% done against 34% expected
    barely_started = kr_health(make_kr(start=0, target=1000), Q4, dt.date(2026, 10, 9))
    assert barely_started.health is Health.AT_RISK
    assert "since the cycle started" in barely_started.reason


def test_low_confidence_lowers_health_one_step() -> None:
    good = recent(50)
    assert kr_health(make_kr(checkins=good, confidence=0.3), Q4, TODAY).health is Health.AT_RISK
    behind = recent(30)
    assert kr_health(make_kr(checkins=behind, confidence=0.3), Q4, TODAY).health is (
        Health.OFF_TRACK
    )
    medium = kr_health(make_kr(checkins=good, confidence=0.5), Q4, TODAY)
    assert medium.health is Health.ON_TRACK
    assert "30%" in kr_health(make_kr(checkins=good, confidence=0.3), Q4, TODAY).reason


def test_the_latest_checkins_confidence_wins() -> None:
    kr = make_kr(checkins=recent(50), confidence=0.9)
    assert kr_health(kr, Q4, TODAY).health is Health.ON_TRACK
    kr.checkins = [
        CheckIn(date=dt.date(2026, 10, 5), value=0, confidence=0.9),
        CheckIn(date=dt.date(2026, 11, 13), value=50, confidence=0.2),
    ]
    assert kr_health(kr, Q4, TODAY).health is Health.AT_RISK


def test_past_due_is_final() -> None:
    after = dt.date(2027, 1, 20)  # long silent, but the result is known
    reached = make_kr(checkins=[(dt.date(2026, 12, 30), 100.0)], confidence=0.1)
    assert kr_health(reached, Q4, after).health is Health.ON_TRACK
    missed = make_kr(checkins=[(dt.date(2026, 12, 30), 90.0)])
    report = kr_health(missed, Q4, after)
    assert report.health is Health.OFF_TRACK
    assert "90%" in report.reason


def test_own_due_date_before_cycle_end() -> None:
    kr = make_kr(checkins=[(dt.date(2026, 11, 29), 70.0)], due=dt.date(2026, 11, 30))
    assert kr_health(kr, Q4, dt.date(2026, 12, 1)).health is Health.OFF_TRACK


@pytest.mark.parametrize(
    ("direction", "value", "health"),
    [
        (Direction.STAY_ABOVE, 96, Health.ON_TRACK),
        (Direction.STAY_ABOVE, 94, Health.OFF_TRACK),
        (Direction.STAY_BELOW, 94, Health.ON_TRACK),
        (Direction.STAY_BELOW, 96, Health.OFF_TRACK),
    ],
)
def test_thresholds_are_held_or_broken(direction: Direction, value: float, health: Health) -> None:
    kr = make_kr(checkins=[(dt.date(2026, 11, 13), value)], target=95, direction=direction)
    assert kr_health(kr, Q4, TODAY).health is health


def test_a_milestone_is_not_late_before_its_due_date() -> None:
    kr = make_kr(checkins=[(dt.date(2026, 11, 13), 0.0)], type_=MetricType.MILESTONE, target=1)
    assert kr_health(kr, Q4, TODAY).health is Health.ON_TRACK
    assert kr_health(kr, Q4, dt.date(2027, 1, 2)).health is Health.OFF_TRACK


def test_unmeasurable_key_result_has_no_data() -> None:
    kr = KeyResult(id="kr", title="kr", checkins=[CheckIn(date=dt.date(2026, 11, 13), value=1)])
    assert kr_health(kr, Q4, TODAY).health is Health.NO_DATA


def _objective(*krs: KeyResult, status: Status = Status.ACTIVE) -> Objective:
    return Objective(id="o", title="O", cycle="2026-Q4", status=status, key_results=list(krs))


def test_objective_health_from_weighted_progress() -> None:
    objective = _objective(make_kr("a", checkins=recent(50)), make_kr("b", checkins=recent(45)))
    report = objective_health(objective, Q4, TODAY)
    assert report.health is Health.ON_TRACK
    assert report.progress == pytest.approx(0.475)


def test_an_off_track_key_result_makes_the_objective_at_least_at_risk() -> None:
    objective = _objective(
        make_kr("a", checkins=recent(90), weight=3), make_kr("b", checkins=recent(5))
    )
    report = objective_health(objective, Q4, TODAY)
    assert report.health is Health.AT_RISK
    assert "Key result b" in report.reason


def test_objective_silence_is_never_green() -> None:
    old = [(dt.date(2026, 10, 5), 0.0), (dt.date(2026, 11, 1), 60.0)]
    objective = _objective(make_kr("a", checkins=old), make_kr("b", checkins=old))
    assert objective_health(objective, Q4, TODAY).health is Health.AT_RISK
    one_recent = _objective(make_kr("a", checkins=old), make_kr("b", checkins=recent(60)))
    assert objective_health(one_recent, Q4, TODAY).health is Health.ON_TRACK


def test_objective_low_confidence() -> None:
    objective = _objective(make_kr("a", checkins=recent(50), confidence=0.2))
    assert objective_health(objective, Q4, TODAY).health is Health.AT_RISK


@pytest.mark.parametrize("status", [Status.DROPPED, Status.DRAFT])
def test_inactive_objectives_have_no_data(status: Status) -> None:
    objective = _objective(make_kr(checkins=recent(50)), status=status)
    assert objective_health(objective, Q4, TODAY).health is Health.NO_DATA


def test_objective_without_key_results_has_no_data() -> None:
    assert objective_health(_objective(), Q4, TODAY).health is Health.NO_DATA


def test_labels_and_severity() -> None:
    assert [h.severity for h in Health] == [0, 1, 2, 3]
    assert health_label(Health.AT_RISK) == "At risk"
    assert len({health_label(h) for h in Health}) == len(Health)


def test_off_track_keeps_its_own_reason_under_low_confidence() -> None:
    report = kr_health(make_kr(checkins=recent(5), confidence=0.1), Q4, TODAY)
    assert report.health is Health.OFF_TRACK
    assert report.reason.startswith("Far behind plan")
    assert any("Low confidence" in r for r in report.reasons)


def test_a_key_result_added_mid_cycle_is_planned_from_its_start_date() -> None:
    """Added on 15 Nov with nothing done yet: not 'off track, 49% expected'."""
    added = make_kr(start=0, target=100).model_copy(update={"start_date": TODAY})
    assert kr_expected(added, Q4, TODAY) == 0.0
    report = kr_health(added, Q4, TODAY)
    assert report.health is Health.NO_DATA
    assert report.reason == "No check-in yet"
    # without its start date, the same key result is judged from 1 Oct
    assert kr_health(make_kr(start=0, target=100), Q4, TODAY).health is Health.OFF_TRACK
    # halfway from 15 Nov to 31 Dec (23 of 46 days) half is expected
    later = dt.date(2026, 12, 8)
    assert kr_expected(added, Q4, later) == pytest.approx(0.5)
    silent = kr_health(added, Q4, later)
    assert silent.reason == "Far behind plan: 0% done, 50% expected by today"
    assert "No check-in since the key result started" in silent.reasons


def test_a_start_date_before_the_cycle_does_not_move_the_plan() -> None:
    early = make_kr().model_copy(update={"start_date": dt.date(2026, 1, 1)})
    assert kr_expected(early, Q4, TODAY) == kr_expected(make_kr(), Q4, TODAY)


def test_an_objective_with_a_new_key_result_is_not_dragged_off_track() -> None:
    on_plan = make_kr("old", checkins=recent(50))
    new = make_kr("new").model_copy(update={"start_date": TODAY})
    objective = Objective(id="o", title="An objective", cycle="2026-Q4", key_results=[on_plan, new])
    assert objective_health(objective, Q4, TODAY).health is Health.ON_TRACK
