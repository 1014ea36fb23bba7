"""The computed figures every export shows: progress, health, score, SMART letters.

One pass over the workspace builds `ObjectiveFigures` (with their key
results' `KeyResultFigures`), so the CSV, JSON, Markdown and `okrtui list`
outputs can never disagree on a number. Nothing here writes or prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from okrtui.model import CheckIn, Cycle, KeyResult, Objective, Status, WorkspaceSettings
from okrtui.services.health import HealthReport, kr_due, kr_health, objective_health
from okrtui.services.progress import kr_progress, rolled_up_progress
from okrtui.services.scoring import StretchFlag, kr_score, objective_score, stretch_flag
from okrtui.services.smart import SmartVerdict, evaluate_key_result


@dataclass(frozen=True, slots=True)
class KeyResultFigures:
    """One key result with what okrtui computes from it on `today`."""

    objective: Objective
    kr: KeyResult
    current: float | None
    progress: float | None
    score: float | None
    health: HealthReport
    confidence: float | None
    due: dt.date | None
    letters: tuple[SmartVerdict, ...]
    """The SMART coach's verdict per letter, S M A R T."""
    last_checkin: CheckIn | None
    stale: bool
    """No check-in within the workspace's cadence (an active objective only)."""

    @property
    def owner(self) -> str:
        """The key result's owner, else its objective's."""
        return self.kr.owner or self.objective.owner

    @property
    def smart_holding(self) -> str:
        """The letters that hold, e.g. "SMT"."""
        return "".join(v.letter for v in self.letters if v.holds)

    @property
    def smart_failing(self) -> tuple[SmartVerdict, ...]:
        return tuple(v for v in self.letters if not v.holds)


@dataclass(frozen=True, slots=True)
class ObjectiveFigures:
    """One objective with its computed figures and its key results'."""

    objective: Objective
    progress: float | None
    score: float | None
    health: HealthReport
    stretch: StretchFlag | None
    key_results: tuple[KeyResultFigures, ...]


def is_stale(
    kr: KeyResult, objective: Objective, cycle: Cycle | None, today: dt.date, cadence_days: int
) -> bool:
    """True when an active objective's key result has had no check-in within the cadence.

    Without any check-in it is stale once its cycle has run longer than the cadence.
    """
    if objective.status is not Status.ACTIVE:
        return False
    latest = kr.latest_checkin()
    if latest is not None:
        return (today - latest.date).days > cadence_days
    if cycle is None:
        return True
    return (today - cycle.start).days > cadence_days


def _matches_owner(objective: Objective, owner: str | None) -> bool:
    if owner is None:
        return True
    wanted = owner.strip().casefold()
    names = [objective.owner, *(kr.owner for kr in objective.key_results)]
    return any(name.strip().casefold() == wanted for name in names)


def workspace_figures(
    settings: WorkspaceSettings,
    objectives: Iterable[Objective],
    today: dt.date,
    *,
    cycle: str | None = None,
    owner: str | None = None,
) -> list[ObjectiveFigures]:
    """Figures of every objective (of `cycle`, of `owner` when given), by cycle then id.

    Progress and score roll up aligned children per the workspace's `rollup`;
    `owner` matches the objective's owner or one of its key results' owners.
    """
    everything = {o.id: o for o in objectives}
    cycles = {c.name: c for c in settings.cycles}
    chosen = sorted(
        (
            o
            for o in everything.values()
            if (cycle is None or o.cycle == cycle) and _matches_owner(o, owner)
        ),
        key=lambda o: (o.cycle, o.id),
    )
    cadence = settings.checkin_cadence_days
    result = []
    for objective in chosen:
        span = cycles.get(objective.cycle)
        krs = tuple(
            KeyResultFigures(
                objective=objective,
                kr=kr,
                current=kr.current_value(),
                progress=kr_progress(kr),
                score=kr_score(kr),
                health=kr_health(kr, span, today, cadence_days=cadence),
                confidence=kr.current_confidence(),
                due=kr_due(kr, span),
                letters=tuple(evaluate_key_result(kr, objective, settings, today)[:5]),
                last_checkin=kr.latest_checkin(),
                stale=is_stale(kr, objective, span, today, cadence),
            )
            for kr in objective.key_results
        )
        score = objective_score(objective, everything, settings.rollup)
        result.append(
            ObjectiveFigures(
                objective=objective,
                progress=rolled_up_progress(objective, everything, settings.rollup),
                score=score,
                health=objective_health(objective, span, today, cadence_days=cadence),
                stretch=stretch_flag(score, settings.stretch_band),
                key_results=krs,
            )
        )
    return result
