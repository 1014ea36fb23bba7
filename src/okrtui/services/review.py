"""The monthly review: a snapshot of values, what changed since the last one,
and applying its decisions (keep, revise the target, drop) to the objectives.

Dropping a key result removes it from its objective, and the review records
the removed key result in full (`KeyResultReview.removed`), so nothing is
lost and the file says why it went. Zero weights or "dropped" markers were
not used: they would keep a dead key result in every list and roll-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from okrtui.model import CheckIn, Cycle, KeyResult, Objective
from okrtui.model.review import Decision, KeyResultReview, ObjectiveReview, Review
from okrtui.services.progress import baseline, kr_progress, objective_progress, progress_of_value

#: Snapshot fractions are rounded so review files stay readable.
SNAPSHOT_DIGITS = 4


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, SNAPSHOT_DIGITS)


@dataclass(frozen=True, slots=True)
class KeyResultChange:
    """How one key result moved since the previous review (or its cycle's start)."""

    objective_id: str
    kr_id: str
    title: str
    since: dt.date | None
    """The previous review's date, else the cycle's start (None if unknown)."""
    previous_value: float | None
    value: float | None
    previous_progress: float | None
    progress: float | None
    new_checkins: tuple[CheckIn, ...]
    """Check-ins dated after `since` (on or after the cycle start without a review)."""
    in_previous_review: bool

    @property
    def delta(self) -> float | None:
        """Value now minus value then; None when either is unknown."""
        if self.value is None or self.previous_value is None:
            return None
        return self.value - self.previous_value

    @property
    def progress_delta(self) -> float | None:
        if self.progress is None or self.previous_progress is None:
            return None
        return self.progress - self.previous_progress


def _kr_change(
    objective: Objective,
    kr: KeyResult,
    previous: Review | None,
    cycle: Cycle | None,
) -> KeyResultChange:
    earlier = previous.objective(objective.id) if previous is not None else None
    snapshot = earlier.key_result(kr.id) if earlier is not None else None
    if snapshot is not None:
        previous_value, previous_progress = snapshot.value, snapshot.progress
    else:
        previous_value = baseline(kr)
        previous_progress = progress_of_value(kr, previous_value)
    if previous is not None:
        since: dt.date | None = previous.date
        new = [c for c in kr.checkins if c.date > previous.date]
    else:
        since = cycle.start if cycle is not None else None
        new = [c for c in kr.checkins if since is None or c.date >= since]
    return KeyResultChange(
        objective_id=objective.id,
        kr_id=kr.id,
        title=kr.title,
        since=since,
        previous_value=previous_value,
        value=kr.current_value(),
        previous_progress=previous_progress,
        progress=kr_progress(kr),
        new_checkins=tuple(sorted(new, key=lambda c: c.date)),
        in_previous_review=snapshot is not None,
    )


def what_changed(
    objectives: Iterable[Objective],
    previous: Review | None,
    cycles: Mapping[str, Cycle] | None = None,
) -> list[KeyResultChange]:
    """Per key result: the value delta since `previous`'s snapshot and the
    check-ins added after `previous`'s date.

    Without a previous review (or for a key result it did not list), the
    delta is taken from the key result's start value, and the check-ins from
    the cycle's start (`cycles` maps cycle names to cycles; all check-ins
    when the cycle is unknown).
    """
    cycles = cycles or {}
    return [
        _kr_change(objective, kr, previous, cycles.get(objective.cycle))
        for objective in objectives
        for kr in objective.key_results
    ]


def build_review(
    objectives: Iterable[Objective], previous: Review | None, today: dt.date
) -> Review:
    """A review dated `today` with a snapshot of every key result; decisions: keep.

    When `previous` is a review of the same day (today's review re-opened),
    its notes and decisions are carried into the fresh snapshot, so building
    it again loses nothing.
    """
    reopened = previous if previous is not None and previous.date == today else None
    entries: list[ObjectiveReview] = []
    for objective in objectives:
        earlier = reopened.objective(objective.id) if reopened is not None else None
        key_results = []
        for kr in objective.key_results:
            entry = KeyResultReview(
                id=kr.id,
                title=kr.title,
                value=kr.current_value(),
                target=kr.metric.target,
                progress=_rounded(kr_progress(kr)),
            )
            kept = earlier.key_result(kr.id) if earlier is not None else None
            if kept is not None:
                entry = entry.model_copy(
                    update={
                        "decision": kept.decision,
                        "new_target": kept.new_target,
                        "note": kept.note,
                    }
                )
            key_results.append(entry)
        entries.append(
            ObjectiveReview(
                id=objective.id,
                title=objective.title,
                note=earlier.note if earlier is not None else "",
                progress=_rounded(objective_progress(objective)),
                key_results=key_results,
            )
        )
    if reopened is not None:
        # key results dropped by the re-opened review are gone from the objectives now
        _keep_removed(entries, reopened)
    return Review(
        date=today,
        note=reopened.note if reopened is not None else "",
        applied=reopened.applied if reopened is not None else False,
        objectives=entries,
    )


def _keep_removed(entries: list[ObjectiveReview], reopened: Review) -> None:
    by_id = {e.id: e for e in entries}
    for old in reopened.objectives:
        removed = [k for k in old.key_results if k.removed is not None]
        target = by_id.get(old.id)
        if not removed:
            continue
        if target is None:
            entries.append(old.model_copy(update={"key_results": removed}))
            continue
        known = {k.id for k in target.key_results}
        target.key_results = [*target.key_results, *(k for k in removed if k.id not in known)]


def apply_review(review: Review, objectives: Mapping[str, Objective]) -> list[str]:
    """Apply the review's decisions to `objectives` in place; return the ids changed.

    `revise_target` sets the key result's target to `new_target`. `drop`
    removes the key result from its objective and keeps a full copy in the
    review entry (`removed`), so the caller must save the review as well as
    the changed objectives. Objectives or key results no longer present are
    skipped, which makes applying twice harmless. Marks the review applied.
    """
    changed: list[str] = []
    for entry in review.objectives:
        objective = objectives.get(entry.id)
        if objective is None:
            continue
        touched = False
        for decision in entry.key_results:
            kr = objective.key_result(decision.id)
            if kr is None:
                continue
            if decision.decision is Decision.REVISE_TARGET and decision.new_target is not None:
                if kr.metric.target != decision.new_target:
                    kr.metric.target = decision.new_target
                    touched = True
            elif decision.decision is Decision.DROP:
                decision.removed = kr.model_copy(deep=True)
                objective.key_results = [k for k in objective.key_results if k.id != kr.id]
                touched = True
        if touched:
            changed.append(objective.id)
    review.applied = True
    return changed
