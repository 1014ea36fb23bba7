"""`okrtui import checkins FILE.csv`: check-ins from Google Analytics, Sheets or a script.

Reads the whole file first (`services.import_checkins`); a bad row prints
`FILE:LINE: column 'X': why` and nothing is written. Rows already recorded
are skipped, so a second run adds nothing. `--dry-run` shows what would
change. Never imports Textual.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from okrtui.cli.console import (
    echo,
    fail,
    open_store,
    save_objectives,
    unreadable_objectives,
)
from okrtui.i18n import _, count
from okrtui.services.import_checkins import (
    CsvRowError,
    ImportPlan,
    plan_import,
    read_checkins_csv,
)


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        column, equals, key = pair.rpartition("=")
        if not equals or not column or not key:
            raise ValueError(
                _("--map expects COLUMN=OBJECTIVE_ID/KR_ID, got {text!r}").format(text=pair)
            )
        mapping[column] = key
    return mapping


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("what", choices=["checkins"], help=_("what to import"))
    parser.add_argument("file", metavar="FILE.csv", help=_("the CSV file (UTF-8)"))
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=OBJECTIVE_ID/KR_ID",
        help=_("which key result a column measures (wide files; repeat per column)"),
    )
    parser.add_argument("--date-column", help=_("the date column of a wide file (default: date)"))
    parser.add_argument("--author", default="", help=_("author of rows that name none"))
    parser.add_argument(
        "--dry-run", action="store_true", help=_("show what would change, write nothing")
    )
    parser.add_argument("--workspace", "-w", default=".", help=_("workspace folder"))


def _print(plan: ImportPlan, dry_run: bool) -> None:
    verbs = (
        (plan.added, _("would add") if dry_run else _("added")),
        (plan.updated, _("would update") if dry_run else _("updated")),
        (plan.skipped, _("skipped (already recorded)")),
    )
    for rows, verb in verbs:
        for row in rows:
            echo(f"{verb}: {row.key} {row.date.isoformat()} {row.value:g}")
    echo(
        _("{added} added, {updated} updated, {skipped} skipped").format(
            added=count(len(plan.added)),
            updated=count(len(plan.updated)),
            skipped=count(len(plan.skipped)),
        )
        + (" " + _("(dry run: nothing written)") if dry_run else "")
    )


def run(args: argparse.Namespace) -> int:
    try:
        mapping = _mapping(args.map)
    except ValueError as exc:
        return fail(str(exc))
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return fail(_("{path}: not UTF-8 text (byte {at})").format(path=path, at=count(exc.start)))
    except OSError as exc:
        return fail(f"{path}: {exc.strerror}")
    store = open_store(args.workspace)
    if store is None:
        return 1
    try:
        incoming = read_checkins_csv(
            text, store.settings.calendar, mapping=mapping, date_column=args.date_column
        )
        plan = plan_import(
            store.objectives,
            incoming,
            dt.date.today(),
            author=args.author,
            unreadable=unreadable_objectives(store),
        )
    except CsvRowError as exc:
        return fail(exc.describe(path))
    if not args.dry_run and plan.changed:
        problem = save_objectives(store, list(plan.changed.values()))
        if problem is not None:
            return fail(problem)
    _print(plan, args.dry_run)
    return 0
