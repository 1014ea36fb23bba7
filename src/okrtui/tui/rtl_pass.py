"""Every drawn line with right-to-left text put in reading order (`--bidi app`).

Textual draws a widget as strips of styled segments. In `app` mode this
pass takes each strip that holds right-to-left text, cuts it into cells at
runs of two or more spaces and at box and bar characters (table cells, the
tree's progress column, padding), and rewrites each cell that has
right-to-left text with `rtl_text.visual_order`, each character keeping its
style. A right-to-left cell followed by blank room moves to the right end
of that room, so Persian text is right-aligned in its cell. A `DataTable`'s
line is cut at its columns' edges instead, so each cell is reordered on its
own and stays under its header. Text is
wrapped by Textual before it gets here, so a long title is wrapped first and
reordered line by line: it reads from its first line.

The field being typed in (a focused `Input` or `TextArea`) is left alone:
its cursor moves through the stored order. `FormRow` shows a reordered
preview under it while the text has right-to-left letters. An empty focused
`Input` shows its placeholder, which is reordered; the cursor keeps its column.

It is installed once, around `Widget.render_lines`; in `terminal` mode it
does nothing. Screens are left alone: a screen draws only its background,
and behind a dialog that background is the screen underneath, already
drawn (and reordered) widget by widget; a second pass would turn it back.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from okrtui.i18n.bidi_mode import bidi_mode
from okrtui.tui.rtl_text import RTL_CHARS, is_rtl_paragraph, visual_order

_BREAK = re.compile(
    r" {2,}|[\u2500-\u259F]+|\u00B7{2,}|(?<! )\u00B7|\u00B7(?! )"
    r"| *[\u2190-\u21FF\u25A0-\u27BF]+ *"
)
"""Where one cell of a line ends: wide gaps, box drawing and block (bar) characters,
dots that fill a bar or mark a letter (`███···`, `SM·RT`), arrows, shapes and
dingbats (the tree's markers and health glyphs, ✓ ✗ ⚠). A dot between two
spaces (`now 49,100 · target 54,000`) separates parts of one sentence: it is
no break, so the parts are read in the sentence's direction."""

Cell = tuple[tuple[str, Style | None], ...]


def _chars(strip: Strip) -> list[tuple[str, Style | None]]:
    return [(char, seg.style) for seg in strip for char in seg.text if not seg.control]


@lru_cache(maxsize=4096)
def _visual_cell(cell: Cell) -> Cell:
    text = "".join(char for char, _style in cell)
    order = visual_order(text)
    return tuple((char, cell[index][1]) for char, index in order)


def _pieces(text: str, styles: list[Style | None]) -> list[tuple[int, int, bool]]:
    """(start, end, is_break) spans covering `text`.

    Besides `_BREAK`, a change of style next to a space ends a cell unless
    right-to-left letters lie on both sides (a key such as `^s` before its
    description, but not a Persian label before its Persian value).
    """
    spans: list[tuple[int, int, bool]] = []
    at = 0
    for match in _BREAK.finditer(text):
        if match.start() > at:
            spans.extend(_split_at_styles(text, styles, at, match.start()))
        spans.append((match.start(), match.end(), True))
        at = match.end()
    if at < len(text):
        spans.extend(_split_at_styles(text, styles, at, len(text)))
    return spans


def _split_at_styles(
    text: str, styles: list[Style | None], start: int, end: int
) -> list[tuple[int, int, bool]]:
    spans = []
    for cut in range(start + 1, end):
        if styles[cut] == styles[cut - 1] or " " not in (text[cut], text[cut - 1]):
            continue
        if RTL_CHARS.search(text[start:cut]) and RTL_CHARS.search(text[cut:end]):
            continue
        spans.append((start, cut, False))
        start = cut
    spans.append((start, end, False))
    return spans


def visual_strip(strip: Strip, right_align: bool = True) -> Strip:
    """`strip` with each right-to-left cell reordered, shaped and (unless centred) right-aligned."""
    text = strip.text
    if not RTL_CHARS.search(text):
        return strip
    chars = _chars(strip)
    if len(chars) != len(text):
        return strip  # control segments: leave the strip as Textual drew it
    pieces = _pieces(text, [style for _char, style in chars])
    out: list[tuple[str, Style | None]] = []
    index = 0
    while index < len(pieces):
        start, end, is_break = pieces[index]
        cell = tuple(chars[start:end])
        if is_break or not RTL_CHARS.search(text[start:end]):
            out.extend(cell)
            index += 1
            continue
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip(" "))
        trail = len(piece) - len(piece.rstrip(" "))
        # spaces round a cell stay where they are: only its words are turned round
        out.extend(chars[start : start + lead])
        shown = _visual_cell(tuple(chars[start + lead : end - trail]))
        shown += tuple(chars[end - trail : end])
        reads_rtl = is_rtl_paragraph(piece) or _lone_number(piece, text)
        if right_align and _room_after(pieces, index, text) and reads_rtl:
            # right-align: the blank room after the cell goes before it
            # right-align: the blank room after the cell goes before it, but for
            # one space that keeps it off what follows (a border, a chart)
            gap = pieces[index + 1]
            out.extend(chars[gap[0] : gap[1] - 1])
            out.extend(shown)
            out.append(chars[gap[1] - 1])
            index += 2
            continue
        out.extend(shown)
        index += 1
    segments = [Segment(char, style) for char, style in out]
    return Strip(Segment.simplify(segments), strip.cell_length)


