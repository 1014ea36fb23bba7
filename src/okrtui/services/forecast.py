"""Forecasts: a least-squares straight line through a key result's check-ins.

The line projects the value at the due date and the day the target would be
reached. It needs at least two check-ins on different dates; a milestone
(done or not) has no trend to fit.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from okrtui.model import Cycle, Direction, KeyResult, MetricType
from okrtui.services.health import kr_due
from okrtui.services.progress import is_reached, progress_of_value

#: Crossings further away than this are "never" (and would overflow a date).
HORIZON_DAYS = 100 * 366


@dataclass(frozen=True, slots=True)
class LinearFit:
    """value = intercept + slope * (days since origin)."""

    origin: dt.date
    slope: float
    intercept: float

    def value_at(self, day: dt.date) -> float:
        """The fitted value on `day`."""
        return self.intercept + self.slope * (day - self.origin).days

    def day_reaching(self, value: float) -> float | None:
        """Days after `origin` when the line passes `value`; None for a flat line."""
        if self.slope == 0:
            return None
        return (value - self.intercept) / self.slope


def fit_line(points: Sequence[tuple[dt.date, float]]) -> LinearFit | None:
    """The least-squares line through (date, value) points.

    None with fewer than two distinct dates: a line through one day is any line.
    """
    if len({day for day, _value in points}) < 2:
        return None
    origin = min(day for day, _value in points)
    xs = [float((day - origin).days) for day, _value in points]
    ys = [value for _day, value in points]
    n = len(points)
    mean_x = sum(xs) / n
    mean_y = sum(ys) / n
    # centred sums keep precision when values are large (visits, currency)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx
    return LinearFit(origin=origin, slope=slope, intercept=mean_y - slope * mean_x)


@dataclass(frozen=True, slots=True)
class Forecast:
    """Where a key result's trend leads."""

    fit: LinearFit
    due: dt.date | None
    value_at_due: float | None
    progress_at_due: float | None
    target_date: dt.date | None
    """The first day the target is (or would be) reached; None if the trend never gets there."""

    @property
    def reaches_target_by_due(self) -> bool | None:
        if self.due is None:
            return None
        return self.target_date is not None and self.target_date <= self.due


def _rising(kr: KeyResult) -> bool:
    """True when the good direction is up for this metric."""
    return kr.metric.direction not in (Direction.DECREASE, Direction.STAY_BELOW)


def target_date(kr: KeyResult, fit: LinearFit) -> dt.date | None:
    """The day the key result reaches its target on the fitted line.

    If the latest check-in already reached it, the day of the first check-in
    that did. None when the line is flat, heads the wrong way, or gets there
    only beyond `HORIZON_DAYS`.
    """
    checkins = sorted(kr.checkins, key=lambda c: c.date)
    metric = kr.metric
    if metric.target is None or not checkins:
        return None
    if is_reached(metric, checkins[-1].value):
        return next(c.date for c in checkins if is_reached(metric, c.value))
    if fit.slope == 0 or (fit.slope > 0) != _rising(kr):
        return None
    target = metric.target
    if metric.type is MetricType.CHECKLIST and metric.milestones:
        target = float(len(metric.milestones))
    days = fit.day_reaching(target)
    if days is None or days > HORIZON_DAYS:
        return None
    # a whole day on or after the crossing; the epsilon forgives float noise
    day = fit.origin + dt.timedelta(days=math.ceil(days - 1e-9))
    return max(day, checkins[-1].date)


def forecast_kr(kr: KeyResult, cycle: Cycle | None = None) -> Forecast | None:
    """The trend of a key result's check-ins, projected to its due date.

    The due date is the key result's own, else the cycle's end. None when
    there is nothing to fit (fewer than two distinct check-in dates, or a
    milestone).
    """
    if kr.metric.type is MetricType.MILESTONE:
        return None
    fit = fit_line([(c.date, c.value) for c in kr.checkins])
    if fit is None:
        return None
    due = kr_due(kr, cycle)
    value_at_due = fit.value_at(due) if due is not None else None
    return Forecast(
        fit=fit,
        due=due,
        value_at_due=value_at_due,
        progress_at_due=progress_of_value(kr, value_at_due),
        target_date=target_date(kr, fit),
    )
