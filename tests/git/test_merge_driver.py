"""The merge driver in real `git pull`s between two clones of one remote."""

from __future__ import annotations

import datetime as dt

import pytest

from okrtui.model import CheckIn, Objective
from okrtui.store import WorkspaceStore, objective_from_text, render_objective
from okrtui.store.git import GitError, GitRepo
from tests.git.conftest import (
    Team,
    edit_objective,
    git,
    load_objective,
    objective_path,
)


def _share(team: Team, change_alice: object, change_bob: object) -> None:
    """Alice commits and pushes her change; Bob commits his and pulls."""
    alice_file = objective_path(team.workspace(team.alice))
    bob_file = objective_path(team.workspace(team.bob))
    edit_objective(alice_file, change_alice)  # type: ignore[arg-type]
    GitRepo(team.alice).commit([alice_file], "alice")
    GitRepo(team.alice).push()
    edit_objective(bob_file, change_bob)  # type: ignore[arg-type]
    GitRepo(team.bob).commit([bob_file], "bob")


def _target(objective: Objective, kr_id: str, target: float) -> None:
    kr = objective.key_result(kr_id)
    assert kr is not None
    kr.metric.target = target


def _check_in(objective: Objective, kr_id: str, checkin: CheckIn) -> None:
    kr = objective.key_result(kr_id)
    assert kr is not None
    kr.checkins = [*kr.checkins, checkin]


def _keep_theirs(text: str) -> str:
    out, state = [], "both"
    for line in text.splitlines(keepends=True):
        if line.startswith(("<<<<<<< ", "=======", ">>>>>>> ")):
            state = {"<": "ours", "=": "theirs", ">": "both"}[line[0]]
        elif state != "ours":
            out.append(line)
    return "".join(out)


def test_different_key_results_merge_cleanly(team: Team) -> None:
    def alice(o: Objective) -> None:
        _target(o, "organic-traffic", 56000)
        o.updated = dt.date(2026, 11, 25)

    def bob(o: Objective) -> None:
        _target(o, "ebook-downloads", 1800)
        o.tags = [*o.tags, "q4"]
        o.updated = dt.date(2026, 11, 26)

    _share(team, alice, bob)
    GitRepo(team.bob).pull()

    path = objective_path(team.workspace(team.bob))
    merged = load_objective(path)
    assert merged.key_result("organic-traffic").metric.target == 56000  # type: ignore[union-attr]
    assert merged.key_result("ebook-downloads").metric.target == 1800  # type: ignore[union-attr]
    assert merged.tags == ["marketing", "brand", "q4"]
    assert merged.updated == dt.date(2026, 11, 26)
    assert path.read_text("utf-8") == render_objective(merged)  # canonical
    assert git(team.bob, "status", "--porcelain") == ""
    assert "Merge" in git(team.bob, "log", "-1", "--format=%s")


def test_check_ins_on_one_key_result_are_united_by_date(team: Team) -> None:
    shared = CheckIn(date=dt.date(2026, 11, 26), value=48900, author="Reza")

    def alice(o: Objective) -> None:
        _check_in(o, "organic-traffic", shared)
        _check_in(o, "organic-traffic", CheckIn(date=dt.date(2026, 11, 30), value=50000))

    def bob(o: Objective) -> None:
        _check_in(o, "organic-traffic", shared)
        _check_in(o, "organic-traffic", CheckIn(date=dt.date(2026, 11, 27), value=49200))

    _share(team, alice, bob)
    GitRepo(team.bob).pull()

    kr = load_objective(objective_path(team.workspace(team.bob))).key_result("organic-traffic")
    assert kr is not None
    assert [(c.date.day, c.value) for c in kr.checkins] == [
        (16, 47800),
        (23, 48500),
        (26, 48900),
        (27, 49200),
        (30, 50000),
    ]


def test_same_target_changed_on_both_sides_is_a_conflict_that_keeps_both(team: Team) -> None:
    _share(
        team,
        lambda o: _target(o, "organic-traffic", 60000),
        lambda o: _target(o, "organic-traffic", 58000),
    )
    with pytest.raises(GitError, match=r"^pull needs a merge: resolve conflicts in okr/objectives"):
        GitRepo(team.bob).pull()

    path = objective_path(team.workspace(team.bob))
    text = path.read_text("utf-8")
    assert "<<<<<<< ours\ntarget = 58000\n=======\ntarget = 60000\n>>>>>>> theirs\n" in text
    assert objective_from_text(path, text).objective is None  # it does not parse...
    store = WorkspaceStore.open(team.workspace(team.bob))
    assert path in store.broken  # ...so the app lists it and never overwrites it
    conflicted = [c for c in GitRepo(team.bob).changed_files() if c.conflicted]
    assert [c.path for c in conflicted] == [path]

    # Resolving: keep one side's line, then commit from the app to conclude the merge.
    path.write_text(_keep_theirs(text))
    resolved = load_objective(path).key_result("organic-traffic")
    assert resolved is not None and resolved.metric.target == 60000
    GitRepo(team.bob).commit([path], "okr: resolve organic traffic target")
    assert git(team.bob, "status", "--porcelain") == ""
    assert len(git(team.bob, "log", "-1", "--format=%P").split()) == 2  # a merge commit


def test_without_the_driver_the_same_check_ins_conflict(team: Team) -> None:
    """Control: plain git cannot merge case (b), so the test above proves the driver ran."""
    git(team.bob, "config", "--remove-section", "merge.okrtui")

    def alice(o: Objective) -> None:
        _check_in(o, "organic-traffic", CheckIn(date=dt.date(2026, 11, 30), value=50000))

    def bob(o: Objective) -> None:
        _check_in(o, "organic-traffic", CheckIn(date=dt.date(2026, 11, 27), value=49200))

    _share(team, alice, bob)
    with pytest.raises(GitError, match="pull needs a merge"):
        GitRepo(team.bob).pull()
