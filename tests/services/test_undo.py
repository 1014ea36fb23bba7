"""The undo history on its own: steps, merging a burst of typing, forgetting, renames."""

from __future__ import annotations

from typing import Any

from okrtui.services.undo import UNKNOWN, UndoHistory, describe_step


def _objective(target: int, title: str = "Grow") -> dict[str, Any]:
    return {
        "id": "grow",
        "title": title,
        "parent": None,
        "updated": None,
        "key_results": [
            {"id": "traffic", "title": "Organic traffic", "metric": {"target": target}}
        ],
    }


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_in_one_field_is_one_step_and_described() -> None:
    clock = Clock()
    history = UndoHistory(lambda oid: _objective(54000), clock=clock)
    for value in (5, 50, 500, 5000, 50000):
        history.record("grow", _objective(value))
        history.close()
        clock.now += 0.3
    assert len(history.undo_stack) == 1
    step = history.undo()
    assert step is not None
    assert step.changes[0].before == _objective(54000)
    assert describe_step(step) == "target of Organic traffic, 54,000 → 50,000"


def test_a_pause_or_another_field_makes_a_new_step() -> None:
    clock = Clock()
    history = UndoHistory(lambda oid: _objective(1), clock=clock)
    history.record("grow", _objective(2))
    history.close()
    clock.now += 5
    history.record("grow", _objective(3))
    history.close()
    history.record("grow", _objective(3, title="Grow more"))
    history.close()
    assert len(history.undo_stack) == 3


def test_undo_then_new_edit_clears_redo_and_unknown_baseline_records_nothing() -> None:
    history = UndoHistory(lambda oid: UNKNOWN if oid == "other" else _objective(1))
    history.record("other", _objective(9))
    assert history.close() is None
    history.record("grow", _objective(2))
    history.close()
    assert history.undo() is not None
    assert history.redo_stack
    history.record("grow", _objective(7))
    history.close()
    assert not history.redo_stack


def test_forget_drops_every_step_touching_a_reloaded_objective() -> None:
    history = UndoHistory(lambda oid: None)
    history.record("grow", _objective(2))
    history.record("b", {"id": "b", "title": "B"})
    history.close()
    history.record("c", {"id": "c", "title": "C"})
    history.close()
    assert history.forget({"grow"}) == 1
    assert [s.objective_ids for s in history.undo_stack] == [["c"]]


def test_renames_follow_ids_settled_at_the_first_save() -> None:
    history = UndoHistory(lambda oid: None)
    history.record("new-objective", {"id": "new-objective", "title": "Write", "key_results": []})
    history.close()
    history.rename_objective("new-objective", "write")
    step = history.undo()
    assert step is not None
    assert step.changes[0].objective_id == "write"
    assert step.changes[0].after == {"id": "write", "title": "Write", "key_results": []}
