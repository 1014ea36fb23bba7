"""Scoring at the end of a cycle: 0.0 to 1.0 per key result and objective.

A score is clamped progress (over-achieving one key result does not make up
for another), weighted like progress. Healthy stretch goals land inside the
workspace's stretch band (0.6 to 0.8 by default): scoring above it suggests
the goal was too safe (sandbagging), far below it that it was out of reach
(overreach).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from okrtui.i18n import _
from okrtui.model import KeyResult, Objective, Rollup
from okrtui.services.progress import clamp, kr_progress, rolled_up_progress

#: "Far" below the band: more than this under its low end.
FAR_BELOW = 0.3
DEFAULT_BAND = (0.6, 0.8)


class StretchFlag(StrEnum):
    """Where an objective's score lies relative to the stretch band."""

    SANDBAGGING = "sandbagging"  # above the band: the goal was too safe
    HEALTHY = "healthy"  # inside the band
    SHORT = "short"  # below the band, but not far
    OVERREACH = "overreach"  # far below the band: the goal was out of reach


def stretch_label(flag: StretchFlag) -> str:
    """The translated name of a stretch flag."""
    labels = {
        StretchFlag.SANDBAGGING: _("Too safe (sandbagging)"),
        StretchFlag.HEALTHY: _("Healthy stretch"),
        StretchFlag.SHORT: _("Short of the band"),
        StretchFlag.OVERREACH: _("Overreach"),
    }
    return labels[flag]


def kr_score(kr: KeyResult) -> float | None:
    """A key result's score: its progress clamped to 0..1."""
    progress = kr_progress(kr)
    return None if progress is None else clamp(progress)


def objective_score(
    objective: Objective,
    objectives_by_id: Mapping[str, Objective] | None = None,
    rollup: Rollup = Rollup.KEY_RESULTS,
) -> float | None:
    """An objective's score: the weighted mean of clamped progress, rolled up per `rollup`."""
    progress = rolled_up_progress(objective, objectives_by_id or {objective.id: objective}, rollup)
    return None if progress is None else clamp(progress)


def stretch_flag(
    score: float | None,
    band: tuple[float, float] = DEFAULT_BAND,
    far_below: float = FAR_BELOW,
) -> StretchFlag | None:
    """Where `score` lies: above the band, in it, short of it, or more than
    `far_below` under its low end. None for no score."""
    if score is None:
        return None
    low, high = band
    if score > high:
        return StretchFlag.SANDBAGGING
    if score >= low:
        return StretchFlag.HEALTHY
    if score >= low - far_below:
        return StretchFlag.SHORT
    return StretchFlag.OVERREACH


@dataclass(frozen=True, slots=True)
class ObjectiveScore:
    """The end-of-cycle score card of one objective."""

    objective_id: str
    score: float | None
    flag: StretchFlag | None
    key_results: tuple[tuple[str, float | None], ...]
    """(key result id, score) in the objective's order."""


def score_objective(
    objective: Objective,
    *,
    band: tuple[float, float] = DEFAULT_BAND,
    far_below: float = FAR_BELOW,
    objectives_by_id: Mapping[str, Objective] | None = None,
    rollup: Rollup = Rollup.KEY_RESULTS,
) -> ObjectiveScore:
    """Score an objective and its key results, and flag it against the band."""
    score = objective_score(objective, objectives_by_id, rollup)
    return ObjectiveScore(
        objective_id=objective.id,
        score=score,
        flag=stretch_flag(score, band, far_below),
        key_results=tuple((kr.id, kr_score(kr)) for kr in objective.key_results),
    )


def score_cycle(
    objectives: Iterable[Objective],
    cycle_name: str,
    *,
    band: tuple[float, float] = DEFAULT_BAND,
    far_below: float = FAR_BELOW,
    rollup: Rollup = Rollup.KEY_RESULTS,
) -> list[ObjectiveScore]:
    """Score cards of every objective in `cycle_name`, in the order given."""
    by_id = {o.id: o for o in objectives}
    return [
        score_objective(o, band=band, far_below=far_below, objectives_by_id=by_id, rollup=rollup)
        for o in by_id.values()
        if o.cycle == cycle_name
    ]
