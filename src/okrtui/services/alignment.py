"""Alignment: which objective supports which, and moving work between them.

The functions change objectives in place after checking everything first, so
a refused change leaves them untouched; the caller saves the objectives that
changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from okrtui.i18n import _
from okrtui.model import KeyResult, Objective, ObjectiveKind
from okrtui.model.ids import slugify


class Aligned(Protocol):
    """Anything that names the objective it is aligned under (an objective, an outline)."""

    @property
    def parent(self) -> str | None: ...


class AlignmentError(ValueError):
    """An alignment change that was refused; the message says why, translated."""


class UnknownObjectiveError(AlignmentError):
    def __init__(self, objective_id: str) -> None:
        self.objective_id = objective_id
        super().__init__(_("No objective with id “{id}”").format(id=objective_id))


class UnknownKeyResultError(AlignmentError):
    def __init__(self, objective_id: str, kr_id: str) -> None:
        self.objective_id = objective_id
        self.kr_id = kr_id
        super().__init__(
            _("Objective “{objective}” has no key result “{id}”").format(
                objective=objective_id, id=kr_id
            )
        )


class SelfParentError(AlignmentError):
    def __init__(self, objective_id: str) -> None:
        self.objective_id = objective_id
        super().__init__(_("An objective cannot be its own parent"))


class ParentCycleError(AlignmentError):
    """The new parent is aligned, directly or not, under the objective itself."""

    def __init__(self, objective_id: str, parent_id: str) -> None:
        self.objective_id = objective_id
        self.parent_id = parent_id
        super().__init__(
            _("“{parent}” is aligned under “{objective}”; it cannot also be its parent").format(
                parent=parent_id, objective=objective_id
            )
        )


def children(objective_id: str | None, objectives: Mapping[str, Objective]) -> list[Objective]:
    """Objectives aligned directly under `objective_id` (None: the top-level ones)."""
    return [o for o in objectives.values() if o.parent == objective_id]


def ancestors(objective_id: str, objectives: Mapping[str, Aligned]) -> list[str]:
    """Ids of the parent, grandparent, ... of an objective; stops at a cycle or a missing id."""
    chain: list[str] = []
    seen = {objective_id}
    current = objectives.get(objective_id)
    while current is not None and current.parent is not None and current.parent not in seen:
        chain.append(current.parent)
        seen.add(current.parent)
        current = objectives.get(current.parent)
    return chain


def descendants(objective_id: str, objectives: Mapping[str, Objective]) -> set[str]:
    """Ids of everything aligned under an objective, at any depth (cycle-safe)."""
    found: set[str] = set()
    stack = [objective_id]
    while stack:
        for child in children(stack.pop(), objectives):
            if child.id not in found and child.id != objective_id:
                found.add(child.id)
                stack.append(child.id)
    return found


def parent_candidates(objective_id: str, objectives: Mapping[str, Objective]) -> list[Objective]:
    """Objectives `objective_id` may be aligned under: any but itself and its descendants."""
    excluded = descendants(objective_id, objectives) | {objective_id}
    return [o for o in objectives.values() if o.id not in excluded]


def reparent(
    objective: Objective, parent_id: str | None, objectives: Mapping[str, Objective]
) -> None:
    """Align `objective` under `parent_id` (None: make it top-level).

    Raises `SelfParentError`, `UnknownObjectiveError` or `ParentCycleError`.
    """
    if parent_id is not None:
        if parent_id == objective.id:
            raise SelfParentError(objective.id)
        if parent_id not in objectives:
            raise UnknownObjectiveError(parent_id)
        # the parent's own ancestors decide, as `objective` may not be in `objectives` yet
        if parent_id in descendants(objective.id, objectives) or objective.id in ancestors(
            parent_id, objectives
        ):
            raise ParentCycleError(objective.id, parent_id)
    objective.parent = parent_id


def move_key_result(source: Objective, destination: Objective, kr_id: str) -> KeyResult:
    """Move key result `kr_id` from `source` to the end of `destination`.

    Returns the moved key result; if `destination` already has a key result
    with that id, the moved one is renamed with a numeric suffix
    (`reach-2`). Refuses moving into the same objective or into a standalone
    SMART goal that already has its one key result.
    """
    kr = source.key_result(kr_id)
    if kr is None:
        raise UnknownKeyResultError(source.id, kr_id)
    if source.id == destination.id:
        raise AlignmentError(_("The key result is already in this objective"))
    if destination.kind is ObjectiveKind.SMART and destination.key_results:
        raise AlignmentError(_("A standalone SMART goal has exactly one key result"))
    taken = {k.id for k in destination.key_results}
    moved = kr.model_copy(deep=True)
    if moved.id in taken:
        moved.id = slugify(moved.id, fallback="key-result", taken=taken)
    destination.key_results = [*destination.key_results, moved]
    source.key_results = [k for k in source.key_results if k.id != kr_id]
    return moved
