"""The Persian interface chosen after start-up: footer, help, panes, labels, the typing preview."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, Static
from textual.widgets._footer import FooterKey

from okrtui.cli.main import main
from okrtui.cli.open_command import sample_workspace_path
from okrtui.i18n import request_language
from okrtui.i18n.bidi_mode import request_bidi
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.rtl_text import visual
from okrtui.tui.widgets.form_row import FormRow
from tests.tui.conftest import editor_ready, until

TODAY = dt.date(2026, 11, 25)


def shown_row(app: OkrApp, name: str) -> FormRow:
    """The row `name` of the form on screen (both forms have a title row)."""
    return next(r for r in app.query(FormRow) if r.id == f"row-{name}" and r.region.width)


@pytest.fixture
def persian_root(tmp_path: Path) -> Path:
    return Path(shutil.copytree(sample_workspace_path("fa"), tmp_path / "workspace"))


async def test_footer_and_help_are_translated_when_shown(persian_root: Path) -> None:
    # the bindings were made (in English) when their modules were imported, before this
    request_bidi("terminal")
    app = OkrApp(WorkspaceStore.open(persian_root), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        # the footer composes its keys once bindings are known
        await until(pilot, lambda: app.query(FooterKey), "the footer's keys")
        descriptions = {key.description for key in app.query(FooterKey)}
        assert {"ذخیره", "خروج", "راهنما"} <= descriptions
        assert "Save" not in descriptions
        await pilot.press("question_mark")
        await pilot.pause()
        shown = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "ثبت پیشرفت" in shown and "Check-in" not in shown
        assert "--bidi" in shown  # the help screen says who reorders right-to-left text


async def test_textuals_own_palette_commands_are_translated(persian_root: Path) -> None:
    request_bidi("terminal")
    app = OkrApp(WorkspaceStore.open(persian_root), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"پوسته", "خروج", "کلیدها", "تصویر صفحه"} <= titles
        assert not titles & {"Theme", "Quit", "Keys", "Screenshot"}


async def test_english_workspace_opened_with_lang_fa(sample_workspace: Path) -> None:
    request_language("fa")
    request_bidi("terminal")
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        assert app.objective_tree.border_title == "هدف‌ها"


async def test_panes_swap_and_labels_sit_right_of_their_fields(persian_root: Path) -> None:
    request_bidi("terminal")
    app = OkrApp(WorkspaceStore.open(persian_root), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        assert app.editor.region.x < app.objective_tree.region.x  # editor left, tree right
        await editor_ready(pilot)
        await pilot.press("down", "l", "down")
        await pilot.pause(0.3)
        row = shown_row(app, "title")
        label = row.query_one(".form-label")
        assert label.region.x > row.field.region.x


async def test_layout_setting_keeps_the_panes(
    persian_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OKRTUI_LAYOUT", "ltr")
    request_bidi("terminal")
    app = OkrApp(WorkspaceStore.open(persian_root), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        assert app.objective_tree.region.x < app.editor.region.x


async def test_typing_persian_shows_a_reordered_preview_under_the_field(
    persian_root: Path,
) -> None:
    request_bidi("app")
    app = OkrApp(WorkspaceStore.open(persian_root), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        await pilot.press("down", "l", "down")
        await pilot.pause(0.3)
        row = shown_row(app, "title")
        field = row.field
        assert isinstance(field, Input)
        field.focus()
        field.value = ""
        await pilot.press(*"رشد ۳۵")
        await pilot.pause()
        assert field.value == "رشد ۳۵"  # typed in stored order, the cursor at its end
        assert field.cursor_position == len("رشد ۳۵")
        assert row.has_class("-previewing")
        preview = row.query_one(".form-preview", Static)
        drawn = "".join(s.text for s in preview.render_lines(preview.region.reset_offset))
        assert visual("رشد ۳۵") in drawn
        app.objective_tree.focus()
        await pilot.pause()
        assert not row.has_class("-previewing")


def test_check_speaks_the_workspace_language(
    persian_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(persian_root), "--today", "2026-11-25"])
    out = capsys.readouterr().out
    assert "هشدار" in out and "S301" in out  # codes unchanged
    main(["--lang", "en", "check", str(persian_root), "--today", "2026-11-25"])
    assert "warnings" in capsys.readouterr().out


def test_the_persian_demo_is_a_jalali_workspace() -> None:
    store = WorkspaceStore.open(sample_workspace_path("fa"))
    assert store.settings.calendar.value == "jalali"
    assert [c.label for c in store.settings.cycles][:2] == ["تابستان ۱۴۰۵", "پاییز ۱۴۰۵"]
    assert not store.broken
    notes = [c.note for o in store.objectives.values() for k in o.key_results for c in k.checkins]
    assert any("گوگل" in note for note in notes)


@pytest.mark.parametrize("typed", ["۱۴۰۵-۰۹-۲۸", "1405-09-28", "۱۴۰۵/۹/۲۸"])
async def test_a_due_date_is_typed_in_jalali_and_stored_gregorian(
    persian_root: Path, typed: str
) -> None:
    request_bidi("terminal")
    app = OkrApp(WorkspaceStore.open(persian_root), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        await pilot.press("down", "l", "down")
        await pilot.pause(0.3)
        field = shown_row(app, "due").field
        assert isinstance(field, Input)
        field.focus()
        field.value = ""
        await pilot.press(*typed)
        await pilot.pause()
        kr = app.store.objectives["amoozesh-marja"].key_results[0]
        assert kr.due == dt.date(2026, 12, 19)  # 28 Azar 1405
