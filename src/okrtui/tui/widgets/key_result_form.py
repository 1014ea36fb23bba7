"""The key-result form: metric, due date, status lines, check-in history, SMART checklist."""

from __future__ import annotations

from typing import ClassVar, cast

from textual.app import ComposeResult
from textual.widgets import Input

from okrtui.i18n import N_, _
from okrtui.model import (
    Calendar,
    Direction,
    KeyResult,
    MetricType,
    Objective,
)
from okrtui.tui.formatting import (
    format_date,
    format_number,
    parse_date,
    parse_number,
)
from okrtui.tui.widgets.editor_forms import (
    DIRECTION_LABELS,
    TYPE_LABELS,
    FieldSpec,
    ModelForm,
    enum_options,
    translated,
)
from okrtui.tui.widgets.in_place import update_in_place
from okrtui.tui.widgets.kr_history import KeyResultHistory
from okrtui.tui.widgets.kr_status import KeyResultStatus, status_text
from okrtui.tui.widgets.smart_checklist import SmartChecklistView

HISTORY_FIELDS = frozenset({"type", "direction", "unit", "start", "target", "current"})
"""The fields the check-in chart and table are drawn from."""


class KeyResultForm(ModelForm):
    FIELDS: ClassVar[list[FieldSpec]] = [
        FieldSpec("title", N_("Title"), "text", N_("e.g. Grow organic traffic from 40k to 54k")),
        FieldSpec("owner", N_("Owner"), "text"),
        FieldSpec("type", N_("Metric"), "select"),
        FieldSpec("direction", N_("Direction"), "select"),
        FieldSpec("unit", N_("Unit"), "text", N_("e.g. visits/month, %, USD")),
        FieldSpec("start", N_("Start"), "number", N_("value at the start")),
        FieldSpec("target", N_("Target"), "number", N_("value to reach")),
        FieldSpec("current", N_("Current"), "number", N_("latest value")),
        FieldSpec("start_date", N_("Start date"), "date", "YYYY-MM-DD"),
        FieldSpec("due", N_("Due date"), "date", "YYYY-MM-DD"),
        FieldSpec("weight", N_("Weight"), "number", "1"),
        FieldSpec("confidence", N_("Confidence"), "number", "0.0 – 1.0"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kr_id: str | None = None

    def compose_extra(self) -> ComposeResult:
        # the checklist right under the fields: at 80x24 both show without scrolling
        yield SmartChecklistView(id="kr-smart")
        yield KeyResultStatus("", id="kr-status")
        yield KeyResultHistory(id="kr-history")

    @property
    def key_result(self) -> KeyResult | None:
        if self.objective is None or self.kr_id is None:
            return None
        return self.objective.key_result(self.kr_id)

    def options(self, name: str) -> list[tuple[str, str]]:
        if name == "type":
            return enum_options(MetricType, translated(TYPE_LABELS))
        if name == "direction":
            return enum_options(Direction, translated(DIRECTION_LABELS))
        return []

    def load(self, objective: Objective, kr_id: str) -> None:
        self.objective = objective
        self.kr_id = kr_id
        calendar = self.calendar
        placeholder = "YYYY-MM-DD" + (
            " (" + _("Jalali") + ")" if calendar is Calendar.JALALI else ""
        )
        # an empty start date: the plan counts from the cycle's start
        starts = placeholder + " · " + _("cycle start")
        for field, shown in (("#field-start_date", starts), ("#field-due", placeholder)):
            date = cast(Input, self.one(field))
            if date.placeholder != shown:
                date.placeholder = shown
        self.refresh_values()
        kr = self.key_result
        if kr is not None:
            # the verdicts were just shown by refresh_values (refresh_extra): not twice
            cast(SmartChecklistView, self.one("#kr-smart")).show(kr.smart, None)

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
            case "start_date" | "due":
                return format_date(getattr(kr, name), self.calendar)
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
            case "start_date" | "due":  # empty: the plan counts from the cycle's start
                setattr(kr, name, parse_date(text, self.calendar) if text.strip() else None)
            case "weight":
                kr.weight = parse_number(text) if text.strip() else 1.0
            case "confidence":
                kr.confidence = parse_number(text) if text.strip() else None
        return name in ("type", "direction", "start", "target", "current", "weight")

    def after_edit(self, name: str) -> None:
        # Typing in the title or owner does not move the chart: redraw it only when
        # a field it is drawn from changed (this runs on every keystroke).
        self.refresh_extra(history=name in HISTORY_FIELDS)

    def refresh_extra(self, *, history: bool = True) -> None:
        kr = self.key_result
        if kr is None or self.objective is None:
            return
        current = cast(Input, self.one("#field-current"))
        current.disabled = bool(kr.checkins)
        if kr.checkins:
            current.tooltip = _("Comes from the latest check-in")
        update_in_place(
            cast(KeyResultStatus, self.one("#kr-status")),
            status_text(
                kr,
                self.objective,
                self.context.settings,
                self.context.today,
                self.scrollable_content_region.width,
            ),
        )
        if history:
            cast(KeyResultHistory, self.one("#kr-history")).show(kr, self.calendar)
        cast(SmartChecklistView, self.one("#kr-smart")).show_verdicts(
            self.verdicts(self.objective, kr)
        )

    def on_smart_checklist_view_changed(self, event: SmartChecklistView.Changed) -> None:
        event.stop()
        kr = self.key_result
        if kr is None or self.objective is None:
            return
        done, answer = event.view.read(event.criterion)
        target = kr.smart.get(event.criterion)
        target.done, target.answer = done, answer
        self.figures.clear()
        event.view.show_verdicts(self.verdicts(self.objective, kr))
        self.post_message(self.Edited(self.objective.id))
