"""The text of the objective tree's lines: progress, health, status and the SMART letters.

Cycle lines count their objectives (or the matches, under a filter); objective
and key result lines lead with progress and a health-coloured glyph. What a
filter shows only for context is dimmed.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from okrtui.i18n import _, count
from okrtui.model import KeyResult, Objective, ObjectiveKind, Status, WorkspaceSettings
from okrtui.model.text import printable
from okrtui.services.filters import kr_owner
from okrtui.services.health import Health, kr_health, objective_health
from okrtui.services.progress import kr_progress, rolled_up_progress
from okrtui.services.smart import SmartVerdict, evaluate_key_result, plan_quality
from okrtui.store import WorkspaceStore
from okrtui.tui.formatting import (
    cut_text,
    display_text,
    format_number,
    format_percent,
    has_rtl,
)
from okrtui.tui.widgets.tree_filter import FilterMatches

HEALTH_STYLES: dict[Health, str] = {
    Health.ON_TRACK: "green",
    Health.NO_DATA: "dim",
    Health.AT_RISK: "yellow",
    Health.OFF_TRACK: "red",
}
STATUS_GLYPHS: dict[Status, str] = {
    Status.DRAFT: "○",
    Status.ACTIVE: "●",
    Status.DONE: "✔",
    Status.DROPPED: "✗",
}


def progress_style(fraction: float | None) -> str:
    if fraction is None:
        return "dim"
    if fraction >= 0.7:
        return "green"
    if fraction >= 0.4:
        return "yellow"
    return "red"


def smart_mask(verdicts: list[SmartVerdict]) -> Text:
    """`SMART` with the letters that do not hold shown as a dim dot."""
    text = Text()
    for verdict in verdicts[:5]:
        if verdict.holds:
            text.append(verdict.letter, style="green")
        else:
            text.append("·", style="bold yellow")
    return text


def fit_title(title: str, pane_width: int, indent: int) -> str:
    """Right-to-left titles are cut to the pane before reordering, so their start shows."""
    if not has_rtl(title):
        return printable(title)
    room = max(12, pane_width - 2 - indent - 8)
    if len(title) > room:
        title = title[: room - 1] + "…"
    return display_text(title)


def cycle_label(
    settings: WorkspaceSettings,
    name: str,
    in_cycle: list[str],
    matches: FilterMatches,
    width: int | None = None,
) -> Text:
    """The cycle's name and label, and how many objectives (ids `in_cycle`) it holds or match.

    In `width` cells (the pane's room for the line, when known) the count always
    shows: when the whole line does not fit, it comes right after the name and the
    label is cut (or left out) instead.
    """
    cycle = settings.cycle(name)
    total = len(in_cycle)
    style = "dim"
    if matches.matches is not None:
        matching = sum(1 for oid in in_cycle if oid in matches.matches)
        shown = _("{n} of {total}").format(n=format_number(matching), total=format_number(total))
        style = ""
    else:
        archived = sum(1 for oid in in_cycle if oid in matches.archived)
        if archived:  # done or dropped, hidden: shown as with a filter; A shows them
            shown = _("{n} of {total}").format(
                n=format_number(total - archived), total=format_number(total)
            )
        else:
            shown = format_number(total)
    label = display_text(cycle.label) if cycle is not None and cycle.label else ""
    counted = f"  ({shown})"
    text = Text(name, style="bold")
    if width is None or len(name) + len(counted) + (len(label) + 2 if label else 0) <= width:
        if label:
            text.append(f"  {label}", style="dim")
        text.append(counted, style=style)
        return text
    text.append(counted, style=style)
    room = width - len(name) - len(counted) - 2
    if label and room >= 4:
        text.append("  " + cut_text(label, room), style="dim")
    return text


def objective_label(
    store: WorkspaceStore,
    today: dt.date,
    objective: Objective,
    title: str,
    matches: FilterMatches,
) -> Text:
    """Progress, status glyph in the health's colour, `title` and the plan's SMART score."""
    progress = rolled_up_progress(objective, store.objectives, store.settings.rollup)
    health = objective_health(
        objective,
        store.settings.cycle(objective.cycle),
        today,
        cadence_days=store.settings.checkin_cadence_days,
    ).health
    glyph = STATUS_GLYPHS[objective.status]
    if objective.kind is ObjectiveKind.SMART and objective.status is Status.ACTIVE:
        glyph = "◆"
    text = Text()
    text.append(f"{format_percent(progress):>4} ", style=progress_style(progress))
    text.append(f"{glyph} ", style=HEALTH_STYLES[health])
    text.append(title, style="bold" if objective.parent is None else "")
    quality = plan_quality(objective, store.settings, today)
    if quality.total:
        text.append(f"  SMART {count(quality.holding)}/{count(quality.total)}", style="dim")
    if matches.only_above_a_match(objective.id):
        text.stylize("dim")  # shown only for what is aligned under it
    return text


def kr_label(
    store: WorkspaceStore,
    today: dt.date,
    objective: Objective,
    kr: KeyResult,
    title: str,
    matches: FilterMatches,
) -> Text:
    """Progress, a health-coloured marker, the SMART letters and `title`."""
    progress = kr_progress(kr)
    health = kr_health(
        kr,
        store.settings.cycle(objective.cycle),
        today,
        cadence_days=store.settings.checkin_cadence_days,
    ).health
    text = Text()
    text.append(f"{format_percent(progress):>4} ", style=progress_style(progress))
    text.append("▸ ", style=HEALTH_STYLES[health])
    text.append_text(smart_mask(evaluate_key_result(kr, objective, store.settings, today)))
    text.append(" ")
    text.append(title)
    if not matches.tree_filter.wants_key_result(kr_owner(kr, objective), health):
        text.stylize("dim")  # shown with its objective, but not what the filter asks for
    return text
