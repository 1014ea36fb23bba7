"""Dialog buttons answer the keyboard: ←/→ and tab move between them, enter presses one."""

from __future__ import annotations

from textual.widgets import Button

from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.screens.dialogs import ConfirmScreen, QuitScreen
from tests.tui.conftest import editor_ready

EMAIL = NodeRef(NodeKind.OBJECTIVE, "2026-Q4", "email-ctr")


def _focused(app: OkrApp) -> str | None:
    focused = app.screen.focused
    return focused.id if isinstance(focused, Button) else None


async def _ask_delete(pilot) -> None:  # type: ignore[no-untyped-def]
    pilot.app.objective_tree.select_ref(EMAIL)
    await pilot.pause()
    await pilot.press("d")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmScreen)


async def test_confirm_arrows_move_between_buttons_and_enter_presses_the_focused_one(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        await _ask_delete(pilot)
        assert _focused(app) == "no"  # the safe answer first
        await pilot.press("left")
        assert _focused(app) == "yes"
        await pilot.press("left")  # stays on the first button
        assert _focused(app) == "yes"
        await pilot.press("right")
        assert _focused(app) == "no"
        await pilot.press("right")  # stays on the last
        assert _focused(app) == "no"
        await pilot.press("enter")  # Cancel
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert "email-ctr" in app.store.objectives

        await _ask_delete(pilot)
        await pilot.press("tab")
        assert _focused(app) == "yes"
        await pilot.press("escape")
        await pilot.pause()
        assert "email-ctr" in app.store.objectives

        await _ask_delete(pilot)
        await pilot.press("left", "enter")  # Delete
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert "email-ctr" not in app.store.objectives


async def test_quit_dialog_arrows_move_between_its_three_buttons(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        await pilot.press("n", "escape")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        assert _focused(app) == "save"
        await pilot.press("right", "right")
        assert _focused(app) == "cancel"
        await pilot.press("left")
        assert _focused(app) == "discard"
        await pilot.press("right", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, QuitScreen)
        assert app.is_running
