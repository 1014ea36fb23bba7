"""What the objective tree shows: one cycle, and/or the objectives of an owner or a health.

Objectives that do not match but have a match aligned under them stay in the
tree (dimmed), so the alignment stays readable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from okrtui.i18n import _
from okrtui.model import Objective, WorkspaceSettings
from okrtui.services.filters import matching_objective_ids
from okrtui.services.health import Health, health_label
from okrtui.store.outline import Outline
from okrtui.tui.formatting import display_text


@dataclass(frozen=True, slots=True)
class TreeFilter:
    """What the tree shows: one cycle (None: all), one owner (None: any), some healths."""

    cycle: str | None = None
    owner: str | None = None
    healths: frozenset[Health] = field(default_factory=frozenset)

    @property
    def active(self) -> bool:
        return self.cycle is not None or self.owner is not None or bool(self.healths)

    @property
    def narrows(self) -> bool:
        """True when it picks objectives (by owner or health), not just a cycle."""
        return self.owner is not None or bool(self.healths)

    def describe(self) -> str:
        """E.g. "2026-Q4 · owner: Mina · health: At risk, Off track"."""
        parts = [self.cycle] if self.cycle else []
        if self.owner is not None:
            parts.append(_("owner: {name}").format(name=display_text(self.owner)))
        if self.healths:
            ordered = sorted(self.healths, key=lambda h: h.severity)
            names = ", ".join(health_label(h) for h in ordered)
            parts.append(_("health: {names}").format(names=names))
        return " · ".join(parts)

    def wants_key_result(self, owner: str, health: Health) -> bool:
        """True when a key result with this owner and health is what the filter asks for."""
        if self.owner is not None and owner.strip().casefold() != self.owner.casefold():
            return False
        return not self.healths or health in self.healths


@dataclass(frozen=True, slots=True)
class FilterMatches:
    """The objectives a `TreeFilter` lets into the tree, worked out once per rebuild."""

    tree_filter: TreeFilter = field(default_factory=TreeFilter)
    matches: frozenset[str] | None = None
    """Ids matching the owner/health filter (None: no such filter)."""
    shown: frozenset[str] | None = None
    """The matches and the objectives above them (None: every objective)."""

    def shows(self, objective: Objective | Outline) -> bool:
        """True when the filter lets `objective` into the tree."""
        if self.tree_filter.cycle is not None and objective.cycle != self.tree_filter.cycle:
            return False
        return self.shown is None or objective.id in self.shown

    def only_above_a_match(self, objective_id: str) -> bool:
        """True when the objective shows only for what is aligned under it."""
        return self.matches is not None and objective_id not in self.matches


def match_objectives(
    tree_filter: TreeFilter,
    objectives: Mapping[str, Objective],
    settings: WorkspaceSettings,
    today: dt.date,
) -> FilterMatches:
    """Which of `objectives` `tree_filter` matches, and which show to keep the alignment."""
    if not tree_filter.narrows:
        return FilterMatches(tree_filter)
    # only a narrowing filter needs the alignment service: not loaded for the first frame
    from okrtui.services.alignment import ancestors

    matches = set(
        matching_objective_ids(
            objectives.values(),
            settings,
            today,
            owner=tree_filter.owner,
            healths=tree_filter.healths or None,
        )
    )
    shown = set(matches)
    for oid in matches:
        shown.update(ancestors(oid, objectives))
    return FilterMatches(tree_filter, frozenset(matches), frozenset(shown))
