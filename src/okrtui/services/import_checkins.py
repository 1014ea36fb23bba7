"""Check-ins from a CSV file: Google Analytics and Sheets exports, or a long table.

Two shapes are read:

- **wide**: a date column plus one column per metric, as Google Analytics and
  Sheets export them; `--map COLUMN=OBJECTIVE_ID/KR_ID` says which column is
  which key result (a column named `OBJECTIVE_ID/KR_ID` maps itself);
- **long**: the columns `key_result,date,value` (optional `confidence`,
  `note`, `author`), `key_result` being `OBJECTIVE_ID/KR_ID`.

Everything is checked before anything changes: a bad row raises `CsvRowError`
naming its line and column, and the caller writes nothing. A row whose key
result already has that value on that date is skipped, so importing the same
file twice adds nothing the second time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from okrtui.i18n import _
from okrtui.model import Calendar, CheckIn, KeyResult, Objective
from okrtui.services.checkins import CheckInError, add_checkin
from okrtui.services.import_values import ascii_digits, parse_date, parse_number

LONG_COLUMNS = ("key_result", "date", "value")
DATE_HEADERS = ("date", "day", "تاریخ")
#: A year this large is Gregorian even in a Jalali workspace (Jalali years are ~1400).
GREGORIAN_YEARS_FROM = 1700


class CsvRowError(ValueError):
    """A row that cannot be imported; the message names line and column."""

    def __init__(self, line: int, column: str | None, message: str) -> None:
        self.line = line
        self.column = column
        self.message = message
        where = _("line {line}").format(line=line)
        if column is not None:
            where += ", " + _("column {column!r}").format(column=column)
        super().__init__(f"{where}: {message}")

    def describe(self, path: object) -> str:
        """One line: `FILE:LINE: column 'X': message`."""
        column = _("column {column!r}").format(column=self.column) + ": " if self.column else ""
        return f"{path}:{self.line}: {column}{self.message}"


class DayError(ValueError):
    """A date that cannot be read; the message says why in one line (translated)."""


def parse_day(text: str, calendar: Calendar) -> dt.date:
    """A date as the workspace writes it, or as an analytics export does.

    `YYYY-MM-DD` or `YYYY/MM/DD` in the workspace's calendar (Persian digits
    welcome), and `YYYYMMDD` (Google Analytics). In a Jalali workspace a
    year from 1700 on is read as Gregorian, since no Jalali year is that large;
    in a Gregorian workspace a year before 1700 is refused as a Jalali date
    typed by mistake. `DayError` says what is wrong.
    """
    cleaned = ascii_digits(text).strip()
    if len(cleaned) == 8 and cleaned.isdigit():
        cleaned = f"{cleaned[:4]}-{cleaned[4:6]}-{cleaned[6:]}"
    year = cleaned[:4]
    if calendar is Calendar.JALALI and year.isdigit() and int(year) >= GREGORIAN_YEARS_FROM:
        calendar = Calendar.GREGORIAN
    elif calendar is Calendar.GREGORIAN and year.isdigit() and int(year) < GREGORIAN_YEARS_FROM:
        raise DayError(
            _(
                "{text} looks like a Jalali date, but this workspace uses the Gregorian "
                "calendar: type it as YYYY-MM-DD in the Gregorian calendar"
            ).format(text=text.strip())
        )
    try:
        return parse_date(cleaned, calendar)
    except ValueError:
        raise DayError(_day_problem(cleaned, text.strip(), calendar)) from None


def _day_problem(cleaned: str, text: str, calendar: Calendar) -> str:
    """Why a date that did not read is wrong: its shape, its month or its day."""
    parts = cleaned.replace("/", "-").split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return _("{text!r} is not a date as YYYY-MM-DD").format(text=text)
    year, month, day = (int(p) for p in parts)
    if not 1 <= month <= 12:
        return _("{text}: there is no month {month}").format(text=text, month=month)
    if calendar is Calendar.JALALI:
        import jdatetime  # only for a Jalali workspace: keeps the CLI quick to start

        days = jdatetime.j_days_in_month[month - 1]
        if month == 12 and jdatetime.date(year, 1, 1).isleap():
            days = 30
        message = _(
            "{text} is not a day of the Jalali calendar: month {month} of {year} has {days} days"
        )
    else:
        import calendar as gregorian

        days = gregorian.monthrange(year, month)[1]
        message = _(
            "{text} is not a day of the Gregorian calendar: month {month} of {year} has {days} days"
        )
    if 1 <= day <= days:  # e.g. a year jdatetime cannot place
        return _("{text!r} is not a date as YYYY-MM-DD").format(text=text)
    return message.format(text=text, month=month, year=year, days=days)


def split_key_result(text: str) -> tuple[str, str]:
    """`OBJECTIVE_ID/KR_ID` as its two ids; ValueError when it is not that."""
    objective_id, slash, kr_id = text.strip().partition("/")
    if not slash or not objective_id or not kr_id or "/" in kr_id:
        raise ValueError(_("expected OBJECTIVE_ID/KR_ID, got {text!r}").format(text=text))
    return objective_id, kr_id


@dataclass(frozen=True, slots=True)
class IncomingCheckIn:
    """One check-in read from the file, with where it came from."""

    line: int
    column: str
    """The column whose cell holds the value (for messages)."""
    objective_id: str
    kr_id: str
    date: dt.date
    value: float
    confidence: float | None = None
    note: str = ""
    author: str = ""
    key_column: str = "key_result"
    """The column that names the key result (long files) or is mapped to it (wide)."""
    date_column: str = "date"

    @property
    def key(self) -> str:
        return f"{self.objective_id}/{self.kr_id}"


def _number(text: str, line: int, column: str) -> float:
    try:
        value = parse_number(text)
    except ValueError:
        raise CsvRowError(line, column, _("{text!r} is not a number").format(text=text)) from None
    if not math.isfinite(value):
        raise CsvRowError(line, column, _("{text!r} is not a number").format(text=text))
    return value


def _day(text: str, calendar: Calendar, line: int, column: str) -> dt.date:
    try:
        return parse_day(text, calendar)
    except DayError as exc:
        raise CsvRowError(line, column, str(exc)) from None


def _rows(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and (line number, cells) of each row; leading `#` comments are skipped."""
    lines = text.splitlines(keepends=True)
    skipped = 0
    while skipped < len(lines) and (not lines[skipped].strip() or lines[skipped].startswith("#")):
        skipped += 1  # Google Analytics puts "# Account: ..." lines above the table
    reader = csv.reader(io.StringIO("".join(lines[skipped:])))
    header: list[str] | None = None
    rows = []
    for cells in reader:
        if header is None:
            header = [cell.strip().lstrip("\ufeff") for cell in cells]
            continue
        if not any(cell.strip() for cell in cells):
            continue
        rows.append((reader.line_num + skipped, cells))
    if header is None:
        raise CsvRowError(skipped + 1, None, _("the file has no header row"))
    return header, rows


