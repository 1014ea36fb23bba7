"""How far a key result, an objective or a tree of aligned objectives has come.

Progress is a fraction: 0.0 at the start value, 1.0 at the target. It is
reported raw (over-achievement gives more than 1.0, going backwards less than
0.0) and clamped to 0..1 wherever it is combined with other progress, so one
runaway key result cannot hide another that is stuck.
"""

from __future__ import annotations

from collections.abc import Mapping

from okrtui.model import Direction, KeyResult, Metric, MetricType, Objective, Rollup, Status

#: How much a child objective weighs next to its parent's key results when
#: `Rollup.BOTH` mixes them: the same as a key result of default weight.
CHILD_WEIGHT = 1.0


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    """`value` limited to the range low..high."""
    return max(low, min(high, value))


def baseline(kr: KeyResult) -> float | None:
    """The value a key result starts from.

    The metric's `start` when set. Otherwise an increasing metric counts from
    zero; a decreasing one cannot "decrease from zero", so its first check-in
    is the baseline (None without check-ins).
    """
    metric = kr.metric
    if metric.start is not None:
        return metric.start
    if metric.direction is Direction.DECREASE:
        if not kr.checkins:
            return None
        return min(kr.checkins, key=lambda c: c.date).value
    return 0.0


def progress_of_value(kr: KeyResult, value: float | None) -> float | None:
    """Progress the key result would have if its value were `value`.

    None when the metric is not defined enough to tell (no target, no value).
    """
    metric = kr.metric
    if value is None:
        return None
    if metric.type is MetricType.CHECKLIST:
        total = float(len(metric.milestones)) if metric.milestones else metric.target
        if not total or total <= 0:
            return None
        return value / total
    target = metric.target
    if target is None:
        return None
    if metric.type is MetricType.MILESTONE:
        # done or not: half a milestone is not a milestone
        return 1.0 if is_reached(metric, value) else 0.0
    if metric.direction in (Direction.STAY_ABOVE, Direction.STAY_BELOW):
        return _threshold_progress(metric, value, target)
    start = baseline(kr)
    if start is None:
        return None
    if start == target:
        return 1.0 if is_reached(metric, value) else 0.0
    return (value - start) / (target - start)


def _threshold_progress(metric: Metric, value: float, target: float) -> float:
    """1.0 while the threshold holds; otherwise how close the value is, as a ratio.

    The ratio only means something when both numbers are positive; with zero
    or negative values a broken threshold simply scores 0.
    """
    if is_reached(metric, value):
        return 1.0
    if metric.direction is Direction.STAY_ABOVE:
        return value / target if target > 0 and value > 0 else 0.0
    return target / value if target > 0 and value > 0 else 0.0


def is_reached(metric: Metric, value: float) -> bool:
    """True when `value` meets the metric's target in the metric's good direction."""
    if metric.type is MetricType.CHECKLIST:
        total = float(len(metric.milestones)) if metric.milestones else metric.target
        return total is not None and value >= total
    if metric.target is None:
        return False
    if metric.type is MetricType.MILESTONE:
        return value >= metric.target
    if metric.direction in (Direction.DECREASE, Direction.STAY_BELOW):
        return value <= metric.target
    return value >= metric.target


def kr_progress(kr: KeyResult) -> float | None:
    """Progress of a key result as a fraction: 0.0 at start, 1.0 at target.

    Over-achievement gives more than 1.0 and going backwards less than 0.0;
    callers clamp where they roll up. None when the metric is not defined
    enough to tell.
    """
    return progress_of_value(kr, kr.current_value())


def weighted_mean(items: list[tuple[float, float]]) -> float | None:
    """Mean of (value, weight) pairs; equal weights when every weight is zero.

    All-zero weights fall back to equal weights rather than None: weights
    only say how key results compare, and "none counts more than another"
    means they count the same.
    """
    if not items:
        return None
    total_weight = sum(weight for _value, weight in items)
    if total_weight <= 0:
        return sum(value for value, _weight in items) / len(items)
    return sum(value * weight for value, weight in items) / total_weight


def _kr_items(objective: Objective) -> list[tuple[float, float]]:
    items = []
    for kr in objective.key_results:
        progress = kr_progress(kr)
        if progress is not None:
            items.append((clamp(progress), kr.weight))
    return items


def objective_progress(objective: Objective) -> float | None:
    """Weighted mean of the key results' progress, each clamped to 0..1.

    Key results that cannot be measured are left out; when every weight is
    zero the key results count equally. None when no key result is measurable.
    """
    return weighted_mean(_kr_items(objective))


def children_of(objective_id: str, objectives_by_id: Mapping[str, Objective]) -> list[Objective]:
    """Objectives aligned directly under `objective_id`, dropped ones left out."""
    return [
        o
        for o in objectives_by_id.values()
        if o.parent == objective_id and o.id != objective_id and o.status is not Status.DROPPED
    ]


def rolled_up_progress(
    objective: Objective,
    objectives_by_id: Mapping[str, Objective],
    rollup: Rollup = Rollup.KEY_RESULTS,
) -> float | None:
    """Progress of an objective including its aligned children, per `rollup`.

    - `KEY_RESULTS`: its own key results only (`objective_progress`).
    - `CHILDREN`: the mean of its children's rolled-up progress; an objective
      with no measurable child (a leaf) falls back to its own key results.
    - `BOTH`: its key results and its children together, each child weighing
      `CHILD_WEIGHT` next to the key results' own weights.

    Children are found by their `parent`; dropped children are left out. A
    parent cycle in the data (a is b's parent and b is a's) is cut where it
    closes, so this always returns.
    """
    return _rolled_up(objective, objectives_by_id, rollup, frozenset())


def _rolled_up(
    objective: Objective,
    objectives_by_id: Mapping[str, Objective],
    rollup: Rollup,
    path: frozenset[str],
) -> float | None:
    if rollup is Rollup.KEY_RESULTS:
        return objective_progress(objective)
    path = path | {objective.id}
    child_items: list[tuple[float, float]] = []
    for child in children_of(objective.id, objectives_by_id):
        if child.id in path:
            continue  # a parent cycle: this branch is already being counted
        progress = _rolled_up(child, objectives_by_id, rollup, path)
        if progress is not None:
            child_items.append((clamp(progress), CHILD_WEIGHT))
    if rollup is Rollup.CHILDREN:
        return weighted_mean(child_items) if child_items else objective_progress(objective)
    return weighted_mean(_kr_items(objective) + child_items)
