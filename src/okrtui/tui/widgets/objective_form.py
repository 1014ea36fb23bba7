"""The objective form: its fields, its SMART checklist and its key results."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any, ClassVar, cast

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable, Static

from okrtui.i18n import N_, _, count
from okrtui.model import (
    Level,
    Objective,
    ObjectiveKind,
    Status,
)
from okrtui.services.progress import kr_progress, rolled_up_progress
from okrtui.services.smart import plan_quality
from okrtui.tui.formatting import (
    display_text,
    format_percent,
    format_value,
    progress_bar,
)
from okrtui.tui.widgets.editor_forms import (
    KIND_LABELS,
    LEVEL_LABELS,
    STATUS_LABELS,
    ChoiceSelect,
    FieldSpec,
    ModelForm,
    enum_options,
    translated,
)
from okrtui.tui.widgets.in_place import SteadyTable
from okrtui.tui.widgets.smart_checklist import SmartChecklistView


def parent_label(objective: Objective) -> str:
    """How an objective reads in the "Aligned to" list."""
    return display_text(f"{objective.title[:40]} ({objective.cycle})")


class ObjectiveForm(ModelForm):
    FIELDS: ClassVar[list[FieldSpec]] = [
        FieldSpec("title", N_("Title"), "text"),
        FieldSpec("description", N_("Description"), "textarea"),
        FieldSpec("kind", N_("Kind"), "select"),
        FieldSpec("level", N_("Level"), "select"),
        FieldSpec("status", N_("Status"), "select"),
        FieldSpec("owner", N_("Owner"), "text", N_("who answers for it")),
        FieldSpec("cycle", N_("Cycle"), "select"),
        FieldSpec("parent", N_("Aligned to"), "select"),
        FieldSpec("tags", N_("Tags"), "text", N_("comma, separated")),
    ]

    class KeyResultChosen(Message):
        def __init__(self, objective_id: str, kr_id: str) -> None:
            super().__init__()
            self.objective_id = objective_id
            self.kr_id = kr_id

    def __init__(self, cycle_names: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cycle_names: list[str] = cycle_names

    def compose_extra(self) -> ComposeResult:
        yield SmartChecklistView(id="objective-smart")
        yield Static(_("Key results"), classes="section-title")
        yield SteadyTable(id="kr-table", cursor_type="row", zebra_stripes=True)
        yield Static(_("a: add a key result   enter: open it"), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one("#kr-table", DataTable)
        table.add_column("%", key="pct", width=4)
        table.add_column(_("Key result"), key="title")
        table.add_column(_("Now"), key="now")

    def options(self, name: str) -> list[tuple[str, str]]:
        if name == "kind":
            return enum_options(ObjectiveKind, translated(KIND_LABELS))
        if name == "level":
            return enum_options(Level, translated(LEVEL_LABELS))
        if name == "status":
            return enum_options(Status, translated(STATUS_LABELS))
        if name == "cycle":
            return [(n, n) for n in self.cycle_names]
        if name == "parent":
            # only the one shown: the full list is built when the select is opened
            parent_id = self.objective.parent if self.objective else None
            parent = self.context.objectives.get(parent_id) if parent_id else None
            return [] if parent is None else [(parent_label(parent), parent.id)]
        return []

    def allow_blank(self, name: str) -> bool:
        return name == "parent"

    def lazy_options(self, name: str) -> bool:
        return name in ("parent", "cycle")

    def load(
        self,
        objective: Objective,
        cycle_names: list[str],
        parent_choices: Callable[[], list[tuple[str, str]]],
        all_cycle_names: Callable[[], list[str]] | None = None,
    ) -> None:
        """Show `objective`; `parent_choices` and `all_cycle_names` are asked when opened."""
        self.objective = objective
        self.cycle_names = cycle_names
        self.query_one("#field-parent", ChoiceSelect).choices = parent_choices
        every_cycle = all_cycle_names or (lambda: cycle_names)
        self.query_one("#field-cycle", ChoiceSelect).choices = lambda: [
            (n, n) for n in every_cycle()
        ]
        self.refresh_values()
        self.query_one(SmartChecklistView).show(objective.smart, self.verdicts(objective, None))

    def heading(self) -> str:
        if self.objective is None:
            return ""
        o = self.objective
        kind = _("SMART goal") if o.kind is ObjectiveKind.SMART else _("Objective")
        heading = f"{kind} · {o.id}"
        settings = self.context.settings
        progress = self.figures.get(
            o, "progress", lambda: rolled_up_progress(o, self.context.objectives, settings.rollup)
        )
        quality = self.figures.get(
            o, "plan", lambda: plan_quality(o, self.context.settings, self.context.today)
        )
        if quality.total:
            heading += " · " + _("SMART {held}/{total} letters hold").format(
                held=count(quality.holding), total=count(quality.total)
            )
        if progress is not None:
            heading += f"\n{progress_bar(progress, 20)} {format_percent(progress).strip()}"
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
        table = cast(SteadyTable, self.one("#kr-table"))
        with table.refilling():  # one layout, in this frame, and only if its height changed
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
            self.show_heading()
            self.query_one(SmartChecklistView).show_verdicts(self.verdicts(self.objective, None))

    def on_smart_checklist_view_changed(self, event: SmartChecklistView.Changed) -> None:
        event.stop()
        o = self.objective
        if o is None:
            return
        done, answer = event.view.read(event.criterion)
        target = o.smart.get(event.criterion)
        target.done, target.answer = done, answer
        self.figures.clear()
        self.show_heading()
        event.view.show_verdicts(self.verdicts(o, None))
        self.post_message(self.Edited(o.id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.objective is not None and event.row_key.value is not None:
            self.post_message(self.KeyResultChosen(self.objective.id, event.row_key.value))
