"""The user's config.toml (keymap, theme) and theme files, through the real app."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from okrtui.tui.app import OkrApp
from okrtui.tui.screens.help import HelpScreen
from okrtui.tui.screens.search import SearchScreen
from okrtui.tui.user_config import key_is_valid, load_config
from tests.tui.conftest import editor_ready

MakeApp = Callable[[], OkrApp]


def _config_dir() -> Path:
    folder = Path(os.environ["OKRTUI_CONFIG_DIR"])  # a folder of the test's own (conftest)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _warnings(app: OkrApp) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "warning"]


async def test_remapped_keys_work_and_show_in_help(make_app: MakeApp) -> None:
    (_config_dir() / "config.toml").write_text(
        '[keys]\n"search.open" = "ctrl+f"\n"app.help" = "f1"\n"history.delete" = "delete"\n',
        "utf-8",
    )
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        assert _warnings(app) == []
        await pilot.press("slash")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)  # the old key is free again
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "^f" in text and "Search" in text
        assert "f1" in text


async def test_conflict_and_unknown_entries_get_one_message_and_are_skipped(
    make_app: MakeApp,
) -> None:
    (_config_dir() / "config.toml").write_text(
        "[keys]\n"
        '"app.new" = "a"\n'  # a adds a key result
        '"app.nope" = "x"\n'
        '"app.quit" = "ctrl+nokey"\n',
        "utf-8",
    )
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        (message,) = _warnings(app)
        assert "“a” is given to both" in message
        assert "unknown binding id “app.nope”" in message
        assert "unknown key “ctrl+nokey”" in message
        assert app.user_keymap == {}
        count = len(app.store.objectives)
        await pilot.press("n")  # the default key still makes an objective
        await pilot.pause()
        assert len(app.store.objectives) == count + 1


async def test_theme_files_good_and_bad_and_the_choice_is_remembered(make_app: MakeApp) -> None:
    themes = _config_dir() / "themes"
    themes.mkdir()
    (themes / "sepia.toml").write_text(
        'name = "sepia"\nprimary = "#8B5A2B"\nbackground = "#F4ECD8"\ndark = false\n', "utf-8"
    )
    (themes / "broken.toml").write_text('name = "broken"\nprimary = "not-a-colour"\n', "utf-8")
    (themes / "typo.toml").write_text('name = "typo"\nprimary = "#fff"\ncolour = 1\n', "utf-8")
    config = _config_dir() / "config.toml"
    config.write_text('theme = "sepia"\n\n[keys]\n"app.help" = "f1"\n', "utf-8")
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        assert app.theme == "sepia"
        (message,) = _warnings(app)
        assert "broken.toml" in message and "typo.toml" in message and "colour" in message
        assert "broken" not in app.available_themes and "typo" not in app.available_themes
        assert {"okrtui", "okrtui-light", "okrtui-contrast", "okrtui-ansi"} <= set(
            app.available_themes
        )
        app.theme = "okrtui-contrast"  # what the palette's "theme: …" does
        await pilot.pause()
    reread = load_config(_config_dir())
    assert reread.theme == "okrtui-contrast"
    assert reread.keys == {"app.help": "f1"}  # the rest of the file is kept


def test_key_names() -> None:
    assert all(key_is_valid(k) for k in ("ctrl+w", "f5", "question_mark", "?", "x", "escape"))
    assert not any(key_is_valid(k) for k in ("ctrl+nokey", "hyperdrive+x", "", "f99"))
