"""Each cell of a table is reordered on its own and stays under its header (`--bidi app`)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from textual.geometry import Region

from okrtui.cli.open_command import sample_workspace_path
from okrtui.i18n import request_language
from okrtui.i18n.bidi_mode import request_bidi
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.rtl_text import visual
from okrtui.tui.widgets.kr_history import CheckInTable
from tests.tui.conftest import editor_ready, until

TRAFFIC = NodeRef(NodeKind.KEY_RESULT, "1405-paeez", "amoozesh-marja", "traffic-organic")


async def test_checkin_cells_sit_under_their_headers_in_persian(tmp_path: Path) -> None:
    root = Path(shutil.copytree(sample_workspace_path("fa"), tmp_path / "workspace"))
    request_language("fa")
    request_bidi("app")
    app = OkrApp(WorkspaceStore.open(root), today=dt.date(2026, 11, 25))
    async with app.run_test(size=(80, 24)) as pilot:
        await editor_ready(pilot)
        app.objective_tree.select_ref(TRAFFIC)
        table = app.editor.query_one(CheckInTable)
        await until(pilot, lambda: table.row_count > 0, "the check-ins table to fill")
        spans, x = [], 0
        for column in table.ordered_columns:
            width = column.get_render_width(table)
            spans.append((x, x + width))
            x += width
        lines = [strip.text for strip in table.render_lines(Region(0, 0, *table.size))]
        rows = [[str(c.label) for c in table.ordered_columns]]
        rows += [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        checked = set()
        for line, cells in zip(lines, rows, strict=False):
            for (start, end), cell in zip(spans, cells, strict=True):
                if cell.strip():
                    # the cell's text, reordered on its own, inside its column
                    assert visual(cell.strip()) in line[start:end], (cell, line)
                    checked.add(cell)
        notes = [row[3] for row in rows[1:] if row[3].strip()]
        assert notes and all(note in checked for note in notes)  # Persian notes were seen
        assert "بالا" in checked or "متوسط" in checked  # and confidence labels
