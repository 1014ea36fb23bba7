"""Health of key results and objectives: computed from the data, never typed.

A key result is compared with a straight line from the cycle's start (0%), or
its own start date when that is later (a key result added mid-cycle), to its
due date, or the cycle's end (100%). Silence is never green: no check-in
within the workspace's cadence makes it at least at risk. Low confidence
lowers health one step. Every verdict comes with the reason, translated, so
the UI can say why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from okrtui.i18n import _, count, language
from okrtui.model import Cycle, Direction, KeyResult, MetricType, Objective, Status
from okrtui.services.checkins import LOW_CONFIDENCE
from okrtui.services.cycles import expected_fraction
from okrtui.services.progress import clamp, kr_progress, objective_progress, weighted_mean
from okrtui.services.smart_wording import persian_digits

#: Behind the line by at most this much (0.1 = 10 points) is still on track.
AT_RISK_GAP = 0.10
#: Behind the line by more than this is off track.
OFF_TRACK_GAP = 0.25
DEFAULT_CADENCE_DAYS = 7


class Health(StrEnum):
    """How a key result or objective is doing."""

    ON_TRACK = "on_track"
    NO_DATA = "no_data"  # nothing measured yet: not green, not a warning either
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"

    @property
    def severity(self) -> int:
        """0 (on track) to 3 (off track), for sorting and for "at least" rules."""
        return _SEVERITY[self]


_SEVERITY = {Health.ON_TRACK: 0, Health.NO_DATA: 1, Health.AT_RISK: 2, Health.OFF_TRACK: 3}


def health_label(health: Health) -> str:
    """The translated name of a health state."""
    labels = {
        Health.ON_TRACK: _("On track"),
        Health.NO_DATA: _("No data"),
        Health.AT_RISK: _("At risk"),
        Health.OFF_TRACK: _("Off track"),
    }
    return labels[health]


@dataclass(frozen=True, slots=True)
class HealthReport:
    """A health verdict with the reason that decided it and every other finding."""

    health: Health
    reason: str
    reasons: tuple[str, ...] = ()
    progress: float | None = None
    expected: float | None = None


class _Verdict:
    """Health built up rule by rule; the reason is the one of the rule that set it."""

    def __init__(self, health: Health, reason: str) -> None:
        self.health = health
        self.reason = reason
        self.reasons = [reason]

    def at_least(self, floor: Health, reason: str) -> None:
        self.reasons.append(reason)
        if floor.severity > self.health.severity:
            self.health, self.reason = floor, reason

    def lower(self, reason: str) -> None:
        """One step worse; off track stays off track, for its own reason."""
        self.reasons.append(reason)
        if self.health is Health.OFF_TRACK:
            return
        self.health = Health.OFF_TRACK if self.health is Health.AT_RISK else Health.AT_RISK
        self.reason = reason

    def report(self, progress: float | None, expected: float | None) -> HealthReport:
        return HealthReport(self.health, self.reason, tuple(self.reasons), progress, expected)


def _pct(value: float) -> str:
    """`65%`; `۶۵٪` in a Persian interface."""
    if language() == "fa":
        return persian_digits(f"{round(value * 100)}") + "٪"
    return f"{value:.0%}"


def kr_due(kr: KeyResult, cycle: Cycle | None) -> dt.date | None:
    """When a key result is due: its own due date, else its cycle's end."""
    if kr.due is not None:
        return kr.due
    return cycle.end if cycle is not None else None


def kr_start(kr: KeyResult, cycle: Cycle | None) -> dt.date | None:
    """When the plan of a key result starts: the cycle's start, or the key result's
    own `start_date` when that is later (or there is no cycle)."""
    if cycle is None:
        return kr.start_date
    if kr.start_date is not None and kr.start_date > cycle.start:
        return kr.start_date
    return cycle.start


def kr_expected(kr: KeyResult, cycle: Cycle | None, today: dt.date) -> float | None:
    """The progress a straight line from the key result's start to its due date expects."""
    due = kr_due(kr, cycle)
    if due is None:
        return None
    start = kr_start(kr, cycle)
    if start is None and kr.checkins:
        start = min(c.date for c in kr.checkins)
    if start is None:
        return None
    return expected_fraction(start, due, today)


def _gap_verdict(progress: float, expected: float) -> _Verdict:
    values = {"progress": _pct(progress), "expected": _pct(expected)}
    gap = expected - progress
    if progress >= 1.0:
        return _Verdict(Health.ON_TRACK, _("Target reached"))
    if gap <= AT_RISK_GAP:
        return _Verdict(
            Health.ON_TRACK,
            _("On plan: {progress} done, {expected} expected by today").format(**values),
        )
    if gap <= OFF_TRACK_GAP:
        return _Verdict(
            Health.AT_RISK,
            _("Behind plan: {progress} done, {expected} expected by today").format(**values),
        )
    return _Verdict(
        Health.OFF_TRACK,
        _("Far behind plan: {progress} done, {expected} expected by today").format(**values),
    )


def _measured_verdict(
    kr: KeyResult, progress: float, expected: float | None, due: dt.date | None, today: dt.date
) -> tuple[_Verdict, bool]:
    """The verdict from the value alone, and whether it is final (past due)."""
    if due is not None and today > due:
        if progress >= 1.0:
            return _Verdict(Health.ON_TRACK, _("Target reached")), True
        return _Verdict(
            Health.OFF_TRACK, _("Past its due date at {progress}").format(progress=_pct(progress))
        ), True
    if kr.metric.direction in (Direction.STAY_ABOVE, Direction.STAY_BELOW):
        if progress >= 1.0:
            return _Verdict(Health.ON_TRACK, _("Threshold held")), False
        return _Verdict(Health.OFF_TRACK, _("Threshold broken")), False
    if kr.metric.type is MetricType.MILESTONE:
        if progress >= 1.0:
            return _Verdict(Health.ON_TRACK, _("Milestone done")), False
        # a milestone jumps from 0 to 1: a straight line would call it late all along
        return _Verdict(Health.ON_TRACK, _("Milestone not due yet")), False
    if expected is None:
        if progress >= 1.0:
            return _Verdict(Health.ON_TRACK, _("Target reached")), False
        return _Verdict(Health.NO_DATA, _("No due date or cycle to plan against")), False
    return _gap_verdict(progress, expected), False


