"""Objectives by id, some of them read from their file only when first asked for.

`WorkspaceStore.objectives` is one of these. Looking one objective up (`get`,
`[]`) reads its file if it was deferred; `in`, `len` and iterating the ids
never read anything; `values()` and `items()` read every deferred file first.
The order is the order the files were found in, whether or not they were
deferred, so a lazy store lists its objectives exactly as an eager one.
"""

from __future__ import annotations

from collections.abc import (
    Callable,
    ItemsView,
    Iterator,
    Mapping,
    MutableMapping,
    ValuesView,
)
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from okrtui.model import Objective

Loader = Callable[[Path], "Objective | None"]


class ObjectiveMap(MutableMapping[str, "Objective"]):
    """A dict of objectives whose deferred entries load themselves on first use."""

    def __init__(self) -> None:
        self._items: dict[str, Objective | None] = {}
        self._deferred: dict[str, Path] = {}
        self._loader: Loader | None = None
        self.generation = 0
        """Moves on whenever an objective is read, replaced or removed."""

    @classmethod
    def of(cls, objectives: Mapping[str, Objective]) -> ObjectiveMap:
        """A map holding `objectives` (read already), in their order."""
        found = cls()
        found._items.update(objectives.items())
        return found

    def defer(self, objective_id: str, path: Path, loader: Loader) -> None:
        """Hold `objective_id`'s place; `loader(path)` reads it when it is first needed."""
        self._items[objective_id] = None
        self._deferred[objective_id] = path
        self._loader = loader

    @property
    def deferred(self) -> int:
        """How many objectives have not been read yet."""
        return len(self._deferred)

    def peek(self, objective_id: str) -> Objective | None:
        """The objective if it is loaded; None if it is deferred or unknown (never reads)."""
        return self._items.get(objective_id)

    def load(self, objective_id: str) -> Objective | None:
        """Read a deferred objective now; None if its file no longer loads (it is dropped)."""
        path = self._deferred.pop(objective_id, None)
        if path is None:
            return self._items.get(objective_id)
        assert self._loader is not None
        objective = self._loader(path)
        self.generation += 1
        if objective is None or objective.id != objective_id:
            self._items.pop(objective_id, None)
            return None
        self._items[objective_id] = objective  # keeps its place in the order
        return objective

    def load_all(self) -> None:
        for objective_id in list(self._deferred):
            self.load(objective_id)

    def load_some(self, count: int) -> int:
        """Read up to `count` deferred objectives; return how many are still deferred."""
        for objective_id in list(self._deferred)[:count]:
            self.load(objective_id)
        return len(self._deferred)

    # ----------------------------------------------------------- the mapping
    def __getitem__(self, objective_id: str) -> Objective:
        objective = self._items[objective_id]
        if objective is None:
            objective = self.load(objective_id)
            if objective is None:
                raise KeyError(objective_id)
        return objective

    def __setitem__(self, objective_id: str, objective: Objective) -> None:
        self.generation += 1
        self._deferred.pop(objective_id, None)
        self._items[objective_id] = objective

    def __delitem__(self, objective_id: str) -> None:
        self.generation += 1
        self._deferred.pop(objective_id, None)
        del self._items[objective_id]

    def __contains__(self, objective_id: object) -> bool:
        return objective_id in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def values(self) -> ValuesView[Objective]:
        self.load_all()
        return cast("ValuesView[Objective]", self._items.values())

    def items(self) -> ItemsView[str, Objective]:
        self.load_all()
        return cast("ItemsView[str, Objective]", self._items.items())

    def clear(self) -> None:
        self.generation += 1
        self._items.clear()
        self._deferred.clear()

    def __repr__(self) -> str:
        return f"ObjectiveMap({len(self._items)} objectives, {len(self._deferred)} not read yet)"
