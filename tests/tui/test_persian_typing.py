"""Persian typed key by key: the zero-width non-joiner inside a word is kept."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input

from okrtui.store import WorkspaceStore, init_workspace
from okrtui.tui.app import OkrApp
from tests.tui.conftest import TODAY, editor_ready

TITLE = "کتاب‌ها را می‌خوانیم"  # two words joined by U+200C, as a Persian keyboard types them


async def test_a_typed_zero_width_non_joiner_stays_in_the_title(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws", today=TODAY)
    app = OkrApp(WorkspaceStore.open(root), today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        title = app.focused
        assert isinstance(title, Input) and title.id == "field-title"
        for char in TITLE:  # one key a character, as a terminal sends them
            if char == "\u200c":
                # Pilot cannot name this key (its Unicode name has a hyphen): send the
                # event a terminal's shift+space produces, the way Pilot sends keys.
                event = events.Key("zero_width_non_joiner", char)
                event.set_sender(app)
                assert app._driver is not None
                app._driver.send_message(event)
                await pilot.pause()
            else:
                await pilot.press(char)
        assert title.value == TITLE
        await pilot.press("escape", "ctrl+s")
        await pilot.pause()
    [objective] = WorkspaceStore.open(root).objectives.values()
    assert objective.title == TITLE
