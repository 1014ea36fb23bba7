"""The SMART coach in the app: the guided goal writer and the coach's report.

A mixin of `OkrApp`: its bindings are listed in `BINDINGS` and merged into the app's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from pydantic import ValidationError
from textual.binding import Binding, BindingType
from textual.command import CommandPalette

from okrtui.i18n import _
from okrtui.model import KeyResult, Objective, ObjectiveKind, SmartCriterion
from okrtui.services.goal_writer import (
    GoalDraft,
    draft_answers,
    draft_from_key_result,
    draft_sentence,
    draft_to_key_result,
    draft_to_smart_goal,
)
from okrtui.services.workspace_check import CheckReport, check_workspace
from okrtui.store import WorkspaceStore
from okrtui.tui.formatting import display_text
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.screens.coach_report import CoachReportScreen, report_rows
from okrtui.tui.screens.goal_wizard import (
    AnswerConflict,
    ChoiceScreen,
    GoalWizardScreen,
    PlacementError,
    WizardResult,
    WizardSetup,
)

if TYPE_CHECKING:
    from okrtui.tui.app import OkrApp
    from okrtui.tui.commands import Command

BINDINGS: list[BindingType] = [
    Binding(
        "w",
        "write_key_result",
        _("Write KR"),
        show=False,
        id="coach.write",
        tooltip=_("Write a SMART key result, one key question at a time"),
    ),
    Binding(
        "S",
        "coach_report",
        _("SMART report"),
        show=False,
        id="coach.report",
        tooltip=_("Every SMART finding in the workspace, errors first"),
    ),
]

ANSWER_SOURCES: dict[SmartCriterion, tuple[str, ...]] = {
    SmartCriterion.SPECIFIC: ("what", "for_whom"),
    SmartCriterion.MEASURABLE: ("unit", "start", "target"),
    SmartCriterion.ACHIEVABLE: ("resources",),
    SmartCriterion.RELEVANT: ("why",),
    SmartCriterion.TIME_BOUND: ("due",),
}
"""The draft fields each SMART answer is written from (see `draft_answers`)."""


def changed_fields(before: GoalDraft, after: GoalDraft) -> set[str]:
    """The names of the draft fields whose answers differ."""
    return {
        f.name
        for f in dataclasses.fields(GoalDraft)
        if getattr(before, f.name) != getattr(after, f.name)
    }


def answer_conflicts(
    kr: KeyResult, before: GoalDraft, after: GoalDraft, *, language: str, calendar: str
) -> list[AnswerConflict]:
    """SMART answers the user wrote that a rewrite would replace without their having seen them.

    An answer the wizard showed for editing (Specific, Achievable, Relevant) was
    changed in plain sight; one it did not show (a Measurable or Time-bound
    answer in the user's own words) is a conflict to ask about.
    """
    changed = changed_fields(before, after)
    shown = draft_answers(before, language, calendar)
    proposed = draft_answers(after, language, calendar)
    conflicts = []
    for criterion, sources in ANSWER_SOURCES.items():
        if not changed & set(sources):
            continue
        old = " ".join(kr.smart.get(criterion).answer.split())
        new = proposed.get(criterion).answer
        if old and old != new and old != shown.get(criterion).answer:
            conflicts.append(AnswerConflict(criterion, old, new))
    return conflicts


def rewrite_key_result(
    kr: KeyResult, before: GoalDraft, result: WizardResult, *, language: str, calendar: str
) -> KeyResult:
    """A copy of `kr` with only what the user changed in the wizard replaced.

    The title becomes the wizard's sentence when `result.retitle`; the old
    wording is kept as the description when there is none. Conflicting SMART
    answers are replaced only when `result.replace_answers`.
    """
    after = result.draft
    new = kr.model_copy(deep=True)
    changed = changed_fields(before, after)
    metric = new.metric
    # the type first: a milestone brings its own start and target
    if "metric_type" in changed:
        metric.type = after.metric_type
    if "direction" in changed:
        metric.direction = after.direction
    if "unit" in changed:
        metric.unit = after.unit.strip()
    if "start" in changed:
        metric.start = after.start
    if "target" in changed:
        metric.target = after.target
    if "confidence" in changed:
        new.confidence = after.confidence
    if "due" in changed:
        new.due = after.due
    if "owner" in changed:
        new.owner = after.owner.strip()
    sentence = draft_sentence(after, language, calendar)
    if result.retitle and sentence != kr.title:
        if not new.description.strip():
            new.description = after.idea.strip() or kr.title
        new.title = sentence
    keep = {
        c.criterion
        for c in answer_conflicts(kr, before, after, language=language, calendar=calendar)
    }
    if result.replace_answers:
        keep = set()
    proposed = draft_answers(after, language, calendar)
    for criterion, sources in ANSWER_SOURCES.items():
        if criterion in keep or not changed & set(sources):
            continue
        answer = new.smart.get(criterion)
        answer.answer = proposed.get(criterion).answer
        answer.done = bool(answer.answer)
    return new


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass
class GoalAssembly:
    """Builds what the wizard's answers become, without changing the store."""

    store: WorkspaceStore
    today: dt.date
    cycle: str | None
    before: GoalDraft
    """The answers the wizard started with."""
    rewriting: tuple[Objective, KeyResult] | None = None

    @property
    def language(self) -> str:
        return self.store.settings.locale.value

    @property
    def calendar(self) -> str:
        return self.store.settings.calendar.value

    def build(self, result: WizardResult) -> tuple[Objective, KeyResult]:
        """The objective the goal goes in and the key result; PlacementError if it cannot."""
        language, calendar = self.language, self.calendar
        if self.rewriting is not None:
            objective, kr = self.rewriting
            return objective, rewrite_key_result(
                kr, self.before, result, language=language, calendar=calendar
            )
        draft = result.draft
        if result.standalone:
            if self.cycle is None:
                raise PlacementError(_("Add a cycle to okrtui.toml first."))
            goal = draft_to_smart_goal(
                draft,
                self.cycle,
                set(self.store.objectives),
                language=language,
                calendar=calendar,
                today=self.today,
            )
            return goal, goal.key_results[0]
        served = self.store.objectives.get(draft.parent or "")
        if served is None:
            raise PlacementError(
                _("Choose the objective it serves, or save it as a standalone SMART goal")
            )
        if served.kind is ObjectiveKind.SMART and served.key_results:
            raise PlacementError(
                _("A standalone SMART goal has one metric: choose an objective, or save as a goal")
            )
        taken = {k.id for k in served.key_results}
        return served, draft_to_key_result(draft, taken, language=language, calendar=calendar)

    def conflicts(self, draft: GoalDraft) -> list[AnswerConflict]:
        if self.rewriting is None:
            return []
        return answer_conflicts(
            self.rewriting[1], self.before, draft, language=self.language, calendar=self.calendar
        )


class SmartCoach:
    """The coach's work in the app: opens the writer and the report, applies what they give."""

    def __init__(self, app: OkrApp) -> None:
        self.app = app

    def may_open(self) -> bool:
        """The coach opens over the main screen (or from the palette), not over other dialogs."""
        app = self.app
        return len(app.screen_stack) == 1 or isinstance(app.screen, CommandPalette)

    # ------------------------------------------------------------------ the guided writer
    def write(self) -> None:
        """A new key result; on a key result, first offer to rewrite it instead."""
        app = self.app
        objective, kr = app.selected()
        if objective is None or kr is None:
            self.open_writer(objective)
            return
        question = _(
            "Rewrite “{title}” with the SMART coach, or write a new key result for “{objective}”?"
        ).format(title=kr.title, objective=objective.title)

        def chosen(answer: str | None) -> None:
            if answer == "rewrite":
                self.open_rewrite(objective, kr)
            elif answer == "new":
                self.open_writer(objective)

        choices = [
            ("rewrite", _("Rewrite it"), "r"),
            ("new", _("Write a new one"), "n"),
            ("cancel", _("Cancel"), "c"),
        ]
        app.push_screen(ChoiceScreen(display_text(question), choices), chosen)

    def rewrite_selected(self) -> None:
        objective, kr = self.app.selected()
        if objective is None or kr is None:
            self.app.notify(_("Select a key result first."), severity="warning")
            return
        self.open_rewrite(objective, kr)

    def serves_options(self) -> list[tuple[str, str]]:
        """Every objective a goal may serve, as (label, id) for the Relevant step."""
        objectives = sorted(self.app.store.objectives.values(), key=lambda o: (o.cycle, o.title))
        return [(display_text(f"{_shorten(o.title, 42)} ({o.cycle})"), o.id) for o in objectives]

    def open_writer(self, objective: Objective | None) -> None:
        """The wizard for a new key result of `objective`, or for a standalone SMART goal."""
        app = self.app
        cycle = app.selected_cycle()
        if objective is None:
            standalone, serves = True, None
        elif objective.kind is ObjectiveKind.SMART and objective.key_results:
            standalone, serves = True, objective.parent  # a goal beside it, not inside it
        else:
            standalone, serves = False, objective.id
        if standalone and cycle is None:
            app.notify(_("Add a cycle to okrtui.toml first."), severity="error")
            return
        draft = GoalDraft(parent=serves)
        assembly = GoalAssembly(app.store, app.today, cycle, draft)
        self._push_wizard(WizardSetup(draft, self.serves_options(), standalone), assembly)

    def open_rewrite(self, objective: Objective, kr: KeyResult) -> None:
        """The wizard started from an existing key result's answers."""
        app = self.app
        draft = dataclasses.replace(draft_from_key_result(kr), parent=objective.id)
        assembly = GoalAssembly(app.store, app.today, objective.cycle, draft, (objective, kr))
        self._push_wizard(WizardSetup(draft, self.serves_options(), rewrite=kr), assembly)

    def _push_wizard(self, setup: WizardSetup, assembly: GoalAssembly) -> None:
        def done(result: WizardResult | None) -> None:
            if result is not None:
                self.apply(assembly, result)

        screen = GoalWizardScreen(
            setup,
            settings=self.app.store.settings,
            today=self.app.today,
            build=assembly.build,
            conflicts=assembly.conflicts,
        )
        self.app.push_screen(screen, done)

    def apply(self, assembly: GoalAssembly, result: WizardResult) -> None:
        """Put the wizard's goal in the store, mark it unsaved and select it in the tree."""
        app = self.app
        try:
            objective, kr = assembly.build(result)
        except (ValueError, ValidationError) as exc:
            app.notify(str(exc), title=_("Not saved"), severity="error")
            return
        if assembly.rewriting is not None:
            current = app.store.objectives.get(objective.id)
            if current is None or current.key_result(kr.id) is None:
                app.notify(_("The key result is gone; nothing was changed."), severity="error")
                return
            objective = current
            objective.key_results = [kr if k.id == kr.id else k for k in objective.key_results]
            ref = NodeRef(NodeKind.KEY_RESULT, objective.cycle, objective.id, kr.id)
            message = _("Key result rewritten.")
        elif objective.id not in app.store.objectives:
            app.store.objectives[objective.id] = objective
            ref = NodeRef(NodeKind.OBJECTIVE, objective.cycle, objective.id)
            message = _("SMART goal added to {cycle}.").format(cycle=objective.cycle)
        else:
            objective.key_results = [*objective.key_results, kr]
            ref = NodeRef(NodeKind.KEY_RESULT, objective.cycle, objective.id, kr.id)
            message = _("Key result added.")
        app.mark_dirty(objective.id)
        app.objective_tree.rebuild(select=ref)
        app.editor.show(ref)
        app.objective_tree.focus()
        app.notify(message + " " + _("Press ctrl+s to write it to disk."))

    # ------------------------------------------------------------------ the report
    def open_report(self) -> None:
        """Check the workspace in a thread, then show every finding."""
        app = self.app
        store = app.store
        # the check runs in a thread: give it its own dicts, and only files still loaded
        snapshot = dataclasses.replace(
            store,
            objectives=dict(store.objectives),
            files={k: v for k, v in store.files.items() if k in store.objectives},
            errors=list(store.errors),
            broken=dict(store.broken),
        )
        unsaved = sum(1 for oid in app.dirty if oid not in store.files)
        app.run_worker(
            partial(self._check, snapshot, unsaved),
            thread=True,
            exclusive=True,
            group="coach-report",
            exit_on_error=False,
        )

    def _check(self, snapshot: WorkspaceStore, unsaved: int) -> None:
        """In a worker thread: never touches a widget."""
        try:
            report = check_workspace(snapshot, self.app.today)
        except OSError as exc:
            message = _("The check could not read a file: {reason}").format(reason=exc)
            self.app.call_from_thread(self.app.notify, message, severity="error")
            return
        self.app.call_from_thread(self.show_report, report, unsaved)

    def show_report(self, report: CheckReport, unsaved: int = 0) -> None:
        app = self.app

        def jump(ref: NodeRef | None) -> None:
            if ref is None:
                return
            if app.objective_tree.select_ref(ref):
                app.objective_tree.focus()
            else:
                app.notify(_("It is no longer in the tree."), severity="warning")

        rows = report_rows(report, app.store.objectives)
        app.push_screen(CoachReportScreen(rows, report, unsaved=unsaved), jump)

    # ------------------------------------------------------------------ palette
    def commands(self) -> list[Command]:
        _objective, kr = self.app.selected()
        commands: list[Command] = [
            (
                _("coach: write a key result"),
                _("The guided writer: five key questions, one SMART key result"),
                self._from_palette(lambda: self.open_writer(self.app.selected()[0])),
            ),
        ]
        if kr is not None:
            commands.append(
                (
                    _("coach: rewrite this key result"),
                    _("Sharpen the selected key result into a SMART sentence"),
                    self._from_palette(self.rewrite_selected),
                )
            )
        commands.append(
            (
                _("coach: SMART report"),
                _("Every SMART finding in the workspace; enter jumps to it"),
                self._from_palette(self.open_report),
            )
        )
        return commands

    def _from_palette(self, action: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            if self.may_open():
                action()

        return run


class CoachActions:
    """The mixin: bindings and palette commands, passed on to a `SmartCoach`."""

    @property
    def smart_coach(self) -> SmartCoach:
        return SmartCoach(cast("OkrApp", self))

    def action_write_key_result(self) -> None:
        """`w`: the guided writer; on a key result it first offers to rewrite it."""
        coach = self.smart_coach
        if coach.may_open():
            coach.write()

    def action_rewrite_key_result(self) -> None:
        """The guided writer on the selected key result."""
        coach = self.smart_coach
        if coach.may_open():
            coach.rewrite_selected()

    def action_coach_report(self) -> None:
        """`S`: every finding of the workspace check; enter jumps to its key result."""
        coach = self.smart_coach
        if coach.may_open():
            coach.open_report()

    def coach_commands(self) -> list[Command]:
        """Palette commands of this area that apply now."""
        return self.smart_coach.commands()