_LETTER = re.compile(r"[^\W\d_]")
_FRAME = re.compile(r"[\s\u2500-\u259F]")


def _lone_number(piece: str, line: str) -> bool:
    """True when `piece` is the line's only text and is a Persian number or date, no letters.

    A wrapped Persian sentence can leave its date alone on the last line
    (`۱۴۰۵-۰۹-۰۲`): digits have no direction of their own, so without this it
    sat left while the lines above it are right-aligned.
    """
    if _LETTER.search(piece) or not RTL_CHARS.search(piece):
        return False
    return not _FRAME.sub("", line.replace(piece, "", 1))


def _room_after(pieces: list[tuple[int, int, bool]], index: int, text: str) -> bool:
    """True when blank room follows piece `index` up to its cell's end (a border, or the end)."""
    if index + 1 >= len(pieces):
        return False
    start, end, is_break = pieces[index + 1]
    if not is_break or text[start:end].strip():
        return False
    if index + 2 >= len(pieces):
        return True
    start, end, is_break = pieces[index + 2]
    return is_break and bool(text[start:end].strip())


_TYPED_IN = frozenset({"Input", "TextArea"})


def _typed_in(widget: Widget) -> bool:
    """A field being typed in (found by class name: importing them here would slow the start)."""
    return widget.has_focus and any(cls.__name__ in _TYPED_IN for cls in type(widget).__mro__)


def _placeholder_shown(widget: Widget) -> bool:
    """An empty `Input`: it draws its placeholder, not what was typed."""
    return getattr(widget, "value", None) == "" and bool(getattr(widget, "placeholder", ""))


def _with_cursor_kept(strip: Strip, column: int, right_align: bool) -> Strip:
    """The placeholder of a focused, empty field reordered; the cursor stays at `column`.

    The cursor is drawn as the style of the placeholder's first cell; typing
    starts at the left (the field is drawn in stored order while typed in),
    so the cursor stays there while the words are turned round.
    """
    chars = _chars(strip)
    if not RTL_CHARS.search(strip.text) or len(chars) != len(strip.text):
        return strip
    if not 0 <= column < len(chars) - 1:
        return visual_strip(strip, right_align)
    cursor = chars[column][1]
    chars[column] = (chars[column][0], chars[column + 1][1])
    plain = Strip([Segment(char, style) for char, style in chars], strip.cell_length)
    shown = _chars(visual_strip(plain, right_align))
    if column < len(shown):  # (zero-width joiners are dropped once letters are shaped)
        shown[column] = (shown[column][0], cursor)
    segments = [Segment(char, style) for char, style in shown]
    return Strip(Segment.simplify(segments), strip.cell_length)


def _scrollbar_edge(widget: Widget, crop: Region) -> int | None:
    """The column (in `crop`'s strips) where a shown vertical scrollbar starts, else None.

    Textual draws the scrollbar over the widget's last columns, so text
    right-aligned into them would lose its first letters under it.
    """
    bar = widget.scrollbar_size_vertical if widget.show_vertical_scrollbar else 0
    if not bar:
        return None
    border = widget.styles.gutter.right - widget.styles.padding.right
    edge = widget.region.width - border - bar - crop.x
    return edge if 0 < edge < crop.width else None


def _before_scrollbar(strip: Strip, edge: int, right_align: bool) -> Strip:
    """`strip` reordered up to `edge`, the scrollbar's columns after it as drawn; remembered
    for the strip objects Textual hands out again (see `visual_strip_again`)."""
    if not RTL_CHARS.search(strip.text):
        return strip
    key = (id(strip), right_align, edge)
    found = _memo_edges.get(key)
    if found is not None and found[0] is strip:
        return found[1]
    head = visual_strip(strip.crop(0, edge), right_align)
    shown = Strip.join([head, strip.crop(edge, strip.cell_length)])
    if len(_memo_edges) >= MEMO_SIZE:
        _memo_edges.clear()
    _memo_edges[key] = (strip, shown)
    return shown


