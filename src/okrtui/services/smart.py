"""The SMART coach: judge each letter of a key result from its data.

The coach only reads. It never changes what the user ticked or answered in
the SMART checklist; the UI shows its verdicts beside the user's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from okrtui.i18n import _, language
from okrtui.model import (
    Cycle,
    Direction,
    KeyResult,
    MetricType,
    Objective,
    SmartCriterion,
    Status,
    WorkspaceSettings,
)
from okrtui.model.rules import RULES, Severity, SmartRules
from okrtui.services.health import kr_start
from okrtui.services.smart_wording import (
    activity_term,
    has_number,
    persian_digits,
    vague_term,
    word_count,
)


@dataclass(frozen=True, slots=True)
class SmartVerdict:
    """The coach's judgement of one rule or one letter.

    `criterion` is None for the outcome rule. `severity` is how a failure is
    reported; OFF when the rule (or every rule of the letter) is turned off.
    """

    criterion: SmartCriterion | None
    code: str
    holds: bool
    reason: str
    severity: Severity = Severity.WARNING

    @property
    def letter(self) -> str:
        """S, M, A, R, T, or O for the outcome rule."""
        return self.criterion.letter if self.criterion is not None else "O"


@dataclass(frozen=True, slots=True)
class PlanQuality:
    """How many SMART letters hold over an objective's key results."""

    holding: int
    total: int

    @property
    def ratio(self) -> float | None:
        """holding / total, or None when there is nothing to judge."""
        return self.holding / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class _Goal:
    """What every rule looks at."""

    kr: KeyResult
    objective: Objective
    settings: WorkspaceSettings
    today: dt.date
    explain: bool = True
    """False when only failures are wanted (`okrtui check`): a rule that holds may skip
    its reason, which is worded and formatted for nothing."""
    cycle: Cycle | None = None
    """The objective's cycle as `okrtui.toml` defines it (looked up once for every rule)."""
    confidence: float | None = None
    """`kr.current_confidence()`, worked out once for the two rules that read it."""


_Judgement = tuple[bool, str]

LETTERS: tuple[SmartCriterion | None, ...] = (*SmartCriterion, None)
"""The order of `evaluate_key_result`'s verdicts: S, M, A, R, T, then the outcome rule."""


# ------------------------------------------------------------------ formatting
def _amount(value: float) -> str:
    """12000 -> 12,000; 2.43 -> 2.4; 0.243 -> 0.24; in a Persian UI with Persian digits."""
    decimals = 0 if abs(value) >= 100 or float(value).is_integer() else 1 if abs(value) >= 1 else 2
    text = f"{value:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return persian_digits(text) if language() == "fa" else text


def _percent(fraction: float) -> str:
    return _with_unit(round(fraction * 100), "%")


def _day(day: dt.date, settings: WorkspaceSettings) -> str:
    if settings.calendar.value == "jalali":
        import jdatetime  # only when asked: keeps `okrtui check` fast to start

        text = jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d")
    else:
        text = day.isoformat()
    return persian_digits(text) if language() == "fa" else text


def _with_unit(value: float, unit: str) -> str:
    if unit == "%":
        return persian_digits(f"{_amount(value)}%") if language() == "fa" else f"{_amount(value)}%"
    return f"{_amount(value)} {unit}" if unit else _amount(value)


# ------------------------------------------------------------------ Specific
def _title_length(goal: _Goal) -> _Judgement:
    words = word_count(goal.kr.title)
    minimum = goal.settings.smart.min_title_words
    if words < minimum:
        return False, _(
            "The title has {words} words: say what changes and for whom in at least {minimum}"
        ).format(words=_amount(words), minimum=_amount(minimum))
    return True, ""


def _vague_wording(goal: _Goal) -> _Judgement:
    title = goal.kr.title
    if has_number(title):
        return True, _("Names what changes, with a number") if goal.explain else ""
    term = vague_term(title, goal.settings.smart.extra_vague_words)
    if term is not None:
        return False, _(
            "'{word}' with no number is vague: say by how much, e.g. from 3% to 5%"
        ).format(word=term)
    return True, _("Names what changes") if goal.explain else ""


