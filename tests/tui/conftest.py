"""Fixtures for driving the real app with Pilot."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def make_app(sample_workspace: Path):  # type: ignore[no-untyped-def]
    def make(root: Path | None = None) -> OkrApp:
        return OkrApp(WorkspaceStore.open(root or sample_workspace), today=TODAY)

    return make


async def editor_ready(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the editor's forms are mounted (they are built just after the first frame)."""
    for _attempt in range(100):
        if pilot.app.editor.forms_ready:
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("the editor forms were never mounted")


async def disk_watched(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the disk watcher has started: the help screen says how it watches."""
    for _attempt in range(400):
        if pilot.app.watch_choice is not None:
            await pilot.pause()
            return
        await pilot.pause(0.025)
    raise AssertionError("the disk watcher never started")


@pytest.fixture
def isolated_git_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the machine's git config (hooks, default branch, signing) out of the tests."""
    config = tmp_path / "gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.fixture
def repo_ws(sample_workspace: Path, isolated_git_config: None) -> Path:
    """The sample workspace as a repository with one commit (dated 2026-11-01)."""
    from tests.git.conftest import configure_user, git

    git(sample_workspace, "init", "-q", "-b", "main")
    configure_user(sample_workspace, "Sara")
    git(sample_workspace, "add", "-A")
    git(sample_workspace, "commit", "-q", "-m", "start", date="2026-11-01T10:00:00+00:00")
    return sample_workspace
