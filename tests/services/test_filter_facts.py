"""`FactsCache`: the filters' facts of released objectives, kept only while they hold.

Real workspaces in tmp_path; `ObjectiveMap.generation` moves on with each file read.
"""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

from okrtui.services.filters import FactsCache, FilterFacts
from okrtui.services.health import Health
from okrtui.store import WorkspaceStore

TODAY = dt.date(2026, 11, 27)
OID = "marketing-education-leader"


def _released(root: Path) -> tuple[WorkspaceStore, FactsCache]:
    store = WorkspaceStore.open(root, lazy=True)
    store.load_all()
    cache = FactsCache()
    for objective in store.release():
        cache.remember(store, objective, TODAY)
    del objective
    _let_go(store)
    return store, cache


def _let_go(store: WorkspaceStore) -> None:
    """Release, and free what nothing holds (so the next look-up reads the file)."""
    store.release()
    gc.collect()
    assert store.objectives.peek(OID) is None


def test_kept_facts_answer_without_reading_the_file(sample_workspace: Path) -> None:
    store, cache = _released(sample_workspace)
    reads = store.objectives.generation
    facts = cache.facts(store, OID, TODAY)
    assert store.objectives.generation == reads
    fresh = FilterFacts.of(
        WorkspaceStore.open(sample_workspace).objectives[OID], store.settings, TODAY
    )
    assert facts == fresh
    assert facts is not None and facts.failing is None  # SMART is not worked out on release
    assert facts.matches("mina", frozenset({Health.OFF_TRACK}), "organization", None)
    assert not facts.matches("mina", frozenset({Health.ON_TRACK}), None, None)


def test_a_smart_question_reads_once_then_is_kept(sample_workspace: Path) -> None:
    store, cache = _released(sample_workspace)
    reads = store.objectives.generation
    facts = cache.facts(store, OID, TODAY, smart=True)
    assert store.objectives.generation == reads + 1
    assert facts is not None and facts.failing is not None
    _let_go(store)
    assert cache.facts(store, OID, TODAY, smart=True) == facts
    assert store.objectives.generation == reads + 1


def test_another_day_reads_again(sample_workspace: Path) -> None:
    store, cache = _released(sample_workspace)
    reads = store.objectives.generation
    facts = cache.facts(store, OID, TODAY + dt.timedelta(days=1))
    assert store.objectives.generation == reads + 1
    assert facts is not None and facts.on == TODAY + dt.timedelta(days=1)


def test_a_saved_change_is_never_answered_from_old_facts(sample_workspace: Path) -> None:
    store, cache = _released(sample_workspace)
    objective = store.objectives[OID]
    objective.owner = "Nobody"
    assert store.save_objective(objective)
    # in memory: worked out afresh
    facts = cache.facts(store, OID, TODAY)
    assert facts is not None and facts.healths[0][0] == "Nobody"
    del objective
    _let_go(store)  # without telling the cache: its entry is for the old file
    reads = store.objectives.generation
    facts = cache.facts(store, OID, TODAY)
    assert store.objectives.generation == reads + 1  # the file's digest moved on: read again
    assert facts is not None and facts.healths[0][0] == "Nobody"


def test_changed_settings_read_again(sample_workspace: Path) -> None:
    store, cache = _released(sample_workspace)
    settings = store.settings.model_copy(update={"checkin_cadence_days": 3})
    assert store.save_settings(settings)
    reads = store.objectives.generation
    assert cache.facts(store, OID, TODAY) is not None
    assert store.objectives.generation == reads + 1
