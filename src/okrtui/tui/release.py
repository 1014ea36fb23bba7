"""Letting go of objectives the app does not need in full (issue 9: memory at 10,000).

Whenever files were read (the read-ahead after the first frame, a label drawn,
a search or filter that reads every objective), the app lets go, right after
the message that read them, of every objective read from its file and unchanged
since (`WorkspaceStore.release`), except the unsaved ones (`OkrApp.dirty`) and
the one in the editor. What still holds one (the editor's figure cache, a
dialog) keeps it alive, and the store hands back that very object; the others
are freed and read again from their files when next asked for. The tree needs
only outlines, labels it already drew, and each released objective's summary
(status, parent, progress), so walking it holds only what is on screen. The
summary also keeps the objective's text for search (`services.search.search_text`),
so a search reads no file again, and the tree's filters keep each one's health
for the day (`services.filters.FactsCache`), so a health, owner or level filter
reads none either (a SMART filter reads them once a day: `widgets.smart_pass`).

Nothing is released while a dialog is open (it may be working on an objective):
the app tries again a moment later.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual.css.query import NoMatches

from okrtui.services.filters import distinct_owners
from okrtui.services.progress import objective_progress
from okrtui.services.search import search_text

if TYPE_CHECKING:
    from textual.timer import Timer

    from okrtui.store import WorkspaceStore
    from okrtui.tui.app import OkrApp

RETRY_AFTER = 1.0
"""Seconds between tries while a dialog is open."""


class Releaser:
    """Schedules `WorkspaceStore.release` after files were read (see the module)."""

    def __init__(self, app: OkrApp) -> None:
        self.app = app
        self._pending = False
        self._retry: Timer | None = None
        app.store.objectives.on_read = self.soon

    def soon(self) -> None:
        """Release once the message being handled is done (called for each file read)."""
        if self._pending:
            return
        self._pending = True
        app = self.app
        if app._thread_id != threading.get_ident():  # read from a worker thread
            loop = app._loop
            if loop is None:  # not running: nothing to release, and the next read tries again
                self._pending = False
            else:
                loop.call_soon_threadsafe(app.call_later, self._release)
            return
        if not app.call_later(self._release):  # not running (yet, or any more)
            self._pending = False

    def keep(self) -> set[str]:
        """Objectives never let go now: unsaved ones, the one in the editor."""
        keep = set(self.app.dirty)
        try:
            current = self.app.editor.current
        except NoMatches:  # not composed yet, or closing
            current = None
        if current is not None and current.objective_id:
            keep.add(current.objective_id)
        return keep

    def _release(self) -> None:
        self._retry = None
        if len(self.app.screen_stack) > 1:  # a dialog is open: try again when it is closed
            self._retry = self.app.set_timer(RETRY_AFTER, self._release)
            return
        self._pending = False
        self.release_now()

    def release_now(self) -> int:
        """Let go of what the app does not need now; return how many objectives.

        Their health facts are kept for the tree's filters (`FactsCache`), so a
        health, owner or level filter reads no file again.
        """
        store = self.app.store
        released = store.release(self.keep(), objective_progress, search_text)
        try:
            facts = self.app.objective_tree.filter_facts
        except NoMatches:  # not composed yet, or closing
            return len(released)
        for objective in released:
            facts.remember(store, objective, self.app.today)
        return len(released)


def known_owners(store: WorkspaceStore, cycle: str | None = None) -> list[str]:
    """The owners named in `cycle` (None: every cycle), as `services.filters.owners` lists
    them; released objectives count by their summaries, so no file is read again."""
    names: list[str] = []
    for oid in store.objectives:
        summary = store.objectives.summary(oid)
        if summary is not None:
            outline = store.outline(oid)
            if outline is not None and cycle in (None, outline.cycle):
                names += summary.owners
            continue
        objective = store.objectives.get(oid)
        if objective is not None and cycle in (None, objective.cycle):
            names += [objective.owner, *(kr.owner for kr in objective.key_results)]
    return distinct_owners(names)
