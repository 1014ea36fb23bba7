"""The guided writer's steps: the questions of each SMART letter and the fields that ask them.

Also what the steps show as the answers come in: the bar of steps, the goal's
sentence and, on the last step, the coach's verdicts.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Select, Static

from okrtui.i18n import N_, _, count
from okrtui.model import Calendar, Direction, MetricType, SmartCriterion
from okrtui.services.goal_rewrite import WizardSetup
from okrtui.services.goal_writer import TEXT_ANSWERS
from okrtui.services.smart import SmartVerdict
from okrtui.tui.formatting import display_text, format_date, has_rtl
from okrtui.tui.widgets.editor_forms import DIRECTION_LABELS, TYPE_LABELS
from okrtui.tui.widgets.form_row import FormRow
from okrtui.tui.widgets.ordered_input import OrderedInput
from okrtui.tui.widgets.tick_box import TickBox

STEP_ORDER: tuple[SmartCriterion, ...] = tuple(SmartCriterion)


@dataclass(frozen=True, slots=True)
class Question:
    """One field of a step: which answer it fills and how it is typed."""

    name: str
    label: str
    kind: str  # text | amount | percent | date | select
    placeholder: str = ""


QUESTIONS: dict[SmartCriterion, tuple[Question, ...]] = {
    SmartCriterion.SPECIFIC: (
        Question("idea", N_("Your goal"), "text", N_("in your own words, e.g. more blog readers")),
        Question("what", N_("What"), "text", N_("what exactly changes, e.g. organic traffic")),
        Question("for_whom", N_("For whom"), "text", N_("e.g. the blog, new customers (optional)")),
    ),
    SmartCriterion.MEASURABLE: (
        Question("metric_type", N_("Metric"), "select"),
        Question("direction", N_("Direction"), "select"),
        Question("unit", N_("Unit"), "text", N_("e.g. visits a month, %, USD")),
        Question("start", N_("Start"), "amount", N_("where it stands today")),
        Question("target", N_("Target"), "amount", N_("the value that means done")),
    ),
    SmartCriterion.ACHIEVABLE: (
        Question("resources", N_("Resources"), "text", N_("the people, budget and time you have")),
        Question("confidence", N_("Confidence"), "percent", N_("that you will reach it, e.g. 70%")),
    ),
    SmartCriterion.RELEVANT: (
        Question("why", N_("Why now"), "text", N_("why it matters to the business now")),
        Question("serves", N_("Serves"), "select"),
        Question("save_as", N_("Save as"), "select"),
    ),
    SmartCriterion.TIME_BOUND: (
        Question("due", N_("Due date"), "date", "YYYY-MM-DD"),
        Question("owner", N_("Owner"), "text", N_("who answers for it (optional)")),
    ),
}
"""The wizard's fields per SMART letter, in the order they are asked."""


