"""Two tidy CSV tables for Looker Studio and Google Sheets.

`key_results.csv` has one row per key result, `checkins.csv` one row per
check-in. Both are UTF-8 with a header row, ISO dates (always Gregorian,
whatever the workspace's calendar), `.` as the decimal point and no
thousands separators, so a file upload reads them without settings. Text
(Persian too) is written as it is stored.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from okrtui.services.export_figures import ObjectiveFigures
from okrtui.services.progress import progress_of_value

KEY_RESULT_COLUMNS = (
    "cycle",
    "objective_id",
    "objective_title",
    "level",
    "owner",
    "parent_objective",
    "key_result_id",
    "key_result_title",
    "metric_type",
    "direction",
    "unit",
    "start",
    "target",
    "current",
    "progress",
    "health",
    "score",
    "confidence",
    "due",
    "smart_holding",
)
CHECKIN_COLUMNS = (
    "cycle",
    "objective_id",
    "key_result_id",
    "date",
    "value",
    "progress",
    "confidence",
    "note",
    "author",
)
KEY_RESULTS_FILE = "key_results.csv"
CHECKINS_FILE = "checkins.csv"

#: Fractions (progress, score) keep this many decimals: 0.6154, not 0.6153846153846154.
FRACTION_DIGITS = 4


def csv_number(value: float | None, digits: int | None = None) -> str:
    """`value` as a spreadsheet reads it anywhere: `48500`, `0.6154`, `-3.5`; "" for None.

    Never an exponent, never a thousands separator; whole numbers without `.0`.
    """
    if value is None:
        return ""
    if digits is not None:
        value = round(value, digits)
    if float(value).is_integer():
        return str(int(value))
    return format(Decimal(repr(float(value))), "f")


#: A cell a spreadsheet would read as a formula starts with one of these.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def sheet_text(text: str) -> str:
    """Free text a spreadsheet shows as text, never runs as a formula.

    Sheets and Excel evaluate a cell that starts with `=` (also `+`, `-`, `@`)
    on import: a title like `=IMPORTXML("https://…", A1)` written by anyone who
    can push a commit would send the sheet's data away. Such a cell gets a
    leading `'`, which both read as "this is text" (OWASP's CSV injection advice).
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


def key_result_rows(figures: Iterable[ObjectiveFigures]) -> list[dict[str, str]]:
    """One row per key result, as `KEY_RESULT_COLUMNS`."""
    rows = []
    for of in figures:
        objective = of.objective
        for kf in of.key_results:
            metric = kf.kr.metric
            rows.append(
                {
                    "cycle": objective.cycle,
                    "objective_id": objective.id,
                    "objective_title": sheet_text(objective.title),
                    "level": objective.level.value,
                    "owner": sheet_text(kf.owner),
                    "parent_objective": objective.parent or "",
                    "key_result_id": kf.kr.id,
                    "key_result_title": sheet_text(kf.kr.title),
                    "metric_type": metric.type.value,
                    "direction": metric.direction.value,
                    "unit": sheet_text(metric.unit),
                    "start": csv_number(metric.start),
                    "target": csv_number(metric.target),
                    "current": csv_number(kf.current),
                    "progress": csv_number(kf.progress, FRACTION_DIGITS),
                    "health": kf.health.health.value,
                    "score": csv_number(kf.score, FRACTION_DIGITS),
                    "confidence": csv_number(kf.confidence),
                    "due": kf.due.isoformat() if kf.due else "",
                    "smart_holding": kf.smart_holding,
                }
            )
    return rows


def checkin_rows(figures: Iterable[ObjectiveFigures]) -> list[dict[str, str]]:
    """One row per check-in in date order within each key result, as `CHECKIN_COLUMNS`."""
    rows = []
    for of in figures:
        for kf in of.key_results:
            for checkin in sorted(kf.kr.checkins, key=lambda c: c.date):
                rows.append(
                    {
                        "cycle": of.objective.cycle,
                        "objective_id": of.objective.id,
                        "key_result_id": kf.kr.id,
                        "date": checkin.date.isoformat(),
                        "value": csv_number(checkin.value),
                        "progress": csv_number(
                            progress_of_value(kf.kr, checkin.value), FRACTION_DIGITS
                        ),
                        "confidence": csv_number(checkin.confidence),
                        "note": sheet_text(checkin.note),
                        "author": sheet_text(checkin.author),
                    }
                )
    return rows


def csv_text(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    """The table as CSV text: header row, `\\r\\n` line ends (RFC 4180), quoted where needed."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv_tables(figures: list[ObjectiveFigures], folder: Path) -> list[Path]:
    """Write `key_results.csv` and `checkins.csv` into `folder` (created if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = (
        (KEY_RESULTS_FILE, KEY_RESULT_COLUMNS, key_result_rows(figures)),
        (CHECKINS_FILE, CHECKIN_COLUMNS, checkin_rows(figures)),
    )
    written = []
    for name, columns, rows in tables:
        path = folder / name
        path.write_text(csv_text(columns, rows), encoding="utf-8", newline="")
        written.append(path)
    return written
