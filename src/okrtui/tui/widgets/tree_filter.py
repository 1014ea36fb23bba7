"""What the objective tree shows: one cycle, and/or the objectives of an owner, a health,
a level or failing SMART letters; finished (done, dropped) objectives only on request.

Objectives that do not match but have a match aligned under them stay in the
tree (dimmed), so the alignment stays readable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from okrtui.i18n import _
from okrtui.model import Objective, SmartCriterion, Status
from okrtui.services.filters import FactsCache
from okrtui.services.health import Health, health_label
from okrtui.store import WorkspaceStore
from okrtui.store.objective_map import Summary
from okrtui.store.outline import Outline
from okrtui.tui.formatting import display_text
from okrtui.tui.level_names import level_label


@dataclass(frozen=True, slots=True)
class TreeFilter:
    """What the tree shows: one cycle (None: all), one owner (None: any), some healths."""

    cycle: str | None = None
    owner: str | None = None
    healths: frozenset[Health] = field(default_factory=frozenset)
    level: str | None = None
    smart_failing: frozenset[SmartCriterion] = field(default_factory=frozenset)
    show_archived: bool = False
    """True: objectives that are done or dropped show too (hidden by default)."""
    keep_shown: frozenset[str] = field(default_factory=frozenset)
    """Objectives archived while in view this session: they stay until the filter changes."""

    @property
    def active(self) -> bool:
        return self.cycle is not None or self.narrows or self.show_archived

    @property
    def clearable(self) -> bool:
        """True when escape or F has something to clear: a cycle or a narrowing filter.

        Showing archived objectives (`A`) is a view toggle: clearing keeps it.
        """
        return self.cycle is not None or self.narrows

    def cleared(self) -> TreeFilter:
        """No cycle and no narrowing; the archive toggle as it is."""
        return TreeFilter(show_archived=self.show_archived)

    @property
    def narrows(self) -> bool:
        """True when it picks objectives (by owner, health, level, SMART), not just a cycle."""
        return (
            self.owner is not None
            or bool(self.healths)
            or self.level is not None
            or bool(self.smart_failing)
        )

    def describe(self) -> str:
        """E.g. "2026-Q4 · owner: Mina · health: At risk, Off track"."""
        parts = [self.cycle] if self.cycle else []
        if self.owner is not None:
            parts.append(_("owner: {name}").format(name=display_text(self.owner)))
        if self.healths:
            ordered = sorted(self.healths, key=lambda h: h.severity)
            names = ", ".join(health_label(h) for h in ordered)
            parts.append(_("health: {names}").format(names=names))
        if self.level is not None:
            parts.append(_("level: {level}").format(level=level_label(self.level)))
        if self.smart_failing:
            letters = "".join(c.letter for c in SmartCriterion if c in self.smart_failing)
            parts.append(_("SMART failing: {letters}").format(letters=letters))
        if self.show_archived:
            parts.append(_("with archived"))
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
    archived: frozenset[str] = frozenset()
    """Done or dropped objectives kept out of the tree (none aligned under them shows)."""

    def shows(self, objective: Objective | Outline) -> bool:
        """True when the filter lets `objective` into the tree."""
        if self.tree_filter.cycle is not None and objective.cycle != self.tree_filter.cycle:
            return False
        if objective.id in self.archived:
            return False
        return self.shown is None or objective.id in self.shown

    def only_above_a_match(self, objective_id: str) -> bool:
        """True when the objective shows only for what is aligned under it."""
        return self.matches is not None and objective_id not in self.matches


def match_objectives(
    tree_filter: TreeFilter,
    store: WorkspaceStore,
    today: dt.date,
    facts: FactsCache | None = None,
) -> FilterMatches:
    """Which objectives of `store` `tree_filter` matches, and which show to keep the alignment.

    Only the candidates are looked at: outlines rule out other cycles and levels,
    summaries other owners; the health and SMART facts of the rest come from
    `facts` while it holds, so a filter over a big workspace reads no file again.
    """
    objectives = store.objectives
    archived = (
        frozenset()
        if tree_filter.show_archived
        else archived_ids(objectives) - tree_filter.keep_shown
    )
    if not tree_filter.narrows:
        return FilterMatches(tree_filter, archived=archived)
    # only a narrowing filter needs the alignment service: not loaded for the first frame
    from okrtui.services.alignment import ancestors

    cache = facts if facts is not None else FactsCache()
    healths = tree_filter.healths or None
    failing = tree_filter.smart_failing or None
    matches = set()
    for oid in candidates(tree_filter, store):
        found = cache.facts(store, oid, today, smart=failing is not None)
        if found is not None and found.matches(
            tree_filter.owner, healths, tree_filter.level, failing
        ):
            matches.add(oid)
    shown = set(matches)
    outlines = {outline.id: outline for outline in store.outlines()}  # no file read
    for oid in matches:
        shown.update(ancestors(oid, outlines))
    return FilterMatches(tree_filter, frozenset(matches), frozenset(shown), archived)


def candidates(tree_filter: TreeFilter, store: WorkspaceStore) -> list[str]:
    """The objectives that may match, in order, told apart without reading a file: another
    cycle or level by the outline, a released objective naming no such owner by its
    summary (`ObjectiveMap.summary`)."""
    wanted = tree_filter.owner.strip().casefold() if tree_filter.owner is not None else None
    found = []
    for oid in list(store.objectives):
        outline = store.outline(oid)
        if outline is not None and (
            (tree_filter.cycle is not None and outline.cycle != tree_filter.cycle)
            or (tree_filter.level is not None and outline.level != tree_filter.level)
        ):
            continue
        if wanted is not None:
            known: Summary | None = store.objectives.summary(oid)
            if known is not None and all(name.casefold() != wanted for name in known.owners):
                continue
        found.append(oid)
    return found


ARCHIVED = frozenset({Status.DONE, Status.DROPPED})


def archived_ids(objectives: Mapping[str, Objective]) -> frozenset[str]:
    """Objectives done or dropped, unless something still open is aligned under them.

    Only objectives already read count: a lazily opened workspace hides them
    once their files are read (the tree is rebuilt then). Released objectives
    count by their summary (`ObjectiveMap.summary`): no file is read again.
    """
    peek = getattr(objectives, "peek", objectives.get)
    summary = getattr(objectives, "summary", lambda _oid: None)
    known: list[tuple[str, Status, str | None]] = []
    for oid in list(objectives):
        found: Objective | Summary | None = summary(oid) or peek(oid)
        if found is not None:
            known.append((oid, found.status, found.parent))
    done = {oid for oid, status, _parent in known if status in ARCHIVED}
    if not done:
        return frozenset()
    open_parents = {parent for _oid, status, parent in known if status not in ARCHIVED and parent}
    return frozenset(done - open_parents)
