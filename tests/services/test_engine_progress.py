"""Progress of key results, objectives and aligned trees, on their edge cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from okrtui.model import (
    CheckIn,
    Direction,
    KeyResult,
    Metric,
    MetricType,
    Milestone,
    Objective,
    Rollup,
    Status,
)
from okrtui.services.progress import (
    baseline,
    clamp,
    kr_progress,
    objective_progress,
    progress_of_value,
    rolled_up_progress,
)

DAY = dt.date(2026, 10, 5)


def make_kr(
    kr_id: str = "kr",
    *,
    start: float | None = 0.0,
    target: float | None = 100.0,
    values: Sequence[float] = (),
    direction: Direction = Direction.INCREASE,
    type_: MetricType = MetricType.NUMBER,
    weight: float = 1.0,
    milestones: Sequence[bool] = (),
) -> KeyResult:
    checkins = [CheckIn(date=DAY + dt.timedelta(days=7 * i), value=v) for i, v in enumerate(values)]
    metric = Metric(
        type=type_,
        direction=direction,
        start=start,
        target=target,
        milestones=[Milestone(title=f"step {i}", done=d) for i, d in enumerate(milestones)],
    )
    return KeyResult(id=kr_id, title=kr_id, weight=weight, metric=metric, checkins=checkins)


def make_objective(oid: str, *krs: KeyResult, parent: str | None = None) -> Objective:
    return Objective(id=oid, title=oid, cycle="2026-Q4", parent=parent, key_results=list(krs))


@pytest.mark.parametrize(
    "type_", [MetricType.NUMBER, MetricType.PERCENT, MetricType.CURRENCY, MetricType.COUNT]
)
def test_increase_is_linear_between_start_and_target(type_: MetricType) -> None:
    assert kr_progress(make_kr(start=40, target=140, values=[65], type_=type_)) == 0.25


@pytest.mark.parametrize(
    ("start", "target", "value", "expected"),
    [
        (60, 40, 50, 0.5),  # bounce rate 60% -> 40%
        (80, 50, 65, 0.5),  # cost per lead $80 -> $50
        (60, 40, 60, 0.0),
        (60, 40, 40, 1.0),
        (60, 40, 70, -0.5),  # worse than the start: reported, clamped only in roll-ups
    ],
)
def test_decrease(start: float, target: float, value: float, expected: float) -> None:
    kr = make_kr(start=start, target=target, values=[value], direction=Direction.DECREASE)
    assert kr_progress(kr) == pytest.approx(expected)


def test_over_achievement_is_reported_above_one() -> None:
    assert kr_progress(make_kr(values=[150])) == 1.5
    decrease = make_kr(start=60, target=40, values=[30], direction=Direction.DECREASE)
    assert kr_progress(decrease) == pytest.approx(1.5)


def test_negative_values() -> None:
    assert kr_progress(make_kr(start=-10, target=0, values=[-5])) == 0.5
    loss = make_kr(start=-5, target=-15, values=[-10], direction=Direction.DECREASE)
    assert kr_progress(loss) == 0.5
    assert kr_progress(make_kr(start=-10, target=10, values=[-20])) == -0.5


@pytest.mark.parametrize(
    ("direction", "value", "expected"),
    [
        (Direction.INCREASE, 50, 1.0),
        (Direction.INCREASE, 49, 0.0),
        (Direction.DECREASE, 50, 1.0),
        (Direction.DECREASE, 51, 0.0),
    ],
)
def test_start_equal_to_target_is_reached_or_not(
    direction: Direction, value: float, expected: float
) -> None:
    kr = make_kr(start=50, target=50, values=[value], direction=direction)
    assert kr_progress(kr) == expected


def test_no_checkins_means_the_start_value() -> None:
    assert kr_progress(make_kr(start=10, target=20)) == 0.0


def test_missing_target_or_value_gives_none() -> None:
    assert kr_progress(make_kr(target=None, values=[5])) is None
    assert kr_progress(make_kr(start=None, direction=Direction.DECREASE, target=5)) is None


def test_missing_start_counts_from_zero_up_and_from_first_checkin_down() -> None:
    assert kr_progress(make_kr(start=None, target=1500, values=[150])) == 0.1
    down = make_kr(start=None, target=40, values=[60, 50], direction=Direction.DECREASE)
    assert baseline(down) == 60
    assert kr_progress(down) == 0.5


@pytest.mark.parametrize(
    ("value", "expected"),
    [(97, 1.0), (95, 1.0), (76, 0.8), (-3, 0.0)],
)
def test_stay_above_threshold(value: float, expected: float) -> None:
    kr = make_kr(start=None, target=95, values=[value], direction=Direction.STAY_ABOVE)
    assert kr_progress(kr) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("target", "value", "expected"),
    [(2, 1, 1.0), (2, 2, 1.0), (2, 4, 0.5), (0, 3, 0.0), (-2, -1, 0.0)],
)
def test_stay_below_threshold(target: float, value: float, expected: float) -> None:
    kr = make_kr(start=None, target=target, values=[value], direction=Direction.STAY_BELOW)
    assert kr_progress(kr) == pytest.approx(expected)


def test_stay_above_with_a_negative_threshold_is_held_or_broken() -> None:
    held = make_kr(target=-5, values=[-4], direction=Direction.STAY_ABOVE)
    broken = make_kr(target=-5, values=[-6], direction=Direction.STAY_ABOVE)
    assert kr_progress(held) == 1.0
    assert kr_progress(broken) == 0.0


@pytest.mark.parametrize(("value", "expected"), [(0, 0.0), (0.5, 0.0), (1, 1.0)])
def test_milestone_is_done_or_not(value: float, expected: float) -> None:
    kr = make_kr(start=None, target=None, values=[value], type_=MetricType.MILESTONE)
    assert (kr.metric.start, kr.metric.target) == (0.0, 1.0)
    assert kr_progress(kr) == expected


def test_milestone_without_checkins_is_not_done() -> None:
    assert kr_progress(make_kr(start=None, target=None, type_=MetricType.MILESTONE)) == 0.0


def test_checklist_counts_done_milestones() -> None:
    kr = make_kr(
        start=None, target=None, type_=MetricType.CHECKLIST, milestones=[True, True, False, False]
    )
    assert kr_progress(kr) == 0.5
    done = make_kr(start=None, target=None, type_=MetricType.CHECKLIST, milestones=[True] * 3)
    assert kr_progress(done) == 1.0
    assert kr_progress(make_kr(start=None, target=None, type_=MetricType.CHECKLIST)) is None


def test_progress_of_value_projects_any_value() -> None:
    kr = make_kr(start=10, target=20)
    assert progress_of_value(kr, 15) == 0.5
    assert progress_of_value(kr, None) is None


def test_clamp() -> None:
    assert (clamp(-0.2), clamp(0.4), clamp(1.7)) == (0.0, 0.4, 1.0)


def test_objective_progress_is_the_weighted_mean() -> None:
    objective = make_objective(
        "o",
        make_kr("a", values=[20], weight=3),
        make_kr("b", values=[60], weight=1),
    )
    assert objective_progress(objective) == pytest.approx((0.2 * 3 + 0.6) / 4)


def test_over_achievement_is_clamped_in_the_objective() -> None:
    objective = make_objective("o", make_kr("a", values=[300]), make_kr("b", values=[0]))
    assert objective_progress(objective) == 0.5
    backwards = make_objective("o", make_kr("a", values=[-50]), make_kr("b", values=[50]))
    assert objective_progress(backwards) == 0.25


def test_weights_summing_to_zero_fall_back_to_equal_weights() -> None:
    objective = make_objective(
        "o", make_kr("a", values=[20], weight=0), make_kr("b", values=[60], weight=0)
    )
    assert objective_progress(objective) == pytest.approx(0.4)


def test_a_zero_weight_counts_nothing_next_to_weighted_key_results() -> None:
    objective = make_objective(
        "o", make_kr("a", values=[20], weight=0), make_kr("b", values=[60], weight=2)
    )
    assert objective_progress(objective) == pytest.approx(0.6)


def test_objective_without_measurable_key_results_has_no_progress() -> None:
    assert objective_progress(make_objective("o")) is None
    assert objective_progress(make_objective("o", make_kr(target=None))) is None
    mixed = make_objective("o", make_kr("a", target=None), make_kr("b", values=[40]))
    assert objective_progress(mixed) == 0.4


def _tree() -> dict[str, Objective]:
    parent = make_objective("parent", make_kr(values=[20]))
    child_a = make_objective("child-a", make_kr(values=[60]), parent="parent")
    child_b = make_objective("child-b", make_kr(values=[250]), parent="parent")  # clamped to 1
    grandchild = make_objective("grandchild", make_kr(values=[0]), parent="child-a")
    return {o.id: o for o in (parent, child_a, child_b, grandchild)}


def test_rollup_key_results_only_ignores_children() -> None:
    tree = _tree()
    assert rolled_up_progress(tree["parent"], tree, Rollup.KEY_RESULTS) == pytest.approx(0.2)


def test_rollup_children_only() -> None:
    tree = _tree()
    # child-a has a child: its progress is the grandchild's 0.0; child-b is clamped to 1.0
    assert rolled_up_progress(tree["parent"], tree, Rollup.CHILDREN) == pytest.approx(0.5)
    # a leaf falls back to its own key results
    assert rolled_up_progress(tree["grandchild"], tree, Rollup.CHILDREN) == 0.0


def test_rollup_both_mixes_key_results_and_children() -> None:
    tree = _tree()
    child_a = (0.6 + 0.0) / 2
    assert rolled_up_progress(tree["child-a"], tree, Rollup.BOTH) == pytest.approx(child_a)
    expected = (0.2 + child_a + 1.0) / 3
    assert rolled_up_progress(tree["parent"], tree, Rollup.BOTH) == pytest.approx(expected)


def test_rollup_leaves_out_dropped_children() -> None:
    tree = _tree()
    tree["child-b"].status = Status.DROPPED
    assert rolled_up_progress(tree["parent"], tree, Rollup.CHILDREN) == pytest.approx(0.0)


@pytest.mark.parametrize("rollup", [Rollup.CHILDREN, Rollup.BOTH])
def test_rollup_survives_parent_cycles(rollup: Rollup) -> None:
    a = make_objective("a", make_kr(values=[40]), parent="b")
    b = make_objective("b", make_kr(values=[80]), parent="a")
    c = make_objective("c", make_kr(values=[10]), parent="c-parent")
    c_parent = make_objective("c-parent", parent="c")
    objectives = {o.id: o for o in (a, b, c, c_parent)}
    result = rolled_up_progress(a, objectives, rollup)
    assert result is not None and 0.0 <= result <= 1.0
    if rollup is Rollup.CHILDREN:
        assert result == pytest.approx(0.8)  # b's own progress; the cycle back to a is cut
    else:
        assert result == pytest.approx((0.4 + 0.8) / 2)  # b counts once, without a again
    assert rolled_up_progress(c_parent, objectives, rollup) is not None
