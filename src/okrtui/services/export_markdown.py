"""A cycle report in Markdown, for a wiki page or a pull request.

Objectives with a progress bar, health, score and owner; under each, a table
of its key results (current value, last check-in, progress, health) and the
SMART letters the coach finds failing, with the coach's reason. Text from the
files is escaped so a `|` or `*` in a title cannot break the table or the
emphasis.
"""

from __future__ import annotations

import datetime as dt
import re

from okrtui.i18n import _
from okrtui.model import Calendar, Cycle, WorkspaceSettings
from okrtui.services.export_figures import KeyResultFigures, ObjectiveFigures
from okrtui.services.health import health_label

BAR_WIDTH = 10
#: Escaped anywhere in inline text: emphasis, code, links, HTML, table cells, strike.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def md_text(text: str) -> str:
    """`text` on one line, controls and bidi overrides dropped, Markdown specials escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(_CONTROLS.sub("", text).split()))


def bar(fraction: float | None, width: int = BAR_WIDTH) -> str:
    """`███████░░░` for 0.7; `░` only for None."""
    if fraction is None:
        return "░" * width
    full = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * full + "░" * (width - full)


def percent(fraction: float | None) -> str:
    return "–" if fraction is None else f"{round(fraction * 100)}%"


def report_date(day: dt.date | None, calendar: Calendar) -> str:
    """ISO; in a Jalali workspace the Jalali date follows in brackets."""
    if day is None:
        return "–"
    if calendar is Calendar.JALALI:
        import jdatetime  # only when a Jalali workspace asks

        jalali = jdatetime.date.fromgregorian(date=day).strftime("%Y-%m-%d")
        return f"{day.isoformat()} ({jalali})"
    return day.isoformat()


def amount(value: float | None, unit: str) -> str:
    """48500 visits/month, 3.5%, – for None (plain digits: a report is data)."""
    if value is None:
        return "–"
    text = str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")
    unit = unit.strip()
    if unit == "%":
        return f"{text}%"
    return f"{text} {md_text(unit)}" if unit else text


def _kr_row(kf: KeyResultFigures, calendar: Calendar) -> str:
    last = kf.last_checkin
    cells = (
        md_text(kf.kr.title),
        amount(kf.current, kf.kr.metric.unit),
        report_date(last.date, calendar) if last else "–",
        f"`{bar(kf.progress)}` {percent(kf.progress)}",
        md_text(health_label(kf.health.health)),
        md_text(kf.owner) or "–",
        "".join(v.letter for v in kf.smart_failing) or "–",
    )
    return "| " + " | ".join(cells) + " |"


def _objective_section(of: ObjectiveFigures, calendar: Calendar) -> list[str]:
    objective = of.objective
    lines = [
        f"## {md_text(objective.title)}",
        "",
        f"`{bar(of.progress)}` {percent(of.progress)} · "
        + _("Health: {health}").format(health=md_text(health_label(of.health.health)))
        + " · "
        + _("Score: {score}").format(score="–" if of.score is None else f"{of.score:.2f}")
        + " · "
        + _("Owner: {owner}").format(owner=md_text(objective.owner) or "–"),
        "",
        f"*{md_text(of.health.reason)}* (`{objective.id}`, {objective.level.value})",
        "",
    ]
    if not of.key_results:
        return [*lines, _("No key results."), ""]
    header = (
        _("Key result"),
        _("Current"),
        _("Last check-in"),
        _("Progress"),
        _("Health"),
        _("Owner"),
        _("SMART fails"),
    )
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += [_kr_row(kf, calendar) for kf in of.key_results]
    notes = [
        f"- {md_text(kf.kr.title)}: **{v.letter}** {md_text(v.reason)}"
        for kf in of.key_results
        for v in kf.smart_failing
    ]
    if notes:
        lines += ["", _("What the SMART coach asks:"), "", *notes]
    return [*lines, ""]


def markdown_report(
    settings: WorkspaceSettings,
    figures: list[ObjectiveFigures],
    cycle: Cycle | None,
    today: dt.date,
) -> str:
    """The report of `figures` (usually one cycle's objectives), as of `today`."""
    name = cycle.label or cycle.name if cycle is not None else _("All cycles")
    lines = [
        f"# {md_text(settings.name)}: {md_text(name)}",
        "",
        _("As of {date}.").format(date=report_date(today, settings.calendar)),
    ]
    if cycle is not None:
        lines[-1] += " " + _("Cycle {start} to {end}.").format(
            start=report_date(cycle.start, settings.calendar),
            end=report_date(cycle.end, settings.calendar),
        )
    lines.append("")
    if not figures:
        lines += [_("No objectives."), ""]
    for of in figures:
        lines += _objective_section(of, settings.calendar)
    return "\n".join(lines).rstrip("\n") + "\n"