# ------------------------------------------------------------------ Measurable
def _counts_progress(goal: _Goal) -> bool:
    """Metrics that move from a start to a target (not levels, milestones or checklists)."""
    metric = goal.kr.metric
    return metric.type not in (MetricType.MILESTONE, MetricType.CHECKLIST) and metric.direction in (
        Direction.INCREASE,
        Direction.DECREASE,
    )


def _unit(goal: _Goal) -> _Judgement:
    metric = goal.kr.metric
    if metric.type in (MetricType.MILESTONE, MetricType.CHECKLIST, MetricType.PERCENT):
        return True, ""
    if not metric.unit.strip():
        return False, _("Add a unit, e.g. visits/month")
    return True, ""


def _start(goal: _Goal) -> _Judgement:
    if _counts_progress(goal) and goal.kr.metric.start is None:
        return False, _("Add a start value: where the metric stands today")
    return True, ""


def _target(goal: _Goal) -> _Judgement:
    metric = goal.kr.metric
    if metric.type is MetricType.CHECKLIST:
        return True, ""
    if metric.target is None:
        return False, _("Add a target: the value that means done")
    if not goal.explain:
        return True, ""
    if metric.type is MetricType.MILESTONE:
        return True, _("Done when the milestone is reached")
    if metric.direction is Direction.STAY_ABOVE:
        return True, _("Keep it at or above {target}").format(
            target=_with_unit(metric.target, metric.unit)
        )
    if metric.direction is Direction.STAY_BELOW:
        return True, _("Keep it at or below {target}").format(
            target=_with_unit(metric.target, metric.unit)
        )
    if metric.start is None:
        return True, ""
    start = _with_unit(metric.start, "%" if metric.unit == "%" else "")
    return True, _("From {start} to {target}").format(
        start=start, target=_with_unit(metric.target, metric.unit)
    )


def _start_differs(goal: _Goal) -> _Judgement:
    metric = goal.kr.metric
    if _counts_progress(goal) and metric.start is not None and metric.start == metric.target:
        return False, _("Start and target are both {value}: set a target that differs").format(
            value=_amount(metric.start)
        )
    return True, ""


def _milestones(goal: _Goal) -> _Judgement:
    metric = goal.kr.metric
    if metric.type is not MetricType.CHECKLIST:
        return True, ""
    if not metric.milestones:
        return False, _("List the milestones that together mean done")
    if not goal.explain:
        return True, ""
    return True, _("Done when {count} milestones are done").format(
        count=_amount(len(metric.milestones))
    )


def _direction(goal: _Goal) -> _Judgement:
    metric = goal.kr.metric
    if not _counts_progress(goal) or metric.start is None or metric.target is None:
        return True, ""
    if metric.direction is Direction.INCREASE and metric.target < metric.start:
        return False, _("The target is below the start but the metric should increase: fix one")
    if metric.direction is Direction.DECREASE and metric.target > metric.start:
        return False, _("The target is above the start but the metric should decrease: fix one")
    return True, ""


# ------------------------------------------------------------------ Achievable
def _observed_points(goal: _Goal) -> list[tuple[dt.date, float]]:
    points = sorted((c.date, c.value) for c in goal.kr.checkins)
    cycle = goal.cycle
    start = goal.kr.metric.start
    # one check-in still shows a pace when the start value is known: from the cycle's
    # start, or from the key result's own start date when it began later
    began = kr_start(goal.kr, cycle) if cycle is not None else None
    if len(points) == 1 and began is not None and start is not None and began < points[0][0]:
        points.insert(0, (began, start))
    return points


