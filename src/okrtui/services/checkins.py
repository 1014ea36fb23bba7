"""Check-ins: adding, editing and deleting the dated measurements of a key result.

The functions change the key result in place and keep its check-ins sorted
by date; the caller saves the objective. One check-in per day: adding a
second one on a day that has one updates that day's check-in, so the value
of "today" is never ambiguous. Check-ins are addressed by their index in the
sorted list, which is the order the UI shows them in.
"""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum

from okrtui.i18n import _, count
from okrtui.model import CheckIn, KeyResult, MetricType

#: Confidence below this is low; at or above `HIGH_CONFIDENCE` it is high.
LOW_CONFIDENCE = 0.4
HIGH_CONFIDENCE = 0.7


class CheckInError(ValueError):
    """A check-in change that was refused; the message says why, translated."""


class ConfidenceLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


def confidence_level(confidence: float | None) -> ConfidenceLevel | None:
    """Low below 0.4, high from 0.7, medium between; None when not given."""
    if confidence is None:
        return None
    if confidence < LOW_CONFIDENCE:
        return ConfidenceLevel.LOW
    if confidence >= HIGH_CONFIDENCE:
        return ConfidenceLevel.HIGH
    return ConfidenceLevel.MEDIUM


def confidence_label(confidence: float | None) -> str:
    """The translated confidence level of `confidence`, e.g. "High"."""
    labels = {
        None: _("Not set"),
        ConfidenceLevel.LOW: _("Low"),
        ConfidenceLevel.MEDIUM: _("Medium"),
        ConfidenceLevel.HIGH: _("High"),
    }
    return labels[confidence_level(confidence)]


def _sorted(checkins: list[CheckIn]) -> list[CheckIn]:
    return sorted(checkins, key=lambda c: c.date)  # stable: same-day order is kept


def value_bounds(kr: KeyResult) -> tuple[float, float] | None:
    """The values a check-in of `kr` may take, or None when any number will do.

    A percent lies in 0..100; a start or target outside that range (a change
    that may fall below 0 or pass 100) widens it to include them.
    """
    metric = kr.metric
    if metric.type is not MetricType.PERCENT:
        return None
    marks = [v for v in (metric.start, metric.target) if v is not None]
    return min([0.0, *marks]), max([100.0, *marks])


def check_value(kr: KeyResult, value: float) -> None:
    """Refuse a value `kr` cannot take: not a finite number, or a percent out of range."""
    if not math.isfinite(value):
        raise CheckInError(_("A check-in value must be a number"))
    bounds = value_bounds(kr)
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        low, high = (f"{b:g}" for b in bounds)
        raise CheckInError(
            _("{value:g} is not a percent between {low} and {high}").format(
                value=value, low=low, high=high
            )
        )


def _check_date(day: dt.date, today: dt.date) -> None:
    if day > today:
        raise CheckInError(_("A check-in cannot be dated in the future ({date})").format(date=day))


def add_checkin(
    kr: KeyResult,
    value: float,
    *,
    author: str,
    today: dt.date,
    date: dt.date | None = None,
    confidence: float | None = None,
    note: str = "",
) -> CheckIn:
    """Record `value` for `kr` on `date` (default: today) and return the check-in.

    A check-in already on that date is updated instead: its note and
    confidence are kept unless new ones are given. Refuses future dates and
    invalid confidences.
    """
    day = date or today
    _check_date(day, today)
    check_value(kr, value)
    if confidence is not None and not 0.0 <= confidence <= 1.0:
        raise CheckInError(_("Confidence must be between 0 and 1"))
    checkin = CheckIn(date=day, value=value, confidence=confidence, note=note, author=author)
    checkins = list(kr.checkins)
    same_day = [i for i, c in enumerate(checkins) if c.date == day]
    if same_day:
        index = same_day[-1]
        earlier = checkins[index]
        kept: dict[str, object] = {}
        if not note:
            kept["note"] = earlier.note
        if confidence is None:
            kept["confidence"] = earlier.confidence
        if kept:
            checkin = checkin.model_copy(update=kept)
        checkins[index] = checkin
    else:
        checkins.append(checkin)
    kr.checkins = _sorted(checkins)
    return checkin


def _index(kr: KeyResult, index: int) -> int:
    if not 0 <= index < len(kr.checkins):
        raise CheckInError(_("No check-in number {number}").format(number=count(index + 1)))
    return index


def edit_checkin(kr: KeyResult, index: int, replacement: CheckIn, *, today: dt.date) -> CheckIn:
    """Replace the check-in at `index` (in date order) with `replacement`.

    Refuses a future date, or a date another check-in already has.
    """
    checkins = _sorted(list(kr.checkins))
    index = _index(kr, index)
    _check_date(replacement.date, today)
    if any(c.date == replacement.date for i, c in enumerate(checkins) if i != index):
        raise CheckInError(
            _("Another check-in is already dated {date}").format(date=replacement.date)
        )
    check_value(kr, replacement.value)
    edited = replacement.model_copy()
    checkins[index] = edited
    kr.checkins = _sorted(checkins)
    return edited


def delete_checkin(kr: KeyResult, index: int) -> CheckIn:
    """Remove the check-in at `index` (in date order) and return it."""
    checkins = _sorted(list(kr.checkins))
    removed = checkins.pop(_index(kr, index))
    kr.checkins = checkins
    return removed


def value_series(kr: KeyResult) -> list[tuple[dt.date, float]]:
    """(date, value) of every check-in in date order, for a small chart."""
    return [(c.date, c.value) for c in _sorted(list(kr.checkins))]
