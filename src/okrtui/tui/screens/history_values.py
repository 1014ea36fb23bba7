"""The rows of a key result's value history (`H`), and columns that fit the dialog.

Pure functions: what each cell says and how wide each column is, so at 80x24
the values are never cut and the commit message is cut (with …) only when it
must be.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rich.cells import cell_len

from okrtui.i18n import _
from okrtui.model import Calendar, KeyResult, Metric
from okrtui.model.text import printable
from okrtui.services.history import key_result_history
from okrtui.store.git import GitRepo
from okrtui.tui.formatting import format_date, format_value
from okrtui.tui.widgets.kr_history import value_unit


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """A key result at one commit (or, last, as it is in the app now)."""

    date: dt.date | None
    author: str
    value: float | None
    target: float | None
    subject: str


def read_history(repo: GitRepo, path: Path, kr: KeyResult) -> list[HistoryRow]:
    """Committed values of `kr`, oldest first, plus the app's value when it differs."""
    subjects = {c.sha: c.subject for c in repo.log_file(path)}
    rows = [
        HistoryRow(p.date.date(), p.author, p.value, p.target, subjects.get(p.commit, ""))
        for p in key_result_history(repo, path, kr.id)
    ]
    now = (kr.current_value(), kr.metric.target)
    if not rows or (rows[-1].value, rows[-1].target) != now:
        rows.append(HistoryRow(None, "", now[0], now[1], _("(not committed)")))
    return rows


AUTHOR_MAX = 12
"""The author column's widest; the commit message takes what the others leave."""
COMMIT_MIN = 8


def history_cells(rows: list[HistoryRow], metric: Metric, calendar: Calendar) -> list[list[str]]:
    """Each row's date, author, value, target and commit message as shown (not yet cut)."""
    bare = metric.model_copy(update={"unit": ""}) if value_unit(metric) else metric
    return [
        [
            format_date(row.date, calendar) if row.date else _("now"),
            printable(row.author),
            format_value(row.value, bare),
            format_value(row.target, bare),
            printable(row.subject),
        ]
        for row in rows
    ]


def column_widths(headers: list[str], cells: list[list[str]], width: int) -> list[int]:
    """Widths that fit `width` cells (one cell of padding each side of every column).

    Date, value and target are as wide as their longest text (never cut), the
    author at most `AUTHOR_MAX`; the commit message gets the rest.
    """
    widths = [max([cell_len(h), *(cell_len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    widths[1] = min(widths[1], AUTHOR_MAX)
    rest = width - sum(widths[:4]) - 2 * len(headers)
    widths[4] = max(COMMIT_MIN, rest)
    return widths