def _pace(goal: _Goal) -> _Judgement:
    metric, kr = goal.kr.metric, goal.kr
    if not _counts_progress(goal) or metric.start is None or metric.target is None:
        return True, ""
    if goal.objective.status in (Status.DONE, Status.DROPPED):
        return True, _("Finished: no pace left to judge")
    sign = 1.0 if metric.direction is Direction.INCREASE else -1.0
    points = _observed_points(goal)
    span = (points[-1][0] - points[0][0]).days if len(points) >= 2 else 0
    if span <= 0:
        return _growth_within_limit(goal, sign)
    last_day, last_value = points[-1]
    remaining = (metric.target - last_value) * sign
    if remaining <= 0:
        return True, _("The target is already reached")
    if kr.due is None or kr.due < goal.today:
        return True, ""
    days_left = (kr.due - last_day).days
    if days_left <= 0:
        return False, _("No time is left before the due date: move it or lower the target")
    needed = remaining / days_left * 7
    observed = (last_value - points[0][1]) * sign / span * 7
    if observed <= 0:
        return False, _(
            "Check-ins show no progress yet while the target needs {needed} a week: "
            "add resources or lower the target"
        ).format(needed=_amount(needed))
    if needed > observed * goal.settings.smart.pace_tolerance:
        return False, _(
            "The target needs {needed} a week but check-ins show {observed}: "
            "lower the target, move the due date or add resources"
        ).format(needed=_amount(needed), observed=_amount(observed))
    if not goal.explain:
        return True, ""
    return True, _("On pace: needs {needed} a week, check-ins show {observed}").format(
        needed=_amount(needed), observed=_amount(observed)
    )


def _growth_within_limit(goal: _Goal, sign: float) -> _Judgement:
    metric = goal.kr.metric
    limit = goal.settings.smart.max_growth_per_cycle
    if limit is None or metric.start is None or metric.target is None or metric.start == 0:
        return True, ""
    growth = (metric.target - metric.start) * sign / abs(metric.start)
    if growth > limit:
        return False, _(
            "A change of {growth} in one cycle is above the workspace's maximum of {limit}: "
            "lower the target or spread it over more cycles"
        ).format(growth=_percent(growth), limit=_percent(limit))
    if not goal.explain:
        return True, ""
    return True, _("A change of {growth}, within the maximum of {limit} a cycle").format(
        growth=_percent(growth), limit=_percent(limit)
    )


def _confidence_level(goal: _Goal) -> _Judgement:
    confidence = goal.confidence
    minimum = goal.settings.smart.min_confidence
    if confidence is None:
        return True, ""
    if confidence < minimum:
        return False, _(
            "Confidence is {confidence}, below {minimum}: cut scope, add resources or "
            "lower the target"
        ).format(confidence=_percent(confidence), minimum=_percent(minimum))
    if not goal.explain:
        return True, ""
    return True, _("Confidence {confidence}").format(confidence=_percent(confidence))


def _confidence_stated(goal: _Goal) -> _Judgement:
    if goal.confidence is None:
        return False, _("Say how confident you are (0-100%) that the target will be reached")
    return True, ""


# ------------------------------------------------------------------ Relevant
def _relevance(goal: _Goal) -> _Judgement:
    if goal.objective.parent:
        if not goal.explain:
            return True, ""
        return True, _("Aligned to {parent}").format(parent=goal.objective.parent)
    if goal.kr.smart.relevant.answer.strip() or goal.objective.smart.relevant.answer.strip():
        return True, _("Why it matters is answered") if goal.explain else ""
    return False, _("Align it to a parent objective, or answer why it matters to the business now")


# ------------------------------------------------------------------ Time-bound
def _due_date(goal: _Goal) -> _Judgement:
    if goal.kr.due is not None:
        return True, ""
    cycle = goal.cycle
    if cycle is None:
        return False, _("Add a due date")
    return False, _("Add a due date inside {cycle} ({start} to {end})").format(
        cycle=cycle.name, start=_day(cycle.start, goal.settings), end=_day(cycle.end, goal.settings)
    )


def _due_in_cycle(goal: _Goal) -> _Judgement:
    due = goal.kr.due
    cycle = goal.cycle
    if due is None:
        return True, ""
    if cycle is None:
        return True, _("Due {due}").format(due=_day(due, goal.settings)) if goal.explain else ""
    if not cycle.contains(due):
        return False, _("Due {due} is outside {cycle} ({start} to {end}): move it inside").format(
            due=_day(due, goal.settings),
            cycle=cycle.name,
            start=_day(cycle.start, goal.settings),
            end=_day(cycle.end, goal.settings),
        )
    if not goal.explain:
        return True, ""
    return True, _("Due {due}, inside {cycle}").format(
        due=_day(due, goal.settings), cycle=cycle.name
    )


# ------------------------------------------------------------------ outcome
def _outcome(goal: _Goal) -> _Judgement:
    term = activity_term(goal.kr.title, goal.settings.smart.extra_activity_words)
    if term is not None:
        return False, _(
            "'{word}' describes work, not a result: name the number that changes when it is done"
        ).format(word=term)
    return True, _("Describes a result, not an activity") if goal.explain else ""


