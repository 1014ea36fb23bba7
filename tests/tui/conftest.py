"""Fixtures for driving the real app with Pilot."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeRef
from okrtui.tui.widgets.objective_tree import ObjectiveTree

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def make_app(sample_workspace: Path):  # type: ignore[no-untyped-def]
    def make(root: Path | None = None) -> OkrApp:
        return OkrApp(WorkspaceStore.open(root or sample_workspace), today=TODAY)

    return make


PATIENCE = 30.0
"""Seconds a test waits for the app before failing: generous, for a loaded CI machine.

A wait ends as soon as its condition holds, so patience costs nothing when
the machine is quick; a count of short pauses would fail when it is slow.
"""


async def until(pilot, done: Callable[[], object], what: str, timeout: float = PATIENCE) -> None:  # type: ignore[no-untyped-def]
    """Pause until `done()` is true (then one more pause, for the frame); fail naming `what`."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
        await pilot.pause(0.02)
    await pilot.pause()


async def editor_ready(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the editor's forms are mounted (they are built just after the first frame)."""
    await until(pilot, lambda: pilot.app.editor.forms_ready, "the editor forms to be mounted")


async def editor_on(pilot, ref: NodeRef) -> ObjectiveTree:  # type: ignore[no-untyped-def]
    """The editor's forms mounted and `ref` selected in the tree; the tree."""
    await editor_ready(pilot)
    tree: ObjectiveTree = pilot.app.objective_tree
    assert tree.select_ref(ref)
    await pilot.pause()
    return tree


async def disk_watched(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the disk watcher has started: the help screen says how it watches."""
    await until(pilot, lambda: pilot.app.watch_choice is not None, "the disk watcher to start")


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


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text cursors do not blink in these tests: a screenshot taken half a second
    late (a loaded machine) would otherwise catch the cursor off and differ."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)
