"""Check-ins: add, edit, delete, ordering, and confidence levels."""

from __future__ import annotations

import datetime as dt

import pytest

from okrtui.model import CheckIn, KeyResult, Metric
from okrtui.services.checkins import (
    CheckInError,
    ConfidenceLevel,
    add_checkin,
    confidence_label,
    confidence_level,
    delete_checkin,
    edit_checkin,
    value_series,
)

TODAY = dt.date(2026, 11, 27)


def make_kr() -> KeyResult:
    return KeyResult(
        id="kr",
        title="kr",
        metric=Metric(start=0, target=100),
        checkins=[
            CheckIn(date=dt.date(2026, 11, 1), value=10, note="first"),
            CheckIn(date=dt.date(2026, 11, 15), value=30),
        ],
    )


def dates(kr: KeyResult) -> list[dt.date]:
    return [c.date for c in kr.checkins]


def test_add_defaults_to_today_and_becomes_the_value() -> None:
    kr = make_kr()
    checkin = add_checkin(kr, 42, author="Mina", today=TODAY, confidence=0.6, note="good week")
    assert (checkin.date, checkin.value, checkin.author, checkin.confidence) == (
        TODAY,
        42,
        "Mina",
        0.6,
    )
    assert kr.current_value() == 42
    assert kr.current_confidence() == 0.6
    assert dates(kr)[-1] == TODAY


def test_a_backdated_checkin_is_kept_in_date_order() -> None:
    kr = make_kr()
    add_checkin(kr, 20, author="Mina", today=TODAY, date=dt.date(2026, 11, 8))
    assert dates(kr) == sorted(dates(kr))
    assert [c.value for c in kr.checkins] == [10, 20, 30]
    assert kr.current_value() == 30


def test_a_second_checkin_on_the_same_day_updates_it() -> None:
    kr = make_kr()
    add_checkin(kr, 12, author="Ali", today=TODAY, date=dt.date(2026, 11, 1))
    assert len(kr.checkins) == 2
    assert (kr.checkins[0].value, kr.checkins[0].note, kr.checkins[0].author) == (
        12,
        "first",
        "Ali",
    )
    add_checkin(kr, 13, author="Ali", today=TODAY, date=dt.date(2026, 11, 1), note="fixed")
    assert kr.checkins[0].note == "fixed"


@pytest.mark.parametrize(
    ("value", "day", "confidence"),
    [
        (1.0, TODAY + dt.timedelta(days=1), None),
        (float("nan"), None, None),
        (float("inf"), None, None),
        (1.0, None, 1.5),
    ],
)
def test_add_refuses_bad_checkins(
    value: float, day: dt.date | None, confidence: float | None
) -> None:
    kr = make_kr()
    before = list(kr.checkins)
    with pytest.raises(CheckInError):
        add_checkin(kr, value, author="x", today=TODAY, date=day, confidence=confidence)
    assert kr.checkins == before


def test_edit_replaces_and_resorts() -> None:
    kr = make_kr()
    edited = edit_checkin(
        kr, 0, CheckIn(date=dt.date(2026, 11, 20), value=35, author="Ali"), today=TODAY
    )
    assert edited.value == 35
    assert [c.value for c in kr.checkins] == [30, 35]
    assert kr.current_value() == 35


def test_edit_refuses_a_taken_date_a_future_date_and_a_bad_index() -> None:
    kr = make_kr()
    before = list(kr.checkins)
    with pytest.raises(CheckInError):
        edit_checkin(kr, 0, CheckIn(date=dt.date(2026, 11, 15), value=1), today=TODAY)
    with pytest.raises(CheckInError):
        edit_checkin(kr, 0, CheckIn(date=TODAY + dt.timedelta(days=3), value=1), today=TODAY)
    with pytest.raises(CheckInError):
        edit_checkin(kr, 5, CheckIn(date=TODAY, value=1), today=TODAY)
    assert kr.checkins == before
    same_day = edit_checkin(kr, 1, CheckIn(date=dt.date(2026, 11, 15), value=31), today=TODAY)
    assert same_day.value == 31  # keeping its own date is fine


def test_delete() -> None:
    kr = make_kr()
    removed = delete_checkin(kr, 1)
    assert removed.value == 30
    assert kr.current_value() == 10
    with pytest.raises(CheckInError):
        delete_checkin(kr, 1)
    with pytest.raises(CheckInError):
        delete_checkin(kr, -1)


def test_value_series_is_in_date_order() -> None:
    kr = make_kr()
    kr.checkins = list(reversed(kr.checkins))
    assert value_series(kr) == [(dt.date(2026, 11, 1), 10), (dt.date(2026, 11, 15), 30)]


@pytest.mark.parametrize(
    ("confidence", "level", "label"),
    [
        (None, None, "Not set"),
        (0.0, ConfidenceLevel.LOW, "Low"),
        (0.39, ConfidenceLevel.LOW, "Low"),
        (0.4, ConfidenceLevel.MEDIUM, "Medium"),
        (0.69, ConfidenceLevel.MEDIUM, "Medium"),
        (0.7, ConfidenceLevel.HIGH, "High"),
        (1.0, ConfidenceLevel.HIGH, "High"),
    ],
)
def test_confidence_levels(
    confidence: float | None, level: ConfidenceLevel | None, label: str
) -> None:
    assert confidence_level(confidence) is level
    assert confidence_label(confidence) == label
