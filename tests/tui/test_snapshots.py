"""Snapshots of the main screen and the help screen over the sample workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from tests.tui.conftest import TODAY, disk_watched


def app_for(root: Path) -> OkrApp:
    return OkrApp(WorkspaceStore.open(root), today=TODAY)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_main_screen_on_a_key_result(snap_compare, sample_workspace: Path, size) -> None:  # type: ignore[no-untyped-def]
    # cycle 2026-Q4 is open; go to the first objective, open it, and select its first KR
    assert snap_compare(app_for(sample_workspace), terminal_size=size, press=["down", "l", "down"])


def test_main_screen_on_an_objective(snap_compare, sample_workspace: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(sample_workspace), terminal_size=(80, 24), press=["down"])


def test_help_screen(snap_compare, sample_workspace: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(
        app_for(sample_workspace),
        terminal_size=(80, 24),
        run_before=disk_watched,  # the help screen names how the disk is watched
        press=["question_mark"],
    )


def test_broken_file_is_listed(snap_compare, sample_workspace: Path) -> None:  # type: ignore[no-untyped-def]
    (sample_workspace / "objectives/2026-Q4/email-ctr.toml").write_text(
        'id = "email-ctr"\ntitle = \n'
    )
    assert snap_compare(app_for(sample_workspace), terminal_size=(80, 24), press=["up", "up"])