def _table_edges(table: Widget, crop: Region) -> list[int] | None:
    """Where each of a `DataTable`'s cells starts and ends, in columns of `crop`'s strips.

    A table line is drawn as one strip; cut only at wide gaps, a short cell
    and its neighbour (`بالا` and a Persian note) were turned round as one
    run and swapped places. Cut at the columns instead, each cell is
    reordered and right-aligned on its own, under its header.
    """
    columns = getattr(table, "ordered_columns", None)
    if columns is None:
        return None
    fixed = getattr(table, "fixed_columns", 0)
    left = table.gutter.left - crop.x
    x = getattr(table, "_row_label_column_width", 0)
    edges = [left, left + x]
    for index, column in enumerate(columns):
        width = column.get_render_width(table)
        shift = 0 if index < fixed else table.scroll_offset.x
        edges.append(left + x + width - shift)
        x += width
    scrollbar = _scrollbar_edge(table, crop)
    if scrollbar is not None:
        edges.append(scrollbar)
    return sorted({min(max(edge, 0), crop.width) for edge in edges})


def _cells_apart(strip: Strip, edges: list[int], right_align: bool) -> Strip:
    """`strip` with each span between two `edges` reordered on its own; the rest as drawn
    (remembered for the strip objects Textual hands out again, as `visual_strip_again`)."""
    if not RTL_CHARS.search(strip.text):
        return strip
    key = (id(strip), right_align, tuple(edges))
    found = _memo_cells.get(key)
    if found is not None and found[0] is strip:
        return found[1]
    parts = [strip.crop(0, edges[0])]
    for start, end in itertools.pairwise(edges):
        parts.append(visual_strip(strip.crop(start, end), right_align))
    parts.append(strip.crop(edges[-1], strip.cell_length))
    shown = Strip.join(part for part in parts if part.cell_length)
    if len(_memo_cells) >= MEMO_SIZE:
        _memo_cells.clear()
    _memo_cells[key] = (strip, shown)
    return shown


_installed: list[bool] = []

MEMO_SIZE = 4096
"""Strips whose reordering is remembered (a screen of widgets draws a few hundred)."""
_memo: dict[tuple[int, bool], tuple[Strip, Strip]] = {}
_memo_edges: dict[tuple[int, bool, int], tuple[Strip, Strip]] = {}
"""As `_memo`, for lines reordered up to a scrollbar (a tall tree, a long form)."""
_memo_cells: dict[tuple[int, bool, tuple[int, ...]], tuple[Strip, Strip]] = {}
"""As `_memo`, for table lines reordered cell by cell."""


def visual_strip_again(strip: Strip, right_align: bool) -> Strip:
    """`visual_strip`, remembered for the strip objects Textual hands out again.

    Textual keeps each widget's drawn lines and gives the very same strips
    back on every frame the widget is not changed in, and the compositor
    draws every widget of the region that changed: without this, each
    frame reordered every unchanged line of the screen again. Keyed by the
    strip's identity (strips are never changed), holding it so it stays.
    """
    key = (id(strip), right_align)
    found = _memo.get(key)
    if found is not None and found[0] is strip:
        return found[1]
    shown = visual_strip(strip, right_align)
    if len(_memo) >= MEMO_SIZE:
        _memo.clear()
    _memo[key] = (strip, shown)
    return shown


def install() -> None:
    """Wrap `Widget.render_lines` (once per process).

    Textual's compositor draws every widget through it; `Tree`, `DataTable`,
    `OptionList` and `TextArea` override it but call it through `super()`.
    """
    if _installed:
        return
    _installed.append(True)
    from textual.screen import Screen

    original = Widget.render_lines

    def render_lines(self: Widget, crop: Region) -> list[Strip]:
        strips = original(self, crop)
        # a screen draws only its background; behind a dialog that is the
        # screen under it, whose widgets this pass has already reordered
        if bidi_mode() != "app" or isinstance(self, Screen):
            return strips
        styles = self.styles
        centred = "center" in (styles.text_align, styles.content_align_horizontal)
        if _typed_in(self):
            if not _placeholder_shown(self):
                return strips
            column = self.gutter.left - crop.x
            return [_with_cursor_kept(strip, column, not centred) for strip in strips]
        edges = _table_edges(self, crop)
        if edges:
            return [_cells_apart(strip, edges, not centred) for strip in strips]
        edge = _scrollbar_edge(self, crop)
        if edge is not None:
            return [_before_scrollbar(strip, edge, not centred) for strip in strips]
        return [visual_strip_again(strip, not centred) for strip in strips]

    Widget.render_lines = render_lines  # type: ignore[method-assign]
