"""`okrtui export [WORKSPACE] --format csv|json|md`: for spreadsheets, scripts and wikis.

JSON and Markdown go to standard output unless `--output` names a file;
CSV is two files (`key_results.csv`, `checkins.csv`) written into the folder
`--output` names. Never imports Textual.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from okrtui.cli.console import add_today_argument, echo, fail, open_store, pipe_closed
from okrtui.i18n import _
from okrtui.services.export import ExportFormat, export_text, write_export


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", nargs="?", default=".", help=_("workspace folder"))
    parser.add_argument(
        "--format",
        choices=[f.value for f in ExportFormat],
        default=ExportFormat.JSON.value,
        help=_("csv (two tables for Looker Studio/Sheets), json (everything), md (cycle report)"),
    )
    parser.add_argument("--cycle", help=_("only this cycle (md: default the current cycle)"))
    parser.add_argument(
        "--output",
        "-o",
        help=_("file to write (json, md; default: standard output) or folder (csv, required)"),
    )
    add_today_argument(parser)


def run(args: argparse.Namespace) -> int:
    fmt = ExportFormat(args.format)
    if fmt is ExportFormat.CSV and not args.output:
        return fail(_("csv writes two files: name a folder with --output"))
    store = open_store(args.workspace)
    if store is None:
        return 1
    if args.cycle is not None and args.cycle not in {c.name for c in store.cycles()}:
        return fail(_("no cycle named {cycle!r} in this workspace").format(cycle=args.cycle))
    today = args.today or dt.date.today()
    objectives = list(store.objectives.values())
    try:
        if fmt is ExportFormat.CSV:
            for path in write_export(
                fmt, Path(args.output), store.settings, objectives, today, args.cycle
            ):
                echo(_("wrote {path}").format(path=path))
            return 0
        text = export_text(fmt, store.settings, objectives, today, args.cycle)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
            echo(_("wrote {path}").format(path=args.output), err=True)
        elif fmt is ExportFormat.JSON:
            print(text, end="")  # json.dumps escapes every control character
        else:
            echo(text.rstrip("\n"))
    except BrokenPipeError:
        return pipe_closed()
    except OSError as exc:
        return fail(f"{exc.filename or args.output}: {exc.strerror}")
    return 0
