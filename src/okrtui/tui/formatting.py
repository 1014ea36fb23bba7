"""How numbers, dates and right-to-left text are shown.

Every text from data or git that the UI shows passes `display_text` (or
`cut_text`/`fit_text`): control characters become visible escapes (`\\x1b`)
and bidi override controls are dropped (`okrtui.model.text.printable`), so
nothing in a file can drive the terminal.

Dates are stored Gregorian (ISO) in files; the UI shows and accepts them in
the workspace's calendar. Persian text is reordered for display with
python-bidi and shaped with arabic-reshaper when drawn (`rtl_pass`), because
most terminals (xterm, tmux, the Linux console, Windows Terminal) do neither.
"""

from __future__ import annotations

import datetime as dt

import jdatetime

from okrtui.i18n import digits
from okrtui.i18n import language as ui_language
from okrtui.model import Calendar, Metric, MetricType
from okrtui.model.text import printable
from okrtui.services.import_values import (  # re-exported: the app's fields parse with these
    ascii_digits as ascii_digits,
)
from okrtui.services.import_values import parse_date as parse_date
from okrtui.services.import_values import parse_number as parse_number
from okrtui.tui.rtl_text import has_rtl as has_rtl


def display_text(text: str) -> str:
    """`text` as handed to a widget: safe to show, in stored (logical) order.

    Control characters become visible escapes and bidi override controls are
    dropped (`printable`). Right-to-left text is put in reading order and
    shaped when it is drawn (`tui.rtl_pass`, in `--bidi app` mode), after
    Textual has wrapped and cut it.
    """
    return printable(text, multiline=True)


def cut_text(text: str, width: int) -> str:
    """`text` made safe to show (`printable`), in at most `width` characters."""
    text = printable(text)
    width = max(1, width)
    return text if len(text) <= width else text[: width - 1] + "…"


def fit_text(text: str, width: int) -> str:
    """`text` cut to `width`, then put in display order (right-to-left text cut at its end)."""
    return display_text(cut_text(text, width))


def localize_digits(text: str, language: str) -> str:
    """`text`'s digits in `language`'s (one rule for the app: `okrtui.i18n.digits`)."""
    return digits(text, language)


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


def progress_bar(fraction: float | None, width: int) -> str:
    """A text bar of `width` cells using eighth blocks."""
    if fraction is None or width <= 0:
        return " " * max(width, 0)
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, rest = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[rest] if rest else ""
    return ("█" * full + partial).ljust(width, "·")
