"""`okrtui init PATH`: create an empty workspace."""

from __future__ import annotations

import argparse
import sys

from okrtui.i18n import _
from okrtui.model import Calendar
from okrtui.store import StoreError, init_workspace


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=".", help=_("folder to create it in"))
    parser.add_argument("--name", help=_("workspace name (default: the folder's name)"))
    parser.add_argument(
        "--calendar",
        choices=("gregorian", "jalali"),
        default="gregorian",
        help=_("gregorian: this quarter as a cycle; jalali: this Jalali year's four seasons"),
    )


def run(args: argparse.Namespace) -> int:
    cycles = None
    calendar = Calendar(args.calendar)
    if calendar is Calendar.JALALI:
        import datetime as dt

        from okrtui.services.jalali_cycles import jalali_year, season_cycles

        cycles = season_cycles(jalali_year(dt.date.today()))
    try:
        root = init_workspace(args.path, name=args.name, cycles=cycles, calendar=calendar)
    except (StoreError, OSError) as exc:
        print(f"okrtui: {exc}", file=sys.stderr)
        return 1
    print(_("Created an okrtui workspace in {root}").format(root=root))
    if cycles:
        print(_("Cycles: {names}").format(names=", ".join(f"{c.name} ({c.label})" for c in cycles)))
    print(_("Open it with: okrtui {path}").format(path=args.path))
    return 0
