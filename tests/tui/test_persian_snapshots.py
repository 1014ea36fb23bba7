"""Snapshots of the Persian interface over the Persian demo workspace.

With `--bidi app` okrtui draws Persian shaped and in reading order (for
xterm, kitty, tmux ...); with `--bidi terminal` it draws it in stored order
for terminals that reorder and join letters themselves (mlterm, Konsole,
VTE). Note that an SVG viewer applies bidi again to the `app` snapshots'
text, so judge them by their code points, or with `tests/tui/test_rtl_text.py`.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from okrtui.cli.open_command import sample_workspace_path
from okrtui.i18n import request_language
from okrtui.i18n.bidi_mode import request_bidi
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from tests.tui.conftest import disk_watched

TODAY = dt.date(2026, 11, 25)  # 4 Azar 1405, in autumn
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
MODES = pytest.mark.parametrize("bidi", ["app", "terminal"])


@pytest.fixture
def persian_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    def make(bidi: str) -> OkrApp:
        root = shutil.copytree(sample_workspace_path("fa"), tmp_path / "workspace")
        request_language("fa")
        request_bidi(bidi)
        return OkrApp(WorkspaceStore.open(root), today=TODAY)

    return make


@SIZES
@MODES
def test_main_screen_in_persian(snap_compare, persian_app, size, bidi) -> None:  # type: ignore[no-untyped-def]
    # the autumn season is open: open the first objective and select its first key result
    assert snap_compare(persian_app(bidi), terminal_size=size, press=["down", "l", "down"])


@SIZES
@MODES
def test_dashboard_in_persian(snap_compare, persian_app, size, bidi) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(persian_app(bidi), terminal_size=size, press=["D"])


@SIZES
@MODES
def test_help_screen_in_persian(snap_compare, persian_app, size, bidi) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(
        persian_app(bidi),
        terminal_size=size,
        run_before=disk_watched,  # the help screen names how the disk is watched
        press=["question_mark"],
    )
