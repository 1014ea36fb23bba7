"""The help screen lists each key once in each part of the app, with what it does there."""

from __future__ import annotations

from okrtui.tui.app import OkrApp
from okrtui.tui.screens.help import HelpScreen
from tests.tui.conftest import editor_ready


def _keys(row_keys: str) -> list[str]:
    return [k.strip() for k in row_keys.replace(" / ", ",").split(",") if k.strip()]


async def test_help_lists_escape_once_per_place_with_its_meaning_there(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        sections = dict(screen.sections)
        for title, rows in sections.items():
            keys = [k for row_keys, _d in rows for k in _keys(row_keys)]
            assert len(keys) == len(set(keys)), f"{title}: a key listed twice: {keys}"
        everywhere = [k for row_keys, _d in sections["Everywhere"] for k in _keys(row_keys)]
        assert "escape" not in everywhere  # its meaning depends on where the focus is
        assert ("escape", "Clear the tree filter") in sections["Objective tree"]
        assert ("escape", "Back to tree") in sections["Editor"]
        # u / U undo only in the tree (in a field they are letters)
        assert "u" not in everywhere and ("u", "Undo") in sections["Objective tree"]
        every_row = [
            k for rows in sections.values() for row_keys, _d in rows for k in _keys(row_keys)
        ]
        assert every_row.count("escape") == 2
