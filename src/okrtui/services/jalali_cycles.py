"""Jalali seasons as cycles: بهار، تابستان، پاییز، زمستان.

A Jalali year starts at Nowruz (1 Farvardin, around 20 March). Its seasons
are three months each: spring is Farvardin to Khordad (31-day months),
summer Tir to Shahrivar (31), autumn Mehr to Azar (30) and winter Dey to
Esfand (30, and 29 in a common year). jdatetime knows the leap years, so the
last day of winter is the day before the next Nowruz (1403-12-30 is
2025-03-20). Cycles keep Gregorian ISO dates in the files; only their names
and labels are Jalali.
"""

from __future__ import annotations

import datetime as dt

import jdatetime

from okrtui.model import Cycle

SEASONS: tuple[tuple[str, str, int], ...] = (
    ("bahar", "بهار", 1),
    ("tabestan", "تابستان", 4),
    ("paeez", "پاییز", 7),
    ("zemestan", "زمستان", 10),
)
"""(name in the file, Persian name, first month)."""

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def jalali_year(day: dt.date) -> int:
    year: int = jdatetime.date.fromgregorian(date=day).year
    return year


def _first_day(year: int, month: int) -> dt.date:
    day: dt.date = jdatetime.date(year, month, 1).togregorian()
    return day


def season_cycles(year: int) -> list[Cycle]:
    """The four seasons of Jalali `year`, named `<year>-<season>` and labelled in Persian."""
    cycles = []
    for index, (name, persian, month) in enumerate(SEASONS):
        start = _first_day(year, month)
        following = (
            _first_day(year, SEASONS[index + 1][2]) if index < 3 else _first_day(year + 1, 1)
        )
        label = f"{persian} {str(year).translate(_PERSIAN_DIGITS)}"
        cycles.append(
            Cycle(
                name=f"{year}-{name}",
                start=start,
                end=following - dt.timedelta(days=1),
                label=label,
            )
        )
    return cycles


def season_of(day: dt.date) -> Cycle:
    """The Jalali season `day` falls in."""
    return next(c for c in season_cycles(jalali_year(day)) if c.contains(day))
