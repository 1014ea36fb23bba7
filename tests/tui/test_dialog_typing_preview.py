"""Dialogs show the reading-order preview under a field while Persian is typed (`--bidi app`)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from okrtui.cli.open_command import sample_workspace_path
from okrtui.i18n.bidi_mode import request_bidi
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.rtl_text import visual
from okrtui.tui.screens.git_panel import GitPanelScreen
from okrtui.tui.screens.picker import PickerScreen
from okrtui.tui.screens.review import ReviewScreen
from okrtui.tui.screens.search import SearchScreen
from okrtui.tui.widgets.typing_preview import TypingPreview
from tests.tui.conftest import editor_ready

TODAY = dt.date(2026, 11, 25)
TYPED = "رشد ۳۵"


@pytest.fixture
def persian_root(tmp_path: Path) -> Path:
    return Path(shutil.copytree(sample_workspace_path("fa"), tmp_path / "workspace"))


def preview_of(app: OkrApp, field_id: str) -> TypingPreview:
    return next(p for p in app.screen.query(TypingPreview) if p.field_id == field_id)


def drawn(preview: TypingPreview) -> str:
    return "".join(s.text for s in preview.render_lines(preview.region.reset_offset))


async def type_and_see(pilot, field_id: str) -> None:  # type: ignore[no-untyped-def]
    """Type Persian into `field_id`: the preview shows it in reading order; leaving hides it."""
    app: OkrApp = pilot.app
    field = app.screen.query_one(f"#{field_id}")
    field.focus()
    await pilot.pause()
    preview = preview_of(app, field_id)
    assert not preview.has_class("-shown")
    await pilot.press(*TYPED)
    await pilot.pause()
    value = field.value if isinstance(field, Input) else field.text  # type: ignore[attr-defined]
    assert value.endswith(TYPED)  # typed in stored order
    assert preview.has_class("-shown") and preview.region.height
    assert visual(TYPED) in drawn(preview)
    app.screen.set_focus(None)
    await pilot.pause()
    assert not preview.has_class("-shown")


async def test_search_and_picker_preview_what_is_typed(persian_root: Path) -> None:
    request_bidi("app")
    app = OkrApp(WorkspaceStore.open(persian_root), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await type_and_see(pilot, "search-query")
        await pilot.press("escape")
        await pilot.pause()
        app.objective_tree.focus()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await type_and_see(pilot, "picker-filter")


async def test_review_notes_preview_what_is_typed(persian_root: Path) -> None:
    request_bidi("app")
    app = OkrApp(WorkspaceStore.open(persian_root), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await type_and_see(pilot, "review-summary")
        await type_and_see(pilot, "note-0")


async def test_no_preview_when_the_terminal_orders_text(persian_root: Path) -> None:
    request_bidi("terminal")
    app = OkrApp(WorkspaceStore.open(persian_root), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        await pilot.press("slash", *TYPED)
        await pilot.pause()
        assert not preview_of(app, "search-query").has_class("-shown")


async def test_the_commit_message_previews_what_is_typed(
    persian_root: Path, isolated_git_config: None
) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main", str(persian_root)], check=True)
    request_bidi("app")
    app = OkrApp(WorkspaceStore.open(persian_root), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        for _attempt in range(100):
            if app._git_repo is not None:
                break
            await pilot.pause(0.05)
        await pilot.press("g")
        for _attempt in range(100):
            if isinstance(app.screen, GitPanelScreen):
                break
            await pilot.pause(0.05)
        app.screen.query_one("#git-message", TextArea).load_text("")
        await type_and_see(pilot, "git-message")
