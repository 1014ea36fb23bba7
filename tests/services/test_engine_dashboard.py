"""Dashboard data for a cycle, on the bundled sample workspace and on small trees."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from okrtui.model import CheckIn, Cycle, KeyResult, Metric, Objective, Rollup, WorkspaceSettings
from okrtui.services.dashboard import alignment_order, build_dashboard
from okrtui.services.health import Health
from okrtui.store import WorkspaceStore

TODAY = dt.date(2026, 11, 27)


def test_dashboard_of_the_sample_workspace(sample_workspace: Path) -> None:
    store = WorkspaceStore.open(sample_workspace)
    assert not store.errors
    dashboard = build_dashboard(store.objectives.values(), store.settings, TODAY)
    assert dashboard.cycle_name == "2026-Q4"
    assert dashboard.elapsed == pytest.approx(57 / 91)
    assert dashboard.days_left == 34
    q4 = {o.id for o in store.objectives.values() if o.cycle == "2026-Q4"}
    assert {row.id for row in dashboard.rows} == q4
    assert sum(dashboard.objective_counts.values()) == len(dashboard.rows)
    kr_total = sum(len(row.key_results) for row in dashboard.rows)
    assert sum(dashboard.kr_counts.values()) == kr_total
    ids = [row.id for row in dashboard.rows]
    for row in dashboard.rows:
        if row.parent in ids:
            assert ids.index(row.parent) < ids.index(row.id)
            assert row.depth == 1 + next(r.depth for r in dashboard.rows if r.id == row.parent)
        for kr_row in row.key_results:
            kr = store.objectives[row.id].key_result(kr_row.id)
            assert kr is not None
            assert len(kr_row.series) == len(kr.checkins)
            assert [d for d, _v in kr_row.series] == sorted(d for d, _v in kr_row.series)
            assert kr_row.value == kr.current_value()
        assert row.progress is None or 0.0 <= row.progress <= 1.0
    leader = next(r for r in dashboard.rows if r.id == "marketing-education-leader")
    traffic = next(k for k in leader.key_results if k.id == "organic-traffic")
    assert traffic.progress == pytest.approx((48500 - 40000) / 14000)
    assert traffic.forecast is not None and traffic.forecast.value_at_due is not None


def _kr(value: float) -> KeyResult:
    return KeyResult(
        id="kr",
        title="kr",
        metric=Metric(start=0, target=100),
        checkins=[CheckIn(date=dt.date(2026, 11, 25), value=value)],
    )


def test_dashboard_rolls_up_children_and_counts_health() -> None:
    q4 = Cycle(name="2026-Q4", start=dt.date(2026, 10, 1), end=dt.date(2026, 12, 31))
    settings = WorkspaceSettings(cycles=[q4], rollup=Rollup.CHILDREN)
    objectives = [
        Objective(id="parent", title="P", cycle="2026-Q4", key_results=[_kr(0)]),
        Objective(id="child", title="C", cycle="2026-Q4", parent="parent", key_results=[_kr(80)]),
        Objective(id="old", title="Old", cycle="2026-Q3", key_results=[_kr(10)]),
    ]
    dashboard = build_dashboard(objectives, settings, TODAY, "2026-Q4")
    assert [(r.id, r.depth) for r in dashboard.rows] == [("parent", 0), ("child", 1)]
    parent = dashboard.rows[0]
    assert parent.progress == pytest.approx(0.8)
    assert parent.score == pytest.approx(0.8)
    assert parent.health.health is Health.OFF_TRACK  # its own key result is at 0%
    assert dashboard.objective_counts[Health.OFF_TRACK] == 1
    assert dashboard.objective_counts[Health.ON_TRACK] == 1


def test_unknown_cycle_gives_an_empty_dashboard() -> None:
    dashboard = build_dashboard([], WorkspaceSettings(), TODAY, "nope")
    assert (dashboard.rows, dashboard.elapsed, dashboard.days_left) == ((), None, None)


def test_alignment_order_places_objectives_caught_in_a_cycle() -> None:
    a = Objective(id="a", title="a", cycle="c", parent="b")
    b = Objective(id="b", title="b", cycle="c", parent="a")
    root = Objective(id="root", title="root", cycle="c")
    order = alignment_order([a, b, root])
    assert sorted(o.id for o, _d in order) == ["a", "b", "root"]
    assert order[0] == (root, 0)
