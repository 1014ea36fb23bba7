"""Cycles: elapsed time, the next cycle, carrying objectives over."""

from __future__ import annotations

import datetime as dt

import pytest

from okrtui.model import (
    CheckIn,
    Cycle,
    KeyResult,
    Metric,
    MetricType,
    Milestone,
    Objective,
    SmartAnswer,
    SmartChecklist,
    Status,
    WorkspaceSettings,
)
from okrtui.services.cycles import (
    carried_over_id,
    carry_over,
    days_left,
    elapsed_fraction,
    expected_fraction,
    is_unfinished,
    next_cycle,
)

Q4 = Cycle(name="2026-Q4", start=dt.date(2026, 10, 1), end=dt.date(2026, 12, 31))
Q1 = Cycle(name="2027-Q1", start=dt.date(2027, 1, 1), end=dt.date(2027, 3, 31))
Q3 = Cycle(name="2026-Q3", start=dt.date(2026, 7, 1), end=dt.date(2026, 9, 30))
TODAY = dt.date(2026, 12, 31)


@pytest.mark.parametrize(
    ("today", "fraction"),
    [
        (dt.date(2026, 9, 1), 0.0),
        (dt.date(2026, 10, 1), 0.0),
        (dt.date(2026, 11, 15), 45 / 91),
        (dt.date(2026, 12, 31), 1.0),
        (dt.date(2027, 2, 1), 1.0),
    ],
)
def test_elapsed_fraction(today: dt.date, fraction: float) -> None:
    assert elapsed_fraction(Q4, today) == pytest.approx(fraction)


def test_a_one_day_span_is_a_step() -> None:
    d = dt.date(2026, 5, 5)
    assert expected_fraction(d, d, d - dt.timedelta(days=1)) == 0.0
    assert expected_fraction(d, d, d) == 1.0
    assert expected_fraction(d, d - dt.timedelta(days=3), d - dt.timedelta(days=4)) == 0.0


def test_days_left() -> None:
    assert days_left(Q4, dt.date(2026, 12, 21)) == 10
    assert days_left(Q4, dt.date(2027, 1, 5)) == 0


def test_next_cycle_is_the_one_starting_soonest_after() -> None:
    settings = WorkspaceSettings(cycles=[Q1, Q3, Q4])
    assert next_cycle(settings, "2026-Q3") == Q4
    assert next_cycle(settings, "2026-Q4") == Q1
    assert next_cycle(settings, "2027-Q1") is None
    assert next_cycle(settings, "nope") is None


def _objective() -> Objective:
    return Objective(
        id="grow-traffic",
        title="Grow traffic",
        owner="Reza",
        cycle="2026-Q4",
        parent="company",
        status=Status.ACTIVE,
        created=dt.date(2026, 10, 1),
        smart=SmartChecklist(relevant=SmartAnswer(done=True, answer="Leads")),
        key_results=[
            KeyResult(
                id="visits",
                title="Visits",
                owner="Ali",
                due=dt.date(2026, 12, 20),
                confidence=0.6,
                weight=2,
                metric=Metric(start=40000, target=54000, current=41000),
                checkins=[
                    CheckIn(date=dt.date(2026, 10, 5), value=41000),
                    CheckIn(date=dt.date(2026, 12, 1), value=48000),
                ],
            ),
            KeyResult(
                id="launch",
                title="Launch",
                metric=Metric(type=MetricType.MILESTONE),
                checkins=[CheckIn(date=dt.date(2026, 11, 1), value=1)],
            ),
            KeyResult(
                id="steps",
                title="Steps",
                metric=Metric(
                    type=MetricType.CHECKLIST,
                    milestones=[Milestone(title="one", done=True), Milestone(title="two")],
                ),
            ),
        ],
    )


def test_carry_over_copies_an_unfinished_objective() -> None:
    original = _objective()
    before = original.model_dump()
    copy = carry_over(original, Q1, {"grow-traffic", "company"}, dt.date(2027, 1, 2))
    assert original.model_dump() == before  # the original is untouched
    assert copy.id == "grow-traffic-2027-q1"
    assert copy.cycle == "2027-Q1"
    assert copy.status is Status.ACTIVE
    assert (copy.created, copy.updated) == (dt.date(2027, 1, 2), dt.date(2027, 1, 2))
    assert (copy.title, copy.owner, copy.parent, copy.smart) == (
        "Grow traffic",
        "Reza",
        "company",
        original.smart,
    )
    visits = copy.key_results[0]
    assert visits.metric.start == 48000  # its last value
    assert visits.metric.target == 54000
    assert visits.metric.current is None
    assert visits.checkins == []
    assert visits.due is None  # 20 December lies outside the new cycle
    assert (visits.owner, visits.weight, visits.confidence) == ("Ali", 2, 0.6)
    steps = copy.key_results[2]
    assert [m.done for m in steps.metric.milestones] == [True, False]
    assert [kr.id for kr in copy.key_results] == ["visits", "launch", "steps"]


def test_carry_over_keeps_the_id_when_it_is_free_and_due_dates_inside_the_cycle() -> None:
    original = _objective()
    original.key_results[0].due = dt.date(2027, 2, 1)
    copy = carry_over(original, Q1, set(), TODAY)
    assert copy.id == "grow-traffic"
    assert copy.key_results[0].due == dt.date(2027, 2, 1)


def test_carry_over_can_leave_reached_key_results_behind() -> None:
    copy = carry_over(_objective(), Q1, {"grow-traffic"}, TODAY, include_reached=False)
    assert [kr.id for kr in copy.key_results] == ["visits", "steps"]


def test_carried_over_ids_do_not_stack_cycle_suffixes() -> None:
    first = carry_over(_objective(), Q1, {"grow-traffic"}, TODAY)
    q2 = Cycle(name="2027-Q2", start=dt.date(2027, 4, 1), end=dt.date(2027, 6, 30))
    taken = {"grow-traffic", first.id}
    assert carried_over_id(first, q2.name, taken) == "grow-traffic-2027-q2"
    taken.add("grow-traffic-2027-q2")
    assert carried_over_id(first, q2.name, taken) == "grow-traffic-2027-q2-2"


def test_carried_over_id_of_a_long_id_is_still_a_valid_slug() -> None:
    long = _objective().model_copy(update={"id": "a" * 64})
    new_id = carried_over_id(long, "2027-Q1", {long.id})
    assert new_id.endswith("-2027-q1") and len(new_id) <= 64
    Objective(id=new_id, title="t", cycle="2027-Q1")  # validates


def test_is_unfinished() -> None:
    objective = _objective()
    assert is_unfinished(objective)
    objective.status = Status.DONE
    assert not is_unfinished(objective)
    objective.status = Status.DROPPED
    assert not is_unfinished(objective)
    reached = Objective(
        id="r",
        title="r",
        cycle="2026-Q4",
        key_results=[KeyResult(id="k", title="k", metric=Metric(start=0, target=1, current=1))],
    )
    assert not is_unfinished(reached)
