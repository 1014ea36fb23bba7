"""In the dialogs people type field after field in (the guided writer, the review), `tab`
and the letters after it arriving in one read go into the next field, as in the editor.

Each test posts `tab` and the letters before the app handles any of them, which is what
a fast typist over SSH, a paste or a script does.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from okrtui.tui.app import OkrApp
from okrtui.tui.screens.review import ReviewScreen
from tests.tui.conftest import until
from tests.tui.test_coach_wizard import LEADER, open_wizard


def _type_after_tab(app: OkrApp, letters: str, key: str = "tab") -> None:
    app.post_message(events.Key(key, None))
    for letter in letters:
        app.post_message(events.Key(letter, letter))


async def test_wizard_letters_after_tab_go_into_the_next_field(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.objective_tree.select_ref(LEADER)
        await pilot.pause()
        screen = await open_wizard(app, pilot)
        first = app.focused
        assert isinstance(first, Input) and first in screen.query(Input)
        await pilot.press(*"Grow")
        _type_after_tab(app, "traffic")
        await until(pilot, lambda: app.focused is not first, "tab to move on")
        await pilot.pause()
        assert first.value == "Grow"  # nothing of it went into the field left behind
        assert isinstance(app.focused, Input) and app.focused.value.endswith("traffic")
        _type_after_tab(app, "x", "shift+tab")
        await until(pilot, lambda: app.focused is first, "shift+tab to go back")
        await pilot.pause()
        assert first.value == "Growx"


async def test_review_letters_after_tab_go_into_the_next_field(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("R")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review")
        summary = app.screen.query_one("#review-summary", Input)
        await until(pilot, lambda: app.focused is summary, "the summary focused")
        _type_after_tab(app, "ok")
        await until(pilot, lambda: app.focused is not summary, "tab to move on")
        await pilot.pause()
        assert summary.value == ""
        assert app.screen.query_one("#note-0", Input).value == "ok"
