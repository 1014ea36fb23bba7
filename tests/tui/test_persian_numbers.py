"""Numbers in Persian messages are written in Persian digits (۰–۹), never ASCII.

Every count formatted into a translated message goes through `okrtui.i18n.count`
or `nformat`; the walk below reads the messages a Persian user meets, and the
source check keeps new code on that path.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from okrtui.cli.open_command import sample_workspace_path
from okrtui.i18n import count, nformat, set_language
from okrtui.i18n.bidi_mode import request_bidi
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from tests.tui.conftest import editor_ready

TODAY = dt.date(2026, 11, 25)
ASCII_DIGIT = re.compile(r"[0-9]")
SOURCE = Path(__file__).resolve().parents[2] / "src" / "okrtui"


@pytest.fixture
def persian_root(tmp_path: Path) -> Path:
    return Path(shutil.copytree(sample_workspace_path("fa"), tmp_path / "workspace"))


def last_message(app: OkrApp) -> str:
    return str(list(app._notifications)[-1].message)


def test_count_and_nformat_write_persian_digits() -> None:
    set_language("fa")
    assert count(1234) == "۱٬۲۳۴"
    assert nformat("Saved {n} objective.", "Saved {n} objectives.", 3) == "۳ هدف ذخیره شد."
    set_language("en")
    assert count(1234) == "1,234"
    assert nformat("Saved {n} objective.", "Saved {n} objectives.", 1) == "Saved 1 objective."


async def test_counts_in_persian_messages_have_no_ascii_digits(persian_root: Path) -> None:
    request_bidi("terminal")  # stored order, so the test reads the text as written
    app = OkrApp(WorkspaceStore.open(persian_root), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await editor_ready(pilot)
        # the objective's heading: "SMART: ۱۳ از ۱۵ حرف برقرار است"
        app.objective_tree.select_ref(NodeRef(NodeKind.OBJECTIVE, "1405-paeez", "amoozesh-marja"))
        await pilot.pause(0.3)
        heading = "\n".join(
            str(s.render())
            for s in app.query("#view-objective Static")
            if "SMART" in str(s.render())
        )
        assert "SMART" in heading and "از" in heading
        assert not ASCII_DIGIT.search(heading), heading

        # the save notification: "۱ هدف ذخیره شد."
        title = app.query_one("#view-objective #field-title", Input)
        title.focus()
        await pilot.press("end", "!")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = last_message(app)
        assert "ذخیره شد" in saved and not ASCII_DIGIT.search(saved), saved

        # search: "۳ مورد پیدا شد"
        app.objective_tree.focus()
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"رضا")
        await pilot.pause(0.3)
        found = str(app.screen.query_one("#search-count", Static).render())
        assert "پیدا شد" in found and not ASCII_DIGIT.search(found), found
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        step = last_message(app)  # "نتیجهٔ ۲ از ۵ برای «رضا»"
        assert not ASCII_DIGIT.search(step), step

        # the archive toggle says how many it shows or hides
        await pilot.press("A")
        await pilot.pause()
        archived = last_message(app)
        assert not ASCII_DIGIT.search(archived), archived


def _format_calls(tree: ast.AST) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Call)
        and isinstance(node.func.value.func, ast.Name)
        and node.func.value.func.id == "_"
    ]


def _is_bare_number(value: ast.expr) -> bool:
    """An expression that is plainly an int: len(…), sum(…), arithmetic, a literal."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        return value.func.id in {"len", "sum", "round", "int", "max", "min"}
    if isinstance(value, ast.BinOp):
        return isinstance(value.op, ast.Add | ast.Sub | ast.Mult)  # not a path's `/`
    return isinstance(value, ast.Constant) and isinstance(value.value, int | float)


def test_translated_messages_format_numbers_through_the_helpers() -> None:
    """`ngettext` only inside `nformat`; no bare number formatted into `_()` text."""
    wrong = []
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE).as_posix()
        if relative.startswith(("i18n/", "store/")):
            continue  # the helpers themselves; the store's messages name files and lines
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "ngettext":
                wrong.append(f"{relative}:{node.lineno}: ngettext (use nformat)")
        for call in _format_calls(tree):
            for keyword in call.keywords:
                if _is_bare_number(keyword.value):
                    wrong.append(f"{relative}:{call.lineno}: {keyword.arg}= (use count())")
    assert not wrong, "\n".join(wrong)
