"""What the right pane's forms share: fields applied to the model as they are typed.

Each field is applied to the in-memory model as it is typed. A value the
model refuses is not applied: its message is shown under the field and the
typed text stays, so nothing the user wrote is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar, cast

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TextArea

from okrtui.i18n import N_, _
from okrtui.model import (
    Calendar,
    Objective,
    WorkspaceSettings,
)
from okrtui.model.text import printable
from okrtui.tui import level_names
from okrtui.tui.widgets.figures import FigureCache
from okrtui.tui.widgets.form_context import FormContext, VerdictProvider
from okrtui.tui.widgets.form_row import FormRow
from okrtui.tui.widgets.in_place import SteadyTextArea, update_in_place
from okrtui.tui.widgets.reading_order_input import ReadingOrderInput


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        msg = str(err["msg"])
        return msg.removeprefix("Value error, ")
    if str(exc) == "empty" or str(exc).startswith("could not convert string to float"):
        return _("not a number")  # float()'s own words name Python, not the field
    return str(exc)


def enum_options(enum: type[StrEnum], labels: dict[str, str]) -> list[tuple[str, str]]:
    return [(labels.get(m.value, m.value), m.value) for m in enum]


class ChoiceSelect(Select[str]):
    """A select whose full list is worked out only when it is opened.

    Choosing among every objective (alignment) means a list as long as the
    workspace; building it on each selection in the tree cost more than all
    else. Until opened it holds only the value shown.
    """

    def __init__(self, options: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(options, **kwargs)
        self.choices: Callable[[], list[tuple[str, str]]] = list
        self.full = False
        """True once the full list is in (it is dropped again by `show_only`)."""

    def show_only(self, options: list[tuple[str, str]], value: str) -> None:
        """Hold just `options` (the value shown) until the select is opened."""
        self.full = False
        set_options_if_changed(self, options)
        self.value = value if value else Select.NULL

    def _watch_expanded(self, expanded: bool) -> None:
        if expanded and not self.full:
            value = self.value
            options = self.choices()
            if value is not Select.NULL and all(value != v for _label, v in options):
                options = [*options, *((str(p), str(v)) for p, v in self._options if v == value)]
            with self.prevent(Select.Changed):
                self.set_options(options)
                self.value = value
            self.full = True
        super()._watch_expanded(expanded)


def set_options_if_changed(select: Select[str], options: list[tuple[str, str]]) -> bool:
    """Give `select` these options unless it has them already (rebuilding its list costs)."""
    shown = [(str(p), v) for p, v in select._options if v is not Select.NULL]
    if shown == options:
        return False
    select.set_options(options)
    return True


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    label: str
    kind: str  # text | number | date | select | textarea
    placeholder: str = ""


class ModelForm(VerticalScroll):
    """Shared behaviour of the objective and key-result forms.

    A form scrolls by itself (see `EditorPane`) but takes no focus: its fields do.
    """

    can_focus = False

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
        self._heading: str | None = None
        self.figures = FigureCache()
        """Shared with the editor pane: figures kept until an objective changes."""
        self._found: dict[str, Widget] = {}
        """Widgets by selector: the form's widgets stay mounted, so each is looked up once."""

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
            select_type = ChoiceSelect if self.lazy_options(spec.name) else Select[str]
            return select_type(
                self.options(spec.name),
                id=field_id,
                compact=True,
                allow_blank=self.allow_blank(spec.name),
                prompt=_("— none —"),
            )
        if spec.kind == "textarea":
            return SteadyTextArea(id=field_id, soft_wrap=True, compact=True)
        return ReadingOrderInput(
            placeholder=_(spec.placeholder), id=field_id, compact=True, select_on_focus=False
        )

    def options(self, name: str) -> list[tuple[str, str]]:
        return []

    def allow_blank(self, name: str) -> bool:
        return False

    def lazy_options(self, name: str) -> bool:
        """True for a select whose full list is long: it is built when opened."""
        return False

    def one(self, selector: str) -> Widget:
        """`query_one(selector)`, looked up once (a refill asks for every field)."""
        widget = self._found.get(selector)
        if widget is None:
            widget = self._found[selector] = self.query_one(selector)
        return widget

    def row(self, name: str) -> FormRow:
        return cast(FormRow, self.one(f"#row-{name}"))

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
        self.show_heading()
        with self.prevent(Input.Changed, Select.Changed, TextArea.Changed):
            for spec in self.FIELDS:
                widget = self.one(f"#field-{spec.name}")
                value = self.read(spec.name)
                if isinstance(widget, Select):
                    options = self.options(spec.name)
                    if value and all(value != v for _label, v in options):
                        # e.g. aligned to an objective that is gone: show it, never drop it
                        missing = _("{value} (not found)").format(value=value)
                        options = [*options, (missing, value)]
                    if isinstance(widget, ChoiceSelect):
                        widget.show_only(options, value)
                    else:
                        set_options_if_changed(widget, options)
                        widget.value = value if value else Select.NULL
                elif isinstance(widget, TextArea):
                    value = printable(value, multiline=True)  # data never drives the terminal
                    if widget.text != value:
                        widget.load_text(value)
                elif isinstance(widget, Input) and widget.value != (value := printable(value)):
                    widget.value = value
                    if not widget.has_focus:
                        widget.cursor_position = 0  # show a long title from its start
                self.row(spec.name).set_error(None)
        self.refresh_extra()

    def refresh_extra(self) -> None:
        pass

    def show_heading(self) -> None:
        heading = self.heading()
        if heading != self._heading:  # an unchanged text costs no layout
            self._heading = heading
            update_in_place(cast(Static, self.one(".form-heading")), heading)

    def _apply(self, name: str, text: str) -> None:
        if self.objective is None:
            return
        try:
            structural = self.write(name, text)
        except (ValueError, ValidationError) as exc:
            self.row(name).set_error(_error_text(exc))
            return
        self.row(name).set_error(None)
        self.figures.clear()  # before after_edit shows them again
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


LEVEL_LABELS = level_names.LEVEL_LABELS  # the filters name levels the same way
KIND_LABELS = {"okr": "OKR", "smart": N_("SMART goal")}
STATUS_LABELS = {
    "draft": N_("Draft"),
    "active": N_("Active"),
    "done": N_("Done"),
    "dropped": N_("Dropped"),
}
TYPE_LABELS = {
    "number": N_("Number"),
    "percent": N_("Percentage"),
    "currency": N_("Currency"),
    "count": N_("Count"),
    "milestone": N_("Milestone"),
    "checklist": N_("Checklist"),
}
DIRECTION_LABELS = {
    "increase": N_("Increase"),
    "decrease": N_("Decrease"),
    "stay_above": N_("Stay above"),
    "stay_below": N_("Stay below"),
}


def translated(labels: dict[str, str]) -> dict[str, str]:
    return {k: _(v) for k, v in labels.items()}
