"""Numbers and dates as people type them: Persian digits, Jalali dates, `12,000`.

Shared by the app's fields, `okrtui checkin` and `okrtui import`, so a value
the app accepts is accepted from a script too. Moved here from
`okrtui.tui.formatting` (which re-exports them) so the CLI need not import the
TUI layer.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from okrtui.model import Calendar

_TO_ASCII_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫٬", "01234567890123456789.,")


def ascii_digits(text: str) -> str:
    """Persian and Arabic-Indic digits (and separators) as ASCII."""
    return text.translate(_TO_ASCII_DIGITS)


def parse_number(text: str) -> float:
    """A number typed by a user: `12,000`, `۱۲٬۰۰۰`, `3.5%`, `-4` ..."""
    cleaned = ascii_digits(text).strip().replace(",", "").replace("_", "").rstrip("%٪").strip()
    cleaned = "".join(ch for ch in cleaned if not unicodedata.category(ch).startswith("Z"))
    if not cleaned:
        raise ValueError("empty")
    return float(cleaned)


def parse_date(text: str, calendar: Calendar) -> dt.date:
    """A date typed as YYYY-MM-DD in the workspace's calendar (Persian digits welcome)."""
    cleaned = ascii_digits(text).strip().replace("/", "-")
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", cleaned)
    if not match:
        raise ValueError("expected a date as YYYY-MM-DD")
    year, month, day = (int(g) for g in match.groups())
    if calendar is Calendar.JALALI:
        import jdatetime  # only for a Jalali workspace: keeps the CLI quick to start

        result: dt.date = jdatetime.date(year, month, day).togregorian()
        return result
    return dt.date(year, month, day)
