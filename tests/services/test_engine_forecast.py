"""Forecasts: least-squares lines through check-ins."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from okrtui.model import CheckIn, Cycle, Direction, KeyResult, Metric, MetricType
from okrtui.services.forecast import fit_line, forecast_kr, target_date

D0 = dt.date(2026, 10, 1)
Q4 = Cycle(name="2026-Q4", start=D0, end=dt.date(2026, 12, 31))


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


def make_kr(
    points: Sequence[tuple[int, float]],
    *,
    start: float = 0.0,
    target: float = 100.0,
    direction: Direction = Direction.INCREASE,
    type_: MetricType = MetricType.NUMBER,
    due: dt.date | None = None,
) -> KeyResult:
    return KeyResult(
        id="kr",
        title="kr",
        due=due,
        metric=Metric(type=type_, direction=direction, start=start, target=target),
        checkins=[CheckIn(date=day(n), value=v) for n, v in points],
    )


def test_exact_linear_data_is_fitted_exactly() -> None:
    fit = fit_line([(day(0), 10.0), (day(7), 17.0), (day(14), 24.0)])
    assert fit is not None
    assert fit.origin == D0
    assert fit.slope == pytest.approx(1.0)
    assert fit.intercept == pytest.approx(10.0)
    assert fit.value_at(day(30)) == pytest.approx(40.0)


def test_least_squares_on_noisy_data() -> None:
    fit = fit_line([(day(0), 1.0), (day(1), 3.0), (day(2), 2.0)])
    assert fit is not None
    assert fit.slope == pytest.approx(0.5)
    assert fit.intercept == pytest.approx(1.5)


@pytest.mark.parametrize(
    "points",
    [[], [(day(0), 1.0)], [(day(3), 1.0), (day(3), 5.0)]],
)
def test_a_line_needs_two_distinct_dates(points: list[tuple[dt.date, float]]) -> None:
    assert fit_line(points) is None


def test_forecast_projects_the_due_date_and_the_target_date() -> None:
    kr = make_kr([(0, 10.0), (7, 17.0), (14, 24.0)], target=60)
    forecast = forecast_kr(kr, Q4)
    assert forecast is not None
    assert forecast.due == Q4.end
    assert forecast.value_at_due == pytest.approx(10 + 91)
    assert forecast.progress_at_due == pytest.approx(101 / 60)
    assert forecast.target_date == day(50)
    assert forecast.reaches_target_by_due is True


def test_forecast_uses_the_key_results_own_due_date() -> None:
    kr = make_kr([(0, 10.0), (7, 17.0)], target=60, due=day(20))
    forecast = forecast_kr(kr, Q4)
    assert forecast is not None
    assert forecast.value_at_due == pytest.approx(30.0)
    assert forecast.reaches_target_by_due is False


def test_target_date_rounds_up_to_a_whole_day() -> None:
    kr = make_kr([(0, 0.0), (2, 1.0)], target=10)  # 0.5 a day: day 20 exactly
    forecast = forecast_kr(kr, Q4)
    assert forecast is not None and forecast.target_date == day(20)
    kr = make_kr([(0, 0.0), (3, 1.0)], target=10)  # 1/3 a day: 30 days, float noise
    forecast = forecast_kr(kr, Q4)
    assert forecast is not None and forecast.target_date == day(30)


def test_decreasing_metric() -> None:
    kr = make_kr(
        [(0, 60.0), (10, 55.0), (20, 50.0)], start=60, target=40, direction=Direction.DECREASE
    )
    forecast = forecast_kr(kr, Q4)
    assert forecast is not None
    assert forecast.fit.slope == pytest.approx(-0.5)
    assert forecast.target_date == day(40)
    assert forecast.value_at_due == pytest.approx(60 - 0.5 * 91)


@pytest.mark.parametrize(
    ("points", "direction"),
    [
        ([(0, 20.0), (7, 20.0)], Direction.INCREASE),  # flat
        ([(0, 20.0), (7, 15.0)], Direction.INCREASE),  # wrong way
        ([(0, 50.0), (7, 55.0)], Direction.DECREASE),  # wrong way
    ],
)
def test_never_reaching_the_target(points: list[tuple[int, float]], direction: Direction) -> None:
    target = 100.0 if direction is Direction.INCREASE else 10.0
    forecast = forecast_kr(make_kr(points, target=target, start=20, direction=direction), Q4)
    assert forecast is not None
    assert forecast.target_date is None
    assert forecast.reaches_target_by_due is False


def test_a_crossing_beyond_the_horizon_is_never() -> None:
    forecast = forecast_kr(make_kr([(0, 0.0), (365, 0.001)], target=1e9), Q4)
    assert forecast is not None and forecast.target_date is None


def test_already_reached_gives_the_day_it_was_first_reached() -> None:
    kr = make_kr([(0, 50.0), (7, 101.0), (14, 99.0), (21, 120.0)], target=100)
    fit = fit_line([(c.date, c.value) for c in kr.checkins])
    assert fit is not None
    assert target_date(kr, fit) == day(7)


def test_milestones_and_single_checkins_have_no_forecast() -> None:
    milestone = make_kr([(0, 0.0), (7, 1.0)], target=1, type_=MetricType.MILESTONE)
    assert forecast_kr(milestone, Q4) is None
    assert forecast_kr(make_kr([(0, 5.0)]), Q4) is None


def test_no_due_date_and_no_cycle() -> None:
    forecast = forecast_kr(make_kr([(0, 10.0), (7, 17.0)], target=60))
    assert forecast is not None
    assert (forecast.due, forecast.value_at_due, forecast.reaches_target_by_due) == (
        None,
        None,
        None,
    )
    assert forecast.target_date == day(50)
