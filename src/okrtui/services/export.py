"""Exports of a workspace: CSV tables, a JSON document, a Markdown cycle report.

`write_export` is what both `okrtui export` and the app's palette call: it
computes the figures once and writes the files into a folder.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path

from okrtui.model import Objective, WorkspaceSettings, is_cycle_name
from okrtui.services.export_figures import workspace_figures
from okrtui.services.export_json import export_document
from okrtui.services.export_markdown import markdown_report
from okrtui.services.export_tables import write_csv_tables

JSON_FILE = "okrtui-export.json"
_C1 = re.compile("[\x7f-\x9f]")


class ExportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    MARKDOWN = "md"


def json_text(data: object) -> str:
    """Indented JSON, UTF-8 text as is, every control character escaped.

    `json` escapes C0 controls itself; DEL and C1 (a terminal's CSI is U+009B)
    are escaped here too, so the text is safe to print to a terminal.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def report_cycle(settings: WorkspaceSettings, cycle: str | None, today: dt.date) -> str | None:
    """The cycle a Markdown report covers: `cycle`, else the workspace's current one."""
    if cycle is not None:
        return cycle
    current = settings.current_cycle(today)
    return current.name if current is not None else None


def export_text(
    fmt: ExportFormat,
    settings: WorkspaceSettings,
    objectives: Iterable[Objective],
    today: dt.date,
    cycle: str | None = None,
) -> str:
    """The JSON document or the Markdown report as text (CSV is two files: `write_export`)."""
    if fmt is ExportFormat.MARKDOWN:
        cycle = report_cycle(settings, cycle, today)
        figures = workspace_figures(settings, objectives, today, cycle=cycle)
        span = settings.cycle(cycle) if cycle is not None else None
        return markdown_report(settings, figures, span, today)
    if fmt is ExportFormat.JSON:
        figures = workspace_figures(settings, objectives, today, cycle=cycle)
        document = export_document(settings, figures, today)
        return json_text(document) + "\n"
    raise ValueError(f"{fmt} is not a single text")


def export_file_name(fmt: ExportFormat, settings: WorkspaceSettings, cycle: str | None) -> str:
    """The file a folder export writes for JSON and Markdown."""
    if fmt is ExportFormat.JSON:
        return JSON_FILE
    if cycle is not None and not is_cycle_name(cycle):
        raise ValueError(f"not a cycle name: {cycle!r}")  # it becomes part of a file name
    return f"okrtui-report-{cycle or 'all'}.md"


def write_export(
    fmt: ExportFormat,
    folder: Path,
    settings: WorkspaceSettings,
    objectives: Iterable[Objective],
    today: dt.date,
    cycle: str | None = None,
) -> list[Path]:
    """Write the export into `folder` (created if missing); return the files written."""
    if fmt is ExportFormat.CSV:
        figures = workspace_figures(settings, objectives, today, cycle=cycle)
        return write_csv_tables(figures, folder)
    text = export_text(fmt, settings, objectives, today, cycle)
    if fmt is ExportFormat.MARKDOWN:
        cycle = report_cycle(settings, cycle, today)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / export_file_name(fmt, settings, cycle)
    path.write_text(text, encoding="utf-8")
    return [path]
