"""Jalali seasons as cycles: exact boundaries, leap years included; files keep ISO dates."""

from __future__ import annotations

import datetime as dt
import itertools
import tomllib
from pathlib import Path

import pytest

from okrtui.cli.main import main
from okrtui.services.jalali_cycles import jalali_year, season_cycles, season_of


def test_the_four_seasons_of_1404() -> None:
    spring, summer, autumn, winter = season_cycles(1404)
    assert (spring.name, spring.label) == ("1404-bahar", "بهار ۱۴۰۴")
    assert (spring.start, spring.end) == (dt.date(2025, 3, 21), dt.date(2025, 6, 21))
    assert (summer.start, summer.end) == (dt.date(2025, 6, 22), dt.date(2025, 9, 22))
    assert (autumn.start, autumn.end) == (dt.date(2025, 9, 23), dt.date(2025, 12, 21))
    assert (winter.start, winter.end) == (dt.date(2025, 12, 22), dt.date(2026, 3, 20))
    assert [c.label.split()[0] for c in (summer, autumn, winter)] == ["تابستان", "پاییز", "زمستان"]


@pytest.mark.parametrize(
    ("year", "last_day"),
    [
        (1403, dt.date(2025, 3, 20)),  # leap: 1403-12-30 is 2025-03-20
        (1399, dt.date(2021, 3, 20)),  # leap: 1399-12-30
        (1404, dt.date(2026, 3, 20)),  # common: 1404-12-29
        (1402, dt.date(2024, 3, 19)),  # common: 1402-12-29
    ],
)
def test_winter_ends_the_day_before_nowruz(year: int, last_day: dt.date) -> None:
    assert season_cycles(year)[-1].end == last_day
    assert season_cycles(year + 1)[0].start == last_day + dt.timedelta(days=1)


def test_seasons_cover_every_day_without_gaps() -> None:
    for year in range(1395, 1415):
        cycles = season_cycles(year)
        for before, after in itertools.pairwise(cycles):
            assert after.start == before.end + dt.timedelta(days=1)
        assert (cycles[-1].end - cycles[0].start).days + 1 in (365, 366)


def test_the_season_of_a_day() -> None:
    assert season_of(dt.date(2025, 3, 20)).name == "1403-zemestan"
    assert season_of(dt.date(2025, 3, 21)).name == "1404-bahar"
    assert jalali_year(dt.date(2026, 11, 29)) == 1405


def test_init_with_the_jalali_calendar_proposes_this_years_seasons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path / "ws"), "--calendar", "jalali"]) == 0
    text = (tmp_path / "ws" / "okrtui.toml").read_text(encoding="utf-8")
    settings = tomllib.loads(text)
    assert settings["calendar"] == "jalali"
    year = jalali_year(dt.date.today())
    assert [c["name"] for c in settings["cycles"]] == [
        f"{year}-bahar",
        f"{year}-tabestan",
        f"{year}-paeez",
        f"{year}-zemestan",
    ]
    assert all(isinstance(c["start"], dt.date) for c in settings["cycles"])  # ISO dates in the file
    assert "بهار" in settings["cycles"][0]["label"]
    assert f"{year}-bahar" in capsys.readouterr().out
