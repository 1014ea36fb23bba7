"""Filters by owner and health."""

from __future__ import annotations

import datetime as dt

from okrtui.model import CheckIn, Cycle, KeyResult, Metric, Objective, WorkspaceSettings
from okrtui.services.filters import matching_objective_ids, owners
from okrtui.services.health import Health

TODAY = dt.date(2026, 11, 15)
SETTINGS = WorkspaceSettings(
    cycles=[Cycle(name="2026-Q4", start=dt.date(2026, 10, 1), end=dt.date(2026, 12, 31))]
)


def kr(kr_id: str, value: float, owner: str = "") -> KeyResult:
    return KeyResult(
        id=kr_id,
        title=kr_id,
        owner=owner,
        metric=Metric(start=0, target=100),
        checkins=[CheckIn(date=dt.date(2026, 11, 13), value=value)],
    )


def objectives() -> list[Objective]:
    return [
        Objective(id="on", title="On", owner="Sara", cycle="2026-Q4", key_results=[kr("a", 50)]),
        Objective(
            id="mixed",
            title="Mixed",
            owner="Reza",
            cycle="2026-Q4",
            key_results=[kr("a", 60), kr("b", 5, owner="Ali")],
        ),
        Objective(id="empty", title="Empty", owner="Ali", cycle="2026-Q4"),
    ]


def test_no_criteria_match_everything() -> None:
    assert matching_objective_ids(objectives(), SETTINGS, TODAY) == ["on", "mixed", "empty"]


def test_owner_of_the_objective_or_of_a_key_result() -> None:
    assert matching_objective_ids(objectives(), SETTINGS, TODAY, owner="ali") == [
        "mixed",
        "empty",
    ]
    # key result "a" of "mixed" has no owner of its own: it is Reza's
    assert matching_objective_ids(objectives(), SETTINGS, TODAY, owner=" REZA ") == ["mixed"]
    assert matching_objective_ids(objectives(), SETTINGS, TODAY, owner="nobody") == []


def test_health_of_the_objective_or_of_a_key_result() -> None:
    off = matching_objective_ids(objectives(), SETTINGS, TODAY, healths={Health.OFF_TRACK})
    assert off == ["mixed"]
    on = matching_objective_ids(objectives(), SETTINGS, TODAY, healths=[Health.ON_TRACK])
    assert on == ["on", "mixed"]
    no_data = matching_objective_ids(objectives(), SETTINGS, TODAY, healths=[Health.NO_DATA])
    assert no_data == ["empty"]


def test_owner_and_health_must_meet_on_the_same_thing() -> None:
    # Reza's own key result is on track; the off-track one is Ali's
    assert (
        matching_objective_ids(
            objectives(), SETTINGS, TODAY, owner="Reza", healths={Health.OFF_TRACK}
        )
        == []
    )
    assert matching_objective_ids(
        objectives(), SETTINGS, TODAY, owner="Ali", healths={Health.OFF_TRACK}
    ) == ["mixed"]


def test_owners_are_listed_once() -> None:
    data = objectives()
    data[0].owner = "ali"
    assert owners(data) == ["ali", "Reza"]
