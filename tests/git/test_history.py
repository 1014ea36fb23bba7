"""A key result's values over commits, and the "changed since" view."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from okrtui.model import CheckIn, KeyResult, Objective
from okrtui.services.history import (
    ChangeKind,
    changes_since,
    key_result_history,
)
from okrtui.store.git import GitError, GitRepo
from tests.git.conftest import edit_objective, git, make_objective, objective_path, write_objective


def _check_in(value: float, day: int) -> object:
    def change(o: Objective) -> None:
        kr = o.key_result("organic-traffic")
        assert kr is not None
        kr.checkins = [*kr.checkins, CheckIn(date=dt.date(2026, 11, day), value=value)]

    return change


def _commit(root: Path, message: str, date: str) -> None:
    git(root, "commit", "-q", "-a", "-m", message, date=date)


def test_values_over_three_commits(repo_workspace: Path) -> None:
    path = objective_path(repo_workspace)
    edit_objective(path, _check_in(49000, 25))  # type: ignore[arg-type]
    _commit(repo_workspace, "second", "2026-11-25T09:00:00+00:00")
    edit_objective(path, lambda o: setattr(o, "owner", "Mina"))  # value unchanged
    _commit(repo_workspace, "owner only", "2026-11-26T09:00:00+00:00")
    edit_objective(path, _check_in(50100, 27))  # type: ignore[arg-type]
    edit_objective(path, lambda o: setattr(o.key_results[0].metric, "target", 56000))
    git(repo_workspace, "config", "user.name", "Reza")
    _commit(repo_workspace, "third", "2026-11-27T09:00:00+00:00")

    points = key_result_history(GitRepo(repo_workspace), path, "organic-traffic")
    assert [(p.value, p.target, p.author, p.date.day) for p in points] == [
        (48500, 54000, "Sara", 1),
        (49000, 54000, "Sara", 25),
        (50100, 56000, "Reza", 27),
    ]
    every = key_result_history(GitRepo(repo_workspace), path, "organic-traffic", only_changes=False)
    assert len(every) == 4
    assert key_result_history(GitRepo(repo_workspace), path, "no-such-kr") == []


def test_changed_since_a_tag_and_a_date(repo_workspace: Path) -> None:
    repo = GitRepo(repo_workspace)
    git(repo_workspace, "tag", "review-nov")
    path = objective_path(repo_workspace)

    def edits(o: Objective) -> None:
        o.title = "Lead marketing education"
        o.key_results[0].checkins = [
            *o.key_results[0].checkins,
            CheckIn(date=dt.date(2026, 11, 27), value=50000),
        ]
        o.key_results[1].metric.target = 2000
        o.key_results = [*o.key_results, KeyResult(id="webinar-signups", title="Webinars")]

    edit_objective(path, edits)
    added = make_objective()
    added.id = "email-ctr"
    write_objective(repo_workspace, added)
    git(repo_workspace, "add", "-A")
    _commit(repo_workspace, "november", "2026-11-27T09:00:00+00:00")

    for since in ("review-nov", dt.date(2026, 11, 15)):
        changes = {c.objective_id: c for c in changes_since(repo, repo_workspace, since)}
        assert changes["email-ctr"].kind is ChangeKind.ADDED
        edited = changes["education-leader"]
        assert edited.kind is ChangeKind.CHANGED
        assert edited.fields == ("title",)
        krs = {k.kr_id: k for k in edited.key_results}
        assert (krs["organic-traffic"].old_value, krs["organic-traffic"].new_value) == (
            48500,
            50000,
        )
        assert [c.value for c in krs["organic-traffic"].new_checkins] == [50000]
        assert (krs["ebook-downloads"].old_target, krs["ebook-downloads"].new_target) == (
            1500,
            2000,
        )
        assert krs["webinar-signups"].kind is ChangeKind.ADDED

    before_everything = changes_since(repo, repo_workspace, dt.date(2026, 10, 1))
    assert {c.kind for c in before_everything} == {ChangeKind.ADDED}
    assert changes_since(repo, repo_workspace, "HEAD") == []
    with pytest.raises(GitError, match="unknown tag or commit: review-dec"):
        changes_since(repo, repo_workspace, "review-dec")
