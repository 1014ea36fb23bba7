"""Full garbage collections between keys, not in the middle of one (issue 9: selection p95).

CPython starts a full collection (its oldest generation) by itself once
enough objects have outlived the younger collections, whatever the app is
doing. Walking the tree reads objectives and draws forms, so one key in
about ten paid for it: 45-50 ms at 1,000 objectives (about 100 ms when the
start-up objects were not frozen), the slowest selections of a walk.

While the app runs, `GcPacer` turns the automatic full collection off and
runs it itself once no key has come for `QUIET` seconds, then freezes what
survived (`gc.freeze`, as the app does after start-up): the next collection
scans only what was made since, a few milliseconds, so one that a quick key
runs into costs that key little. What was frozen is collected again, all of
it, after `DEEP_QUIET` seconds without a key once `DEEP_AFTER` more objects
were frozen (a dialog's widgets, closed since, are freed then). If
`MAX_PENDING` younger collections pile up without a quiet moment (a key
held down for long), the collection runs before the next key. The younger
generations are collected by Python as before. The timers run once after
keys, never while the app is idle (an idle app allocates next to nothing,
so Python's own full collection would not have run either). No collection
is started right after start-up: when this was written a stop signal that
landed while a collection ran finalizers could be lost (the demo's handler,
`cli.open_command._stop`, raised from the signal), and the demo's end-to-end
test stops it just then. While the app runs, SIGHUP and SIGTERM are now
handled by its event loop instead (`tui.stop_signals`), so that reason is
gone; the rule stays until a collection after start-up is measured again.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

QUIET = 0.1
"""Seconds without a key after which the objects made since the last one are collected."""
DEEP_QUIET = 3.0
"""Seconds without a key after which everything frozen is collected again, if due."""
DEEP_AFTER = 200_000
"""Objects frozen since the last collection of everything that make one due."""
MAX_PENDING = 100
"""Middle-generation collections since the last full one that make it run anyway."""
NEVER = 1 << 30
"""A full-collection threshold that is never reached."""


class GcPacer:
    """Puts CPython's full collections between keys (see the module)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._saved: tuple[int, int, int] | None = None
        self._timer: Timer | None = None
        self.collections = 0
        """Collections of the objects made since the last one, run by this pacer."""
        self.deep_collections = 0
        """Collections of everything, frozen or not."""
        self._frozen = 0
        """Objects frozen by this pacer since the last collection of everything."""
        self._quiet_from = 0.0
        """When (`time.monotonic`) the keys will have stopped, if no other comes."""
        self._pending: Callable[[], None] | None = None
        """What the armed timer runs."""

    @property
    def active(self) -> bool:
        return self._saved is not None

    def start(self) -> None:
        """Take over the full collections (until `stop`)."""
        if self._saved is None:
            self._saved = gc.get_threshold()
            young, middle, _full = self._saved
            gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        """Give the full collections back to Python, as they were, and unfreeze.

        The app is ending: what it froze becomes garbage that Python must be
        able to collect (a process that goes on, such as a test run, would
        otherwise keep every ended app)."""
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None
            if self.collections or self.deep_collections:
                gc.unfreeze()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def key(self) -> None:
        """A key came: collections wait until the keys stop.

        Keys in a row move the quiet moment on without a new timer each (a
        timer is a task to make and one to cancel, on every key): the one
        armed looks again when it fires.
        """
        if self._saved is None:
            return
        if gc.get_count()[2] >= MAX_PENDING:
            self._young()  # no quiet moment for long: before this key
        self._quiet_from = time.monotonic() + QUIET
        if self._timer is None or self._pending != self._when_quiet:
            self._arm(QUIET, self._when_quiet)

    def _arm(self, delay: float, then: Callable[[], None]) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._pending = then
        self._timer = self.app.set_timer(delay, then, name="gc-pacer")

    def _when_quiet(self) -> None:
        """The quiet timer fired: collect if no key came since it was armed, else wait on."""
        self._timer = None
        left = self._quiet_from - time.monotonic()
        if left > 0:
            self._arm(left, self._when_quiet)
            return
        self._young()

    def _young(self) -> None:
        """Collect what was made since the last collection, then freeze what is left."""
        if self._saved is None:
            return
        if gc.get_count()[2] or gc.get_count()[1]:
            gc.collect()
            # what survived is in the oldest generation now (`get_freeze_count` would walk
            # every frozen object: tens of milliseconds)
            self._frozen += len(gc.get_objects(generation=2))
            gc.freeze()
            self.collections += 1
        if self._frozen >= DEEP_AFTER:
            self._arm(DEEP_QUIET - QUIET, self._deep)

    def _deep(self) -> None:
        """Collect everything again, frozen at start-up or since."""
        self._timer = None
        if self._saved is None:
            return
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self._frozen = 0
        self.deep_collections += 1