class AnswerSelect(Select[str]):
    """A select in the wizard: enter moves on as in the text fields; space, up and down open it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.next_field", N_("Next"), show=False, id="wizard.select_next"),
    ]


def _amount_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


class StepForms:
    """Builds each step's labelled fields, filled in from where the wizard starts."""

    def __init__(self, setup: WizardSetup, calendar: Calendar) -> None:
        self.setup = setup
        self.calendar = calendar
        self.initial_text = {
            q.name: self.starting_text(q.name) for qs in QUESTIONS.values() for q in qs
        }
        """Each field's starting text: an answer typed back to it counts as untouched."""

    def starting_text(self, name: str) -> str:
        """The starting text of a field, from the starting draft."""
        draft = self.setup.draft
        if name in TEXT_ANSWERS:
            return str(getattr(draft, name))
        if name in ("start", "target"):
            return _amount_text(getattr(draft, name))
        if name == "confidence":
            return "" if draft.confidence is None else _amount_text(draft.confidence * 100) + "%"
        if name == "due":
            return format_date(draft.due, self.calendar)
        if name == "metric_type":
            return draft.metric_type.value
        if name == "direction":
            return draft.direction.value
        if name == "serves":
            return draft.parent or ""
        return "goal" if self.setup.standalone else "kr"

    def _options(self, name: str) -> list[tuple[str, str]]:
        if name == "metric_type":
            return [(_(TYPE_LABELS[m.value]), m.value) for m in MetricType]
        if name == "direction":
            return [(_(DIRECTION_LABELS[d.value]), d.value) for d in Direction]
        if name == "serves":
            return self.setup.serves_options
        return [
            (_("a key result of that objective"), "kr"),
            (_("a standalone SMART goal aligned to it"), "goal"),
        ]

    def _make_field(self, question: Question) -> Widget:
        field_id = f"wizard-{question.name}"
        text = self.initial_text[question.name]
        if question.kind == "select":
            select = AnswerSelect(
                self._options(question.name),
                id=field_id,
                compact=True,
                allow_blank=question.name == "serves",
                prompt=_("— none —"),
                value=text or Select.NULL,
            )
            select.disabled = self.setup.rewrite is not None and question.name in (
                "serves",
                "save_as",
            )
            return select
        placeholder = _(question.placeholder)
        if question.kind == "date" and self.calendar is Calendar.JALALI:
            placeholder += " (" + _("Jalali") + ")"
        return OrderedInput(
            text, placeholder=placeholder, id=field_id, compact=True, select_on_focus=False
        )

    def widgets(self, criterion: SmartCriterion) -> list[Widget]:
        """The rows of one step; the last step adds the retitle choice and the coach."""
        widgets: list[Widget] = [
            FormRow(_(q.label), self._make_field(q), id=f"wrow-{q.name}")
            for q in QUESTIONS[criterion]
        ]
        if criterion is SmartCriterion.TIME_BOUND:
            if self.setup.rewrite is not None:
                title = _("Use the sentence as the new title")
                widgets.append(TickBox(title, value=True, compact=True, id="wizard-retitle"))
            widgets.append(Static(id="wizard-coach"))
        return widgets


def steps_bar(step: int, missing: set[SmartCriterion]) -> Content:
    """The five letters (answered in green, the current one highlighted) and the step's name."""
    parts: list[str | tuple[str, str]] = []
    for index, criterion in enumerate(STEP_ORDER):
        style = "$success" if criterion not in missing else "$text-muted"
        if index == step:
            style = "bold reverse $accent"
        parts += [(f" {criterion.letter} ", style), " "]
    parts.append(
        (
            " "
            + _("Step {n} of {total}: {label}").format(
                n=count(step + 1), total=count(len(STEP_ORDER)), label=_(STEP_ORDER[step].label)
            ),
            "bold",
        )
    )
    return Content.assemble(*parts)


def sentence_box(sentence: str, width: int) -> Content:
    """The goal's sentence wrapped to `width`, right-aligned when it reads right to left."""
    if not sentence:
        return Content.styled(
            _("Answer the questions: your goal appears here as one sentence."), "$text-muted"
        )
    lines = textwrap.wrap(sentence, width)
    if has_rtl(sentence):
        lines = [display_text(line).rjust(width) for line in lines]
    return Content.styled("\n".join(lines), "bold")


def _coach_title() -> tuple[str, str]:
    return (_("The coach on this goal"), "bold $accent")


def coach_problem(message: str) -> Content:
    """The coach's panel when the answers do not make a key result yet."""
    return Content.assemble(_coach_title(), "\n", (message, "$warning"))


def coach_verdicts(verdicts: Sequence[SmartVerdict], missing: set[SmartCriterion]) -> Content:
    """The coach's panel: a mark per letter, why each failing one fails, what is unanswered."""
    parts: list[str | tuple[str, str]] = [_coach_title(), "\n"]
    for verdict in verdicts:
        name = verdict.letter if verdict.criterion is not None else _("outcome")
        glyph = "✓" if verdict.holds else "!"
        parts += [(f"{glyph} {name}", "$success" if verdict.holds else "bold $warning"), "  "]
    if all(verdict.holds for verdict in verdicts):
        parts += ["\n", (_("Every letter holds: this is a SMART key result."), "$success")]
    for verdict in verdicts:
        if not verdict.holds:
            label = _(verdict.criterion.label) if verdict.criterion else _("Outcome")
            parts += ["\n", (f"{verdict.letter} {label}: ", "bold $warning"), verdict.reason]
    if missing:
        names = ", ".join(_(c.label) for c in STEP_ORDER if c in missing)
        parts += ["\n", (_("Not answered yet: {names}").format(names=names), "$text-muted")]
    return Content.assemble(*parts)
