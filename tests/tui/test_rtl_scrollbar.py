"""Right-aligned Persian stays clear of a list's scrollbar (`--bidi app`)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from textual.widgets import OptionList

from okrtui.cli.open_command import sample_workspace_path
from okrtui.i18n.bidi_mode import request_bidi
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.rtl_text import visual
from tests.tui.conftest import editor_ready


async def test_the_first_letter_of_a_filter_choice_is_not_under_the_scrollbar(
    tmp_path: Path,
) -> None:
    root = Path(shutil.copytree(sample_workspace_path("fa"), tmp_path / "workspace"))
    request_bidi("app")
    app = OkrApp(WorkspaceStore.open(root), today=dt.date(2026, 11, 25))
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        await pilot.press("f")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.show_vertical_scrollbar  # more choices than rows
        visible = options.scrollable_content_region.width
        lines = options.render_lines(options.region.reset_offset)
        first = str(options.get_option_at_index(0).prompt)  # "مسئول: رضا"
        assert visual(first) in lines[0].text[:visible]
        assert lines[0].text[:visible].rstrip().endswith(visual(first))
