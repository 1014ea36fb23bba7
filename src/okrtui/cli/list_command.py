"""`okrtui list [--cycle C] [--owner O] [--stale] [--format text|json]`: for scripts and bots.

One line per objective and key result with progress, health and owner. The
current cycle by default (`--cycle all` for every cycle). `--stale` keeps
only key results without a check-in within the workspace's cadence. Never
imports Textual.
"""

from __future__ import annotations

import argparse
import datetime as dt

from okrtui.cli.console import add_today_argument, echo, fail, open_store, pipe_closed
from okrtui.i18n import _
from okrtui.services.export import json_text
from okrtui.services.export_figures import workspace_figures
from okrtui.services.export_list import list_entries, list_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", nargs="?", default=".", help=_("workspace folder"))
    parser.add_argument("--cycle", help=_("a cycle name, or 'all' (default: the current cycle)"))
    parser.add_argument(
        "--owner", help=_("only objectives this person owns or has a key result in")
    )
    parser.add_argument(
        "--stale",
        action="store_true",
        help=_("only key results with no check-in within the workspace's cadence"),
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_today_argument(parser)


def run(args: argparse.Namespace) -> int:
    store = open_store(args.workspace)
    if store is None:
        return 1
    today = args.today or dt.date.today()
    cycle: str | None = args.cycle
    if cycle is None:
        current = store.settings.current_cycle(today)
        cycle = current.name if current is not None else None
    elif cycle == "all":
        cycle = None
    elif cycle not in {c.name for c in store.cycles()}:
        return fail(_("no cycle named {cycle!r} in this workspace").format(cycle=cycle))
    figures = workspace_figures(
        store.settings, store.objectives.values(), today, cycle=cycle, owner=args.owner
    )
    entries = list_entries(figures, stale_only=args.stale, owner=args.owner)
    try:
        if args.format == "json":
            print(json_text([e.as_json() for e in entries]))  # every control escaped
        elif entries:
            echo(list_text(entries))
    except BrokenPipeError:
        return pipe_closed()
    return 0
