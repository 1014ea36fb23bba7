"""The SMART coach's report: every finding of the workspace check, errors first.

enter on a finding closes the report and answers the tree node to jump to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from okrtui.i18n import N_, _, nformat
from okrtui.model import Objective
from okrtui.model.rules import Severity
from okrtui.services.workspace_check import CheckReport, Finding
from okrtui.tui.formatting import display_text, fit_text
from okrtui.tui.node_ref import NodeKind, NodeRef


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One finding and the tree node it is about (None: nothing in the tree to show)."""

    finding: Finding
    ref: NodeRef | None


def report_rows(report: CheckReport, objectives: Mapping[str, Objective]) -> list[ReportRow]:
    """The report's findings, errors before warnings, each with the node it is about."""
    rows = []
    ordered = sorted(report.findings, key=lambda f: f.severity is not Severity.ERROR)
    for finding in ordered:
        objective = objectives.get(finding.objective or "")
        ref: NodeRef | None = None
        kr_id = finding.key_result
        if objective is not None and kr_id is not None and objective.key_result(kr_id):
            ref = NodeRef(NodeKind.KEY_RESULT, objective.cycle, objective.id, kr_id)
        if ref is None and objective is not None:
            ref = NodeRef(NodeKind.OBJECTIVE, objective.cycle, objective.id)
        elif objective is None and finding.code.startswith("E"):
            ref = NodeRef(NodeKind.PROBLEMS)  # a file that did not load
        rows.append(ReportRow(finding, ref))
    return rows


class CoachReportScreen(ModalScreen[NodeRef | None]):
    """A table of findings: where, key result, code and message; the full line below it."""

    DEFAULT_CSS = """
    CoachReportScreen { align: center middle; background: $background 60%; }
    #report-dialog {
        width: 96%; max-width: 140; height: 90%;
        border: thick $primary; border-title-color: $primary; border-title-style: bold;
        background: $surface; padding: 0 1;
    }
    #report-summary { height: auto; margin-bottom: 1; }
    #report-table { height: 1fr; }
    #report-detail { height: 3; margin-top: 1; }
    #report-dialog .hint { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", N_("Close"), id="report.close"),
    ]

    WHERE_WIDTH = 16
    KR_WIDTH = 15
    CODE_WIDTH = 4

    def __init__(self, rows: list[ReportRow], report: CheckReport, *, unsaved: int = 0) -> None:
        """`unsaved`: new objectives not yet written, which the check cannot see."""
        super().__init__()
        self.rows = rows
        self.report = report
        self.unsaved = unsaved

    @property
    def root(self) -> Path:
        return self.report.root

    def compose(self) -> ComposeResult:
        dialog = Vertical(id="report-dialog")
        dialog.border_title = _("SMART coach report")
        with dialog:
            yield Static(self._summary(), id="report-summary")
            yield DataTable(id="report-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="report-detail", markup=False)
            yield Static(_("enter: go to it · ↑↓: move · escape: close"), classes="hint")

    def _summary(self) -> Content:
        report = self.report
        if not report.findings:
            text = _("No findings: every key result passes the SMART coach.")
            parts: list[str | tuple[str, str]] = [(text, "$success")]
        else:
            parts = [
                (
                    nformat("{n} error", "{n} errors", report.errors),
                    "bold $error" if report.errors else "",
                ),
                ", ",
                (
                    nformat("{n} warning", "{n} warnings", report.warnings),
                    "bold $warning",
                ),
                " " + nformat("in {n} file", "in {n} files", report.files_checked),
            ]
        if self.unsaved:
            hint = nformat(
                "{n} new objective is not saved yet: ctrl+s, then check again.",
                "{n} new objectives are not saved yet: ctrl+s, then check again.",
                self.unsaved,
            )
            parts += ["\n", (hint, "$text-muted")]
        return Content.assemble(*parts)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # the message takes what the other columns and the cell padding leave
        width = min(140, self.app.size.width * 96 // 100) - 4 - 1
        message_width = max(20, width - self.WHERE_WIDTH - self.KR_WIDTH - self.CODE_WIDTH - 8)
        table.add_column(_("Objective / file"), key="where", width=self.WHERE_WIDTH)
        table.add_column(_("Key result"), key="kr", width=self.KR_WIDTH)
        table.add_column(_("Code"), key="code", width=self.CODE_WIDTH)
        table.add_column(_("Message"), key="message", width=message_width)
        for index, row in enumerate(self.rows):
            finding = row.finding
            where = finding.objective or finding.relative_path(self.root)
            style = "bold red" if finding.severity is Severity.ERROR else "yellow"
            table.add_row(
                Text(fit_text(where, self.WHERE_WIDTH)),
                Text(fit_text(finding.key_result or "", self.KR_WIDTH)),
                Text(finding.code, style=style),
                Text(fit_text(finding.message, message_width)),
                key=str(index),
            )
        table.focus()
        self._show_detail(0)

    def _show_detail(self, index: int) -> None:
        detail = self.query_one("#report-detail", Static)
        if 0 <= index < len(self.rows):
            detail.update(display_text(self.rows[index].finding.describe(self.root)))
        else:
            detail.update("")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.rows[event.cursor_row]
        if row.ref is None:
            self.notify(_("This finding is about the workspace settings, not a node in the tree."))
            return
        self.dismiss(row.ref)

    def action_close(self) -> None:
        self.dismiss(None)
