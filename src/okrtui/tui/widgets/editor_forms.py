"""The right pane's forms: one for an objective, one for a key result.

Each field is applied to the in-memory model as it is typed. A value the
model refuses is not applied: its message is shown under the field and the
typed text stays, so nothing the user wrote is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Input, Select, Static, TextArea

from okrtui.i18n import _
from okrtui.model import (
    Calendar,
    Direction,
    KeyResult,
    Level,
    MetricType,
    Objective,
    ObjectiveKind,
    SmartCriterion,
    Status,
    WorkspaceSettings,
)
from okrtui.services.progress import kr_progress, objective_progress
from okrtui.services.smart import plan_quality
from okrtui.tui.formatting import (
    display_text,
    format_date,
    format_number,
    format_percent,
    format_value,
    parse_date,
    parse_number,
)
from okrtui.tui.widgets.form_row import FormRow
from okrtui.tui.widgets.kr_history import KeyResultHistory
from okrtui.tui.widgets.kr_status import KeyResultStatus, status_text
from okrtui.tui.widgets.smart_checklist import SmartChecklistView, Verdict

VerdictProvider = Callable[[Objective, KeyResult | None], dict[SmartCriterion, Verdict]]


@dataclass(slots=True)
class FormContext:
    """What the forms need besides the model: the workspace's settings and today's date."""

    settings: WorkspaceSettings
    today: dt.date


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        msg = str(err["msg"])
        return msg.removeprefix("Value error, ")
    return str(exc)


def _enum_options(enum: type[StrEnum], labels: dict[str, str]) -> list[tuple[str, str]]:
    return [(labels.get(m.value, m.value), m.value) for m in enum]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    label: str
    kind: str  # text | number | date | select | textarea
    placeholder: str = ""


class ModelForm(Vertical):
    """Shared behaviour of the objective and key-result forms."""

    FIELDS: ClassVar[list[FieldSpec]] = []

    class Edited(Message):
        """A value was applied to the model. `structural`: the tree's shape may change."""

        def __init__(self, objective_id: str, structural: bool = False) -> None:
            super().__init__()
            self.objective_id = objective_id
            self.structural = structural

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.objective: Objective | None = None
        self.context = FormContext(WorkspaceSettings(), dt.date.today())
        self.verdicts: VerdictProvider = lambda _o, _k: {}

    @property
    def calendar(self) -> Calendar:
        return self.context.settings.calendar

    # --- building
    def compose(self) -> ComposeResult:
        yield Static("", classes="section-title form-heading")
        for spec in self.FIELDS:
            yield FormRow(_(spec.label), self._make_widget(spec), id=f"row-{spec.name}")
        yield from self.compose_extra()

    def compose_extra(self) -> ComposeResult:
        yield from ()

    def _make_widget(self, spec: FieldSpec) -> Widget:
        field_id = f"field-{spec.name}"
        if spec.kind == "select":
            return Select[str](
                self.options(spec.name),
                id=field_id,
                compact=True,
                allow_blank=self.allow_blank(spec.name),
                prompt=_("— none —"),
            )
        if spec.kind == "textarea":
            return TextArea(id=field_id, soft_wrap=True, compact=True)
        return Input(
            placeholder=_(spec.placeholder), id=field_id, compact=True, select_on_focus=False
        )

    def options(self, name: str) -> list[tuple[str, str]]:
        return []

    def allow_blank(self, name: str) -> bool:
        return False

    def row(self, name: str) -> FormRow:
        return self.query_one(f"#row-{name}", FormRow)

    # --- the model side, provided by subclasses
    def read(self, name: str) -> str:
        raise NotImplementedError

    def write(self, name: str, text: str) -> bool:
        """Apply `text` to the model; return True if the tree's shape may change."""
        raise NotImplementedError

    def heading(self) -> str:
        raise NotImplementedError

    # --- loading and editing
    def refresh_values(self) -> None:
        """Show the model's values in every field (without firing edits)."""
        self.query_one(".form-heading", Static).update(self.heading())
        with self.prevent(Input.Changed, Select.Changed, TextArea.Changed):
            for spec in self.FIELDS:
                widget = self.query_one(f"#field-{spec.name}")
                value = self.read(spec.name)
                if isinstance(widget, Select):
                    widget.set_options(self.options(spec.name))
                    widget.value = value if value else Select.NULL
                elif isinstance(widget, TextArea):
                    if widget.text != value:
                        widget.load_text(value)
                elif isinstance(widget, Input) and widget.value != value:
                    widget.value = value
                self.row(spec.name).set_error(None)
        self.refresh_extra()

    def refresh_extra(self) -> None:
        pass

    def _apply(self, name: str, text: str) -> None:
        if self.objective is None:
            return
        try:
            structural = self.write(name, text)
        except (ValueError, ValidationError) as exc:
            self.row(name).set_error(_error_text(exc))
            return
        self.row(name).set_error(None)
        self.after_edit(name)
        self.post_message(self.Edited(self.objective.id, structural))

    def after_edit(self, name: str) -> None:
        """Refresh what depends on the edited value (not the whole form)."""

    @staticmethod
    def _field_name(widget: Widget) -> str | None:
        wid = widget.id or ""
        return wid.removeprefix("field-") if wid.startswith("field-") else None

    def on_input_changed(self, event: Input.Changed) -> None:
        name = self._field_name(event.input)
        if name is not None:
            event.stop()
            self._apply(name, event.value)

    def on_select_changed(self, event: Select.Changed) -> None:
        name = self._field_name(event.select)
        if name is not None:
            event.stop()
            value = event.value
            self._apply(name, "" if value is Select.NULL else str(value))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        name = self._field_name(event.text_area)
        if name is not None:
            event.stop()
            self._apply(name, event.text_area.text)


