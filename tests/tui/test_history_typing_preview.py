"""The key result history's "since" field previews Persian as it is typed (`--bidi app`)."""

from __future__ import annotations

from pathlib import Path

from okrtui.i18n.bidi_mode import request_bidi
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from tests.tui.conftest import TODAY
from tests.tui.test_dialog_typing_preview import type_and_see
from tests.tui.test_git_panel import open_history


async def test_the_since_field_previews_what_is_typed(repo_ws: Path) -> None:
    request_bidi("app")
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot)
        await pilot.press("s")
        await pilot.pause()
        await type_and_see(pilot, "since-input")
