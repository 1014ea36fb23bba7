"""Filters over objectives: by owner, health, level and the SMART letters that fail.

An objective matches when the objective itself, or any one of its key
results, meets every criterion given. A key result with no owner of its own
belongs to its objective's owner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

from okrtui.model import KeyResult, Objective, SmartCriterion, WorkspaceSettings
from okrtui.services.health import Health, kr_health, objective_health


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
        and (failing is None or _fails(objective, settings, today, failing))
        and _objective_matches(objective, settings, today, owner, wanted)
    ]


def _fails(
    objective: Objective,
    settings: WorkspaceSettings,
    today: dt.date,
    letters: frozenset[SmartCriterion],
) -> bool:
    """True when a key result of `objective` fails one of `letters` in the coach's eyes."""
    from okrtui.services.smart import evaluate_key_result

    return any(
        verdict.criterion in letters and not verdict.holds
        for kr in objective.key_results
        for verdict in evaluate_key_result(kr, objective, settings, today)
    )


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