def read_checkins_csv(
    text: str,
    calendar: Calendar,
    *,
    mapping: Mapping[str, str] | None = None,
    date_column: str | None = None,
) -> list[IncomingCheckIn]:
    """Every check-in in the CSV `text`, wide or long (see the module's docstring)."""
    header, rows = _rows(text)
    lowered = [name.lower() for name in header]
    if not mapping and all(name in lowered for name in LONG_COLUMNS):
        return _read_long(header, rows, calendar)
    return _read_wide(header, rows, calendar, mapping or {}, date_column)


def _cell(cells: Sequence[str], index: int | None) -> str:
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _read_long(
    header: list[str], rows: list[tuple[int, list[str]]], calendar: Calendar
) -> list[IncomingCheckIn]:
    index = {name.lower(): i for i, name in enumerate(header)}
    result = []
    for line, cells in rows:
        name = _cell(cells, index["key_result"])
        try:
            objective_id, kr_id = split_key_result(name)
        except ValueError as exc:
            raise CsvRowError(line, "key_result", str(exc)) from None
        confidence_text = _cell(cells, index.get("confidence"))
        result.append(
            IncomingCheckIn(
                line=line,
                column="value",
                objective_id=objective_id,
                kr_id=kr_id,
                date=_day(_cell(cells, index["date"]), calendar, line, "date"),
                value=_number(_cell(cells, index["value"]), line, "value"),
                confidence=(
                    _number(confidence_text, line, "confidence") if confidence_text else None
                ),
                note=_cell(cells, index.get("note")),
                author=_cell(cells, index.get("author")),
            )
        )
    return result


def _date_index(header: list[str], date_column: str | None) -> int:
    if date_column is not None:
        if date_column not in header:
            raise CsvRowError(1, date_column, _("no such column in the header"))
        return header.index(date_column)
    for i, name in enumerate(header):
        if name.strip().lower() in DATE_HEADERS:
            return i
    raise CsvRowError(1, None, _("no date column: name it with --date-column"))


