"""A SMART answer typed in Persian shows, under the checklist, as it reads (`--bidi app`)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from okrtui.i18n.bidi_mode import request_bidi
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.rtl_text import visual
from tests.tui.conftest import TODAY, editor_ready, until

TYPED = "رشد ۳۵"


async def test_a_persian_smart_answer_is_previewed_while_typed(sample_workspace: Path) -> None:
    request_bidi("app")
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        ref = NodeRef(
            NodeKind.KEY_RESULT, "2026-Q4", "marketing-education-leader", "organic-traffic"
        )
        assert app.objective_tree.select_ref(ref)
        await until(pilot, lambda: app.editor.current == ref, "the key result in the editor")
        field = app.query_one("#view-key-result #answer-measurable")
        preview = app.query_one("#view-key-result .smart-preview", Static)
        field.focus()
        await pilot.pause()
        assert not preview.has_class("-shown")  # an English answer needs no preview
        await pilot.press("end", " ", *TYPED)
        await until(pilot, lambda: preview.has_class("-shown"), "the preview")
        drawn = "".join(s.text for s in preview.render_lines(preview.region.reset_offset))
        assert visual(TYPED) in drawn
        app.objective_tree.focus()
        await until(pilot, lambda: not preview.has_class("-shown"), "the preview to go")
