"""Instances share one fields-set per class (`okrtui.model.compact`); nothing else changes:
assignment, copies, equality and the canonical bytes on disk behave as before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from okrtui.model import CheckIn, KeyResult, Metric, Objective, SmartAnswer, SmartChecklist
from okrtui.store import WorkspaceStore
from okrtui.store.workspace import render_objective

DAY = dt.date(2026, 10, 1)


def _checkins() -> tuple[CheckIn, CheckIn]:
    return CheckIn(date=DAY, value=1), CheckIn.model_validate({"date": DAY, "value": 2.5})


def test_instances_of_a_class_share_one_set_naming_every_field() -> None:
    first, second = _checkins()
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    assert first.model_fields_set == set(CheckIn.model_fields)
    a, b = SmartChecklist(), SmartChecklist()
    assert a.specific.__pydantic_fields_set__ is b.time_bound.__pydantic_fields_set__
    assert a.__pydantic_fields_set__ is not a.specific.__pydantic_fields_set__  # one per class


def test_assignment_changes_only_its_own_instance() -> None:
    first, second = _checkins()
    first.value = 7
    first.note = "up"
    assert (first.value, first.note) == (7, "up")
    assert (second.value, second.note) == (2.5, "")
    assert first.model_fields_set == set(CheckIn.model_fields)  # nothing new crept in
    with pytest.raises(ValidationError):
        second.confidence = 2.0  # still validated on assignment
    assert second.confidence is None
    first_answer, other = SmartAnswer(), SmartAnswer()
    first_answer.done = True
    assert other.done is False


def test_copies_keep_a_set_of_their_own_and_compare_equal() -> None:
    first, _second = _checkins()
    copy = first.model_copy(update={"note": "copied"})
    assert copy.note == "copied" and first.note == ""
    assert copy.__pydantic_fields_set__ is not first.__pydantic_fields_set__
    assert first.model_fields_set == set(CheckIn.model_fields)
    assert first.model_copy(deep=True) == first
    assert CheckIn(date=DAY, value=1) == first
    assert CheckIn(date=DAY, value=1) != CheckIn(date=DAY, value=2)


def test_defaults_still_dump_and_render_as_before() -> None:
    metric = Metric(type="milestone")  # the model validator still fills start and target
    assert (metric.start, metric.target) == (0.0, 1.0)
    kr = KeyResult(id="kr-1", title="Ship", metric=metric, checkins=list(_checkins()))
    objective = Objective(id="o-1", title="Grow", cycle="2026-Q4", key_results=[kr])
    dumped = objective.model_dump()
    assert dumped["key_results"][0]["checkins"][1] == {
        "date": DAY,
        "value": 2.5,
        "confidence": None,
        "note": "",
        "author": "",
    }
    assert Objective.model_validate(dumped) == objective


def test_every_file_saves_back_to_the_same_bytes(canonical_workspace: Path) -> None:
    """Real files: what the compact models read renders to exactly the bytes on disk."""
    store = WorkspaceStore.open(canonical_workspace)
    assert store.objectives
    for oid, objective in store.objectives.items():
        assert render_objective(objective).encode("utf-8") == store.files[oid].path.read_bytes()
    assert store.save_all() == []


def test_a_checkin_edited_after_loading_is_saved(canonical_workspace: Path) -> None:
    store = WorkspaceStore.open(canonical_workspace, lazy=True)
    oid = next(iter(store.objectives))
    objective = store.objectives[oid]
    kr = objective.key_results[0]
    kr.checkins.append(CheckIn(date=DAY, value=42, note="compact"))
    kr.checkins[0].value = 3.25
    assert store.save_objective(objective)
    again = WorkspaceStore.open(canonical_workspace).objectives[oid]
    assert again == objective
    assert again.key_results[0].checkins[0].value == 3.25
    assert again.key_results[0].checkins[-1].note == "compact"


def test_checkins_share_equal_dates_and_authors_and_keep_their_values() -> None:
    first = CheckIn.model_validate({"date": dt.date(2026, 10, 1), "value": 1, "author": "x" * 9})
    second = CheckIn.model_validate({"date": dt.date(2026, 10, 1), "value": 2, "author": "x" * 9})
    assert first.date is second.date and first.author is second.author
    first.date = dt.date(2026, 10, 8)
    first.author = "mina"
    assert (first.date, first.author) == (dt.date(2026, 10, 8), "mina")
    assert (second.date, second.author) == (dt.date(2026, 10, 1), "x" * 9)
