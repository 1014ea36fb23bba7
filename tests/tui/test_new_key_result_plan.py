"""A key result added mid-cycle is planned from the day it was added (Pilot, real keys)."""

from __future__ import annotations

from okrtui.services.health import Health, kr_health
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from tests.tui.conftest import TODAY, editor_ready

LEADER = "marketing-education-leader"


async def test_a_key_result_added_today_is_not_off_track(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        objective = app.store.objectives[LEADER]
        ref = NodeRef(NodeKind.OBJECTIVE, objective.cycle, LEADER, None)
        assert app.objective_tree.select_ref(ref)
        app.objective_tree.focus()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Webinar sign-ups from 0 to 300", "tab")
        # owner, metric, direction, unit, start, target
        await pilot.press(*"Mina", "tab", "tab", "tab", *"sign-ups", "tab", "0", "tab", *"300")
        await pilot.pause()
        kr = objective.key_results[-1]
        assert kr.metric.target == 300
        assert kr.start_date == TODAY
        cycle = app.store.settings.cycle(objective.cycle)
        report = kr_health(kr, cycle, TODAY)
        assert report.health is Health.NO_DATA, report.reason
        assert report.expected == 0.0
        # the same key result judged from the cycle's start is far behind: the bug this fixes
        old_way = kr.model_copy(update={"start_date": None})
        assert kr_health(old_way, cycle, TODAY).health is Health.OFF_TRACK
        status = str(app.editor.query_one("#view-key-result").query_one("KeyResultStatus").render())
        assert "Off track" not in status
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.dirty
    saved = WorkspaceStore.open(app.store.root).objectives[LEADER].key_results[-1]
    assert saved.start_date == TODAY
    text = app.store.files[LEADER].path.read_text()
    assert f"start_date = {TODAY.isoformat()}\ndue" in text or f"start_date = {TODAY}" in text
