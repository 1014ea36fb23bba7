"""How far a key result, an objective or a cycle has come."""

from __future__ import annotations

from okrtui.model import Direction, KeyResult, MetricType, Objective


def kr_progress(kr: KeyResult) -> float | None:
    """Progress of a key result as a fraction: 0.0 at start, 1.0 at target.

    Over-achievement gives more than 1.0 and going backwards less than 0.0;
    callers clamp where they roll up. None when the metric is not defined
    enough to tell.
    """
    metric = kr.metric
    value = kr.current_value()
    if metric.type is MetricType.CHECKLIST:
        total = len(metric.milestones)
        return (sum(m.done for m in metric.milestones) / total) if total else None
    target = metric.target
    if value is None or target is None:
        return None
    if metric.direction is Direction.STAY_ABOVE:
        return 1.0 if value >= target else (value / target if target > 0 else 0.0)
    if metric.direction is Direction.STAY_BELOW:
        return 1.0 if value <= target else (target / value if value > 0 else 0.0)
    start = metric.start if metric.start is not None else 0.0
    if start == target:
        reached = value >= target if metric.direction is Direction.INCREASE else value <= target
        return 1.0 if reached else 0.0
    return (value - start) / (target - start)


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def objective_progress(objective: Objective) -> float | None:
    """Weighted mean of the key results' progress, each clamped to 0..1."""
    total_weight = 0.0
    total = 0.0
    for kr in objective.key_results:
        progress = kr_progress(kr)
        if progress is None or kr.weight <= 0:
            continue
        total += clamp(progress) * kr.weight
        total_weight += kr.weight
    if total_weight == 0:
        return None
    return total / total_weight
