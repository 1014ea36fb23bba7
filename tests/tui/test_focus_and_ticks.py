"""A focused field stands out in every theme; an unticked SMART box shows no X.

Both are read from what the screen renders (the compositor's cells), so a
rule that is overridden, or a difference no terminal can show, fails here.
"""

from __future__ import annotations

from collections import Counter

import pytest
from rich.color import ColorType
from rich.style import Style
from textual.widget import Widget
from textual.widgets import Input, Select

from okrtui.model import SmartCriterion
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.widgets.smart_checklist import SmartChecklistView
from okrtui.tui.widgets.tick_box import TickBox
from tests.tui.conftest import editor_ready

LEADER = "marketing-education-leader"
KEY_RESULT = NodeRef(NodeKind.KEY_RESULT, "2026-Q4", LEADER, "organic-traffic")
THEMES = ["okrtui", "okrtui-light", "okrtui-contrast", "okrtui-ansi", "ansi-dark"]
"""Every bundled theme, and the one the app picks on a 16-colour terminal."""

NEAR = 40
"""Two backgrounds closer than this (RGB distance) look alike: 256-colour 234 and 235 are 17."""


def cells(app: OkrApp, widget: Widget) -> list[tuple[Style, str]]:
    """The style and text of each cell of the widget's first line, as the screen draws it."""
    region = widget.region
    strip = app.screen._compositor.render_strips()[region.y]
    out: list[tuple[Style, str]] = []
    for segment in strip.crop(region.x, region.right):
        out.extend((segment.style or Style(), ch) for ch in segment.text)
    return out


def look(app: OkrApp, widget: Widget) -> Style:
    """The style most of the widget's cells have (a cursor cell aside)."""
    styles = Counter(
        Style(bgcolor=s.bgcolor, color=s.color, bold=s.bold, reverse=s.reverse)
        for s, _ch in cells(app, widget)
    )
    return styles.most_common(1)[0][0]


def distance(a: Style, b: Style) -> float:
    """How far apart two cells' backgrounds are; ANSI colours are simply equal or not."""
    ca, cb = a.bgcolor, b.bgcolor
    if ca is None or cb is None or ColorType.TRUECOLOR not in (ca.type, cb.type):
        return 0.0 if ca == cb else float("inf")
    ra, rb = ca.get_truecolor(), cb.get_truecolor()
    return sum((x - y) ** 2 for x, y in zip(ra, rb, strict=True)) ** 0.5


def stands_out(focused: Style, unfocused: Style) -> bool:
    return (
        bool(focused.reverse) != bool(unfocused.reverse)
        or bool(focused.bold) != bool(unfocused.bold)
        or distance(focused, unfocused) >= NEAR
    )


@pytest.mark.parametrize("theme", THEMES)
async def test_a_focused_select_and_input_stand_out_in_every_theme(
    make_app,  # type: ignore[no-untyped-def]
    theme: str,
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        app.theme = theme
        assert app.objective_tree.select_ref(KEY_RESULT)
        await pilot.pause()
        form = app.query_one("#view-key-result")
        pairs: list[tuple[Widget, Widget]] = [
            (form.query_one("#field-type", Select), form.query_one("#field-direction", Select)),
            (form.query_one("#field-title", Input), form.query_one("#field-owner", Input)),
            (
                form.query_one("#answer-specific", Input),
                form.query_one("#answer-measurable", Input),
            ),
        ]
        for focused, other in pairs:
            before = look(app, focused)
            focused.focus()
            await pilot.pause()
            assert app.focused is focused
            seen, unfocused = look(app, focused), look(app, other)
            assert stands_out(seen, unfocused), f"{theme}: #{focused.id} {seen} vs {unfocused}"
            assert stands_out(seen, before), f"{theme}: #{focused.id} {seen} vs {before}"
            for style, ch in cells(app, focused):
                if ch.strip() and not style.reverse:  # text, where the cursor is not
                    assert style.color != style.bgcolor, f"{theme}: #{focused.id} {ch!r} unreadable"
            if isinstance(focused, Input) and not app.current_theme.ansi:
                # the fill stays: a focused field is never closer to the pane's colour
                pane = Style(bgcolor=app.current_theme.background)
                assert distance(seen, pane) > distance(unfocused, pane), theme


def box_text(app: OkrApp, box: TickBox) -> str:
    return "".join(ch for _s, ch in cells(app, box))[:3]


async def test_an_unticked_smart_box_shows_no_x_and_a_ticked_one_does(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        await pilot.press("n")  # a new objective: nothing ticked yet
        await pilot.pause()
        checklist = app.query_one("#view-objective SmartChecklistView", SmartChecklistView)
        boxes = [checklist.row(c).query_one(TickBox) for c in SmartCriterion]
        assert [box.value for box in boxes] == [False] * 5
        assert all("X" not in box_text(app, box) for box in boxes), [
            box_text(app, b) for b in boxes
        ]
        boxes[1].focus()
        await pilot.press("space")
        await pilot.pause()
        assert boxes[1].value
        assert box_text(app, boxes[1]) == "▐X▌"
        assert "X" not in box_text(app, boxes[0])
        await pilot.press("space")
        await pilot.pause()
        assert "X" not in box_text(app, boxes[1])