def _read_wide(
    header: list[str],
    rows: list[tuple[int, list[str]]],
    calendar: Calendar,
    mapping: Mapping[str, str],
    date_column: str | None,
) -> list[IncomingCheckIn]:
    date_at = _date_index(header, date_column)
    targets: list[tuple[int, str, str, str]] = []  # index, column, objective id, kr id
    for column, key in mapping.items():
        if column not in header:
            raise CsvRowError(1, column, _("no such column in the header (see --map)"))
        targets.append((header.index(column), column, *split_key_result(key)))
    if not mapping:
        for i, column in enumerate(header):
            if i != date_at and "/" in column:
                targets.append((i, column, *split_key_result(column)))
    if not targets:
        message = _("no column says which key result it measures: use --map COLUMN=OBJ/KR")
        raise CsvRowError(1, None, message)
    result = []
    for line, cells in rows:
        day = _day(_cell(cells, date_at), calendar, line, header[date_at])
        for index, column, objective_id, kr_id in targets:
            text = _cell(cells, index)
            if not text:
                continue  # no measurement that day
            value = _number(text, line, column)
            result.append(
                IncomingCheckIn(
                    line,
                    column,
                    objective_id,
                    kr_id,
                    day,
                    value,
                    key_column=column,
                    date_column=header[date_at],
                )
            )
    return result


@dataclass
class ImportPlan:
    """What an import adds, updates and skips, and the objectives it changes."""

    added: list[IncomingCheckIn] = field(default_factory=list)
    updated: list[IncomingCheckIn] = field(default_factory=list)
    """Rows for a date the key result had another value on (one check-in per day)."""
    skipped: list[IncomingCheckIn] = field(default_factory=list)
    changed: dict[str, Objective] = field(default_factory=dict)
    """Changed copies by objective id; the originals are left as they were."""


def _same(existing: CheckIn, row: IncomingCheckIn) -> bool:
    return existing.date == row.date and existing.value == row.value


def plan_import(
    objectives: Mapping[str, Objective],
    incoming: Sequence[IncomingCheckIn],
    today: dt.date,
    *,
    author: str = "",
    unreadable: Mapping[str, str] | None = None,
) -> ImportPlan:
    """Apply `incoming` to copies of the objectives, with the app's check-in rules.

    Raises `CsvRowError` for the first row that names an unknown key result,
    is dated in the future or has an invalid value, or gives a key result a
    second, different value for a date that an earlier row already gave.
    `unreadable` maps the ids of objectives whose files did not load to why.
    """
    plan = ImportPlan()
    unreadable = unreadable or {}
    seen: dict[tuple[str, dt.date], IncomingCheckIn] = {}
    for row in incoming:
        earlier = seen.get((row.key, row.date))
        if earlier is not None:
            if earlier.value != row.value:
                message = _("a second value for {key} on {date} (line {line} has {value})")
                raise CsvRowError(
                    row.line,
                    row.column,
                    message.format(
                        key=row.key, date=row.date, line=earlier.line, value=earlier.value
                    ),
                )
            plan.skipped.append(row)
            continue
        seen[(row.key, row.date)] = row
        kr = _target(objectives, plan, row, unreadable)
        if any(_same(c, row) for c in kr.checkins):
            plan.skipped.append(row)
            continue
        replaces = any(c.date == row.date for c in kr.checkins)
        try:
            add_checkin(
                kr,
                row.value,
                author=row.author or author,
                today=today,
                date=row.date,
                confidence=row.confidence,
                note=row.note,
            )
        except CheckInError as exc:
            column = row.date_column if row.date > today else row.column
            raise CsvRowError(row.line, column, str(exc)) from None
        except ValidationError as exc:
            raise CsvRowError(row.line, row.column, str(exc.errors()[0]["msg"])) from None
        (plan.updated if replaces else plan.added).append(row)
    touched = {row.objective_id for row in (*plan.added, *plan.updated)}
    plan.changed = {oid: o for oid, o in plan.changed.items() if oid in touched}
    return plan


def _target(
    objectives: Mapping[str, Objective],
    plan: ImportPlan,
    row: IncomingCheckIn,
    unreadable: Mapping[str, str],
) -> KeyResult:
    """The key result `row` measures, in the plan's copy of its objective."""
    copy = plan.changed.get(row.objective_id)
    if copy is None:
        original = objectives.get(row.objective_id)
        if original is None:
            message = unreadable.get(row.objective_id) or _(
                "no objective {id!r} in this workspace"
            ).format(id=row.objective_id)
            raise CsvRowError(row.line, row.key_column, message)
        copy = original.model_copy(deep=True)
    kr = copy.key_result(row.kr_id)
    if kr is None:
        message = _("objective {objective!r} has no key result {id!r}").format(
            objective=row.objective_id, id=row.kr_id
        )
        raise CsvRowError(row.line, row.key_column, message)
    plan.changed[row.objective_id] = copy
    return kr
