"""Cycles: how much of one has passed, which comes next, and carrying work over."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from okrtui.model import Cycle, KeyResult, MetricType, Objective, Status, WorkspaceSettings
from okrtui.model.ids import slugify
from okrtui.services.progress import is_reached, objective_progress


def expected_fraction(start: dt.date, end: dt.date, today: dt.date) -> float:
    """Where a straight line from `start` (0.0) to `end` (1.0) stands on `today`.

    Clamped to 0..1. A span of zero days (or an end before the start) is a
    step: 0.0 before the end, 1.0 from the end on.
    """
    span = (end - start).days
    if span <= 0:
        return 1.0 if today >= end else 0.0
    return max(0.0, min(1.0, (today - start).days / span))


def elapsed_fraction(cycle: Cycle, today: dt.date) -> float:
    """The fraction of `cycle` that has passed on `today` (0.0 before, 1.0 after)."""
    return expected_fraction(cycle.start, cycle.end, today)


def days_left(cycle: Cycle, today: dt.date) -> int:
    """Whole days from `today` to the cycle's last day; 0 once it has ended."""
    return max(0, (cycle.end - today).days)


def next_cycle(settings: WorkspaceSettings, cycle_name: str) -> Cycle | None:
    """The cycle that starts soonest after `cycle_name` starts, if any."""
    current = settings.cycle(cycle_name)
    if current is None:
        return None
    later = [c for c in settings.cycles if c.start > current.start]
    return min(later, key=lambda c: c.start, default=None)


def is_unfinished(objective: Objective) -> bool:
    """True for an objective still worth carrying over: not done, not dropped,
    and not every key result at its target."""
    if objective.status in (Status.DONE, Status.DROPPED):
        return False
    progress = objective_progress(objective)
    return progress is None or progress < 1.0


def carried_over_id(objective: Objective, to_cycle: str, taken_ids: Collection[str]) -> str:
    """An id for the copy of `objective` in `to_cycle`, unique among `taken_ids`.

    Objective ids are unique across the whole workspace, so the copy is named
    after its new cycle (`blog-2027-q1`); a suffix it got from an earlier
    carry-over is replaced rather than stacked.
    """
    if objective.id not in taken_ids:
        return objective.id
    base = objective.id
    old_suffix = "-" + slugify(objective.cycle, fallback="")
    if old_suffix != "-" and base.endswith(old_suffix) and len(base) > len(old_suffix):
        base = base[: -len(old_suffix)]
    cycle_slug = slugify(to_cycle, fallback="next")[:20]
    # slugify keeps 48 characters: shorten the base so the cycle part survives
    base = base[: 47 - len(cycle_slug)].rstrip("-")
    return slugify(f"{base}-{cycle_slug}", fallback="objective", taken=set(taken_ids))


def _carried_key_result(kr: KeyResult, to_cycle: Cycle) -> KeyResult:
    copy = kr.model_copy(deep=True)
    copy.checkins = []
    last = kr.current_value()
    metric = copy.metric
    if metric.type is not MetricType.CHECKLIST and last is not None:
        # the copy starts where the original stopped; milestones keep their ticks
        metric.start = last
    metric.current = None
    if copy.due is not None and not to_cycle.contains(copy.due):
        copy.due = None  # an old due date would make it overdue on day one
    return copy


def carry_over(
    objective: Objective,
    to_cycle: Cycle,
    taken_ids: Collection[str],
    today: dt.date,
    *,
    include_reached: bool = True,
) -> Objective:
    """A copy of an unfinished objective for the next cycle; the caller saves it.

    Same titles, owners and targets; each key result starts from its last
    value; check-ins are not copied; due dates outside the new cycle are
    cleared (the cycle end applies). The copy is active and created today.
    With `include_reached=False`, key results already at their target stay
    behind.
    """
    key_results = [
        _carried_key_result(kr, to_cycle)
        for kr in objective.key_results
        if include_reached or not _kr_reached(kr)
    ]
    data = objective.model_dump()
    data.update(
        id=carried_over_id(objective, to_cycle.name, taken_ids),
        cycle=to_cycle.name,
        status=Status.ACTIVE,
        created=today,
        updated=today,
        key_results=[kr.model_dump() for kr in key_results],
    )
    return Objective.model_validate(data)


def _kr_reached(kr: KeyResult) -> bool:
    value = kr.current_value()
    return value is not None and is_reached(kr.metric, value)
