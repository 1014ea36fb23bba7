"""The dashboard: every objective of a cycle with progress, health and score at a glance."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from okrtui.i18n import N_, _, nformat
from okrtui.i18n import language as ui_language
from okrtui.model import Calendar, Metric, MetricType, ObjectiveKind, Status
from okrtui.services.dashboard import Dashboard, KeyResultRow, ObjectiveRow
from okrtui.services.health import Health, health_label
from okrtui.services.scoring import stretch_label
from okrtui.tui.formatting import (
    display_text,
    fit_text,
    format_date,
    format_number,
    format_percent,
    localize_digits,
    percent_sign,
    progress_bar,
)
from okrtui.tui.widgets.kr_history import sparkline_text
from okrtui.tui.widgets.kr_status import HEALTH_STYLES
from okrtui.tui.widgets.translated_footer import TranslatedFooter

HEALTH_ORDER = (Health.ON_TRACK, Health.AT_RISK, Health.OFF_TRACK, Health.NO_DATA)
STATUS_GLYPHS = {Status.DRAFT: "○", Status.ACTIVE: "●", Status.DONE: "✔", Status.DROPPED: "✗"}
SPARK_WIDTH = 10


def short_value(value: float | None, metric: Metric) -> str:
    """A value without its unit (the editor shows units): `48,500`, `3.9%`, `✓`."""
    if value is None:
        return "–"
    if metric.type is MetricType.MILESTONE:
        return "✓" if value >= (metric.target or 1) else "✗"
    if metric.type is MetricType.PERCENT:
        return format_number(value) + percent_sign()
    return format_number(value)


def health_counts(counts: Mapping[Health, int]) -> Text:
    """`● 2 on track  ● 1 at risk ...` in the health colours."""
    text = Text()
    for health in HEALTH_ORDER:
        if text:
            text.append("  ")
        text.append(
            f"● {format_number(counts.get(health, 0))} {health_label(health)}",
            style=HEALTH_STYLES[health],
        )
    return text


class ObjectiveCard(Widget):
    """One objective and its key results, laid out for the width it gets."""

    DEFAULT_CSS = """
    ObjectiveCard { height: auto; margin-bottom: 1; }
    """

    def __init__(self, row: ObjectiveRow, elapsed: float | None) -> None:
        super().__init__()
        self.row = row
        self.elapsed = elapsed

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # one line for the title, one for progress, one per key result: never wrapped
        return 2 + len(self.row.key_results)

    def render(self) -> RenderResult:
        row = self.row
        width = max(40, self.size.width or 80)
        indent = "  " * min(row.depth, 4)
        text = Text(indent, no_wrap=True, overflow="ellipsis")
        glyph = "◆" if row.kind is ObjectiveKind.SMART else STATUS_GLYPHS[row.status]
        text.append(f"{glyph} ", style=HEALTH_STYLES[row.health.health])
        owner = f"  {display_text(row.owner)}" if row.owner else ""
        title_room = width - len(indent) - 2 - len(owner)
        text.append(fit_text(row.title, title_room), style="bold")
        if owner:
            text.append(owner.rjust(width - text.cell_len), style="dim")
        text.append("\n" + indent + "  ")
        text.append_text(self._progress_line(width - len(indent) - 2))
        for kr in row.key_results:
            text.append("\n" + indent + "  ")
            text.append_text(self._kr_line(kr, width - len(indent) - 2))
        return text

    def _progress_line(self, width: int) -> Text:
        row = self.row
        bar_width = max(10, min(24, width // 4))
        bar = progress_bar(row.progress, bar_width)
        text = Text()
        style = HEALTH_STYLES[row.health.health]
        if self.elapsed is not None and row.progress is not None:
            # a tick where the plan says the objective should be today
            at = min(bar_width - 1, int(self.elapsed * bar_width))
            text.append(bar[:at], style=style)
            text.append("│", style="bold")
            text.append(bar[at + 1 :], style=style)
        else:
            text.append(bar, style=style)
        text.append(f" {format_percent(row.progress).strip():>4}", style="bold")
        if self.elapsed is not None:
            text.append(
                " " + _("of {time} time").format(time=format_percent(self.elapsed).strip()),
                style="dim",
            )
        text.append(f"  ● {health_label(row.health.health)}", style=style)
        if row.score is not None:
            shown = localize_digits(f"{row.score:.2f}", ui_language())
            if ui_language() == "fa":
                shown = shown.replace(".", "٫")
            score = "  " + _("score {score}").format(score=shown)
            if row.stretch is not None and text.cell_len + len(score) + 30 <= width:
                score += f" · {stretch_label(row.stretch)}"
            text.append(score, style="dim")
        return text

    def _kr_line(self, kr: KeyResultRow, width: int) -> Text:
        metric = Metric(
            type=kr.metric_type,
            direction=kr.direction,
            unit=kr.unit,
            start=kr.start,
            target=kr.target,
        )
        values = [value for _day, value in kr.series]
        numbers = f"{short_value(kr.value, metric)}/{short_value(kr.target, metric)}"
        tail = Text()
        tail.append(" " + sparkline_text(values, metric, SPARK_WIDTH), style="cyan")
        tail.append(f" {numbers:>15}")
        tail.append(f" {format_percent(kr.progress).strip():>4}", style="bold")
        text = Text()
        text.append("▸ ", style=HEALTH_STYLES[kr.health.health])
        room = width - 2 - tail.cell_len
        text.append(fit_text(kr.title, room).ljust(room))
        text.append_text(tail)
        return text


class DashboardScreen(ModalScreen[None]):
    """The cycle at a glance; `[` and `]` step through cycles, escape closes."""

    DEFAULT_CSS = """
    DashboardScreen { background: $background; }
    DashboardScreen #dashboard { height: 1fr; border: round $primary; padding: 0 1;
        border-title-color: $primary; border-title-style: bold; }
    DashboardScreen .dashboard-head { height: auto; margin-bottom: 1; }
    DashboardScreen #dashboard-rows { height: 1fr; scrollbar-size-vertical: 1; }
    DashboardScreen .dashboard-empty { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", N_("Close"), id="dashboard.close"),
        Binding(
            "left_square_bracket",
            "cycle(-1)",
            N_("Previous cycle"),
            key_display="[",
            id="dashboard.previous",
        ),
        Binding(
            "right_square_bracket",
            "cycle(1)",
            N_("Next cycle"),
            key_display="]",
            id="dashboard.next",
        ),
    ]

    def __init__(
        self,
        build: Callable[[str | None], Dashboard],
        cycle_names: Sequence[str],
        cycle_name: str | None,
        calendar: Calendar,
    ) -> None:
        super().__init__()
        self.build = build
        self.cycle_names = list(cycle_names)
        self.cycle_name = cycle_name
        self.calendar = calendar

    def compose(self) -> ComposeResult:
        with Vertical(id="dashboard"):
            yield Static("", classes="dashboard-head", id="dashboard-head")
            yield VerticalScroll(id="dashboard-rows")
        yield TranslatedFooter()

    def on_mount(self) -> None:
        self.show_cycle(self.cycle_name)

    def show_cycle(self, cycle_name: str | None) -> None:
        dashboard = self.build(cycle_name)
        self.cycle_name = dashboard.cycle_name
        self.query_one("#dashboard").border_title = _("Dashboard") + (
            f" · {dashboard.cycle_name}" if dashboard.cycle_name else ""
        )
        self.query_one("#dashboard-head", Static).update(self._head(dashboard))
        rows = self.query_one("#dashboard-rows", VerticalScroll)
        rows.remove_children()
        if dashboard.rows:
            rows.mount_all(ObjectiveCard(row, dashboard.elapsed) for row in dashboard.rows)
        else:
            rows.mount(Static(_("No objectives in this cycle."), classes="dashboard-empty"))
        rows.scroll_home(animate=False)
        rows.focus()

    def _head(self, dashboard: Dashboard) -> Text:
        text = Text()
        cycle = dashboard.cycle
        if cycle is not None:
            text.append(cycle.label or cycle.name, style="bold")
            text.append(
                f"  {format_date(cycle.start, self.calendar)} → "
                f"{format_date(cycle.end, self.calendar)}",
                style="dim",
            )
        if dashboard.elapsed is not None:
            text.append("\n" + _("Time") + " ")
            text.append(progress_bar(dashboard.elapsed, 20), style="dim")
            text.append(" " + _("{pct} elapsed").format(pct=format_percent(dashboard.elapsed)))
            if dashboard.days_left is not None:
                days = dashboard.days_left
                text.append(" · " + nformat("{n} day left", "{n} days left", days))
        text.append("\n" + _("Objectives") + "   ")
        text.append_text(health_counts(dashboard.objective_counts))
        text.append("\n" + _("Key results") + "  ")
        text.append_text(health_counts(dashboard.kr_counts))
        return text

    def action_cycle(self, step: int) -> None:
        if not self.cycle_names:
            return
        index = (
            self.cycle_names.index(self.cycle_name) if self.cycle_name in self.cycle_names else 0
        )
        self.show_cycle(self.cycle_names[(index + step) % len(self.cycle_names)])

    def action_close(self) -> None:
        self.dismiss(None)
