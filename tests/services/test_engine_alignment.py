"""Alignment: re-parenting, parent candidates, moving key results."""

from __future__ import annotations

import pytest

from okrtui.model import KeyResult, Objective, ObjectiveKind
from okrtui.services.alignment import (
    AlignmentError,
    ParentCycleError,
    SelfParentError,
    UnknownKeyResultError,
    UnknownObjectiveError,
    ancestors,
    children,
    descendants,
    move_key_result,
    parent_candidates,
    reparent,
)


def objective(oid: str, parent: str | None = None, *krs: str) -> Objective:
    return Objective(
        id=oid,
        title=oid,
        cycle="2026-Q4",
        parent=parent,
        key_results=[KeyResult(id=k, title=k) for k in krs],
    )


def tree() -> dict[str, Objective]:
    """company <- marketing <- blog; company <- sales; lone."""
    items = [
        objective("company"),
        objective("marketing", "company"),
        objective("blog", "marketing"),
        objective("sales", "company"),
        objective("lone"),
    ]
    return {o.id: o for o in items}


def test_children_descendants_ancestors() -> None:
    t = tree()
    assert [o.id for o in children("company", t)] == ["marketing", "sales"]
    assert [o.id for o in children(None, t)] == ["company", "lone"]
    assert descendants("company", t) == {"marketing", "blog", "sales"}
    assert ancestors("blog", t) == ["marketing", "company"]


def test_ancestors_and_descendants_stop_at_a_cycle_in_the_data() -> None:
    t = {"a": objective("a", "b"), "b": objective("b", "a")}
    assert ancestors("a", t) == ["b"]
    assert descendants("a", t) == {"b"}


def test_parent_candidates_exclude_self_and_descendants() -> None:
    t = tree()
    assert [o.id for o in parent_candidates("marketing", t)] == ["company", "sales", "lone"]
    assert [o.id for o in parent_candidates("lone", t)] == ["company", "marketing", "blog", "sales"]


def test_reparent() -> None:
    t = tree()
    reparent(t["blog"], "sales", t)
    assert t["blog"].parent == "sales"
    reparent(t["blog"], None, t)
    assert t["blog"].parent is None


def test_reparent_refuses_self_cycles_and_unknown_parents() -> None:
    t = tree()
    with pytest.raises(SelfParentError):
        reparent(t["blog"], "blog", t)
    with pytest.raises(ParentCycleError):
        reparent(t["company"], "blog", t)  # blog is aligned under company
    with pytest.raises(ParentCycleError):
        reparent(t["marketing"], "blog", t)
    with pytest.raises(UnknownObjectiveError):
        reparent(t["blog"], "nowhere", t)
    assert [o.parent for o in t.values()] == [None, "company", "marketing", "company", None]
    with pytest.raises(AlignmentError, match="own parent"):
        reparent(t["lone"], "lone", t)


def test_move_key_result() -> None:
    source = objective("a", None, "reach", "depth")
    destination = objective("b", None, "other")
    moved = move_key_result(source, destination, "reach")
    assert moved.id == "reach"
    assert [k.id for k in source.key_results] == ["depth"]
    assert [k.id for k in destination.key_results] == ["other", "reach"]


def test_move_key_result_renames_on_collision() -> None:
    source = objective("a", None, "reach")
    destination = objective("b", None, "reach", "reach-2")
    moved = move_key_result(source, destination, "reach")
    assert moved.id == "reach-3"
    assert [k.id for k in destination.key_results] == ["reach", "reach-2", "reach-3"]
    assert source.key_results == []


def test_move_key_result_refusals_leave_both_untouched() -> None:
    source = objective("a", None, "reach")
    smart = Objective(
        id="s",
        title="s",
        cycle="2026-Q4",
        kind=ObjectiveKind.SMART,
        key_results=[KeyResult(id="one", title="one")],
    )
    with pytest.raises(AlignmentError):
        move_key_result(source, smart, "reach")
    with pytest.raises(AlignmentError):
        move_key_result(source, source, "reach")
    with pytest.raises(UnknownKeyResultError):
        move_key_result(source, objective("b"), "nope")
    assert [k.id for k in source.key_results] == ["reach"]
    assert [k.id for k in smart.key_results] == ["one"]
