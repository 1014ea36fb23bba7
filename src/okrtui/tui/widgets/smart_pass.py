"""A SMART filter over a big workspace, worked out a few objectives at a time.

The coach's letters are not kept when objectives are let go (working them out
for every objective at start would cost about 8 s at 10,000), so the first
SMART filter of the day reads the files of every candidate again: about
2.4 ms each. Rather than freeze the screen for that long, the tree works them
out `STEP` at a time on a timer, keys are answered in between, the border
shows how far it got, and the filter applies once every letter is known
(`services.filters.FactsCache` keeps them for the day). Choosing another
filter, or clearing it, stops the pass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrtui.i18n import _, local_number
from okrtui.tui.widgets.tree_filter import TreeFilter, candidates

if TYPE_CHECKING:
    from textual.timer import Timer

    from okrtui.tui.node_ref import NodeRef
    from okrtui.tui.widgets.objective_tree import ObjectiveTree

AT_ONCE = 200
"""Up to this many objectives to read, a SMART filter applies at once (about 0.5 s)."""
STEP = 8
"""Objectives worked out per step (about 20 ms): a key waits at most one step."""


def unknown_letters(tree: ObjectiveTree, tree_filter: TreeFilter) -> list[str]:
    """The candidates of `tree_filter` whose SMART letters would need their file read."""
    facts, store, today = tree.filter_facts, tree.store, tree.today
    return [oid for oid in candidates(tree_filter, store) if not facts.knows(store, oid, today)]


class SmartPass:
    """Works out the SMART letters of `pending`, then applies `tree_filter` to `tree`."""

    def __init__(
        self,
        tree: ObjectiveTree,
        tree_filter: TreeFilter,
        select: NodeRef | None,
        pending: list[str],
    ) -> None:
        self.tree = tree
        self.tree_filter = tree_filter
        self.select = select
        self.pending = pending
        self.total = len(pending)
        self._title = tree.border_title
        self._timer: Timer | None = tree.set_interval(0.01, self._step)
        self._show()

    @property
    def running(self) -> bool:
        return self._timer is not None

    def stop(self) -> None:
        """Stop where it is (what was worked out stays known); the title as it was."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
            self.tree.border_title = self._title

    def _show(self) -> None:
        done = self.total - len(self.pending)
        percent = local_number(f"{100 * done // self.total}")
        self.tree.border_title = _("SMART: {percent}% read…").format(percent=percent)

    def _step(self) -> None:
        if self._timer is None:
            return
        tree = self.tree
        for oid in self.pending[-STEP:]:
            tree.filter_facts.facts(tree.store, oid, tree.today, smart=True)
        del self.pending[-STEP:]
        if self.pending:
            self._show()
            return
        self.stop()
        tree.smart_pass_done(self)