def kr_health(
    kr: KeyResult,
    cycle: Cycle | None,
    today: dt.date,
    *,
    cadence_days: int = DEFAULT_CADENCE_DAYS,
) -> HealthReport:
    """Health of one key result on `today` within `cycle`.

    Rules, in order: not measurable or no check-in yet in the first cadence
    period -> no data; past the due date -> on track if reached, else off
    track; thresholds -> held or broken; otherwise the gap to the straight
    line (<= 10 points on track, <= 25 at risk, more off track). Then, unless
    past due: no check-in within `cadence_days` -> at least at risk; low
    confidence (< 0.4) -> one step worse.
    """
    progress = kr_progress(kr)
    expected = kr_expected(kr, cycle, today)
    due = kr_due(kr, cycle)
    final = False
    started = kr_start(kr, cycle)
    if progress is None:
        verdict = _Verdict(Health.NO_DATA, _("Not measurable yet: target or value missing"))
    elif not kr.checkins and (started is None or (today - started).days <= cadence_days):
        verdict = _Verdict(Health.NO_DATA, _("No check-in yet"))
    else:
        verdict, final = _measured_verdict(kr, progress, expected, due, today)
    if not final:
        silence = _silence(kr, started, today, cadence_days)
        if silence is not None:
            verdict.at_least(Health.AT_RISK, silence)
        confidence = kr.current_confidence()
        if confidence is not None and confidence < LOW_CONFIDENCE:
            verdict.lower(_("Low confidence ({confidence})").format(confidence=_pct(confidence)))
    return verdict.report(progress, expected)


def _silence(
    kr: KeyResult, started: dt.date | None, today: dt.date, cadence_days: int
) -> str | None:
    """Why the key result counts as silent, or None when it checked in recently."""
    latest = kr.latest_checkin()
    if latest is None:
        if started is not None and (today - started).days > cadence_days:
            if kr.start_date is not None and kr.start_date == started:
                return _("No check-in since the key result started")
            return _("No check-in since the cycle started")
        return None
    days = (today - latest.date).days
    if days > cadence_days:
        return _("No check-in for {days} days (cadence: {cadence} days)").format(
            days=count(days), cadence=count(cadence_days)
        )
    return None


def objective_health(
    objective: Objective,
    cycle: Cycle | None,
    today: dt.date,
    *,
    cadence_days: int = DEFAULT_CADENCE_DAYS,
) -> HealthReport:
    """Health of an objective: its weighted progress against its weighted plan.

    Then: no check-in on any key result within the cadence -> at least at
    risk; any key result off track -> at least at risk (naming it); a low
    weighted confidence -> one step worse. Drafts and dropped objectives and
    objectives without key results have no data.
    """
    if objective.status is Status.DROPPED:
        return HealthReport(Health.NO_DATA, _("Dropped"), (_("Dropped"),))
    if objective.status is Status.DRAFT:
        return HealthReport(Health.NO_DATA, _("Draft: not started"), (_("Draft: not started"),))
    if not objective.key_results:
        return HealthReport(Health.NO_DATA, _("No key results"), (_("No key results"),))
    reports = [
        (kr, kr_health(kr, cycle, today, cadence_days=cadence_days)) for kr in objective.key_results
    ]
    progress = objective_progress(objective)
    expected = _weighted_expected(objective, cycle, today)
    if all(r.health is Health.NO_DATA for _kr, r in reports):
        first = reports[0][1]
        return HealthReport(Health.NO_DATA, first.reason, first.reasons, progress, expected)
    if progress is None:
        verdict = _Verdict(Health.NO_DATA, _("Not measurable yet: target or value missing"))
    elif expected is None:
        verdict = _Verdict(Health.NO_DATA, _("No due date or cycle to plan against"))
    else:
        verdict = _gap_verdict(clamp(progress), expected)
    if all(_silence(kr, kr_start(kr, cycle), today, cadence_days) for kr, _r in reports):
        verdict.at_least(
            Health.AT_RISK,
            _("No check-in on any key result for more than {cadence} days").format(
                cadence=count(cadence_days)
            ),
        )
    off = [kr for kr, r in reports if r.health is Health.OFF_TRACK]
    if off:
        verdict.at_least(
            Health.AT_RISK,
            _("Key result “{title}” is off track").format(title=off[0].title),
        )
    confidence = _weighted_confidence(objective)
    if confidence is not None and confidence < LOW_CONFIDENCE:
        verdict.lower(_("Low confidence ({confidence})").format(confidence=_pct(confidence)))
    return verdict.report(progress, expected)


def _weighted_expected(objective: Objective, cycle: Cycle | None, today: dt.date) -> float | None:
    items = [
        (e, kr.weight)
        for kr in objective.key_results
        if (e := kr_expected(kr, cycle, today)) is not None
    ]
    return weighted_mean(items)


def _weighted_confidence(objective: Objective) -> float | None:
    items = [
        (c, kr.weight) for kr in objective.key_results if (c := kr.current_confidence()) is not None
    ]
    return weighted_mean(items)
