"""Objectives by id, some of them read from their file only when first asked for.

`WorkspaceStore.objectives` is one of these. Looking one objective up (`get`,
`[]`) reads its file if it was deferred; `in`, `len` and iterating the ids
never read anything; `values()` and `items()` read every deferred file first.
The order is the order the files were found in, whether or not they were
deferred, so a lazy store lists its objectives exactly as an eager one.

An objective read from its file and unchanged since can be *released*
(`release`): the map then holds it only weakly. While anything else still
holds it (the editor, a dialog) the map hands out that very object; once
nothing does, it is freed and the next look-up reads the file again, like a
deferred one. Objectives the caller keeps (those with unsaved edits) and
those put in by assignment (new, replaced, saved) are never released. A
released objective leaves a `Summary` (status, parent, progress, owners, and
its text for search) for what needs every objective's status, owners or text
without reading every file (the tree's archive filter, a cycle's average
progress, the owner filter, search).
"""

from __future__ import annotations

import time
import weakref
from collections.abc import (
    Callable,
    Collection,
    ItemsView,
    Iterator,
    Mapping,
    MutableMapping,
    ValuesView,
)
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from okrtui.model import Objective, Status

Loader = Callable[[Path], "Objective | None"]


@dataclass(frozen=True, slots=True)
class SearchText:
    """An objective's searchable text, compact (made and read by `okrtui.services.search`)."""

    normal: bytes
    """zlib of each node's (the objective's, then each key result's) fields in search's
    normal form, UTF-8: fields joined by 0x1f, nodes by 0x1e (no field may hold either),
    the title always first."""
    packed: bytes
    """zlib of the cycle and each node's id, title and fields as written (for the results),
    joined the same way."""


@dataclass(frozen=True, slots=True)
class Summary:
    """What stays known of a released objective until its file is read again."""

    status: Status
    parent: str | None
    progress: float | None = None
    """Its progress (0-1) if the releaser worked it out (`okrtui.services.progress`)."""
    owners: tuple[str, ...] = ()
    """The owners named on it and its key results (stripped, as written, once each)."""
    search: SearchText | None = None
    """Its text for search if the releaser made it (`okrtui.services.search.search_text`)."""

    @classmethod
    def of(
        cls,
        objective: Objective,
        progress: float | None = None,
        search: SearchText | None = None,
    ) -> Summary:
        named = (objective.owner, *(kr.owner for kr in objective.key_results))
        owners = tuple(dict.fromkeys(name.strip() for name in named if name.strip()))
        return cls(objective.status, objective.parent, progress, owners, search)


Summarize = Callable[["Objective"], Summary]


