"""Dashboard data for one cycle: a row per objective, ready to draw.

Rows come in alignment order (a parent, then the children aligned under it,
depth-first) so the UI can indent them by `depth`. Nothing here formats
numbers: the UI decides how a fraction or a date reads in its locale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from okrtui.model import (
    Cycle,
    Direction,
    KeyResult,
    Level,
    MetricType,
    Objective,
    ObjectiveKind,
    Status,
    WorkspaceSettings,
)
from okrtui.services.checkins import value_series
from okrtui.services.cycles import days_left, elapsed_fraction
from okrtui.services.forecast import Forecast, forecast_kr
from okrtui.services.health import (
    Health,
    HealthReport,
    kr_due,
    kr_health,
    objective_health,
)
from okrtui.services.progress import clamp, kr_progress, rolled_up_progress
from okrtui.services.scoring import StretchFlag, kr_score, objective_score, stretch_flag


@dataclass(frozen=True, slots=True)
class KeyResultRow:
    """One key result as the dashboard shows it."""

    id: str
    title: str
    owner: str
    metric_type: MetricType
    direction: Direction
    unit: str
    start: float | None
    target: float | None
    value: float | None
    progress: float | None
    """Raw progress: may exceed 1.0 when over-achieved."""
    score: float | None
    health: HealthReport
    confidence: float | None
    due: dt.date | None
    weight: float
    series: tuple[tuple[dt.date, float], ...]
    """(date, value) of every check-in, oldest first, for a small chart."""
    forecast: Forecast | None


@dataclass(frozen=True, slots=True)
class ObjectiveRow:
    """One objective as the dashboard shows it."""

    id: str
    title: str
    owner: str
    kind: ObjectiveKind
    level: Level
    status: Status
    parent: str | None
    depth: int
    progress: float | None
    """Rolled up per the workspace's `rollup` setting, clamped to 0..1."""
    health: HealthReport
    score: float | None
    stretch: StretchFlag | None
    key_results: tuple[KeyResultRow, ...]


@dataclass(frozen=True, slots=True)
class Dashboard:
    """Everything the dashboard of one cycle shows."""

    cycle_name: str | None
    cycle: Cycle | None
    today: dt.date
    elapsed: float | None
    """Fraction of the cycle passed; None when the cycle has no dates."""
    days_left: int | None
    rows: tuple[ObjectiveRow, ...]
    objective_counts: Mapping[Health, int]
    kr_counts: Mapping[Health, int]


def key_result_row(
    kr: KeyResult, cycle: Cycle | None, today: dt.date, cadence_days: int
) -> KeyResultRow:
    """The dashboard row of one key result."""
    return KeyResultRow(
        id=kr.id,
        title=kr.title,
        owner=kr.owner,
        metric_type=kr.metric.type,
        direction=kr.metric.direction,
        unit=kr.metric.unit,
        start=kr.metric.start,
        target=kr.metric.target,
        value=kr.current_value(),
        progress=kr_progress(kr),
        score=kr_score(kr),
        health=kr_health(kr, cycle, today, cadence_days=cadence_days),
        confidence=kr.current_confidence(),
        due=kr_due(kr, cycle),
        weight=kr.weight,
        series=tuple(value_series(kr)),
        forecast=forecast_kr(kr, cycle),
    )


def alignment_order(objectives: list[Objective]) -> list[tuple[Objective, int]]:
    """Objectives with their depth, each parent followed by its children.

    An objective whose parent is not in the list is a root. Objectives caught
    in a parent cycle (no root above them) come last, at depth 0.
    """
    ids = {o.id for o in objectives}
    by_parent: dict[str | None, list[Objective]] = {}
    for o in objectives:
        parent = o.parent if o.parent in ids and o.parent != o.id else None
        by_parent.setdefault(parent, []).append(o)
    ordered: list[tuple[Objective, int]] = []
    placed: set[str] = set()

    def visit(o: Objective, depth: int) -> None:
        if o.id in placed:
            return
        placed.add(o.id)
        ordered.append((o, depth))
        for child in by_parent.get(o.id, []):
            visit(child, depth + 1)

    for root in by_parent.get(None, []):
        visit(root, 0)
    for o in objectives:
        visit(o, 0)
    return ordered


def _counts(reports: Iterable[HealthReport]) -> dict[Health, int]:
    counts = dict.fromkeys(Health, 0)
    for report in reports:
        counts[report.health] += 1
    return counts


def build_dashboard(
    objectives: Iterable[Objective],
    settings: WorkspaceSettings,
    today: dt.date,
    cycle_name: str | None = None,
) -> Dashboard:
    """The dashboard of `cycle_name` (default: the workspace's current cycle).

    `objectives` may span every cycle: children in other cycles still count
    in a roll-up, but only objectives of this cycle get a row.
    """
    all_objectives = list(objectives)
    by_id = {o.id: o for o in all_objectives}
    if cycle_name is None:
        current = settings.current_cycle(today)
        cycle_name = current.name if current is not None else None
    cycle = settings.cycle(cycle_name) if cycle_name is not None else None
    cadence = settings.checkin_cadence_days
    rows: list[ObjectiveRow] = []
    in_cycle = [o for o in all_objectives if o.cycle == cycle_name]
    for objective, depth in alignment_order(in_cycle):
        progress = rolled_up_progress(objective, by_id, settings.rollup)
        score = objective_score(objective, by_id, settings.rollup)
        rows.append(
            ObjectiveRow(
                id=objective.id,
                title=objective.title,
                owner=objective.owner,
                kind=objective.kind,
                level=objective.level,
                status=objective.status,
                parent=objective.parent,
                depth=depth,
                progress=None if progress is None else clamp(progress),
                health=objective_health(objective, cycle, today, cadence_days=cadence),
                score=score,
                stretch=stretch_flag(score, settings.stretch_band),
                key_results=tuple(
                    key_result_row(kr, cycle, today, cadence) for kr in objective.key_results
                ),
            )
        )
    return Dashboard(
        cycle_name=cycle_name,
        cycle=cycle,
        today=today,
        elapsed=elapsed_fraction(cycle, today) if cycle is not None else None,
        days_left=days_left(cycle, today) if cycle is not None else None,
        rows=tuple(rows),
        objective_counts=_counts(r.health for r in rows),
        kr_counts=_counts(k.health for r in rows for k in r.key_results),
    )
