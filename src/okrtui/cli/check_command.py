"""`okrtui check [WORKSPACE]`: check every file and the SMART rules, for git hooks and CI.

Prints one finding a line as `path:line:col: CODE message` (paths relative
to the workspace), or a JSON document with `--format json`, then a summary.
Exits 1 when any finding is an error, 0 otherwise, 2 when WORKSPACE is not a
workspace. Never imports Textual, so it starts fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from okrtui.i18n import _, choose_language, nformat, set_language, workspace_locale
from okrtui.model.text import printable
from okrtui.services.check_run import (
    check_folder,
    remember_output,
    remembered_output,
    survey_folder,
)
from okrtui.services.workspace_check import CheckReport
from okrtui.store import NotAWorkspaceError, WorkspaceStore


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a date as YYYY-MM-DD")) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", nargs="?", default=".", help=_("workspace folder"))
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help=_("output format (default: text)"),
    )
    parser.add_argument(
        "--today",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help=_("judge pace and dates as of this day (default: today)"),
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help=_("processes checking files at once (default: one per core)"),
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help=_("check every file again, ignoring what the last check remembered"),
    )


def summary(report: CheckReport) -> str:
    """'3 errors, 5 warnings in 7 files', or 'All checks passed'."""
    if not report.findings:
        return _("All checks passed")

    errors = nformat("{n} error", "{n} errors", report.errors)
    warnings = nformat("{n} warning", "{n} warnings", report.warnings)
    files = nformat("{n} file", "{n} files", report.files_checked)
    return _("{errors}, {warnings} in {files}").format(
        errors=errors, warnings=warnings, files=files
    )


def as_json(report: CheckReport) -> dict[str, Any]:
    """The report as the JSON document `--format json` prints."""
    return {
        "workspace": str(report.root),
        "files": report.files_checked,
        "errors": report.errors,
        "warnings": report.warnings,
        "summary": summary(report),
        "findings": [
            {
                "path": f.relative_path(report.root),
                "line": f.line,
                "column": f.column,
                "code": f.code,
                "severity": f.severity.value,
                "message": f.message,
                "field": f.field,
                "objective": f.objective,
                "key_result": f.key_result,
            }
            for f in report.findings
        ],
    }


def run(args: argparse.Namespace) -> int:
    today = args.today or dt.date.today()
    try:
        # the workspace's language, unless --lang or the environment chose: set before
        # checking, since findings are worded as they are found (and cached per language)
        settings = WorkspaceStore.open_settings_only(args.workspace).settings
        set_language(choose_language(workspace_locale(settings)))
        # read again in that language (its problems are worded as read); listed once:
        # both steps below start from the same survey
        survey = survey_folder(WorkspaceStore.open_settings_only(args.workspace), today)
        if not args.no_cache:
            remembered = remembered_output(survey, args.format)
            if remembered is not None:  # the folder is exactly as last checked
                sys.stdout.write(remembered[0])
                return remembered[1]
        report = check_folder(
            args.workspace, today, jobs=args.jobs, cache=not args.no_cache, survey=survey
        )
    except NotAWorkspaceError as exc:
        print(printable(f"okrtui: {exc}"), file=sys.stderr)
        return 2
    except OSError as exc:
        print(printable(f"okrtui: {args.workspace}: {exc.strerror}"), file=sys.stderr)
        return 2
    if args.format == "json":
        text = json.dumps(as_json(report), ensure_ascii=False, indent=2) + "\n"
    else:
        # data never drives the terminal: control characters are shown as escapes
        lines = [printable(finding.describe(report.root)) for finding in report.findings]
        text = "".join(line + "\n" for line in lines) + summary(report) + "\n"
    sys.stdout.write(text)
    remember_output(report, args.format, text)
    return report.exit_code