LEVEL_LABELS = {"organization": "Organisation", "team": "Team", "individual": "Individual"}
KIND_LABELS = {"okr": "OKR", "smart": "SMART goal"}
STATUS_LABELS = {"draft": "Draft", "active": "Active", "done": "Done", "dropped": "Dropped"}
TYPE_LABELS = {
    "number": "Number",
    "percent": "Percentage",
    "currency": "Currency",
    "count": "Count",
    "milestone": "Milestone",
    "checklist": "Checklist",
}
DIRECTION_LABELS = {
    "increase": "Increase",
    "decrease": "Decrease",
    "stay_above": "Stay above",
    "stay_below": "Stay below",
}


def _translated(labels: dict[str, str]) -> dict[str, str]:
    return {k: _(v) for k, v in labels.items()}


class ObjectiveForm(ModelForm):
    FIELDS: ClassVar[list[FieldSpec]] = [
        FieldSpec("title", "Title", "text"),
        FieldSpec("description", "Description", "textarea"),
        FieldSpec("kind", "Kind", "select"),
        FieldSpec("level", "Level", "select"),
        FieldSpec("status", "Status", "select"),
        FieldSpec("owner", "Owner", "text", "who answers for it"),
        FieldSpec("cycle", "Cycle", "select"),
        FieldSpec("parent", "Aligned to", "select"),
        FieldSpec("tags", "Tags", "text", "comma, separated"),
    ]

    class KeyResultChosen(Message):
        def __init__(self, objective_id: str, kr_id: str) -> None:
            super().__init__()
            self.objective_id = objective_id
            self.kr_id = kr_id

    def __init__(self, cycle_names: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cycle_names: list[str] = cycle_names
        self.parent_choices: list[tuple[str, str]] = []

    def compose_extra(self) -> ComposeResult:
        yield SmartChecklistView(id="objective-smart")
        yield Static(_("Key results"), classes="section-title")
        yield DataTable(id="kr-table", cursor_type="row", zebra_stripes=True)
        yield Static(_("a: add a key result   enter: open it"), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one("#kr-table", DataTable)
        table.add_column("%", key="pct", width=4)
        table.add_column(_("Key result"), key="title")
        table.add_column(_("Now"), key="now")

    def options(self, name: str) -> list[tuple[str, str]]:
        if name == "kind":
            return _enum_options(ObjectiveKind, _translated(KIND_LABELS))
        if name == "level":
            return _enum_options(Level, _translated(LEVEL_LABELS))
        if name == "status":
            return _enum_options(Status, _translated(STATUS_LABELS))
        if name == "cycle":
            return [(n, n) for n in self.cycle_names]
        if name == "parent":
            return self.parent_choices
        return []

    def allow_blank(self, name: str) -> bool:
        return name == "parent"

    def load(
        self,
        objective: Objective,
        cycle_names: list[str],
        parent_choices: list[tuple[str, str]],
    ) -> None:
        self.objective = objective
        self.cycle_names = cycle_names
        self.parent_choices = parent_choices
        self.refresh_values()
        self.query_one(SmartChecklistView).show(objective.smart, self.verdicts(objective, None))

    def heading(self) -> str:
        if self.objective is None:
            return ""
        o = self.objective
        kind = _("SMART goal") if o.kind is ObjectiveKind.SMART else _("Objective")
        heading = f"{kind} · {o.id}"
        progress = objective_progress(o)
        if progress is not None:
            heading += f" · {format_percent(progress).strip()}"
        quality = plan_quality(o, self.context.settings, self.context.today)
        if quality.total:
            heading += " · " + _("SMART {held}/{total} letters hold").format(
                held=quality.holding, total=quality.total
            )
        return heading

    def read(self, name: str) -> str:
        o = self.objective
        assert o is not None
        if name == "tags":
            return ", ".join(o.tags)
        if name == "parent":
            return o.parent or ""
        value: Any = getattr(o, name)
        return str(value.value if isinstance(value, StrEnum) else value)

    def write(self, name: str, text: str) -> bool:
        o = self.objective
        assert o is not None
        if name == "tags":
            o.tags = [t.strip() for t in text.split(",") if t.strip()]
            return False
        if name == "parent":
            o.parent = text or None
            return True
        if name == "title":
            o.title = text
            return False
        if name == "description":
            o.description = text
            return False
        setattr(o, name, text)
        return name in ("cycle", "kind", "status", "level")

    def refresh_extra(self) -> None:
        o = self.objective
        if o is None:
            return
        table = self.query_one("#kr-table", DataTable)
        table.clear()
        for kr in o.key_results:
            table.add_row(
                format_percent(kr_progress(kr)),
                display_text(kr.title),
                format_value(kr.current_value(), kr.metric),
                key=kr.id,
            )

    def after_edit(self, name: str) -> None:
        if self.objective is not None:
            self.query_one(".form-heading", Static).update(self.heading())
            self.query_one(SmartChecklistView).show_verdicts(self.verdicts(self.objective, None))

    def on_smart_checklist_view_changed(self, event: SmartChecklistView.Changed) -> None:
        event.stop()
        o = self.objective
        if o is None:
            return
        done, answer = event.view.read(event.criterion)
        target = o.smart.get(event.criterion)
        target.done, target.answer = done, answer
        event.view.show_verdicts(self.verdicts(o, None))
        self.post_message(self.Edited(o.id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.objective is not None and event.row_key.value is not None:
            self.post_message(self.KeyResultChosen(self.objective.id, event.row_key.value))


class KeyResultForm(ModelForm):
    FIELDS: ClassVar[list[FieldSpec]] = [
        FieldSpec("title", "Title", "text", "e.g. Grow organic traffic from 40k to 54k"),
        FieldSpec("owner", "Owner", "text"),
        FieldSpec("type", "Metric", "select"),
        FieldSpec("direction", "Direction", "select"),
        FieldSpec("unit", "Unit", "text", "e.g. visits/month, %, USD"),
        FieldSpec("start", "Start", "number", "value at the start"),
        FieldSpec("target", "Target", "number", "value to reach"),
        FieldSpec("current", "Current", "number", "latest value"),
        FieldSpec("due", "Due date", "date", "YYYY-MM-DD"),
        FieldSpec("weight", "Weight", "number", "1"),
        FieldSpec("confidence", "Confidence", "number", "0.0 – 1.0"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kr_id: str | None = None

    def compose_extra(self) -> ComposeResult:
        yield KeyResultStatus("", id="kr-status")
        yield KeyResultHistory(id="kr-history")
        yield SmartChecklistView(id="kr-smart")

    @property
    def key_result(self) -> KeyResult | None:
        if self.objective is None or self.kr_id is None:
            return None
        return self.objective.key_result(self.kr_id)

    def options(self, name: str) -> list[tuple[str, str]]:
        if name == "type":
            return _enum_options(MetricType, _translated(TYPE_LABELS))
        if name == "direction":
            return _enum_options(Direction, _translated(DIRECTION_LABELS))
        return []

    def load(self, objective: Objective, kr_id: str) -> None:
        self.objective = objective
        self.kr_id = kr_id
        calendar = self.calendar
        placeholder = "YYYY-MM-DD" + (
            " (" + _("Jalali") + ")" if calendar is Calendar.JALALI else ""
        )
        self.query_one("#field-due", Input).placeholder = placeholder
        self.refresh_values()
        kr = self.key_result
        if kr is not None:
            self.query_one(SmartChecklistView).show(kr.smart, self.verdicts(objective, kr))

    def heading(self) -> str:
        kr = self.key_result
        return f"{_('Key result')} · {kr.id}" if kr else ""

    def read(self, name: str) -> str:
        kr = self.key_result
        assert kr is not None
        metric = kr.metric
        match name:
            case "type":
                return metric.type.value
            case "direction":
                return metric.direction.value
            case "unit":
                return metric.unit
            case "current" if kr.checkins:
                return format_number(kr.current_value()).replace(",", "")
            case "start" | "target" | "current":
                number = getattr(metric, name)
                return "" if number is None else format_number(number).replace(",", "")
            case "due":
                return format_date(kr.due, self.calendar)
            case "weight" | "confidence":
                number = getattr(kr, name)
                return "" if number is None else format_number(number)
        return str(getattr(kr, name))

    def write(self, name: str, text: str) -> bool:
        kr = self.key_result
        assert kr is not None
        metric = kr.metric
        match name:
            case "title":
                kr.title = text
            case "owner":
                kr.owner = text
            case "type":
                metric.type = MetricType(text)
            case "direction":
                metric.direction = Direction(text)
            case "unit":
                metric.unit = text
            case "start" | "target" | "current":
                setattr(metric, name, parse_number(text) if text.strip() else None)
            case "due":
                kr.due = parse_date(text, self.calendar) if text.strip() else None
            case "weight":
                kr.weight = parse_number(text) if text.strip() else 1.0
            case "confidence":
                kr.confidence = parse_number(text) if text.strip() else None
        return name in ("type", "direction", "start", "target", "current", "weight")

    def after_edit(self, name: str) -> None:
        self.refresh_extra()

    def refresh_extra(self) -> None:
        kr = self.key_result
        if kr is None or self.objective is None:
            return
        current = self.query_one("#field-current", Input)
        current.disabled = bool(kr.checkins)
        if kr.checkins:
            current.tooltip = _("Comes from the latest check-in")
        self.query_one(KeyResultStatus).update(
            status_text(
                kr, self.objective, self.context.settings, self.context.today, self.size.width
            )
        )
        self.query_one(KeyResultHistory).show(kr, self.calendar)
        self.query_one(SmartChecklistView).show_verdicts(self.verdicts(self.objective, kr))

    def on_smart_checklist_view_changed(self, event: SmartChecklistView.Changed) -> None:
        event.stop()
        kr = self.key_result
        if kr is None or self.objective is None:
            return
        done, answer = event.view.read(event.criterion)
        target = kr.smart.get(event.criterion)
        target.done, target.answer = done, answer
        event.view.show_verdicts(self.verdicts(self.objective, kr))
        self.post_message(self.Edited(self.objective.id))
