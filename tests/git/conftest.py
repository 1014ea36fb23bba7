"""Real git repositories in tmp_path, and a small workspace to put in them."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from okrtui.model import CheckIn, KeyResult, Metric, MetricType, Objective
from okrtui.store import init_workspace, objective_from_text, render_objective
from okrtui.store.toml_io import atomic_write

TODAY = dt.date(2026, 11, 27)
OBJECTIVE_ID = "education-leader"
CYCLE = "2026-Q4"
DRIVER = f"{shlex.quote(sys.executable)} -m okrtui merge-file %O %A %B %P"


@pytest.fixture(autouse=True)
def isolated_git_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the machine's own git config (aliases, hooks, default branch) out of the tests."""
    config = tmp_path / "gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def git(cwd: Path, *args: str, check: bool = True, date: str | None = None) -> str:
    env = dict(os.environ)
    if date is not None:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env)
    if check:
        assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def okrtui(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "okrtui", *args], cwd=cwd, capture_output=True, text=True
    )


def configure_user(repo: Path, name: str) -> None:
    git(repo, "config", "user.name", name)
    git(repo, "config", "user.email", f"{name.lower()}@example.com")


def make_objective() -> Objective:
    return Objective(
        id=OBJECTIVE_ID,
        title="Become the leading source of marketing education",
        cycle=CYCLE,
        owner="Sara",
        tags=["marketing", "brand"],
        updated=dt.date(2026, 11, 23),
        key_results=[
            KeyResult(
                id="organic-traffic",
                title="Organic traffic from 40,000 to 54,000 visits a month",
                owner="Reza",
                metric=Metric(type=MetricType.COUNT, start=40000, target=54000),
                checkins=[
                    CheckIn(date=dt.date(2026, 11, 16), value=47800, author="Reza"),
                    CheckIn(date=dt.date(2026, 11, 23), value=48500, author="Reza"),
                ],
            ),
            KeyResult(
                id="ebook-downloads",
                title="1,500 e-book downloads within 60 days of launch",
                owner="Mina",
                metric=Metric(type=MetricType.COUNT, start=0, target=1500),
                checkins=[CheckIn(date=dt.date(2026, 11, 23), value=560, author="Mina")],
            ),
        ],
    )


def objective_path(workspace: Path, objective_id: str = OBJECTIVE_ID) -> Path:
    return workspace / "objectives" / CYCLE / f"{objective_id}.toml"


def write_objective(workspace: Path, objective: Objective) -> Path:
    path = objective_path(workspace, objective.id)
    atomic_write(path, render_objective(objective))
    return path


def load_objective(path: Path) -> Objective:
    result = objective_from_text(path, path.read_text("utf-8"))
    assert result.objective is not None, result.errors
    return result.objective


def edit_objective(path: Path, change: Callable[[Objective], None]) -> Objective:
    objective = load_objective(path)
    change(objective)
    atomic_write(path, render_objective(objective))
    return objective


def new_workspace(folder: Path) -> Path:
    init_workspace(folder, name="Marketing", today=TODAY)
    write_objective(folder, make_objective())
    return folder


@pytest.fixture
def repo_workspace(tmp_path: Path) -> Path:
    """A workspace at the top of a repository with one commit."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    configure_user(root, "Sara")
    new_workspace(root)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start", date="2026-11-01T10:00:00+00:00")
    return root


@dataclass
class Team:
    remote: Path
    alice: Path  # each is a clone; the workspace is in its `okr/` folder
    bob: Path

    def workspace(self, clone: Path) -> Path:
        return clone / "okr"


def clone(remote: Path, target: Path, name: str) -> Path:
    git(remote.parent, "clone", "-q", str(remote), str(target))
    configure_user(target, name)
    return target


@pytest.fixture
def team(tmp_path: Path) -> Team:
    """A bare remote and two clones with a workspace in `okr/`; the driver is set up in both."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    alice = clone(remote, tmp_path / "alice", "Alice")
    new_workspace(alice / "okr")
    setup = okrtui("git-setup", str(alice / "okr"), "--command", DRIVER)
    assert setup.returncode == 0, setup.stderr
    git(alice, "add", "-A")
    git(alice, "commit", "-q", "-m", "start")
    git(alice, "push", "-q", "-u", "origin", "main")
    bob = clone(remote, tmp_path / "bob", "Bob")
    setup = okrtui("git-setup", str(bob / "okr"), "--command", DRIVER)
    assert setup.returncode == 0, setup.stderr
    return Team(remote, alice, bob)
