"""What the data commands print, and how they open a workspace.

Every line of text these commands print goes through `cli.output.say`, since
titles, notes and owners come from files anyone can edit: a control
character there must not move the cursor or retitle the terminal. Never
imports Textual.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from pathlib import Path

from okrtui.cli.output import say
from okrtui.i18n import _, nformat
from okrtui.model import Objective
from okrtui.store import NotAWorkspaceError, StoreError, WorkspaceStore


def echo(text: str = "", *, err: bool = False) -> None:
    """Print one line (or a block) made safe for the terminal (`cli.output.say`)."""
    say(text, file=sys.stderr if err else sys.stdout)


def fail(message: str) -> int:
    """Print `okrtui: message` on standard error and return exit code 1."""
    echo(f"okrtui: {message}", err=True)
    return 1


def pipe_closed() -> int:
    """After `okrtui ... | head`: stop quietly, as a Unix tool does."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0


def iso_date(text: str) -> dt.date:
    """An argparse type: YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a date as YYYY-MM-DD")) from None


def add_today_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        type=iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help=_("judge health and staleness as of this day (default: today)"),
    )


def open_store(path: str | Path) -> WorkspaceStore | None:
    """The workspace at `path`, fully read; None after printing why it could not be opened.

    Files that did not load are named on standard error: they are left out.
    """
    try:
        store = WorkspaceStore.open(path)
    except NotAWorkspaceError as exc:
        fail(str(exc))
        return None
    except OSError as exc:
        fail(f"{path}: {exc.strerror}")
        return None
    broken = len(store.broken)
    if broken:
        warning = nformat(
            "warning: {n} file did not load and is left out (see okrtui check)",
            "warning: {n} files did not load and are left out (see okrtui check)",
            broken,
        )
        echo("okrtui: " + warning, err=True)
    return store


def unreadable_objectives(store: WorkspaceStore) -> dict[str, str]:
    """Objective id -> why it is not there: its file did not load (files are named by id)."""
    return {
        path.stem: _("{path} did not load; fix it first (see okrtui check)").format(
            path=store.relative(path)
        )
        for path in store.broken
        if path != store.settings_path
    }


def save_objectives(store: WorkspaceStore, objectives: list[Objective]) -> str | None:
    """Save changed objectives with the app's rules; the one-line reason when refused.

    Every file is checked for changes on disk first, so a conflict refuses the
    whole batch before anything is written (no-clobber, as the app).
    """
    for objective in objectives:
        if store.is_dirty_on_disk(objective.id):
            path = store.relative(store.files[objective.id].path)
            return _("{path}: not saved: the file changed on disk since it was loaded").format(
                path=path
            )
    try:
        for objective in objectives:
            store.save_objective(objective)
    except StoreError as exc:
        return str(exc)
    except OSError as exc:
        return f"{exc.filename}: {exc.strerror}"
    return None
