"""A short guided setup for a new workspace: name, cycles, calendar, language.

`okrtui init --guided` asks it; so do `okrtui init` at a terminal and the first
`okrtui` in a folder that is not a workspace yet. Four questions, each with
a default (enter keeps it), then the settings are written through the store.
With the Jalali calendar, cycles follow the Persian year: its seasons
(`services.jalali_cycles`: 1405-paeez is autumn 1405, 1 Mehr to 30 Azar), or
its two halves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from okrtui.i18n import N_, _, nformat
from okrtui.model import Calendar, Cycle, Locale, WorkspaceSettings
from okrtui.services.import_values import ascii_digits
from okrtui.store import init_workspace
from okrtui.store.toml_io import atomic_write
from okrtui.store.workspace import SETTINGS_FILE, render_settings

Ask = Callable[[str], str]
Say = Callable[[str], None]

CYCLE_PLANS = {
    "1": N_("this quarter (in the Jalali calendar: this season)"),
    "2": N_("the four quarters of this year (Jalali: its four seasons)"),
    "3": N_("the two halves of this year"),
}
"""Marked for the catalog; translated when asked."""


def _quarter_bounds(
    calendar: Calendar, today: dt.date
) -> tuple[int, int, list[tuple[dt.date, dt.date]]]:
    """(year, current quarter 0-3, the four quarters' start and end) in `calendar`."""
    if calendar is Calendar.JALALI:
        import jdatetime

        jtoday = jdatetime.date.fromgregorian(date=today)
        year = jtoday.year
        starts = [jdatetime.date(year, m, 1).togregorian() for m in (1, 4, 7, 10)]
        starts.append(jdatetime.date(year + 1, 1, 1).togregorian())
        current = (jtoday.month - 1) // 3
    else:
        year = today.year
        starts = [dt.date(year, m, 1) for m in (1, 4, 7, 10)] + [dt.date(year + 1, 1, 1)]
        current = (today.month - 1) // 3
    quarters = [(starts[i], starts[i + 1] - dt.timedelta(days=1)) for i in range(4)]
    return year, current, quarters


def plan_cycles(plan: str, calendar: Calendar, today: dt.date) -> list[Cycle]:
    """The cycles of a plan ("1", "2" or "3" of `CYCLE_PLANS`)."""
    year, current, quarters = _quarter_bounds(calendar, today)
    if calendar is Calendar.JALALI and plan in ("1", "2"):
        from okrtui.services.jalali_cycles import season_cycles, season_of

        return season_cycles(year) if plan == "2" else [season_of(today)]
    if plan == "2":
        return [
            Cycle(name=f"{year}-Q{i + 1}", start=s, end=e, label=f"Q{i + 1} {year}")
            for i, (s, e) in enumerate(quarters)
        ]
    if plan == "3":
        return [
            Cycle(name=f"{year}-H1", start=quarters[0][0], end=quarters[1][1], label=f"H1 {year}"),
            Cycle(name=f"{year}-H2", start=quarters[2][0], end=quarters[3][1], label=f"H2 {year}"),
        ]
    start, end = quarters[current]
    return [
        Cycle(name=f"{year}-Q{current + 1}", start=start, end=end, label=f"Q{current + 1} {year}")
    ]


def _choose(ask: Ask, say: Say, question: str, choices: dict[str, str], default: str) -> str:
    say(question)
    for key, text in choices.items():
        say(f"  {key}) {_(text)}")
    while True:
        answer = ascii_digits(ask(f"> [{default}] ").strip()) or default  # ۲ is 2
        if answer in choices:
            return answer
        say(_("Please type one of: {choices}").format(choices=", ".join(choices)))


def guided_init(
    path: Path,
    *,
    ask: Ask = input,
    say: Say = print,
    today: dt.date | None = None,
) -> Path:
    """Ask the four questions and create the workspace in `path`; return its root."""
    today = today or dt.date.today()
    root = path.resolve()
    say(_("A new okrtui workspace in {root}").format(root=root))
    name = ask(_("Name [{default}]: ").format(default=root.name)).strip() or root.name
    calendars = {"1": N_("Gregorian"), "2": N_("Jalali (Persian)")}
    calendar_key = _choose(ask, say, _("Calendar:"), calendars, "1")
    calendar = Calendar.JALALI if calendar_key == "2" else Calendar.GREGORIAN
    language_key = _choose(
        ask,
        say,
        _("Language:"),
        {"1": "English", "2": "فارسی (Persian)"},
        language_default(calendar),
    )
    plan = _choose(ask, say, _("Cycles:"), CYCLE_PLANS, "1")
    cycles = plan_cycles(plan, calendar, today)
    current = next((c for c in cycles if c.contains(today)), cycles[0])
    root = init_workspace(root, name=name, today=today, cycles=cycles, calendar=calendar)
    settings = WorkspaceSettings(
        name=name,
        locale=Locale.FA if language_key == "2" else Locale.EN,
        calendar=calendar,
        cycles=cycles,
        default_cycle=current.name,
    )
    atomic_write(root / SETTINGS_FILE, render_settings(settings))
    for cycle in cycles:
        (root / "objectives" / cycle.name).mkdir(parents=True, exist_ok=True)
    say(
        nformat(
            "Created {file} with {n} cycle.",
            "Created {file} with {n} cycles.",
            len(cycles),
            file=root / SETTINGS_FILE,
        )
    )
    return root


def language_default(calendar: Calendar) -> str:
    return "2" if calendar is Calendar.JALALI else "1"
