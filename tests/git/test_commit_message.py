"""The prefilled commit message, from HEAD against the working files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from okrtui.model import CheckIn, Objective
from okrtui.services.commit_message import format_number, prefill_commit_message
from okrtui.store import render_objective
from okrtui.store.git import GitRepo
from tests.git.conftest import edit_objective, make_objective, objective_path, write_objective


def _add_check_in(o: Objective) -> None:
    kr = o.key_result("organic-traffic")
    assert kr is not None
    kr.checkins = [*kr.checkins, CheckIn(date=dt.date(2026, 11, 27), value=18400)]


def test_one_new_check_in(repo_workspace: Path) -> None:
    edit_objective(objective_path(repo_workspace), _add_check_in)
    message = prefill_commit_message(GitRepo(repo_workspace), repo_workspace)
    assert message == "okr: check-in organic traffic 18,400"


def test_several_changes_get_a_body(repo_workspace: Path) -> None:
    def edits(o: Objective) -> None:
        _add_check_in(o)
        o.key_results[1].metric.target = 1800
        o.status = "done"  # type: ignore[assignment]

    edit_objective(objective_path(repo_workspace), edits)
    other = make_objective()
    other.id = "email-ctr"
    write_objective(repo_workspace, other)
    settings = repo_workspace / "okrtui.toml"
    settings.write_text(settings.read_text().replace("Marketing", "Growth"))
    broken = repo_workspace / "objectives" / "2026-Q4" / "half-written.toml"
    broken.write_text("id = ")

    message = prefill_commit_message(GitRepo(repo_workspace), repo_workspace)
    subject, blank, *body = message.splitlines()
    assert subject == "okr: update 2 objectives"
    assert blank == ""
    assert body == [
        "- edit objective education-leader: status",
        "- check-in organic traffic 18,400",
        "- ebook downloads target 1,500 → 1,800",
        "- add objective email-ctr",
        "- edit workspace settings",
        "- edit objectives/2026-Q4/half-written.toml",
    ]


def test_one_objective_with_several_changes(repo_workspace: Path) -> None:
    def edits(o: Objective) -> None:
        _add_check_in(o)
        o.key_results[0].owner = "Mina"

    edit_objective(objective_path(repo_workspace), edits)
    message = prefill_commit_message(GitRepo(repo_workspace), repo_workspace)
    assert message.splitlines()[0] == "okr: update education-leader"
    assert "- edit organic traffic: owner" in message


def test_moving_an_objective_to_another_cycle_is_one_edit(repo_workspace: Path) -> None:
    old = objective_path(repo_workspace)
    moved = make_objective()
    moved.cycle = "2027-Q1"
    new = repo_workspace / "objectives" / "2027-Q1" / old.name
    new.parent.mkdir()
    new.write_text(render_objective(moved))
    old.unlink()
    message = prefill_commit_message(GitRepo(repo_workspace), repo_workspace)
    assert message == "okr: edit objective education-leader: cycle"


def test_number_format() -> None:
    assert format_number(18400.0) == "18,400"
    assert format_number(4.1) == "4.1"
    assert format_number(1234.5) == "1,234.5"
    assert format_number(None) == "?"


def test_a_monthly_review_is_a_workspace_change_and_named_in_the_message(
    repo_workspace: Path,
) -> None:
    # The git panel commits what `changed_workspace_files` lists: a review saved with
    # `R` must be among them, or it stays untracked for ever.
    review = repo_workspace / "reviews" / "2026-11-27.toml"
    review.parent.mkdir()
    review.write_text('date = 2026-11-27\ncycle = "2026-Q4"\n', encoding="utf-8")
    repo = GitRepo(repo_workspace)
    assert review.resolve() in [c.path for c in repo.changed_workspace_files(repo_workspace)]
    assert prefill_commit_message(repo, repo_workspace) == "okr: monthly review 2026-11-27"
