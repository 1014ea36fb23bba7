"""The key result history's "since" field previews Persian as it is typed (`--bidi app`)."""

from __future__ import annotations

from pathlib import Path

from okrtui.i18n.bidi_mode import request_bidi
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.screens.kr_history import KeyResultHistoryScreen
from tests.tui.conftest import TODAY
from tests.tui.test_dialog_typing_preview import type_and_see
from tests.tui.test_git_panel import TRAFFIC
from tests.tui.test_git_sync import started, wait_for


async def test_the_since_field_previews_what_is_typed(repo_ws: Path) -> None:
    request_bidi("app")
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await wait_for(pilot, lambda: app._git_repo is not None)
        app.objective_tree.select_ref(TRAFFIC)
        await pilot.pause()
        await pilot.press("H")
        await wait_for(pilot, lambda: isinstance(app.screen, KeyResultHistoryScreen))
        await pilot.press("s")
        await pilot.pause()
        await type_and_see(pilot, "since-input")
