"""What the guided writer's answers become: typed answers, rewrites, conflicts and placement."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from okrtui.model import Direction, KeyResult, MetricType, Objective, ObjectiveKind, SmartCriterion
from okrtui.services.goal_rewrite import (
    AnswerConflict,
    GoalAssembly,
    PlacementError,
    WizardResult,
    answer_conflicts,
    changed_fields,
    rewrite_key_result,
)
from okrtui.services.goal_writer import (
    GoalDraft,
    apply_answer,
    draft_from_key_result,
    draft_sentence,
    draft_to_key_result,
)
from okrtui.store import WorkspaceStore

TODAY = dt.date(2026, 11, 27)
ENGLISH = {"language": "en", "calendar": "gregorian"}
LEADER = "marketing-education-leader"


def organic(store: WorkspaceStore) -> tuple[Objective, KeyResult]:
    """The sample's key result whose SMART answers are all in the user's own words."""
    objective = store.objectives[LEADER]
    kr = objective.key_result("organic-traffic")
    assert kr is not None
    return objective, kr


# ------------------------------------------------------------------ typed answers
def test_typed_answers_go_into_the_draft() -> None:
    draft = GoalDraft()
    apply_answer(draft, "what", "organic traffic")
    apply_answer(draft, "target", "۱۶٬۲۰۰")
    apply_answer(draft, "start", "12,000")
    apply_answer(draft, "confidence", "70%")
    apply_answer(draft, "due", "2026-12-31")
    apply_answer(draft, "metric_type", "percent")
    apply_answer(draft, "direction", "decrease")
    apply_answer(draft, "parent", LEADER)
    assert draft.what == "organic traffic"
    assert (draft.start, draft.target, draft.confidence) == (12000, 16200, 0.7)
    assert draft.due == dt.date(2026, 12, 31)
    assert (draft.metric_type, draft.direction) == (MetricType.PERCENT, Direction.DECREASE)
    assert draft.parent == LEADER
    apply_answer(draft, "parent", "")
    apply_answer(draft, "target", "  ")
    assert draft.parent is None
    assert draft.target is None


def test_an_answer_that_cannot_be_read_leaves_its_field_unanswered() -> None:
    draft = GoalDraft(target=10, confidence=0.5, due=dt.date(2026, 12, 1))
    for name, text, message in (
        ("target", "lots", "Type a number"),
        ("confidence", "170%", "Type a confidence"),
        ("due", "next month", "Type a date as YYYY-MM-DD"),
    ):
        with pytest.raises(ValueError, match=message):
            apply_answer(draft, name, text)
    assert (draft.target, draft.confidence, draft.due) == (None, None, None)


def test_a_due_date_is_read_in_the_workspace_calendar() -> None:
    draft = GoalDraft()
    apply_answer(draft, "due", "1405-10-10", "jalali")
    assert draft.due == dt.date(2026, 12, 31)
    with pytest.raises(ValueError, match="Jalali date"):
        apply_answer(draft, "due", "1405-13-01", "jalali")
    assert draft.due is None


# ------------------------------------------------------------------ rewriting
def test_changed_fields_names_only_what_differs() -> None:
    before = GoalDraft(what="organic traffic", target=10)
    assert changed_fields(before, dataclasses.replace(before)) == set()
    after = dataclasses.replace(before, target=12, owner="Reza")
    assert changed_fields(before, after) == {"target", "owner"}


def test_a_new_target_conflicts_with_a_measurable_answer_in_the_users_words(
    sample_workspace: Path,
) -> None:
    _objective, kr = organic(WorkspaceStore.open(sample_workspace))
    before = draft_from_key_result(kr)
    after = dataclasses.replace(before, target=60000)
    assert answer_conflicts(kr, before, after, **ENGLISH) == [
        AnswerConflict(
            SmartCriterion.MEASURABLE,
            "Monthly organic sessions in analytics",
            "from 40,000 to 60,000 visits/month",
        )
    ]
    assert answer_conflicts(kr, before, dataclasses.replace(before), **ENGLISH) == []


def test_an_answer_the_wizard_wrote_itself_is_replaced_without_asking() -> None:
    written = GoalDraft(what="organic traffic", unit="visits", start=10, target=20)
    kr = draft_to_key_result(written, set())
    before = draft_from_key_result(kr)
    after = dataclasses.replace(before, target=30)
    assert answer_conflicts(kr, before, after, **ENGLISH) == []
    new = rewrite_key_result(kr, before, WizardResult(after, False), **ENGLISH)
    assert new.smart.measurable.answer == "from 10 to 30 visits"
    assert new.metric.target == 30


def test_rewrite_replaces_only_what_the_user_changed(sample_workspace: Path) -> None:
    _objective, kr = organic(WorkspaceStore.open(sample_workspace))
    before = draft_from_key_result(kr)
    after = dataclasses.replace(before, owner=" Mina ", confidence=0.9)
    new = rewrite_key_result(kr, before, WizardResult(after, False, retitle=False), **ENGLISH)
    assert (new.owner, new.confidence) == ("Mina", 0.9)
    assert (new.title, new.due, new.metric, new.smart) == (kr.title, kr.due, kr.metric, kr.smart)
    assert new.checkins == kr.checkins
    assert (kr.owner, kr.confidence) == ("Reza", 0.7)  # the key result itself is not touched


def test_retitle_keeps_the_old_wording_as_the_description(sample_workspace: Path) -> None:
    _objective, kr = organic(WorkspaceStore.open(sample_workspace))
    before = draft_from_key_result(kr)
    after = dataclasses.replace(before, target=60000)
    new = rewrite_key_result(kr, before, WizardResult(after, False), **ENGLISH)
    assert new.title == draft_sentence(after, "en", "gregorian")
    assert new.description == kr.title
    described = kr.model_copy(update={"description": "Our own notes"})
    kept = rewrite_key_result(described, before, WizardResult(after, False), **ENGLISH)
    assert kept.description == "Our own notes"


# ------------------------------------------------------------------ placement
def test_assembly_adds_a_key_result_to_the_objective_it_serves(sample_workspace: Path) -> None:
    store = WorkspaceStore.open(sample_workspace)
    objective = store.objectives[LEADER]
    ids = [k.id for k in objective.key_results]
    draft = GoalDraft(what="organic traffic", unit="visits", start=1, target=2, parent=LEADER)
    assembly = GoalAssembly(store, TODAY, "2026-Q4", GoalDraft(parent=LEADER))
    served, kr = assembly.build(WizardResult(draft, standalone=False))
    assert served is objective
    assert kr.id.startswith("organic-traffic") and kr.id not in ids
    assert [k.id for k in objective.key_results] == ids  # building does not change the store
    assert assembly.conflicts(draft) == []


def test_assembly_builds_a_standalone_goal_without_adding_it(sample_workspace: Path) -> None:
    store = WorkspaceStore.open(sample_workspace)
    count = len(store.objectives)
    draft = GoalDraft(what="organic traffic", unit="visits", start=1, target=2, parent=LEADER)
    assembly = GoalAssembly(store, TODAY, "2026-Q4", GoalDraft())
    goal, kr = assembly.build(WizardResult(draft, standalone=True))
    assert (goal.kind, goal.cycle, goal.parent, goal.created) == (
        ObjectiveKind.SMART,
        "2026-Q4",
        LEADER,
        TODAY,
    )
    assert goal.key_results == [kr]
    assert goal.id not in store.objectives and len(store.objectives) == count


def test_assembly_says_where_a_goal_cannot_go(sample_workspace: Path) -> None:
    store = WorkspaceStore.open(sample_workspace)
    draft = GoalDraft(what="organic traffic", target=2)
    cases = (
        (GoalAssembly(store, TODAY, None, draft), True, None, "Add a cycle"),
        (GoalAssembly(store, TODAY, "2026-Q4", draft), False, None, "Choose the objective"),
        (GoalAssembly(store, TODAY, "2026-Q4", draft), False, "email-ctr", "one metric"),
    )
    for assembly, standalone, parent, message in cases:
        placed = dataclasses.replace(draft, parent=parent)
        with pytest.raises(PlacementError, match=message):
            assembly.build(WizardResult(placed, standalone=standalone))


def test_assembly_rewrites_a_key_result_and_keeps_the_users_answers(
    sample_workspace: Path,
) -> None:
    store = WorkspaceStore.open(sample_workspace)
    objective, kr = organic(store)
    before = dataclasses.replace(draft_from_key_result(kr), parent=objective.id)
    assembly = GoalAssembly(store, TODAY, objective.cycle, before, (objective, kr))
    after = dataclasses.replace(before, target=60000)
    assert [c.criterion for c in assembly.conflicts(after)] == [SmartCriterion.MEASURABLE]
    built, new = assembly.build(WizardResult(after, False, retitle=False))
    assert built is objective
    assert (new.id, new.metric.target) == (kr.id, 60000)
    assert new.smart.measurable.answer == "Monthly organic sessions in analytics"
    replaced = assembly.build(WizardResult(after, False, replace_answers=True))[1]
    assert replaced.smart.measurable.answer == "from 40,000 to 60,000 visits/month"
    assert organic(store)[1].metric.target == 54000


def test_a_rewrite_keeps_check_ins_that_arrived_while_the_wizard_was_open(
    sample_workspace: Path,
) -> None:
    from okrtui.model import CheckIn
    from okrtui.services.goal_writer import draft_from_key_result

    store = WorkspaceStore.open(sample_workspace)
    objective = store.objectives["email-ctr"]
    opened_with = objective.key_results[0].model_copy(deep=True)
    before = draft_from_key_result(opened_with)
    assembly = GoalAssembly(store, TODAY, "2026-Q4", before, (objective, opened_with))
    # a pull brings a check-in in while the wizard is open
    reloaded = store.reload_file(store.files["email-ctr"].path)
    assert reloaded is not None
    reloaded.key_results[0].checkins.append(CheckIn(date=TODAY, value=4.4, author="Mina"))
    after = dataclasses.replace(before, unit="percent")
    served, kr = assembly.build(WizardResult(after, standalone=False))
    assert served is reloaded
    assert [c.value for c in kr.checkins][-1] == 4.4
    assert kr.metric.unit == "percent"
