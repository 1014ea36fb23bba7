"""What the guided writer's answers become in the workspace.

The wizard starts from a `WizardSetup` and returns a `WizardResult`.
`GoalAssembly.build` turns the result into a new key result, a standalone
SMART goal, or a rewrite of an existing key result (`rewrite_key_result`),
without changing the store. A rewrite replaces only what the user changed,
and never silently replaces SMART answers in the user's own words
(`answer_conflicts`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from okrtui.i18n import _
from okrtui.model import KeyResult, Objective, ObjectiveKind, SmartCriterion
from okrtui.services.goal_writer import (
    GoalDraft,
    draft_answers,
    draft_sentence,
    draft_to_key_result,
    draft_to_smart_goal,
)
from okrtui.store import WorkspaceStore


class PlacementError(ValueError):
    """The goal cannot go where the Relevant step says (shown under "Serves")."""


@dataclass(frozen=True, slots=True)
class WizardSetup:
    """Where the wizard starts: the answers so far and where the goal may be saved."""

    draft: GoalDraft
    serves_options: list[tuple[str, str]]
    """(label, objective id) of every objective the goal may serve."""
    standalone: bool = False
    """Save as a standalone SMART goal rather than a key result of the objective it serves."""
    rewrite: KeyResult | None = None
    """The key result being rewritten; the goal's place is then fixed."""


@dataclass(frozen=True, slots=True)
class WizardResult:
    """The answers, and the user's choices about the title and their own SMART answers."""

    draft: GoalDraft
    standalone: bool
    retitle: bool = True
    replace_answers: bool = False


@dataclass(frozen=True, slots=True)
class AnswerConflict:
    """A SMART answer the user wrote that the wizard would replace."""

    criterion: SmartCriterion
    old: str
    new: str


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

    The title becomes the wizard's sentence when `result.retitle` and an answer
    changed (with no edits it stays exactly as typed); the old
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
    # nothing edited: the title stays exactly as the user typed it, whatever the
    # wizard's own sentence would say (its capitals, its wording)
    if result.retitle and changed and sentence != kr.title:
        if not new.description.strip():
            new.description = after.idea.strip() or kr.title
        new.title = sentence
    keep = (
        set()
        if result.replace_answers
        else {
            c.criterion
            for c in answer_conflicts(kr, before, after, language=language, calendar=calendar)
        }
    )
    proposed = draft_answers(after, language, calendar)
    for criterion, sources in ANSWER_SOURCES.items():
        if criterion in keep or not changed & set(sources):
            continue
        answer = new.smart.get(criterion)
        answer.answer = proposed.get(criterion).answer
        answer.done = bool(answer.answer)
    return new


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
            # The live key result, not the copy taken when the wizard opened: check-ins
            # and edits that arrived meanwhile (a pull, a reload) must survive the rewrite.
            current = self.store.objectives.get(objective.id)
            live = current.key_result(kr.id) if current is not None else None
            if current is None or live is None:
                raise PlacementError(_("The key result is gone; nothing was changed."))
            return current, rewrite_key_result(
                live, self.before, result, language=language, calendar=calendar
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
        new = draft_to_key_result(
            draft, taken, language=language, calendar=calendar, today=self.today
        )
        return served, new

    def conflicts(self, draft: GoalDraft) -> list[AnswerConflict]:
        """The SMART answers a rewrite to `draft` would replace; none for a new goal."""
        if self.rewriting is None:
            return []
        return answer_conflicts(
            self.rewriting[1], self.before, draft, language=self.language, calendar=self.calendar
        )
