"""A key result's history from git (`H`): its values over commits, and what changed
since a tag or a date (e.g. the last monthly review)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static, TabbedContent, TabPane

from okrtui.i18n import N_, _, nformat
from okrtui.model import Calendar, KeyResult, Metric, Objective
from okrtui.model.text import printable
from okrtui.services.history import (
    ChangeKind,
    KeyResultChange,
    ObjectiveChange,
    changes_since,
)
from okrtui.store.git import GitError, GitRepo
from okrtui.tui.focus_keys import FOCUS_KEYS
from okrtui.tui.formatting import (
    cut_text,
    display_text,
    fit_text,
    format_date,
    format_value,
    parse_date,
)
from okrtui.tui.screens.history_values import (
    HistoryRow,
    column_widths,
    history_cells,
    read_history,
)
from okrtui.tui.widgets.kr_history import value_unit
from okrtui.tui.widgets.ordered_input import OrderedInput
from okrtui.tui.widgets.typing_preview import TypingPreview

DEFAULT_LOOKBACK = dt.timedelta(days=30)
_DATE_SHAPE = re.compile(r"\s*[\d۰-۹]{4}[-/][\d۰-۹]{1,2}[-/][\d۰-۹]{1,2}\s*")


def default_since(repo: GitRepo, today: dt.date, calendar: Calendar) -> str:
    """The latest tag, else the date 30 days ago (in the workspace's calendar)."""
    tags = repo.tags()
    return tags[0].name if tags else format_date(today - DEFAULT_LOOKBACK, calendar)


def parse_since(text: str, calendar: Calendar) -> str | dt.date:
    """A date typed as YYYY-MM-DD, else a tag, branch or commit name."""
    if _DATE_SHAPE.fullmatch(text):
        try:
            return parse_date(text, calendar)
        except ValueError:
            raise ValueError(_("not a valid date: {text}").format(text=text.strip())) from None
    name = text.strip()
    if not name:
        raise ValueError(_("type a tag name or a date as YYYY-MM-DD"))
    return name


def describe_kr_change(change: KeyResultChange, metric: Metric) -> str:
    """`value 48,500 → 50,100 · target 54,000 → 56,000 · 2 new check-ins`."""
    if change.kind is ChangeKind.ADDED:
        return _("added")
    if change.kind is ChangeKind.REMOVED:
        return _("removed")
    bits = []
    if change.value_changed:
        bits.append(
            _("value {old} → {new}").format(
                old=format_value(change.old_value, metric),
                new=format_value(change.new_value, metric),
            )
        )
    if change.target_changed:
        bits.append(
            _("target {old} → {new}").format(
                old=format_value(change.old_target, metric),
                new=format_value(change.new_target, metric),
            )
        )
    if change.new_checkins:
        count = len(change.new_checkins)
        bits.append(nformat("{n} new check-in", "{n} new check-ins", count))
    if change.fields:
        bits.append(_("also changed: {fields}").format(fields=", ".join(change.fields)))
    return " · ".join(bits)


def describe_objective_change(change: ObjectiveChange) -> str:
    """One line for an objective in the "elsewhere" list."""
    if change.kind is ChangeKind.ADDED:
        return _("{title}: added").format(title=change.title)
    if change.kind is ChangeKind.REMOVED:
        return _("{title}: removed").format(title=change.title)
    bits = list(change.fields)
    if change.key_results:
        count = len(change.key_results)
        bits.append(nformat("{n} key result changed", "{n} key results changed", count))
    return f"{change.title}: {', '.join(bits)}"


def since_report(
    changes: list[ObjectiveChange], objective_id: str, kr: KeyResult, since: str
) -> Content:
    """This key result's change first, then the rest of the workspace's."""
    mine = next((c for c in changes if c.objective_id == objective_id), None)
    kr_change = (
        next((k for k in mine.key_results if k.kr_id == kr.id), None) if mine is not None else None
    )
    parts: list[str | tuple[str, str]] = [("▶ " + display_text(kr.title) + "\n", "bold")]
    if kr_change is not None:
        parts.append(("  " + describe_kr_change(kr_change, kr.metric) + "\n", "$success"))
    else:
        parts.append(
            ("  " + _("no change since {since}").format(since=since) + "\n", "$text-muted")
        )
    lines = []
    for change in changes:
        if change is mine:
            rest = [k for k in change.key_results if k.kr_id != kr.id]
            if not rest and not change.fields:
                continue
            change = ObjectiveChange(
                change.objective_id, change.title, change.kind, change.fields, tuple(rest)
            )
        lines.append("• " + display_text(describe_objective_change(change)))
    parts.append(("\n" + _("Elsewhere in the workspace") + "\n", "bold $accent"))
    if lines:
        parts.append("\n".join(lines))
    else:
        parts.append((_("nothing else changed"), "$text-muted"))
    return Content.assemble(*parts)


class ValuesTable(DataTable[str]):
    """The values table; tells its screen when its width changes, so the columns fit."""

    def on_resize(self, event: events.Resize) -> None:
        screen = self.screen
        if isinstance(screen, KeyResultHistoryScreen):
            screen.refit()


class KeyResultHistoryScreen(ModalScreen[None]):
    """Values over commits and "changed since"; everything is read in worker threads."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,  # keys typed right after tab follow it
        Binding("v", "show_tab('values')", N_("Values"), id="kr_history.values"),
        Binding("s", "show_tab('since')", N_("Changed since"), id="kr_history.since"),
        Binding("escape", "close", N_("Close"), id="kr_history.close"),
    ]

    CSS = """
    KeyResultHistoryScreen .history-dialog {
        width: 78;
        max-width: 100%;
        height: 90%;
        padding: 0 1;
    }
    KeyResultHistoryScreen .dialog-title {
        margin-bottom: 0;
    }
    KeyResultHistoryScreen TabbedContent {
        height: 1fr;
    }
    KeyResultHistoryScreen TabPane {
        padding: 0;
        height: 1fr;
    }
    KeyResultHistoryScreen #history-values {
        height: 1fr;
    }
    KeyResultHistoryScreen #history-unit {
        height: auto;
    }
    KeyResultHistoryScreen .since-row {
        height: auto;
        margin-top: 1;
    }
    KeyResultHistoryScreen .since-row Static {
        width: auto;
        padding-right: 1;
    }
    KeyResultHistoryScreen #since-input {
        width: 1fr;
    }
    KeyResultHistoryScreen #since-report {
        height: 1fr;
        margin-top: 1;
    }
    KeyResultHistoryScreen .-error {
        color: $error;
    }
    """

    def __init__(
        self,
        repo: GitRepo,
        root: Path,
        objective: Objective,
        kr: KeyResult,
        path: Path | None,
        *,
        current: Mapping[str, Objective],
        today: dt.date,
        calendar: Calendar,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.repo = repo
        self.root = root
        self.objective = objective
        self.kr = kr
        self.path = path
        self.current = dict(current)
        self.today = today
        self.calendar = calendar
        self._rows: list[HistoryRow] | None = None
        """The values read from git (None until read), kept to refit on a resize."""
        self._read_failed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog history-dialog"):
            yield Static(
                _("History: {title}").format(title=display_text(self.kr.title)),
                classes="dialog-title",
                markup=False,
            )
            where = (
                self.path.relative_to(self.root).as_posix()
                if self.path is not None and self.path.is_relative_to(self.root)
                else _("not saved yet")
            )
            yield Static(
                f"{display_text(self.objective.title)} · {cut_text(where, 60)}",
                classes="hint",
                markup=False,
            )
            with TabbedContent(initial="values"):
                with TabPane(_("Values"), id="values"):
                    yield Static(id="history-unit", classes="hint", markup=False)
                    table = ValuesTable(id="history-values", cursor_type="row", zebra_stripes=True)
                    yield table
                with TabPane(_("Changed since"), id="since"):
                    with Horizontal(classes="since-row"):
                        yield Static(_("Since"))
                        yield OrderedInput(
                            placeholder=_("a tag, or a date as YYYY-MM-DD"),
                            id="since-input",
                            compact=True,
                        )
                    yield TypingPreview("since-input")
                    with VerticalScroll(id="since-report"):
                        yield Static(_("Reading history…"), id="since-text", classes="hint")
            yield Static(
                _("v values · s changed since (type a tag or a date, enter) · esc close"),
                classes="hint",
            )

    def on_mount(self) -> None:
        table = self.query_one("#history-values", DataTable)
        self._set_columns([])
        table.loading = True
        table.focus()
        self.load_values()
        self.load_default_since()

    # ------------------------------------------------------------------ values
    @work(thread=True, exclusive=True, group="kr-history-values", exit_on_error=False)
    def load_values(self) -> None:
        rows: list[HistoryRow] = []
        error = None
        try:
            if self.path is not None:
                rows = read_history(self.repo, self.path, self.kr)
        except GitError as exc:
            error = str(exc)
        self.call_later(self._show_values, rows, error)

    def _headers(self) -> list[str]:
        unit = value_unit(self.kr.metric)
        line = self.query_one("#history-unit", Static)
        line.display = bool(unit)
        if unit:
            line.update(_("Values in {unit}").format(unit=display_text(unit)))
        return [_("Date"), _("Author"), _("Value"), _("Target"), _("Commit")]

    def _set_columns(self, cells: list[list[str]]) -> list[int]:
        """(Re)make the columns so the five fit the table's width; return their widths."""
        table = self.query_one("#history-values", DataTable)
        headers = self._headers()
        room = table.size.width
        if len(cells) + 1 > table.size.height:  # a vertical scrollbar will take its share
            room -= table.styles.scrollbar_size_vertical
        widths = column_widths(headers, cells, room)
        table.clear(columns=True)
        keys = ("date", "author", "value", "target", "subject")
        for index, (header, key, width) in enumerate(zip(headers, keys, widths, strict=True)):
            label = Text(header, justify="right") if index in (2, 3) else header
            table.add_column(label, key=key, width=width)
        return widths

    def _show_values(self, rows: list[HistoryRow], error: str | None) -> None:
        if not self.is_attached:
            return
        table = self.query_one("#history-values", DataTable)
        table.loading = False
        self._rows = rows
        self._read_failed = error is not None
        self._fill_values()
        if error:
            self.notify(error, severity="error")

    def _fill_values(self) -> None:
        """The rows cut to the columns: values never, the author and message with … if long."""
        table = self.query_one("#history-values", DataTable)
        if not table.size.width:  # read before the first layout: its Resize fits it
            return
        rows = self._rows or []
        cells = history_cells(rows, self.kr.metric, self.calendar)
        widths = self._set_columns(cells)
        for date, author, value, target, subject in cells:
            table.add_row(
                date,
                fit_text(author, widths[1]),  # git names and messages: anyone's text
                Text(value, justify="right"),
                Text(target, justify="right"),
                fit_text(subject, widths[4]),
            )
        if not rows and not self._read_failed:
            table.add_row("", "", "", "", fit_text(_("not committed yet"), widths[4]))

    def refit(self) -> None:
        """The table changed size: make its columns fit again."""
        if self._rows is not None:
            self._fill_values()

    # ------------------------------------------------------------------ changed since
    @work(thread=True, exclusive=True, group="kr-history-since", exit_on_error=False)
    def load_default_since(self) -> None:
        try:
            since = default_since(self.repo, self.today, self.calendar)
        except GitError:
            since = format_date(self.today - DEFAULT_LOOKBACK, self.calendar)
        self.call_later(self._set_since, since)

    def _set_since(self, since: str) -> None:
        if self.is_attached:
            self.query_one("#since-input", Input).value = since
            self._compare(since)

    @on(Input.Submitted, "#since-input")
    def _since_submitted(self, event: Input.Submitted) -> None:
        self._compare(event.value)

    def _compare(self, text: str) -> None:
        report = self.query_one("#since-text", Static)
        try:
            since = parse_since(text, self.calendar)
        except ValueError as exc:
            report.update(printable(str(exc)))
            report.set_classes("-error")
            return
        report.update(_("Comparing with {since}…").format(since=text.strip()))
        report.set_classes("hint")
        self.load_changes(since, text.strip())

    @work(thread=True, exclusive=True, group="kr-history-since", exit_on_error=False)
    def load_changes(self, since: str | dt.date, label: str) -> None:
        try:
            changes = changes_since(self.repo, self.root, since, current=self.current)
        except GitError as exc:
            self.call_later(self._show_changes, None, str(exc))
            return
        report = since_report(changes, self.objective.id, self.kr, label)
        self.call_later(self._show_changes, report, None)

    def _show_changes(self, report: Content | None, error: str | None) -> None:
        if not self.is_attached:
            return
        text = self.query_one("#since-text", Static)
        if report is None:
            text.update(printable(error or "", multiline=True))
            text.set_classes("-error")
        else:
            text.update(report)
            text.set_classes("")

    # ------------------------------------------------------------------ actions
    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "since":
            self.query_one("#since-input", Input).focus()
        else:
            self.query_one("#history-values", DataTable).focus()

    def action_close(self) -> None:
        self.dismiss(None)
