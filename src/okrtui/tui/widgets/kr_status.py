"""A key result at a glance: progress bar, health and why, forecast, outcome check."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets import Static

from okrtui.i18n import _, nformat
from okrtui.model import KeyResult, Objective, WorkspaceSettings
from okrtui.services.forecast import forecast_kr
from okrtui.services.health import Health, health_label, kr_health
from okrtui.services.progress import kr_progress
from okrtui.services.smart import evaluate_key_result
from okrtui.tui.formatting import (
    format_date,
    format_percent,
    format_value,
    progress_bar,
)

HEALTH_STYLES = {
    Health.ON_TRACK: "green",
    Health.NO_DATA: "dim",
    Health.AT_RISK: "yellow",
    Health.OFF_TRACK: "red",
}


def status_text(
    kr: KeyResult, objective: Objective, settings: WorkspaceSettings, today: dt.date, width: int
) -> Text:
    """The lines shown above a key result's SMART checklist."""
    cycle = settings.cycle(objective.cycle)
    calendar = settings.calendar
    progress = kr_progress(kr)
    text = Text()
    bar_width = max(10, min(30, width - 24))
    report = kr_health(kr, cycle, today, cadence_days=settings.checkin_cadence_days)
    text.append(progress_bar(progress, bar_width), style=HEALTH_STYLES[report.health])
    text.append(f" {format_percent(progress).strip():>4}  ", style="bold")
    text.append(format_value(kr.current_value(), kr.metric))
    text.append(" / ")
    text.append(format_value(kr.metric.target, kr.metric), style="dim")
    text.append("\n● " + health_label(report.health), style=HEALTH_STYLES[report.health])
    # " · " keeps state and reason one sentence: in right-to-left text they read state first
    # (a double space would make them two cells, each right-aligned on its own)
    text.append(f" · {report.reason}", style="dim")
    forecast = forecast_kr(kr, cycle)
    if forecast is not None and forecast.due is not None:
        projected = format_value(forecast.value_at_due, kr.metric)
        line = "\n" + _("Forecast at {due}: {value}").format(
            due=format_date(forecast.due, calendar), value=projected
        )
        if forecast.target_date is not None:
            line += " · " + _("target on {date}").format(
                date=format_date(forecast.target_date, calendar)
            )
        else:
            line += " · " + _("target not reached at this pace")
        text.append(line)
    latest = kr.latest_checkin()
    text.append(
        "\n"
        + nformat("{n} check-in", "{n} check-ins", len(kr.checkins))
        + (
            " · " + _("last {date}").format(date=format_date(latest.date, calendar))
            if latest
            else ""
        ),
        style="dim",
    )
    outcome = next(
        (v for v in evaluate_key_result(kr, objective, settings, today) if v.criterion is None),
        None,
    )
    if outcome is not None and not outcome.holds:
        text.append("\n! " + _("Outcome, not activity:") + " " + outcome.reason, style="yellow")
    return text


class KeyResultStatus(Static):
    DEFAULT_CSS = """
    KeyResultStatus { height: auto; margin: 1 0 0 0; }
    """
