"""Refilling the editor's widgets asks Textual for a layout only when a height changes."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from okrtui.tui.widgets.in_place import SteadyInput, update_in_place


class Harness(App[None]):
    CSS = "Static { height: auto; } SteadyInput { width: 20; }"

    def __init__(self) -> None:
        super().__init__()
        self.changed: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("one line", id="text")
        yield SteadyInput(compact=True, id="field")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.changed.append(event.value)


async def test_same_height_text_is_a_repaint_and_taller_text_a_layout() -> None:
    app = Harness()
    async with app.run_test(size=(40, 10)) as pilot:
        text = app.query_one("#text", Static)
        update_in_place(text, "another line")
        assert not text._layout_required
        update_in_place(text, "first\nsecond")
        assert text._layout_required
        await pilot.pause()
        assert text.size.height == 2


async def test_a_new_value_is_a_repaint_and_still_reported() -> None:
    app = Harness()
    async with app.run_test(size=(40, 10)) as pilot:
        field = app.query_one("#field", SteadyInput)
        field.value = "a longer value than before"
        assert not field._layout_required
        await pilot.pause()
        assert app.changed == ["a longer value than before"]
        assert field.virtual_size.width == len("a longer value than before") + 1
