"""Persian with `--bidi app` in and behind dialogs: what is drawn, read cell by cell."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from rich.style import Style
from textual._context import visible_screen_stack
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from okrtui.cli.open_command import sample_workspace_path
from okrtui.i18n import request_language
from okrtui.i18n.bidi_mode import request_bidi
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.rtl_text import visual
from tests.tui.conftest import editor_ready, until

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def persian_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> OkrApp:
    # 256 colours, as the reviewer's tmux: a dialog's translucent backdrop shows the
    # screen under it (the 16-colour theme hides it behind a solid one)
    monkeypatch.setenv("TERM", "xterm-256color")
    root = shutil.copytree(sample_workspace_path("fa"), tmp_path / "workspace")
    request_language("fa")
    request_bidi("app")
    return OkrApp(WorkspaceStore.open(root), today=TODAY)


def screen_lines(app: OkrApp) -> list[str]:
    """The whole terminal as drawn, the screens behind a dialog included."""
    visible_screen_stack.set(app._background_screens)
    return [strip.text for strip in app.screen._compositor.render_strips()]


def drawn(widget: Widget) -> list[tuple[str, Style | None]]:
    """The cells of `widget`'s first line, as the pass hands them to the terminal."""
    strip = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))[0]
    return [(char, seg.style) for seg in strip for char in seg.text]


def drawn_text(widget: Widget) -> list[str]:
    size = widget.size
    return [strip.text for strip in widget.render_lines(Region(0, 0, size.width, size.height))]


async def open_checkin(pilot) -> None:  # type: ignore[no-untyped-def]
    await editor_ready(pilot)
    await pilot.press("down", "l", "down")
    await pilot.pause()
    await pilot.press("c")
    await until(pilot, lambda: pilot.app.screen.query("#checkin-value"), "the check-in dialog")


@pytest.mark.parametrize("key", ["question_mark", "ctrl+p"])
async def test_the_screen_behind_a_dialog_keeps_its_reading_order(
    persian_app: OkrApp, key: str
) -> None:
    async with persian_app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        await pilot.pause()
        before = screen_lines(persian_app)
        assert visual("OKRهای تیم بازاریابی") in before[0]
        await pilot.press(key)
        await pilot.pause(0.2)
        assert persian_app.screen is not persian_app.screen_stack[0]
        behind = screen_lines(persian_app)
        # the header is not covered by the dialog: it reads as it did, reordered once
        assert behind[0] == before[0]
        if key == "question_mark":  # the tree's right edge shows beside the help
            assert [line[-3:] for line in behind[2:6]] == [line[-3:] for line in before[2:6]]


async def test_checkin_summary_reads_now_then_target_on_each_line(persian_app: OkrApp) -> None:
    async with persian_app.run_test(size=(80, 24)) as pilot:
        await open_checkin(pilot)
        summary = pilot.app.screen.query_one(".checkin-summary", Static)
        first, second = (line.rstrip() for line in drawn_text(summary)[:2])
        # read from the right: "now 49,100 visits a month · target 54,000 visits in"
        assert first.index(visual("اکنون")) > first.index(visual("مقدار هدف"))
        # "a month" ends the first line's sentence, so it starts the second, on the right
        assert second.index(visual("ماه")) > second.index(visual("آخرین ثبت پیشرفت"))
        assert second.endswith(visual("ماه"))


async def test_checkin_hint_keeps_the_key_in_order(persian_app: OkrApp) -> None:
    async with persian_app.run_test(size=(80, 24)) as pilot:
        await open_checkin(pilot)
        hint = pilot.app.screen.query_one(".hint", Static)
        line = drawn_text(hint)[0]
        assert "^s" in line and "s^" not in line
        # the first part of the hint ("enter or ^s: save") is read first, on the right
        assert line.index("enter") > line.index("escape")


async def test_the_focused_empty_value_shows_its_placeholder_in_reading_order(
    persian_app: OkrApp,
) -> None:
    async with persian_app.run_test(size=(80, 24)) as pilot:
        await open_checkin(pilot)
        value = pilot.app.screen.query_one("#checkin-value", Input)
        value.cursor_blink = False
        await pilot.pause()
        assert value.has_focus and not value.value
        cells = drawn(value)
        text = "".join(char for char, _style in cells)
        assert text.strip() == visual(value.placeholder)
        # the cursor stays in the first column, where typing starts
        placeholder = next(style for char, style in cells if char.strip())
        assert cells[0][1] != placeholder and cells[1][1] != cells[0][1]


async def test_checkin_labels_line_up_on_the_right(persian_app: OkrApp) -> None:
    async with persian_app.run_test(size=(80, 24)) as pilot:
        await open_checkin(pilot)
        await pilot.press("tab")
        await pilot.press(*"0.7")
        await pilot.pause()
        screen = pilot.app.screen
        rights = {
            name: screen.query_one(f"#row-{name} .form-label", Label).region.right
            for name in ("value", "confidence", "note", "date", "author")
        }
        assert len(set(rights.values())) == 1, rights
        level = screen.query_one("#confidence-level", Static)
        field = screen.query_one("#checkin-confidence", Input)
        assert level.region.right <= field.region.x  # read after the field: on its left
        assert str(level.render()).strip()
