"""The model refuses data that is unsafe or ambiguous, and says where."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from okrtui.model import (
    CheckIn,
    KeyResult,
    Metric,
    MetricType,
    Milestone,
    Objective,
    SmartChecklist,
    SmartCriterion,
)


def objective(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": "grow", "title": "Grow", "cycle": "2026-Q4"}
    data.update(changes)
    return data


def errors(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    with pytest.raises(ValidationError) as info:
        Objective.model_validate(data)
    return [(tuple(e["loc"]), e["type"]) for e in info.value.errors()]


@pytest.mark.parametrize("value", ["../x", "/etc/passwd", "a/b", "..", "my id", "x\n", "nul"])
def test_unsafe_ids_are_refused(value: str) -> None:
    assert errors(objective(id=value)) == [(("id",), "invalid_id")]
    assert errors(objective(parent=value)) == [(("parent",), "invalid_id")]
    kr = {"id": value, "title": "KR"}
    assert errors(objective(key_results=[kr])) == [(("key_results", 0, "id"), "invalid_id")]


@pytest.mark.parametrize("value", ["../x", "/etc/passwd", "a/b", "..", "my cycle", "a..b", ".q"])
def test_unsafe_cycle_names_are_refused(value: str) -> None:
    assert errors(objective(cycle=value)) == [(("cycle",), "invalid_cycle_name")]


def test_assignment_is_validated_too() -> None:
    goal = Objective.model_validate(objective())
    with pytest.raises(ValidationError):
        goal.id = "../escape"
    with pytest.raises(ValidationError):
        goal.cycle = "a/b"
    assert (goal.id, goal.cycle) == ("grow", "2026-Q4")


def test_the_message_of_an_unsafe_id_says_what_is_allowed() -> None:
    with pytest.raises(ValidationError) as info:
        Objective.model_validate(objective(id="My Goal"))
    message = info.value.errors()[0]["msg"]
    assert message.startswith("'My Goal' is not a valid id: use 1-64 lower-case letters")


@pytest.mark.parametrize("value", ["12", True, [1], float("nan"), float("inf")])
def test_numbers_must_be_finite_numbers(value: object) -> None:
    kr = {"id": "kr", "title": "KR", "metric": {"target": value}}
    found = errors(objective(key_results=[kr]))
    assert [loc for loc, _ in found] == [("key_results", 0, "metric", "target")]


def test_integers_are_numbers() -> None:
    metric = Metric(start=-3, target=7)
    assert (metric.start, metric.target) == (-3.0, 7.0)


@pytest.mark.parametrize("value", ["2026-12-31", 1_700_000_000])
def test_dates_must_be_dates(value: object) -> None:
    kr = {"id": "kr", "title": "KR", "due": value}
    assert errors(objective(key_results=[kr])) == [(("key_results", 0, "due"), "date_type")]


def test_duplicate_key_result_ids_name_the_second_one() -> None:
    krs = [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}, {"id": "a", "title": "C"}]
    with pytest.raises(ValidationError) as info:
        Objective.model_validate(objective(key_results=krs))
    (error,) = info.value.errors()
    assert error["loc"] == ("key_results", 2, "id")
    assert error["msg"] == "duplicate key result id 'a' (also key_results[0])"


def test_a_smart_goal_has_one_key_result() -> None:
    krs = [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}]
    assert errors(objective(kind="smart", key_results=krs)) == [
        (("key_results", 1), "smart_goal_one_key_result")
    ]
    assert Objective.model_validate(objective(kind="smart", key_results=krs[:1]))


def test_a_refused_assignment_leaves_the_objective_as_it_was() -> None:
    krs = [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}]
    goal = Objective.model_validate(objective(key_results=krs))
    with pytest.raises(ValidationError) as info:
        goal.kind = "smart"  # type: ignore[assignment]
    assert info.value.errors()[0]["loc"] == ("kind",)
    assert goal.kind == "okr"
    first = goal.key_results[0]
    with pytest.raises(ValidationError) as info:
        goal.key_results = [first, first.model_copy()]
    assert info.value.errors()[0]["loc"] == ("key_results", 1, "id")
    assert [kr.id for kr in goal.key_results] == ["a", "b"]
    with pytest.raises(ValidationError):
        goal.parent = "grow"
    assert goal.parent is None


def test_an_objective_is_not_its_own_parent() -> None:
    assert errors(objective(parent="grow")) == [(("parent",), "own_parent")]


@pytest.mark.parametrize("title", ["", "   ", "two\nlines", "x" * 301])
def test_titles_are_one_non_empty_line(title: str) -> None:
    assert [loc for loc, _ in errors(objective(title=title))] == [("title",)]


def test_titles_are_stripped_and_tags_must_not_be_blank() -> None:
    assert Objective.model_validate(objective(title="  Grow  ")).title == "Grow"
    assert [loc for loc, _ in errors(objective(tags=["seo", " "]))] == [("tags", 1)]


def test_unknown_fields_are_refused() -> None:
    assert errors(objective(colour="red")) == [(("colour",), "extra_forbidden")]


def test_milestone_metric_defaults_to_zero_to_one() -> None:
    metric = Metric(type=MetricType.MILESTONE)
    assert (metric.start, metric.target) == (0.0, 1.0)


def test_checklist_value_is_the_number_of_milestones_done() -> None:
    kr = KeyResult(
        id="launch",
        title="Launch",
        metric=Metric(
            type=MetricType.CHECKLIST,
            milestones=[Milestone(title="a", done=True), Milestone(title="b")],
        ),
        checkins=[CheckIn(date=dt.date(2026, 11, 1), value=0)],
    )
    assert kr.current_value() == 1.0


def test_smart_checklist_counts_each_criterion() -> None:
    smart = SmartChecklist.model_validate(
        {c.value: {"done": True, "answer": c.question} for c in SmartCriterion}
    )
    assert smart.done_count() == 5
    assert [c.letter for c in SmartCriterion] == list("SMART")
    assert smart.get(SmartCriterion.TIME_BOUND).answer == "By which date must it be reached?"
