"""Refilling the editor's widgets asks Textual for a layout only when a height changes."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.widgets import Input, Static

from okrtui.tui.widgets.in_place import SteadyInput, SteadyTable, SteadyTextArea, update_in_place


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


class TableHarness(App[None]):
    CSS = "SteadyTable { height: auto; max-height: 5; width: 1fr; }"

    def compose(self) -> ComposeResult:
        yield SteadyTable()


def fill(table: SteadyTable, prefix: str, rows: int) -> None:
    table.clear(columns=True)
    table.add_column("Row", key="row")
    for n in range(rows):
        table.add_row(f"{prefix} {n}", key=str(n))


async def test_a_full_table_refilled_is_a_repaint_showing_the_new_rows() -> None:
    app = TableHarness()
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(SteadyTable)
        fill(table, "first", 10)
        await pilot.pause()
        assert table.size.height == 5
        screen = app.screen
        layouts: list[bool] = []
        layout = screen._refresh_layout

        def counted(size: Size | None = None, scroll: bool = False) -> None:
            layouts.append(scroll)
            layout(size, scroll)

        screen._refresh_layout = counted  # type: ignore[method-assign]
        fill(table, "second", 12)
        await pilot.pause()
        assert layouts == []  # a repaint only
        assert "second 0" in table.render_line(1).text
        fill(table, "third", 2)  # shorter: laid out again
        await pilot.pause()
        assert table.size.height == 3
        assert "third 1" in table.render_line(2).text


class TextAreaHarness(App[None]):
    CSS = "SteadyTextArea { height: 3; width: 22; }"

    def compose(self) -> ComposeResult:
        yield SteadyTextArea(soft_wrap=True, compact=True)


async def test_new_text_in_a_text_area_is_a_repaint_until_a_scrollbar_is_needed() -> None:
    app = TextAreaHarness()
    async with app.run_test(size=(40, 10)) as pilot:
        area = app.query_one(SteadyTextArea)
        area.load_text("short")
        await pilot.pause()
        area.load_text("a text long enough to wrap")  # two lines at this width
        assert not area._layout_required
        assert area.virtual_size.height == 2
        await pilot.pause()
        assert not area.show_vertical_scrollbar
        area.load_text("\n".join("line" for _ in range(6)))  # more than fit: a scrollbar
        await pilot.pause()
        assert area.show_vertical_scrollbar
        assert area.virtual_size.height == 6


async def test_a_hidden_text_area_wraps_at_the_width_it_will_be_shown_at() -> None:
    app = TextAreaHarness()
    async with app.run_test(size=(40, 10)) as pilot:
        area = app.query_one(SteadyTextArea)
        await pilot.pause()
        width = area.wrap_width
        area.display = False
        await pilot.pause()
        area.load_text("a text long enough to wrap")
        assert area.wrap_width == width
        assert area.wrapped_document.height == 2
