"""At 80x24 the footer's keys and the tree's cycle counts stay in view, in Persian and English."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from okrtui.cli.open_command import sample_workspace_path
from okrtui.i18n.bidi_mode import request_bidi
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.widgets.kr_history import CheckInTable
from okrtui.tui.widgets.translated_footer import TranslatedFooter
from tests.tui.conftest import editor_ready, until

TODAY = dt.date(2026, 11, 25)


def in_git(root: Path) -> Path:
    """A repository, so the footer also shows the branch (it takes room from the keys)."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    return root


async def footer_settled(pilot) -> TranslatedFooter:  # type: ignore[no-untyped-def]
    app = pilot.app
    await until(
        pilot,
        lambda: app.query(FooterKey) and app.query_one("#git-status").has_class("-in-repo"),
        "the footer's keys and the branch",
    )
    await pilot.pause(0.3)
    return app.query_one(TranslatedFooter)


def keys_in_view(footer: TranslatedFooter) -> list[str]:
    """Descriptions of the keys a user can read: shown and left of the palette key."""
    palette = next(k for k in footer.query(FooterKey) if k.has_class("-command-palette"))
    right = min(palette.region.x, footer.region.right)
    return [
        k.description
        for k in footer.query(FooterKey)
        if k.display and k.region.width and k.region.right <= right and k is not palette
    ]


@pytest.fixture
def persian_repo(tmp_path: Path, isolated_git_config: None) -> Path:
    return in_git(Path(shutil.copytree(sample_workspace_path("fa"), tmp_path / "workspace")))


async def test_the_persian_footer_shows_every_key_at_80_columns(persian_repo: Path) -> None:
    request_bidi("terminal")
    app = OkrApp(WorkspaceStore.open(persian_repo), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        footer = await footer_settled(pilot)
        every_key = ["ذخیره", "جدید", "نتیجه", "ثبت پیشرفت", "راهنما", "خروج"]
        await until(pilot, lambda: keys_in_view(footer) == every_key, "every key in view")


async def test_the_english_footer_keeps_help_and_quit_with_the_checkin_table(
    repo_ws: Path,
) -> None:
    app = OkrApp(WorkspaceStore.open(repo_ws), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        app.objective_tree.select_ref(
            NodeRef(NodeKind.KEY_RESULT, "2026-Q4", "marketing-education-leader", "organic-traffic")
        )
        await pilot.pause(0.3)
        table = next(t for t in app.query(CheckInTable) if t.region.width)
        table.focus()
        footer = await footer_settled(pilot)
        # the branch beside the footer may take its room a frame later: the footer fits again
        await until(
            pilot, lambda: {"Help", "Quit"} <= set(keys_in_view(footer)), "help and quit in view"
        )
        shown = keys_in_view(footer)
        assert shown[:2] == ["Edit check-in", "Delete check-in"]
        assert {"Save", "Help", "Quit"} <= set(shown)
        hidden = [k for k in footer.query(FooterKey) if not k.display]
        assert all(k.description not in ("Save", "Help", "Quit") for k in hidden)
        # and at 120 columns nothing is left out
        await pilot.resize_terminal(120, 40)
        await pilot.pause(0.3)
        assert {"New", "Add KR", "Check-in", "Help", "Quit"} <= set(keys_in_view(footer))


def cycle_lines(app: OkrApp) -> dict[str, str]:
    tree = app.objective_tree
    return {
        str(node.data.cycle): str(node.label)
        for node in tree.root.children
        if node.data is not None and node.data.kind is NodeKind.CYCLE
    }


@pytest.mark.parametrize("language", ["fa", "en"])
async def test_cycle_counts_stay_in_view_at_80_columns(tmp_path: Path, language: str) -> None:
    root = Path(shutil.copytree(sample_workspace_path(language), tmp_path / "workspace"))
    settings = root / "okrtui.toml"
    if language == "en":  # labels as long as the Persian ones
        text = settings.read_text(encoding="utf-8").replace('"Q3 2026"', '"July to September 2026"')
        settings.write_text(text, encoding="utf-8")
    request_bidi("terminal")
    app = OkrApp(WorkspaceStore.open(root), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        await pilot.pause(0.2)
        room = app.objective_tree.scrollable_content_region.width - 2
        lines = cycle_lines(app)
        assert lines
        for name, line in lines.items():
            assert line.startswith(name)
            assert len(line) <= room, line  # nothing runs off the pane's edge
            assert line.count("(") == 1 and line.count(")") == 1, line  # the count is there
        await pilot.resize_terminal(120, 40)
        await pilot.pause(0.2)
        wide = cycle_lines(app)
        labelled = [line for line in wide.values() if "2026" in line[8:] or "۱۴۰۵" in line]
        assert labelled  # with room, the label is back in full before the count


async def test_a_cycle_with_one_objective_says_so_in_the_singular(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        app.objective_tree.select_ref(NodeRef(NodeKind.CYCLE, cycle="2026-Q3"))
        await pilot.pause(0.3)
        text = app.editor._cycle_text("2026-Q3")
        assert "1 objective, 1 key result, average progress" in text
