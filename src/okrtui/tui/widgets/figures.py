"""Figures the editor shows for an objective, worked out once until it changes.

Progress, the plan's SMART score and the coach's verdicts cost little each,
but the editor asks for them on every move of the tree's cursor. They are
kept per objective until it changes: an edit (`clear`, called by the app
whenever it marks an objective changed), a file read or reloaded from disk
(the store's `ObjectiveMap.generation` moves on) or another object standing
for the same id.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from okrtui.model import Objective

T = TypeVar("T")

KEEP = 512
"""Entries kept (the most recently used); figures of a few objectives are small."""


class FigureCache:
    """Computed figures by (objective, what), valid while the objective is unchanged."""

    def __init__(self, generation: Callable[[], int] = lambda: 0) -> None:
        self._generation = generation
        self._seen = generation()
        self._entries: OrderedDict[tuple[str, Hashable], tuple[Objective, object]] = OrderedDict()

    def clear(self) -> None:
        """Forget everything (an objective was edited)."""
        self._entries.clear()

    def get(self, objective: Objective, what: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`'s result for `objective`, worked out again only when it changed."""
        generation = self._generation()
        if generation != self._seen:
            self._seen = generation
            self._entries.clear()
        key = (objective.id, what)
        entry = self._entries.get(key)
        if entry is not None and entry[0] is objective:
            self._entries.move_to_end(key)
            return entry[1]  # type: ignore[return-value]
        value = compute()
        self._entries[key] = (objective, value)
        if len(self._entries) > KEEP:
            self._entries.popitem(last=False)
        return value
