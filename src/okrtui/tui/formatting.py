"""How numbers, dates and right-to-left text are shown.

Dates are stored Gregorian (ISO) in files; the UI shows and accepts them in
the workspace's calendar. Persian text is reordered for display with
python-bidi and shaped with arabic-reshaper when drawn (`rtl_pass`), because
most terminals (xterm, tmux, the Linux console, Windows Terminal) do neither.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import jdatetime

from okrtui.i18n import language as ui_language
from okrtui.model import Calendar, Metric, MetricType
from okrtui.tui.rtl_text import has_rtl as has_rtl

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_TO_ASCII_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫٬", "01234567890123456789.,")


def display_text(text: str) -> str:
    """`text` as handed to a widget.

    Right-to-left text is put in reading order and shaped when it is drawn
    (`tui.rtl_pass`, in `--bidi app` mode), after Textual has wrapped and cut
    it, so callers pass the stored (logical) text. Kept as the one place to
    change should a widget ever need it done earlier.
    """
    return text


def cut_text(text: str, width: int) -> str:
    """`text` in at most `width` characters, cut with an ellipsis."""
    width = max(1, width)
    return text if len(text) <= width else text[: width - 1] + "…"


def fit_text(text: str, width: int) -> str:
    """`text` cut to `width`, then put in display order (right-to-left text cut at its end)."""
    return display_text(cut_text(text, width))


def ascii_digits(text: str) -> str:
    """Persian and Arabic-Indic digits (and separators) as ASCII."""
    return text.translate(_TO_ASCII_DIGITS)


def localize_digits(text: str, language: str) -> str:
    return text.translate(_PERSIAN_DIGITS) if language == "fa" else text


def parse_number(text: str) -> float:
    """A number typed by a user: `12,000`, `۱۲٬۰۰۰`, `3.5%`, `-4` ..."""
    cleaned = ascii_digits(text).strip().replace(",", "").replace("_", "").rstrip("%٪").strip()
    cleaned = "".join(ch for ch in cleaned if not unicodedata.category(ch).startswith("Z"))
    if not cleaned:
        raise ValueError("empty")
    return float(cleaned)


def format_number(value: float | None, *, language: str | None = None) -> str:
    language = language or ui_language()
    if value is None:
        return "–"
    if float(value).is_integer() or abs(value) >= 100:
        text = f"{round(value):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if language == "fa":
        text = text.replace(",", "٬").replace(".", "٫")
    return localize_digits(text, language)


def format_value(value: float | None, metric: Metric, *, language: str | None = None) -> str:
    """A metric value with its unit: `48,500 visits/month`, `3.9%`, `done`."""
    if value is None:
        return "–"
    if metric.type is MetricType.MILESTONE:
        return "✓" if value >= (metric.target or 1) else "✗"
    number = format_number(value, language=language)
    unit = metric.unit.strip()
    if metric.type is MetricType.PERCENT and unit in ("", "%", "٪"):
        return number + percent_sign(language)
    if unit:
        return f"{number} {unit}"
    return number


def format_percent(fraction: float | None, *, language: str | None = None) -> str:
    language = language or ui_language()
    if fraction is None:
        return "  –"
    return localize_digits(f"{round(fraction * 100):d}", language) + percent_sign(language)


def percent_sign(language: str | None = None) -> str:
    """`%`, or the Arabic-script percent sign `٪` in Persian."""
    return "٪" if (language or ui_language()) == "fa" else "%"


def format_date(day: dt.date | None, calendar: Calendar, *, language: str | None = None) -> str:
    language = language or ui_language()
    if day is None:
        return ""
    if calendar is Calendar.JALALI:
        text = jdatetime.date.fromgregorian(date=day).strftime("%Y-%m-%d")
        return localize_digits(text, language)
    return day.isoformat()


def parse_date(text: str, calendar: Calendar) -> dt.date:
    """A date typed as YYYY-MM-DD in the workspace's calendar (Persian digits welcome)."""
    cleaned = ascii_digits(text).strip().replace("/", "-")
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", cleaned)
    if not match:
        raise ValueError("expected a date as YYYY-MM-DD")
    year, month, day = (int(g) for g in match.groups())
    if calendar is Calendar.JALALI:
        result: dt.date = jdatetime.date(year, month, day).togregorian()
        return result
    return dt.date(year, month, day)


def progress_bar(fraction: float | None, width: int) -> str:
    """A text bar of `width` cells using eighth blocks."""
    if fraction is None or width <= 0:
        return " " * max(width, 0)
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, rest = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[rest] if rest else ""
    return ("█" * full + partial).ljust(width, "·")
