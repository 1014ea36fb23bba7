"""Saving writes only what changed, and one changed value is one changed line in git."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from okrtui.model import CheckIn, KeyResult, Metric, MetricType, Milestone
from okrtui.store import WorkspaceStore
from tests.conftest import SAMPLE
from tests.store.conftest import git, numstat, snapshot


def test_resaving_the_sample_workspace_changes_no_byte(sample_workspace: Path) -> None:
    before = snapshot(sample_workspace)
    store = WorkspaceStore.open(sample_workspace)
    assert store.errors == []
    for objective in list(store.objectives.values()):
        store.save_objective(objective)
    store.save_settings(store.settings)
    after = snapshot(sample_workspace)
    assert sorted(after) == sorted(before)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == set()


def test_resaving_a_canonical_workspace_writes_nothing(canonical_workspace: Path) -> None:
    before = snapshot(canonical_workspace)
    inodes = {p: p.stat().st_ino for p in canonical_workspace.rglob("*.toml")}
    store = WorkspaceStore.open(canonical_workspace)
    assert store.save_all() == []
    assert store.save_settings(store.settings) is False
    assert snapshot(canonical_workspace) == before
    assert {p: p.stat().st_ino for p in canonical_workspace.rglob("*.toml")} == inodes


def test_only_the_changed_objective_is_written(canonical_workspace: Path) -> None:
    inodes = {p: p.stat().st_ino for p in canonical_workspace.rglob("*.toml")}
    store = WorkspaceStore.open(canonical_workspace)
    store.objectives["email-ctr"].owner = "Sara"
    assert store.save_all() == ["email-ctr"]
    rewritten = {p for p, ino in inodes.items() if p.stat().st_ino != ino}
    assert rewritten == {canonical_workspace / "objectives/2026-Q4/email-ctr.toml"}


def kr(store: WorkspaceStore, objective_id: str, index: int) -> KeyResult:
    return store.objectives[objective_id].key_results[index]


EDITS: dict[str, tuple[str, Callable[[WorkspaceStore], None]]] = {
    "key result target": (
        "marketing-education-leader",
        lambda s: setattr(kr(s, "marketing-education-leader", 1).metric, "target", 1600),
    ),
    "check-in value": (
        "blog-first-answer",
        lambda s: setattr(kr(s, "blog-first-answer", 0).checkins[2], "value", 16.5),
    ),
    "check-in note that makes a long line": (
        "marketing-education-leader",
        lambda s: setattr(
            kr(s, "marketing-education-leader", 2).checkins[1], "note", "a long note " * 12
        ),
    ),
    "check-in confidence removed": (
        "email-ctr",
        lambda s: setattr(kr(s, "email-ctr", 0).checkins[0], "confidence", None),
    ),
    "objective title in Persian": (
        "newsletter-fa",
        lambda s: setattr(s.objectives["newsletter-fa"], "title", "خبرنامه‌ای که منتظرش باشند"),
    ),
    "SMART answer": (
        "email-ctr",
        lambda s: setattr(kr(s, "email-ctr", 0).smart.measurable, "answer", "ESP report"),
    ),
    "SMART tick": (
        "email-ctr",
        lambda s: setattr(kr(s, "email-ctr", 0).smart.time_bound, "done", False),
    ),
    "status": (
        "blog-traffic-q3",
        lambda s: setattr(s.objectives["blog-traffic-q3"], "status", "active"),
    ),
    "one tag": (
        "blog-first-answer",
        lambda s: setattr(s.objectives["blog-first-answer"], "tags", ["seo", "blog"]),
    ),
    "key result due date": (
        "newsletter-fa",
        lambda s: setattr(kr(s, "newsletter-fa", 1), "due", dt.date(2027, 1, 15)),
    ),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_one_changed_value_is_one_changed_line(committed_workspace: Path, edit: str) -> None:
    objective_id, change = EDITS[edit]
    store = WorkspaceStore.open(committed_workspace)
    change(store)
    assert store.save_all() == [objective_id]
    path = store.files[objective_id].path.relative_to(committed_workspace).as_posix()
    assert numstat(committed_workspace) == [(1, 1, path)]


def test_adding_a_check_in_adds_one_line(committed_workspace: Path) -> None:
    store = WorkspaceStore.open(committed_workspace)
    checkins = kr(store, "blog-first-answer", 1).checkins
    checkins.append(CheckIn(date=dt.date(2026, 11, 30), value=49, note="after the redesign"))
    store.save_all()
    assert numstat(committed_workspace) == [(1, 0, "objectives/2026-Q4/blog-first-answer.toml")]


def test_a_new_key_result_is_a_section_and_its_edits_are_one_line(
    committed_workspace: Path,
) -> None:
    store = WorkspaceStore.open(committed_workspace)
    goal = store.objectives["newsletter-fa"]
    goal.key_results.append(
        KeyResult(
            id="launch",
            title="Launch",
            metric=Metric(
                type=MetricType.CHECKLIST,
                milestones=[Milestone(title="Pick a day"), Milestone(title="Tell people")],
            ),
        )
    )
    store.save_all()
    git(committed_workspace, "commit", "-qam", "new key result")
    text = store.files["newsletter-fa"].path.read_text()
    assert text.endswith(
        '\n[[key_results]]\nid = "launch"\ntitle = "Launch"\nweight = 1\n\n'
        '[key_results.metric]\ntype = "checklist"\ndirection = "increase"\nmilestones = [\n'
        '    { title = "Pick a day", done = false },\n'
        '    { title = "Tell people", done = false },\n]\n'
    )
    new_kr = goal.key_results[-1]
    new_kr.title = "Launch the Persian newsletter on every channel we have, before the holidays"
    store.save_all()
    assert numstat(committed_workspace) == [(1, 1, "objectives/2026-Q4/newsletter-fa.toml")]
    git(committed_workspace, "commit", "-qam", "long title")
    new_kr.metric.milestones[1].done = True
    store.save_all()
    assert numstat(committed_workspace) == [(1, 1, "objectives/2026-Q4/newsletter-fa.toml")]


def test_one_line_of_a_multi_line_description_is_one_changed_line(
    committed_workspace: Path,
) -> None:
    store = WorkspaceStore.open(committed_workspace)
    goal = store.objectives["email-ctr"]
    goal.description = "Why:\nclicks lead to sign-ups\nHow:\nweekly A/B tests"
    store.save_all()
    git(committed_workspace, "commit", "-qam", "description")
    goal.description = "Why:\nclicks lead to sign-ups\nHow:\ntwo A/B tests a week"
    store.save_all()
    assert numstat(committed_workspace) == [(1, 1, "objectives/2026-Q4/email-ctr.toml")]


def test_changing_a_cycle_end_changes_one_line_of_the_settings(committed_workspace: Path) -> None:
    store = WorkspaceStore.open(committed_workspace)
    settings = store.settings.model_copy(deep=True)
    settings.cycles[1].end = dt.date(2027, 1, 10)
    assert store.save_settings(settings) is True
    assert numstat(committed_workspace) == [(1, 1, "okrtui.toml")]


def test_the_sample_settings_file_is_canonical(sample_workspace: Path) -> None:
    store = WorkspaceStore.open(sample_workspace)
    assert store.save_settings(store.settings) is False
    assert (sample_workspace / "okrtui.toml").read_bytes() == (SAMPLE / "okrtui.toml").read_bytes()
