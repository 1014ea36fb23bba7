"""Updating the editor's widgets in place: a repaint, not a layout of the whole screen.

Textual lays out the whole screen (every widget of the editor) whenever one
widget asks for a layout, and a `Static.update` or an `Input.value` asks for
one by default. Moving through the tree refills the editor's widgets with
values that mostly keep their size; these helpers ask for a layout only when
a widget's height really changes, so a cursor move costs a repaint of the
widgets that changed.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Input, Static


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


class SteadyInput(Input):
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
