"""`okrtui demo`'s copy becomes a repository whose commits follow the weeks of check-ins."""

from __future__ import annotations

import datetime as dt
import filecmp
import shutil
from pathlib import Path

import pytest

from okrtui.cli.demo_history import build_history
from okrtui.cli.open_command import copy_sample, sample_workspace_path
from okrtui.store.git import GitRepo
from tests.git.conftest import isolated_git_config  # noqa: F401 - the machine's config stays out

KR_FILE = Path("objectives/2026-Q4/marketing-education-leader.toml")


def _same_tree(a: Path, b: Path) -> bool:
    compare = filecmp.dircmp(a, b, ignore=[".git"])
    if compare.left_only or compare.right_only or compare.diff_files:
        return False
    return all(_same_tree(a / d, b / d) for d in compare.common_dirs)


@pytest.mark.usefixtures("isolated_git_config")
def test_demo_copy_has_dated_weekly_commits_and_ends_as_the_sample(tmp_path: Path) -> None:
    workspace = copy_sample(tmp_path / "demo")
    made = build_history(workspace)
    assert made >= 8
    repo = GitRepo(workspace)
    assert repo.is_repo() and repo.changed_files() == []  # nothing left uncommitted
    assert _same_tree(workspace, sample_workspace_path())
    commits = repo.log_file(KR_FILE)
    assert len(commits) >= 8  # a commit per week of check-ins touched this objective
    days = sorted({c.date.date() for c in commits if c.date is not None})
    assert days[0] <= dt.date(2026, 10, 5) and days[-1] >= dt.date(2026, 11, 23)
    # the history of a week ago holds fewer check-ins than today's file
    before = repo.commit_before(dt.datetime(2026, 11, 10, tzinfo=dt.UTC))
    assert before is not None
    then = repo.show(before, KR_FILE).decode()
    assert "2026-11-09" in then and "2026-11-16" not in then


def test_without_git_the_copy_stays_a_plain_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = copy_sample(tmp_path / "demo")
    empty = tmp_path / "no-tools"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("git") is None
    assert build_history(workspace) == 0
    assert not (workspace / ".git").exists() or not any((workspace / ".git").iterdir())
    assert _same_tree(workspace, sample_workspace_path())
