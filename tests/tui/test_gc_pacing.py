"""Python's full garbage collections run between keys, never in the middle of a walk."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from okrtui.tui import gc_pacing
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from tests.tui.conftest import editor_ready, until

LEADER = "marketing-education-leader"


async def test_full_collections_wait_until_the_keys_stop(
    make_app,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(gc_pacing, "QUIET", 2.0)  # longer than any gap below, on a slow machine
    before = gc.get_threshold()
    full: list[int] = []

    def seen(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(info["generation"])

    app: OkrApp = make_app()
    gc.callbacks.append(seen)
    try:
        async with app.run_test(size=(100, 40)) as pilot:
            await editor_ready(pilot)
            await until(pilot, lambda: app.gc_pacer.active, "the pacer to take over")
            assert gc.get_threshold()[2] == gc_pacing.NEVER  # Python starts none itself
            tree = app.objective_tree
            assert tree.select_ref(NodeRef(NodeKind.OBJECTIVE, "2026-Q4", LEADER))
            await until(pilot, lambda: app.gc_pacer._timer is None, "the first quiet moment")
            full.clear()
            ran = app.gc_pacer.collections
            await pilot.press("l", *"jjjkkkjjj")  # keys in a row: nothing collected yet
            for _ in range(gc.get_threshold()[1] * 2):
                gc.collect(1)  # twice what makes Python start a full one by itself
            assert gc.get_count()[2] < gc_pacing.MAX_PENDING  # (not the held-key case)
            assert full == [] and app.gc_pacer.collections == ran
            await until(pilot, lambda: app.gc_pacer.collections > ran, "the quiet collection")
            assert full  # a full one, once the keys stopped
    finally:
        gc.callbacks.remove(seen)
    assert gc.get_threshold() == before  # given back when the app ends
    assert gc.get_freeze_count() == 0  # and what it froze can be collected again


async def test_a_long_held_key_still_gets_its_collection(
    make_app,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(gc_pacing, "QUIET", 60.0)  # no quiet moment comes in this test
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        await until(pilot, lambda: app.gc_pacer.active, "the pacer to take over")
        ran = app.gc_pacer.collections
        for _ in range(gc_pacing.MAX_PENDING):
            gc.collect(1)  # as a key held for long piles them up, with no quiet moment
        await pilot.press("j")
        assert app.gc_pacer.collections == ran + 1  # before that key, not later


async def test_keys_in_a_row_keep_one_timer(
    make_app,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each key moves the quiet moment on; it does not make (and cancel) a timer of its own."""
    monkeypatch.setattr(gc_pacing, "QUIET", 60.0)
    app: OkrApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await editor_ready(pilot)
        await until(pilot, lambda: app.gc_pacer.active, "the pacer to take over")
        await pilot.press("j")
        timer = app.gc_pacer._timer
        assert timer is not None
        await pilot.press(*"jjkkjjkk")
        assert app.gc_pacer._timer is timer
