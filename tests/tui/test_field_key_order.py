"""Bound keys in a field (end, backspace) typed in one read with text apply in order.

Textual types characters in a field's key handler but runs bound keys once the
key has reached the app (Textual issue 6605): `end` and a word arriving together
put the word at the start. Each test posts every key before the app handles any.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from tests.tui.conftest import editor_on, editor_ready, until

LEADER = NodeRef(NodeKind.OBJECTIVE, "2026-Q4", "marketing-education-leader")


async def _title(pilot) -> Input:  # type: ignore[no-untyped-def]
    app: OkrApp = pilot.app
    await editor_on(pilot, LEADER)
    title = app.query_one("#view-objective #field-title", Input)
    title.focus()
    await until(pilot, lambda: title.has_focus, "the title focused")
    title.cursor_position = 0
    await pilot.pause()
    return title


def _post(app: OkrApp, *keys: str) -> None:
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key({" ": "space"}.get(key, key), character))


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        pytest.param(("end", " ", "x", "y"), "{before} xy", id="end-then-text-goes-to-the-end"),
        pytest.param(("b", "a", "backspace", "c"), "bc{before}", id="backspace-between-letters"),
    ],
)
async def test_bound_keys_and_letters_in_one_read_apply_in_order(
    make_app,  # type: ignore[no-untyped-def]
    keys: tuple[str, ...],
    expected: str,
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        title = await _title(pilot)
        before = title.value
        _post(app, *keys)
        await until(pilot, lambda: title.value != before, "the text typed")
        await pilot.pause()
        assert title.value == expected.format(before=before)


async def test_a_dialog_field_keeps_the_order_too(make_app) -> None:  # type: ignore[no-untyped-def]
    from okrtui.tui.screens.search import SearchScreen

    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen), "the search dialog")
        field = app.screen.query_one(Input)
        await until(pilot, lambda: field.has_focus, "the search field focused")
        _post(app, "m", "a", "left", "i", "end", "n")
        await until(pilot, lambda: len(field.value) == 4, "the text typed")
        await pilot.pause()
        assert field.value == "mian"


async def test_the_description_keeps_the_order_too(make_app) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import TextArea

    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_on(pilot, LEADER)
        area = app.query_one("#view-objective #field-description", TextArea)
        area.focus()
        await until(pilot, lambda: area.has_focus, "the description focused")
        area.text = "short"  # one row, not wrapped: end and home are the line's
        area.move_cursor((0, 0))
        await pilot.pause()
        _post(app, "end", "x", "y", "home", "z")
        await until(pilot, lambda: len(area.text) == 8, "the text typed")
        await pilot.pause()
        assert area.text == "zshortxy"