KEY_RESULT_RULES: dict[str, Callable[[_Goal], _Judgement]] = {
    "S101": _title_length,
    "S102": _vague_wording,
    "S201": _unit,
    "S202": _start,
    "S203": _target,
    "S204": _start_differs,
    "S205": _milestones,
    "S206": _direction,
    "S301": _pace,
    "S302": _confidence_level,
    "S303": _confidence_stated,
    "S401": _relevance,
    "S501": _due_date,
    "S502": _due_in_cycle,
    "S601": _outcome,
}
"""Rules judged on one key result, in report order."""


_Rule = tuple[str, Callable[[_Goal], _Judgement], SmartCriterion | None, Severity]


@lru_cache(maxsize=32)
def _enabled(severities: frozenset[tuple[str, Severity]]) -> tuple[_Rule, ...]:
    rules = SmartRules(severity=dict(severities))
    enabled = []
    for code, judge in KEY_RESULT_RULES.items():
        severity = rules.severity_of(code)
        if severity is not Severity.OFF:
            enabled.append((code, judge, RULES[code].criterion, severity))
    return tuple(enabled)


def enabled_rules(settings: WorkspaceSettings) -> tuple[_Rule, ...]:
    """The key-result rules not turned off, with their severity (they depend on nothing else)."""
    return _enabled(frozenset(settings.smart.severity.items()))


def rule_verdicts(
    kr: KeyResult,
    objective: Objective,
    settings: WorkspaceSettings,
    today: dt.date,
    *,
    failing_only: bool = False,
    rules: tuple[_Rule, ...] | None = None,
) -> list[SmartVerdict]:
    """One verdict per key-result rule that is not turned off, holding or not.

    With `failing_only`, only the rules that do not hold (the same verdicts).
    `rules` is `enabled_rules(settings)`, when the caller judges many key results.
    """
    cycle = settings.cycle(objective.cycle)
    goal = _Goal(kr, objective, settings, today, not failing_only, cycle, kr.current_confidence())
    verdicts = []
    for code, judge, criterion, severity in rules or enabled_rules(settings):
        holds, reason = judge(goal)
        if holds and failing_only:
            continue
        verdicts.append(SmartVerdict(criterion, code, holds, reason, severity))
    return verdicts


def _letter_verdict(
    criterion: SmartCriterion | None, family: int, verdicts: Iterable[SmartVerdict]
) -> SmartVerdict:
    own = [v for v in verdicts if v.code.startswith(f"S{family}")]
    if not own:
        return SmartVerdict(
            criterion,
            f"S{family}00",
            True,
            _("Not checked: turned off in okrtui.toml"),
            Severity.OFF,
        )
    failing = [v for v in own if not v.holds]
    if failing:
        return min(failing, key=lambda v: v.severity is not Severity.ERROR)
    severity = (
        Severity.ERROR if any(v.severity is Severity.ERROR for v in own) else Severity.WARNING
    )
    reason = next((v.reason for v in own if v.reason), _("Holds"))
    return SmartVerdict(criterion, f"S{family}00", True, reason, severity)


def evaluate_key_result(
    kr: KeyResult, objective: Objective, settings: WorkspaceSettings, today: dt.date
) -> list[SmartVerdict]:
    """One verdict per SMART letter in S, M, A, R, T order, then the outcome rule.

    A letter holds when all its rules that are not turned off hold; a letter
    that fails carries the code and reason of its first failing rule (errors
    first). A letter that holds carries the code `S<n>00`.
    """
    verdicts = rule_verdicts(kr, objective, settings, today)
    return [
        _letter_verdict(criterion, family, verdicts)
        for family, criterion in enumerate(LETTERS, start=1)
    ]


def plan_quality(objective: Objective, settings: WorkspaceSettings, today: dt.date) -> PlanQuality:
    """How many of the five SMART letters hold, summed over the objective's key results."""
    holding = total = 0
    for kr in objective.key_results:
        letters = evaluate_key_result(kr, objective, settings, today)[: len(SmartCriterion)]
        holding += sum(v.holds for v in letters)
        total += len(letters)
    return PlanQuality(holding, total)
