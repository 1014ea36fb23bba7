"""A key result's check-ins: a chart of its value over time and the table of check-ins.

The chart is drawn with block characters rather than a plotting library so it
reads the same in 16 colours, at 80x24, and in snapshot tests: one column
per check-in, the target as a dashed line, the first and last dates below.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.dom import NoScreen
from textual.errors import NoWidget
from textual.message import Message
from textual.style import Style
from textual.widget import Widget
from textual.widgets import DataTable, Static
from textual.widgets.data_table import CellDoesNotExist

from okrtui.i18n import N_, _
from okrtui.model import Calendar, CheckIn, KeyResult, Metric, MetricType
from okrtui.model.text import printable
from okrtui.services.checkins import confidence_label
from okrtui.tui.formatting import fit_text, format_date, format_number, format_value
from okrtui.tui.widgets.in_place import SteadyTable, refresh_in_place

BARS = " ▁▂▃▄▅▆▇█"
NOTE_WIDTH = 36
"""The note's widest when the table's width is not known yet."""
AUTHOR_WIDTH = 14
NOTE_MIN = 12
"""Narrower than this, the note takes the author's column (the author shows in `e`)."""
SPARKS = "▁▂▃▄▅▆▇█"


def value_range(values: Sequence[float], metric: Metric) -> tuple[float, float]:
    """The span a chart of `values` shows: the values, the start and the target."""
    marks = [*values, *(v for v in (metric.start, metric.target) if v is not None)]
    low, high = min(marks), max(marks)
    if high == low:
        high = low + 1.0
    return low, high


def sparkline_text(values: Sequence[float], metric: Metric, width: int) -> str:
    """The last `width` values as one line of bars, scaled from start to target."""
    if not values or width <= 0:
        return "·" * max(width, 0)
    shown = list(values)[-width:]
    low, high = value_range(list(values), metric)
    bars = "".join(
        SPARKS[round((value - low) / (high - low) * (len(SPARKS) - 1))] for value in shown
    )
    return bars.rjust(width)


def value_unit(metric: Metric) -> str:
    """The unit said once for a column of values ("" when each value shows its own sign)."""
    unit = metric.unit.strip()
    if metric.type is MetricType.MILESTONE or (
        metric.type is MetricType.PERCENT and unit in ("", "%", "٪")
    ):
        return ""
    return unit