class ObjectiveMap(MutableMapping[str, "Objective"]):
    """A dict of objectives whose deferred entries load themselves on first use."""

    def __init__(self) -> None:
        self._items: dict[str, Objective | None] = {}
        self._deferred: dict[str, Path | str] = {}
        """The file of each objective not read yet (a string until read: a `Path` is made
        only for the files actually read, 10,000 of them cost ~20 ms at a start)."""
        self._loader: Loader | None = None
        self._released: dict[str, weakref.ref[Objective]] = {}
        self._paths: dict[str, Path] = {}
        """The file of each released objective (kept apart: nothing new per release)."""
        self._from_file: dict[str, Path] = {}
        """Objectives as read from their file (by the loader), not replaced since."""
        self._summaries: dict[str, Summary] = {}
        """What was known of an objective when last released (valid while it is)."""
        self.on_read: Callable[[], None] | None = None
        """Called after a file was read (the app then lets go of objectives again, later)."""
        self.generation = 0
        """Moves on whenever an objective is read, replaced or removed."""

    @classmethod
    def of(cls, objectives: Mapping[str, Objective]) -> ObjectiveMap:
        """A map holding `objectives` (read already), in their order."""
        found = cls()
        found._items.update(objectives.items())
        return found

    def defer(self, objective_id: str, path: Path | str, loader: Loader) -> None:
        """Hold `objective_id`'s place; `loader(path)` reads it when it is first needed."""
        if objective_id in self._items:  # else nothing to forget (10,000 calls at an open)
            self._forget(objective_id)
        self._items[objective_id] = None
        self._deferred[objective_id] = path
        self._loader = loader

    def deferred_path(self, objective_id: str) -> Path | str | None:
        """The file of `objective_id` if it is not read yet (None otherwise)."""
        return self._deferred.get(objective_id)

    @property
    def deferred(self) -> int:
        """How many objectives have not been read yet."""
        return len(self._deferred)

    @property
    def released(self) -> int:
        """How many objectives are held only weakly (`release`)."""
        return len(self._released)

    def peek(self, objective_id: str) -> Objective | None:
        """The objective if in memory (a released one still held elsewhere is held again);
        None if it is deferred, freed or unknown. Never reads a file."""
        objective = self._items.get(objective_id)
        if objective is None and objective_id in self._released:
            path, objective = self._paths[objective_id], self._released[objective_id]()
            if objective is not None:  # still held elsewhere (maybe being edited): hold it again
                del self._released[objective_id]
                self._items[objective_id] = objective
                self._from_file[objective_id] = path
        return objective

    def load(self, objective_id: str) -> Objective | None:
        """Read a deferred (or released and freed) objective now; None if its file no
        longer loads (it is dropped)."""
        deferred = self._deferred.pop(objective_id, None)
        path = Path(deferred) if deferred is not None else None
        if path is None:
            released = self._released.pop(objective_id, None)
            if released is None:
                return self._items.get(objective_id)
            path, alive = self._paths[objective_id], released()
            if alive is not None:  # still held elsewhere: the very same object, held again
                self._items[objective_id] = alive
                self._from_file[objective_id] = path
                return alive
        assert self._loader is not None
        objective = self._loader(path)
        self.generation += 1
        if self.on_read is not None:
            self.on_read()
        if objective is None or objective.id != objective_id:
            self._items.pop(objective_id, None)
            self._from_file.pop(objective_id, None)
            return None
        self._items[objective_id] = objective  # keeps its place in the order
        self._from_file[objective_id] = path
        return objective

    def load_all(self) -> None:
        for objective_id in [*self._deferred, *self._released]:
            self.load(objective_id)

    def release(
        self, keep: Collection[str] = (), summarize: Summarize = Summary.of
    ) -> list[tuple[str, Objective]]:
        """Hold weakly every objective read from its file and not replaced since, except
        those in `keep`, keeping `summarize(objective)`; return them (the caller keeps
        their outlines)."""
        found = []
        for objective_id, path in list(self._from_file.items()):
            objective = self._items.get(objective_id)
            if objective is None or objective_id in keep:
                continue
            summary = summarize(objective)
            if summary != self._summaries.get(objective_id):
                self._summaries[objective_id] = summary
            # else the one kept from before: after a pass over every file, nothing
            # made during the pass outlives it, so its memory goes back whole
            self._released[objective_id] = weakref.ref(objective)
            self._paths[objective_id] = path
            self._items[objective_id] = None
            del self._from_file[objective_id]  # until it is read again
            found.append((objective_id, objective))
        return found

    def matches_file(self, objective_id: str, path: Path) -> None:
        """The objective now held is exactly what `path` holds (just saved or read): it
        may be released like one read by the loader."""
        if self._items.get(objective_id) is not None:
            self._from_file[objective_id] = path

    @property
    def held(self) -> int:
        """How many objectives are in memory, held by this map (not deferred or released)."""
        return len(self._items) - len(self._deferred) - len(self._released)

    def summary(self, objective_id: str) -> Summary | None:
        """What is known of a released objective (None: held, deferred or unknown).
        Never reads a file, and never holds a released objective again (unlike `peek`)."""
        return self._summaries.get(objective_id) if objective_id in self._released else None

    def status(self, objective_id: str) -> Status | None:
        """The objective's status from memory or its summary; None if not read yet."""
        summary = self.summary(objective_id)
        if summary is not None:
            return summary.status
        objective = self.peek(objective_id)
        return objective.status if objective is not None else None

    def load_some(self, count: int, seconds: float | None = None) -> int:
        """Read up to `count` deferred objectives, stopping once `seconds` have passed
        (at least one is read); return how many are still deferred."""
        until = None if seconds is None else time.perf_counter() + seconds
        for objective_id in list(self._deferred)[:count]:
            self.load(objective_id)
            if until is not None and time.perf_counter() >= until:
                break
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
        self._forget(objective_id)
        self._items[objective_id] = objective

    def __delitem__(self, objective_id: str) -> None:
        self.generation += 1
        self._forget(objective_id)
        del self._items[objective_id]

    def _forget(self, objective_id: str) -> None:
        self._deferred.pop(objective_id, None)
        self._released.pop(objective_id, None)
        self._paths.pop(objective_id, None)
        self._summaries.pop(objective_id, None)
        self._from_file.pop(objective_id, None)

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
        self._released.clear()
        self._paths.clear()
        self._summaries.clear()
        self._from_file.clear()

    def __repr__(self) -> str:
        return (
            f"ObjectiveMap({len(self._items)} objectives, {len(self._deferred)} not read yet, "
            f"{len(self._released)} released)"
        )
