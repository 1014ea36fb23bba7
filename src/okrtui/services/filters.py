"""Filters over objectives: by owner, health, level and the SMART letters that fail.

An objective matches when the objective itself, or any one of its key
results, meets every criterion given. A key result with no owner of its own
belongs to its objective's owner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from okrtui.model import KeyResult, Objective, SmartCriterion, WorkspaceSettings
from okrtui.services.health import Health, kr_health, objective_health

if TYPE_CHECKING:
    from okrtui.store import WorkspaceStore


def _same_owner(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def kr_owner(kr: KeyResult, objective: Objective) -> str:
    """Who answers for a key result: its owner, else its objective's."""
    return kr.owner or objective.owner


def owners(objectives: Iterable[Objective]) -> list[str]:
    """Every owner named on objectives or key results, sorted, without duplicates."""
    return distinct_owners(
        name
        for objective in objectives
        for name in (objective.owner, *(kr.owner for kr in objective.key_results))
    )


def distinct_owners(names: Iterable[str]) -> list[str]:
    """`names` sorted, blanks and duplicates (in any case) left out, as `owners` lists them."""
    found: dict[str, str] = {}
    for name in names:
        if name.strip():
            found.setdefault(name.strip().casefold(), name.strip())
    return sorted(found.values(), key=str.casefold)


@dataclass(frozen=True, slots=True)
class FilterFacts:
    """What the filters need of one objective, worked out for one day.

    Small enough to keep for every objective of a big workspace, so a filter
    need not read every file again (`FactsCache`).
    """

    on: dt.date
    level: str
    healths: tuple[tuple[str, Health], ...]
    """(owner, health) of the objective, then of each key result (its owner or the objective's)."""
    failing: frozenset[SmartCriterion] | None = None
    """The SMART letters some key result fails; None: not worked out (it costs more)."""

    @classmethod
    def of(
        cls,
        objective: Objective,
        settings: WorkspaceSettings,
        today: dt.date,
        *,
        smart: bool = False,
    ) -> FilterFacts:
        cycle = settings.cycle(objective.cycle)
        cadence = settings.checkin_cadence_days
        healths = [
            (
                objective.owner,
                objective_health(objective, cycle, today, cadence_days=cadence).health,
            )
        ]
        healths += [
            (kr_owner(kr, objective), kr_health(kr, cycle, today, cadence_days=cadence).health)
            for kr in objective.key_results
        ]
        failing = _failing(objective, settings, today) if smart else None
        return cls(today, objective.level.value, tuple(healths), failing)

    def matches(
        self,
        owner: str | None,
        healths: frozenset[Health] | None,
        level: str | None,
        smart_failing: frozenset[SmartCriterion] | None,
    ) -> bool:
        """True when the objective, or one of its key results, meets every criterion given."""
        if level is not None and self.level != level:
            return False
        if smart_failing is not None and not (self.failing or frozenset()) & smart_failing:
            return False
        return any(
            (owner is None or _same_owner(name, owner)) and (healths is None or health in healths)
            for name, health in self.healths
        )


def matching_objective_ids(
    objectives: Iterable[Objective],
    settings: WorkspaceSettings,
    today: dt.date,
    *,
    owner: str | None = None,
    healths: Collection[Health] | None = None,
    level: str | None = None,
    smart_failing: Collection[SmartCriterion] | None = None,
) -> list[str]:
    """Ids of the objectives matching `owner` and any of `healths`, in the order given.

    `level` keeps objectives of that level; `smart_failing` keeps those with a key
    result (or, for a standalone goal, its metric) where the coach finds one of
    those letters not holding.

    None (or an empty collection of healths) means "any". Owners compare
    case-insensitively. Health is computed for `today` with the workspace's
    cadence, each objective against its own cycle.
    """
    wanted = frozenset(healths) if healths else None
    failing = frozenset(smart_failing) if smart_failing else None
    return [
        objective.id
        for objective in objectives
        if (level is None or objective.level.value == level)
        and FilterFacts.of(objective, settings, today, smart=failing is not None).matches(
            owner, wanted, None, failing
        )
    ]


def _failing(
    objective: Objective, settings: WorkspaceSettings, today: dt.date
) -> frozenset[SmartCriterion]:
    """The SMART letters some key result of `objective` fails in the coach's eyes."""
    from okrtui.services.smart import evaluate_key_result

    return frozenset(
        verdict.criterion
        for kr in objective.key_results
        for verdict in evaluate_key_result(kr, objective, settings, today)
        if not verdict.holds and verdict.criterion is not None
    )


class FactsCache:
    """`FilterFacts` of objectives the store has let go of (`WorkspaceStore.release`), so a
    health, level or SMART filter over 10,000 objectives reads no file again.

    An entry holds while its file's digest and the settings' digest are those
    it was worked out from, and only for its day (health moves with the date).
    An objective in memory (unsaved edits, the one in the editor) is always
    worked out afresh.
    """

    def __init__(self) -> None:
        self._known: dict[str, tuple[str, str, FilterFacts]] = {}

    def __len__(self) -> int:
        return len(self._known)

    def remember(self, store: WorkspaceStore, objective: Objective, today: dt.date) -> None:
        """Keep the health facts of `objective`, as read from its file (called on release);
        a SMART verdict already worked out for the same file and day stays."""
        key = _keys(store, objective.id)
        if key is None:
            return
        known = self._known.get(objective.id)
        if known is not None and known[:2] == key and known[2].on == today:
            return
        self._known[objective.id] = (*key, FilterFacts.of(objective, store.settings, today))

    def knows(self, store: WorkspaceStore, objective_id: str, today: dt.date) -> bool:
        """True when `facts(..., smart=True)` would read no file: the objective is in memory,
        or its SMART letters are kept for this file and day."""
        if store.objectives.peek(objective_id) is not None:
            return True
        return self._kept(store, objective_id, today, smart=True) is not None

    def _kept(
        self, store: WorkspaceStore, objective_id: str, today: dt.date, *, smart: bool
    ) -> FilterFacts | None:
        key = _keys(store, objective_id)
        known = self._known.get(objective_id)
        if (
            key is not None
            and known is not None
            and (known[:2], known[2].on) == (key, today)
            and (not smart or known[2].failing is not None)
        ):
            return known[2]
        return None

    def facts(
        self, store: WorkspaceStore, objective_id: str, today: dt.date, *, smart: bool = False
    ) -> FilterFacts | None:
        """The facts of one objective for `today`: from memory if it is there, else from
        this cache while it holds, else from its file (read again). None: it did not load."""
        objective = store.objectives.peek(objective_id)
        if objective is not None:
            return FilterFacts.of(objective, store.settings, today, smart=smart)
        kept = self._kept(store, objective_id, today, smart=smart)
        if kept is not None:
            return kept
        objective = store.objectives.get(objective_id)
        if objective is None:
            return None
        facts = FilterFacts.of(objective, store.settings, today, smart=smart)
        key = _keys(store, objective_id)  # read just now: its digest is known
        if key is not None:
            self._known[objective_id] = (*key, facts)
        return facts


def _keys(store: WorkspaceStore, objective_id: str) -> tuple[str, str] | None:
    """(file digest, settings digest) an entry is valid for; None when either is unknown."""
    state = store.files.get(objective_id)
    settings = store.settings_state
    if state is None or settings is None:
        return None
    return state.digest, settings.digest