def checkin_widths(cells: list[list[str]], headers: list[str], room: int) -> list[int]:
    """Widths of date, value, confidence, note and author that fit `room` cells.

    Date, value and confidence are as wide as their longest text (never cut);
    the note gets what is left, and no more than its longest needs; the author
    (at most `AUTHOR_WIDTH`) is dropped (width 0) when the note would be left
    fewer than `NOTE_MIN` cells. Each column has one cell of padding each side.
    """
    widths = [max([cell_len(h), *(cell_len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    widths[4] = min(widths[4], AUTHOR_WIDTH)
    fixed = sum(widths[:3]) + 2 * 3
    note_room = room - fixed - 2 - (widths[4] + 2)
    if note_room < NOTE_MIN:
        widths[4] = 0
        note_room = room - fixed - 2
    widths[3] = max(cell_len(headers[3]), min(widths[3], note_room))
    return widths


def chart_lines(
    series: Sequence[tuple[dt.date, float]],
    metric: Metric,
    width: int,
    rows: int,
    calendar: Calendar,
) -> list[list[tuple[str, str]]]:
    """The chart as lines of (text, part) pieces; part is "axis", "bar", "last" or "target".

    Each check-in is a column (the latest ones when there are more than fit),
    a bar rising from the chart's lowest value; the target is a dashed line.
    Below: the first and last dates, then a legend with the latest value.
    """
    values = [value for _day, value in series]
    low, high = value_range(values, metric)
    steps = rows * 8 - 1

    def level(value: float) -> int:
        return round((value - low) / (high - low) * steps)

    target = metric.target
    target_row = None if target is None else level(target) // 8
    axis = {rows - 1: format_number(high), 0: format_number(low)}
    if target is not None and target_row is not None:
        axis[target_row] = format_number(target)
    label_width = max(len(label) for label in axis.values())
    room = max(2, width - label_width - 2)
    per = max(1, min(3, room // max(1, len(series)) - 1))
    shown = list(series)[-max(1, room // (per + 1)) :]
    heights = [1 + level(value) for _day, value in shown]
    lines: list[list[tuple[str, str]]] = []
    for row in reversed(range(rows)):
        on_target = row == target_row
        label_part = "target" if on_target else "axis"
        pieces = [(axis.get(row, "").rjust(label_width), label_part), (" ┤", "axis")]
        gap = ("╌", "target") if on_target else (" ", "axis")
        for index, height in enumerate(heights):
            eighths = max(0, min(8, height - row * 8))
            if eighths == 0:
                pieces.append((gap[0] * per, gap[1]))
            else:
                part = "last" if index == len(heights) - 1 else "bar"
                pieces.append((BARS[eighths] * per, part))
            pieces.append(gap)
        lines.append(pieces)
    first, last = format_date(shown[0][0], calendar), format_date(shown[-1][0], calendar)
    span = (per + 1) * len(shown)
    dates = first
    if len(shown) > 1:
        dates = (
            f"{first} → {last}"
            if span < len(first) + len(last) + 2
            else (first + last.rjust(span - len(first) - 1))
        )
    lines.append([(" " * (label_width + 2) + dates, "axis")])
    indent = (" " * (label_width + 2), "axis")
    latest = ("█ " + _("latest {value}").format(value=format_value(values[-1], metric)), "last")
    lines.append([indent, latest])
    if target is not None:
        marker = ("╌ " + _("target {value}").format(value=format_value(target, metric)), "target")
        if label_width + 2 + len(latest[0]) + 2 + len(marker[0]) <= width:
            lines[-1] += [("  ", "axis"), marker]
        else:
            lines.append([indent, marker])
    return lines


class ValueChart(Widget):
    """A key result's value over time, with its target."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "value-chart--axis",
        "value-chart--bar",
        "value-chart--last",
        "value-chart--target",
    }
    DEFAULT_CSS = """
    ValueChart { height: auto; }
    ValueChart > .value-chart--axis { color: $text-muted; }
    ValueChart > .value-chart--bar { color: $primary; }
    ValueChart > .value-chart--last { color: $accent; text-style: bold; }
    ValueChart > .value-chart--target { color: $warning; }
    """

    ROWS = 6

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.series: list[tuple[dt.date, float]] = []
        self.metric = Metric()
        self.calendar = Calendar.GREGORIAN

    def show(self, kr: KeyResult, calendar: Calendar) -> None:
        self.series = [(c.date, c.value) for c in sorted(kr.checkins, key=lambda c: c.date)]
        self.metric = kr.metric.model_copy()
        self.calendar = calendar
        refresh_in_place(self)  # the same number of lines: a repaint

    def render(self) -> RenderResult:
        if not self.series:
            return Text(_("No check-ins yet: press c to add one."), style="dim")
        # Assembled as Content (Textual's own text) with one style per part: a
        # rich Text styled piece by piece took five times as long, on every
        # move of the tree's cursor to a key result (issue 9).
        styles = {
            part: Style.from_rich_style(self.get_component_rich_style(f"value-chart--{part}"))
            for part in ("axis", "bar", "last", "target")
        }
        lines = chart_lines(
            self.series, self.metric, self.size.width or 40, self.ROWS, self.calendar
        )
        parts: list[str | tuple[str, Style]] = []
        for number, pieces in enumerate(lines):
            if number:
                parts.append("\n")
            # neighbours of one style as one span: a third of the spans to lay out
            for part, run in itertools.groupby(pieces, key=lambda piece: piece[1]):
                parts.append(("".join(text for text, _part in run), styles[part]))
        return Content.assemble(*parts)


class CheckInTable(SteadyTable):
    """The check-ins of a key result, newest first. Row keys are date-order indexes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "e",
            "edit_checkin",
            N_("Edit check-in"),
            id="history.edit",
            tooltip=N_("Edit the selected check-in"),
        ),
        Binding(
            "x",
            "delete_checkin",
            N_("Delete check-in"),
            id="history.delete",
            tooltip=N_("Delete the selected check-in (asks first)"),
        ),
    ]

    class EditRequested(Message):
        """The user asked to edit check-in `index` (in date order)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class DeleteRequested(Message):
        """The user asked to delete check-in `index` (in date order)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True

    _shown: tuple[Sequence[CheckIn], Metric, Calendar] | None = None
    _fitted_width = 0
    _later: tuple[Sequence[CheckIn], Metric, Calendar] | None = None

    def show(self, checkins: Sequence[CheckIn], metric: Metric, calendar: Calendar) -> None:
        """Fill the table, keeping the cursor on the same check-in where it still exists.

        The columns fit the table's width: values whole and right-aligned (the
        unit is the form's, above), the note cut with … only when it must be.
        """
        self._later = None
        self._shown = (checkins, metric, calendar)
        selected = self.selected_index()
        ordered = sorted(checkins, key=lambda c: c.date)
        bare = metric.model_copy(update={"unit": ""}) if value_unit(metric) else metric
        cells = [
            [
                format_date(checkin.date, calendar),
                format_value(checkin.value, bare)
                if metric.type is not MetricType.CHECKLIST
                else format_number(checkin.value),
                "" if checkin.confidence is None else confidence_label(checkin.confidence),
                printable(checkin.note.split("\n", 1)[0]),
                printable(checkin.author.split("\n", 1)[0]),
            ]
            for checkin in ordered
        ]
        headers = [_("Date"), _("Value"), _("Conf."), _("Note"), _("By")]
        room = self._fitted_width = self.size.width
        limit = self.styles.max_height
        visible = int(limit.value) if limit is not None and limit.is_cells else self.size.height
        if room and (len(cells) + 1 > visible or self.styles.scrollbar_gutter == "stable"):
            room -= self.styles.scrollbar_size_vertical  # a scrollbar, or room kept for one
        widths = (
            checkin_widths(cells, headers, room)
            if room
            else [0, 0, 0, NOTE_WIDTH, AUTHOR_WIDTH]  # not laid out yet: sized on its Resize
        )
        with self.refilling():
            self.clear(columns=True)  # columns only grow: start afresh so they fit the rows
            keys = ("date", "value", "confidence", "note", "author")
            for index, (header, key) in enumerate(zip(headers, keys, strict=True)):
                if index == 4 and room and not widths[4]:
                    continue  # no room for the author: the note needs it more
                label = Text(header, justify="right") if index == 1 else header
                self.add_column(label, key=key, width=widths[index] or None)
            for index in reversed(range(len(ordered))):
                date, value, confidence, note, author = cells[index]
                right: Any = Text(value, justify="right")  # a Text cell, where str is declared
                row = [date, right, confidence, fit_text(note, widths[3])]
                if len(self.columns) == 5:
                    row.append(fit_text(author, widths[4]))
                self.add_row(*row, key=str(index))
        if selected is not None and selected < len(ordered):
            self.move_cursor(row=len(ordered) - 1 - selected, animate=False)

    def show_after_refresh(
        self, checkins: Sequence[CheckIn], metric: Metric, calendar: Calendar
    ) -> None:
        """`show`, once the next frame is drawn (the table is out of sight: issue 9).

        Walking the tree fills a key result's form on each key, and filling
        this table was a third of it while the table sat below the fold.
        Anything that reads or moves the table first fills it (`fill_now`),
        so a key that reaches it sooner never acts on the rows it had before.
        """
        if self._later is None:
            self.call_after_refresh(self.fill_now)
        self._later = (checkins, metric, calendar)

    def fill_now(self) -> None:
        """Fill the table with what `show_after_refresh` left for later, if anything."""
        if self._later is not None:
            self.show(*self._later)
            self.call_after_refresh(self._settle_layout)

    def _settle_layout(self) -> None:
        """Let the screen work out where everything is now, while nothing waits for it.

        Repainting a widget out of sight makes Textual's compositor forget its
        map of every widget, and the next question of where a widget is (the
        tree asks on each cursor move) built it again: 1.5-2 ms of the next key.
        """
        with contextlib.suppress(NoWidget, NoScreen):
            self.screen.find_widget(self)

    def on_resize(self, event: events.Resize) -> None:
        if self._later is not None:
            self.fill_now()
        elif self._shown is not None and self.size.width != self._fitted_width:
            self.show(*self._shown)  # refit the columns to the new width

    def selected_index(self) -> int | None:
        """The date-order index of the check-in under the cursor."""
        self.fill_now()
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except CellDoesNotExist:
            return None
        return int(key) if key is not None else None

    def select_index(self, index: int) -> None:
        self.fill_now()
        if 0 <= index < self.row_count:
            self.move_cursor(row=self.row_count - 1 - index, animate=False)

    def action_edit_checkin(self) -> None:
        index = self.selected_index()
        if index is not None:
            self.post_message(self.EditRequested(index))

    def action_delete_checkin(self) -> None:
        index = self.selected_index()
        if index is not None:
            self.post_message(self.DeleteRequested(index))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self._later is not None:  # the row chosen was the previous key result's
            self.fill_now()
            return
        if event.row_key.value is not None:
            self.post_message(self.EditRequested(int(event.row_key.value)))


class KeyResultHistory(Vertical):
    """Chart and table of a key result's check-ins, shown in the key-result editor."""

    DEFAULT_CSS = """
    KeyResultHistory { height: auto; }
    KeyResultHistory ValueChart { margin-bottom: 1; }
    KeyResultHistory CheckInTable {
        height: auto;
        max-height: 9;
        overflow-x: hidden;  /* the columns are fitted to the width */
        scrollbar-gutter: stable;  /* a scrollbar coming or going changes no width */
    }
    KeyResultHistory .-hidden { display: none; }
    """

    def compose(self) -> ComposeResult:
        yield Static(_("Check-ins"), classes="section-title")
        yield ValueChart(id="kr-chart")
        yield CheckInTable(id="checkin-table")
        yield Static(_("c: add · e / enter: edit · x: delete"), classes="hint")

    def show(self, kr: KeyResult, calendar: Calendar) -> None:
        self.query_one(ValueChart).show(kr, calendar)
        table = self.query_one(CheckInTable)
        table.set_class(not kr.checkins, "-hidden")
        if out_of_sight(table):
            table.show_after_refresh(kr.checkins, kr.metric, calendar)
        else:
            table.show(kr.checkins, kr.metric, calendar)


def out_of_sight(widget: Widget) -> bool:
    """Whether `widget` was laid out in the last frame with none of it on screen (scrolled
    out of view). One not laid out (its form was hidden) may well show in the next frame."""
    try:
        geometry = widget.screen.find_widget(widget)
    except (NoWidget, NoScreen):
        return False
    return not geometry.region.overlaps(geometry.clip)
