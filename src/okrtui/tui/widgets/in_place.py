"""Updating the editor's widgets in place: a repaint, not a layout of the whole screen.

Textual lays out the whole screen (every widget of the editor) whenever one
widget asks for a layout, and a `Static.update` or an `Input.value` asks for
one by default. Moving through the tree refills the editor's widgets with
values that mostly keep their size; these helpers ask for a layout only when
a widget's height really changes, so a cursor move costs a repaint of the
widgets that changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from typing import Self

from textual.geometry import Region, Size
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static

from okrtui.tui.widgets.ordered_input import OrderedInput, OrderedTextArea


def refresh_in_place(widget: Widget) -> None:
    """Repaint `widget` after its content changed; lay out only if its height changed."""
    width, height = widget._size  # the last layout's size (no lookup in the compositor)
    widget.refresh()  # clears the cached dimensions too
    if not width or not widget.display:
        # not laid out yet, or hidden: its size is worked out when it is shown
        widget.refresh(layout=not width and widget.display)
        return
    gutter = widget.styles.gutter
    inner = max(0, width - gutter.width)
    content = widget.get_content_height(widget._container_size, widget.app.size, inner)
    if content + gutter.height != height:
        widget.refresh(layout=True)


def update_in_place(static: Static, content: VisualType) -> None:
    """`static.update(content)`, laid out only if the new text changes its height."""
    static.update(content, layout=False)
    refresh_in_place(static)


class SteadyInput(OrderedInput):
    """An input whose new value never asks for a layout (its size does not depend on it).

    Textual's `Input` sets its scrollable width on every new value, and that
    asks for a layout of the whole screen; a field of a fixed width and one
    line needs only a repaint. Only for inputs without `width: auto`.
    """

    def _watch_value(self, value: str) -> None:
        if not self.styles.auto_dimensions:
            # set first, silently: Input's own watcher then finds it unchanged
            self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
            self.refresh()
        super()._watch_value(value)


class SteadyTable(DataTable[str]):
    """A table whose new rows are a repaint when its height on screen stays the same.

    A `DataTable` asks for a layout whenever its scrollable size changes (new
    rows, wider cells). A table with `height: auto` and a `max-height` that is
    already full (a key result's check-ins), or refilled with as many rows,
    keeps its height: only its scrollbars are brought up to date.
    """

    _scrollbars_changing = False
    _refilling = False

    @contextmanager
    def refilling(self) -> Iterator[None]:
        """Clear and fill the table as one change: its scrollbars are looked at once, at the
        end, not between a clear (no rows: none) and the rows added back (one again)."""
        self._refilling = True
        try:
            yield
            self.measure_now()
        finally:
            self._refilling = False
        self.refresh(layout=True)

    def measure_now(self) -> None:
        """Size the rows just added now, not when the table is next idle.

        `DataTable` measures new rows when its queue is empty, which may come
        after the frame that shows them: a table whose height changed then
        asks for a second layout of the screen in a frame of its own.
        """
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            new_rows = self._new_rows.copy()
            self._new_rows.clear()
            self._update_dimensions(new_rows)

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if layout and self._refilling and not recompose:
            layout = False  # one look when the refill is over
        elif layout and not recompose and not self._scrollbars_changing and self._keeps_height():
            self._scrollbars_changing = True
            try:
                self._refresh_scrollbars()  # a scrollbar shown or hidden is a layout
            finally:
                self._scrollbars_changing = False
            self._scroll_update(self.virtual_size)
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _keeps_height(self) -> bool:
        """True if a layout would give the table the height it has now."""
        width, height = self._size
        styles = self.styles
        parent = self.parent
        if not width or not self.display or not isinstance(parent, Widget):
            return False
        if not (styles.height and styles.height.is_auto) or styles.is_auto_width:
            return False
        model = self._get_box_model(parent.size, self.app.size, Fraction(1), Fraction(1))
        return model.height == height


class SteadyTextArea(OrderedTextArea):
    """A text area of a fixed size whose new text is a repaint unless a scrollbar comes or goes.

    Textual's `TextArea` sets its virtual size on every new text and resize,
    and that asks for a layout of the whole screen; it also wraps to its
    width on screen, which is none while its form is hidden, so text loaded
    there was wrapped wrongly and laid out again when the form was shown.
    This one wraps at the width of its last layout and sets its virtual size
    silently (a scrollbar shown or hidden is still a layout). Only for text
    areas without `width: auto` or `height: auto`.
    """

    @property
    def wrap_width(self) -> int:
        width = self._size.width
        if not self.soft_wrap or not width:
            return super().wrap_width
        inner = width - self.styles.gutter.width - self.scrollbar_size_vertical
        return max(0, inner - self.gutter_width - 1)  # one cell for the cursor

    def _refresh_size(self) -> None:
        if self.styles.auto_dimensions or not self._size.width:
            super()._refresh_size()
            return
        if self.soft_wrap:
            size = Size(0, self.wrapped_document.height)
        else:
            width, height = self.document.get_size(self.indent_width)
            size = Size(width + self.gutter_width + 1, height)
        self.set_reactive(Widget.virtual_size, size)
        self._scroll_update(size)  # scrollbars shown or hidden, as Textual would
        self.refresh()
