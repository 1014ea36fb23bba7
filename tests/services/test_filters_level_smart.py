"""Filtering by level and by the SMART letters the coach finds failing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from okrtui.model import SmartCriterion
from okrtui.services.filters import matching_objective_ids
from okrtui.services.smart import evaluate_key_result
from okrtui.store import WorkspaceStore

TODAY = dt.date(2026, 11, 27)


def test_level_and_failing_letters(sample_workspace: Path) -> None:
    store = WorkspaceStore.open(sample_workspace)
    objectives = list(store.objectives.values())
    settings = store.settings
    levels = {o.id: o.level.value for o in objectives}
    for level in set(levels.values()):
        found = matching_objective_ids(objectives, settings, TODAY, level=level)
        assert found == [oid for oid, lv in levels.items() if lv == level]
    for letter in SmartCriterion:
        expected = [
            o.id
            for o in objectives
            if any(
                v.criterion is letter and not v.holds
                for kr in o.key_results
                for v in evaluate_key_result(kr, o, settings, TODAY)
            )
        ]
        found = matching_objective_ids(objectives, settings, TODAY, smart_failing={letter})
        assert found == expected
    # at least one letter actually narrows the sample (or this test proves nothing)
    assert any(
        matching_objective_ids(objectives, settings, TODAY, smart_failing={c})
        != [o.id for o in objectives]
        for c in SmartCriterion
    )
