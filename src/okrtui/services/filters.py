"""Filters over objectives: by owner and by health.

An objective matches when the objective itself, or any one of its key
results, meets every criterion given. A key result with no owner of its own
belongs to its objective's owner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

from okrtui.model import KeyResult, Objective, WorkspaceSettings
from okrtui.services.health import Health, kr_health, objective_health


def _same_owner(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def kr_owner(kr: KeyResult, objective: Objective) -> str:
    """Who answers for a key result: its owner, else its objective's."""
    return kr.owner or objective.owner


def owners(objectives: Iterable[Objective]) -> list[str]:
    """Every owner named on objectives or key results, sorted, without duplicates."""
    found: dict[str, str] = {}
    for objective in objectives:
        for name in (objective.owner, *(kr.owner for kr in objective.key_results)):
            if name.strip():
                found.setdefault(name.strip().casefold(), name.strip())
    return sorted(found.values(), key=str.casefold)


def matching_objective_ids(
    objectives: Iterable[Objective],
    settings: WorkspaceSettings,
    today: dt.date,
    *,
    owner: str | None = None,
    healths: Collection[Health] | None = None,
) -> list[str]:
    """Ids of the objectives matching `owner` and any of `healths`, in the order given.

    None (or an empty collection of healths) means "any". Owners compare
    case-insensitively. Health is computed for `today` with the workspace's
    cadence, each objective against its own cycle.
    """
    wanted = frozenset(healths) if healths else None
    return [
        objective.id
        for objective in objectives
        if _objective_matches(objective, settings, today, owner, wanted)
    ]


def _objective_matches(
    objective: Objective,
    settings: WorkspaceSettings,
    today: dt.date,
    owner: str | None,
    wanted: frozenset[Health] | None,
) -> bool:
    cycle = settings.cycle(objective.cycle)
    cadence = settings.checkin_cadence_days
    if owner is None or _same_owner(objective.owner, owner):
        if wanted is None:
            return True
        if objective_health(objective, cycle, today, cadence_days=cadence).health in wanted:
            return True
    for kr in objective.key_results:
        if owner is not None and not _same_owner(kr_owner(kr, objective), owner):
            continue
        if wanted is None or kr_health(kr, cycle, today, cadence_days=cadence).health in wanted:
            return True
    return False
