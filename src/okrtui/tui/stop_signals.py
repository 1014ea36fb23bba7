"""SIGHUP and SIGTERM end the app the way a quit would, unsaved edits kept aside first.

Over SSH a dropped connection or a closed terminal sends SIGHUP; `kill` sends
SIGTERM. Their default action ends the process at once, and every unsaved
edit with it. While the app runs, both are handled by its event loop
(`loop.add_signal_handler`: the loop is woken through a file descriptor and
the callback runs between two messages, never in the middle of one or of a
garbage collection): the unsaved objectives go to the recovery folder
(`store.recovery`, as on an unexpected error), then the app exits with
128 + the signal's number. `okrtui` names the folder on its way out.

The handlers that were there before (the demo's, which removes its copy) are
put back when the app stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from okrtui.cli.open_command import STOP_SIGNALS

if TYPE_CHECKING:
    from okrtui.tui.app import OkrApp


Previous = dict[int, Callable[[int, Any], Any] | int | None]


def install(app: OkrApp) -> Previous:
    """Handle the stop signals in the running loop; return the handlers to put back."""
    previous: Previous = {}
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return previous
    for number in STOP_SIGNALS:
        before = signal.getsignal(number)
        # not the main thread, or no signals on this platform: the defaults stay
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(number, stopped, app, number)
            previous[number] = before
    return previous


def uninstall(previous: Previous) -> None:
    """Stop handling them in the loop; the handlers from before `install` again."""
    with contextlib.suppress(RuntimeError):
        loop = asyncio.get_running_loop()
        for number in previous:
            loop.remove_signal_handler(number)
    for number, handler in previous.items():
        with contextlib.suppress(TypeError, ValueError):
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


def stopped(app: OkrApp, number: int) -> None:
    """A stop signal arrived: keep the unsaved edits aside, then end the app."""
    app.stopped_by = number
    app.keep_unsaved_edits()
    app.exit(return_code=128 + number)
