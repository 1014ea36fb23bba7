"""The app lets go of objectives it does not need (`tui.release`), and nothing shows it.

A lazily opened workspace of ~170 real objective files: after the read-ahead and a
walk through the tree only a few objectives stay in memory, unsaved edits stay,
and what needs every objective (archive filter, search, owner filter, a cycle's
average progress) still answers as the same app over an eagerly read store.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from okrtui.model import Objective, SmartCriterion
from okrtui.services.filters import matching_objective_ids, owners
from okrtui.services.health import Health
from okrtui.services.search import search
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.release import known_owners
from okrtui.tui.screens.search import SearchScreen
from okrtui.tui.widgets import smart_pass
from okrtui.tui.widgets.tree_filter import TreeFilter
from tests.tui.conftest import TODAY, editor_ready

COPIES = 40
Q4 = NodeRef(NodeKind.CYCLE, cycle="2026-Q4")


def _grow(root: Path, copies: int = COPIES) -> int:
    """Copies of each sample objective of 2026-Q4 (key results, check-ins and all)."""
    folder = root / "objectives" / "2026-Q4"
    originals = sorted(folder.glob("*.toml"))
    for i in range(copies):
        for path in originals:
            new_id = f"{path.stem}-{i:03d}"
            text = path.read_text("utf-8").replace(f'id = "{path.stem}"', f'id = "{new_id}"', 1)
            (folder / f"{new_id}.toml").write_text(text, "utf-8")
    return len(list(root.glob("objectives/*/*.toml")))


def _alive() -> int:
    """Objective models in memory, whoever holds them."""
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is Objective)


async def _settled(pilot, app: OkrApp) -> None:  # type: ignore[no-untyped-def]
    await editor_ready(pilot)
    for _attempt in range(400):
        if app.store.fully_loaded and app.watch_choice is not None:
            break
        await pilot.pause(0.02)
    await pilot.pause()
    await pilot.pause()


def _lazy_app(root: Path) -> OkrApp:
    return OkrApp(WorkspaceStore.open(root, lazy=True), today=TODAY)


async def test_walking_the_tree_keeps_only_a_few_objectives_in_memory(
    sample_workspace: Path,
) -> None:
    total = _grow(sample_workspace)
    app = _lazy_app(sample_workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settled(pilot, app)
        store = app.store
        assert store.fully_loaded and len(store.objectives) == total > 150
        assert store.objectives.held <= 2, store.objectives
        app.objective_tree.select_ref(Q4)
        app.objective_tree.focus()
        await pilot.press("l")  # open the cycle: 160 objectives under it
        for _step in range(4):
            await pilot.press(*"j" * 25)
            await pilot.pause()
        assert app.objective_tree.cursor_line > 60  # past two screens of objectives
        await pilot.press(*"k" * 30)
        await pilot.pause()
        await pilot.pause()
        assert store.objectives.held <= 2
        # what the editor and its figure cache still hold, never the workspace
        assert _alive() <= 30 < total
        again = store.objectives["email-ctr-020"]  # read again from its file, the same
        assert again == WorkspaceStore.open(sample_workspace).objectives["email-ctr-020"]


async def test_unsaved_edits_are_never_let_go(sample_workspace: Path) -> None:
    _grow(sample_workspace)
    app = _lazy_app(sample_workspace)
    ref = NodeRef(NodeKind.OBJECTIVE, "2026-Q4", "email-ctr-007")
    async with app.run_test(size=(100, 30)) as pilot:
        await _settled(pilot, app)
        assert app.objective_tree.select_ref(ref)
        await pilot.pause()
        title = app.query_one("#view-objective #field-title", Input)
        title.focus()
        await pilot.press("end", *" (edited)", "escape")
        await pilot.pause()
        assert "email-ctr-007" in app.dirty
        app.objective_tree.select_ref(Q4)
        app.objective_tree.focus()
        await pilot.press("l", *"j" * 40)  # elsewhere, reading other files
        await pilot.pause()
        app.releaser.release_now()
        assert app.store.objectives.summary("email-ctr-007") is None  # never released
        assert app.store.objectives.summary("email-ctr-008") is not None  # its neighbour is
        _alive()
        kept = app.store.objectives.peek("email-ctr-007")
        assert kept is not None and kept.title.endswith(" (edited)")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.dirty
    saved = WorkspaceStore.open(sample_workspace).objectives["email-ctr-007"]
    assert saved.title.endswith(" (edited)")


async def test_archive_filter_and_count_after_release(sample_workspace: Path) -> None:
    _grow(sample_workspace, 3)
    app = _lazy_app(sample_workspace)
    done = NodeRef(NodeKind.OBJECTIVE, "2026-Q3", "blog-traffic-q3")
    async with app.run_test(size=(100, 30)) as pilot:
        await _settled(pilot, app)
        store = app.store
        assert store.objectives.summary("blog-traffic-q3") is not None  # let go
        app.objective_tree.rebuild()
        assert not app.objective_tree.select_ref(done)  # done: still hidden
        assert store.objectives.summary("blog-traffic-q3") is not None  # nothing read
        app.objective_tree.focus()
        await pilot.press("A")
        await pilot.pause()
        assert "Archived objectives shown (1)." in [str(n.message) for n in app._notifications]
        assert app.objective_tree.select_ref(done)


def _cycle_text(app: OkrApp) -> str:
    return str(app.query_one("#view-info", Static).render())


async def test_cycle_progress_search_and_owner_filter_as_with_everything_in_memory(
    sample_workspace: Path,
) -> None:
    _grow(sample_workspace, 5)
    seen: dict[str, object] = {}
    for lazy in (False, True):
        store = WorkspaceStore.open(sample_workspace, lazy=lazy)
        app = OkrApp(store, today=TODAY)
        async with app.run_test(size=(100, 30)) as pilot:
            await _settled(pilot, app)
            if lazy:
                assert store.objectives.held <= 2 and store.objectives.released > 20
            app.objective_tree.select_ref(Q4)
            app.objective_tree.focus()
            await pilot.pause()
            cycle_text = _cycle_text(app)
            await pilot.press("slash", *"mina")
            await pilot.pause()
            assert isinstance(app.screen, SearchScreen)
            hits = list(app.screen.hits)
            await pilot.press("escape")
            await pilot.pause()
            if lazy:
                app.releaser.release_now()
                reads = store.objectives.generation
            app.objective_tree.set_filter(TreeFilter(owner="Mina"))
            if lazy:  # summaries and the facts kept on release answer: no file read again
                assert store.objectives.generation == reads
            await pilot.press("l")
            await pilot.pause()
            tree = app.objective_tree
            shown = sorted(repr(ref) for ref in tree._ref_nodes)
            everyone = (known_owners(store), known_owners(store, "2026-Q3"))
            if not lazy:
                assert everyone == (owners(store.objectives.values()), ["Reza"])
            seen[str(lazy)] = (cycle_text, hits, shown, everyone)
            if lazy:
                app.releaser.release_now()
                assert store.objectives.held <= 2  # what the search read is let go again
    assert "average progress" in str(seen["False"])
    assert seen["True"] == seen["False"]


async def test_the_first_search_key_after_release_reads_no_file(sample_workspace: Path) -> None:
    _grow(sample_workspace, 5)
    everything = list(WorkspaceStore.open(sample_workspace).objectives.values())
    app = _lazy_app(sample_workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settled(pilot, app)
        app.releaser.release_now()
        store = app.store
        assert store.objectives.held <= 1 and store.objectives.released > 20
        reads = store.objectives.generation  # moves on with every file read
        await pilot.press("slash", "m")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.hits == search(everything, "m")
        await pilot.press(*"ina")
        await pilot.pause()
        assert app.screen.hits and app.screen.hits == search(everything, "mina")
        assert store.objectives.generation == reads  # no file read: searched in summaries
        assert store.objectives.held <= 1
        await pilot.press("enter")  # jumping to a result reads that one file only
        await pilot.pause()
        assert 0 < store.objectives.generation - reads <= 2


async def test_health_level_and_smart_filters_read_no_file_after_release(
    sample_workspace: Path,
) -> None:
    """The tree's filters answer from outlines, summaries and the facts kept on release
    (`services.filters.FactsCache`): the same objectives as over every file, read again
    only for a SMART filter's first use."""
    _grow(sample_workspace, 5)
    eager = WorkspaceStore.open(sample_workspace)
    everything = list(eager.objectives.values())
    settings = eager.settings
    filters = [
        TreeFilter(healths=frozenset({Health.AT_RISK, Health.OFF_TRACK})),
        TreeFilter(healths=frozenset({Health.OFF_TRACK}), owner="mina"),  # a KR of hers
        TreeFilter(level="team"),
        TreeFilter(cycle="2026-Q3", healths=frozenset({Health.AT_RISK})),
    ]

    def expected(tree_filter: TreeFilter) -> frozenset[str]:
        found = matching_objective_ids(
            [o for o in everything if tree_filter.cycle in (None, o.cycle)],
            settings,
            TODAY,
            owner=tree_filter.owner,
            healths=tree_filter.healths or None,
            level=tree_filter.level,
            smart_failing=tree_filter.smart_failing or None,
        )
        return frozenset(found)

    app = _lazy_app(sample_workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settled(pilot, app)
        app.releaser.release_now()
        store, tree = app.store, app.objective_tree
        assert store.objectives.held <= 1 and store.objectives.released > 20
        assert len(tree.filter_facts) >= store.objectives.released
        for tree_filter in filters:
            reads = store.objectives.generation
            tree.set_filter(tree_filter)
            assert store.objectives.generation == reads, tree_filter  # no file read again
            assert tree._matches.matches == expected(tree_filter), tree_filter
            assert tree._matches.matches  # each filter finds something
        smart = TreeFilter(smart_failing=frozenset({SmartCriterion.ACHIEVABLE}))
        reads = store.objectives.generation
        tree.set_filter(smart)  # worked out once, reading the files
        assert store.objectives.generation > reads
        assert tree._matches.matches == expected(smart)
        app.releaser.release_now()
        reads = store.objectives.generation
        tree.set_filter(TreeFilter())
        tree.set_filter(smart)  # then kept
        assert store.objectives.generation == reads
        assert tree._matches.matches == expected(smart)


async def test_a_big_smart_filter_is_worked_out_in_steps_and_can_be_stopped(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over more objectives than `smart_pass.AT_ONCE` to read, a SMART filter works their
    letters out a few per step, says how far it got, then applies; another filter stops it."""
    _grow(sample_workspace, 5)
    monkeypatch.setattr(smart_pass, "AT_ONCE", 3)
    monkeypatch.setattr(smart_pass, "STEP", 2)
    everything = list(WorkspaceStore.open(sample_workspace).objectives.values())
    letters = frozenset({SmartCriterion.ACHIEVABLE})
    app = _lazy_app(sample_workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settled(pilot, app)
        app.releaser.release_now()
        tree = app.objective_tree
        tree.set_filter(TreeFilter(smart_failing=letters))
        assert tree._smart_pass is not None and tree._smart_pass.running
        assert not tree.tree_filter.smart_failing  # not applied yet
        pending = len(tree._smart_pass.pending)
        assert pending > 20
        assert "SMART: 0% read…" in str(tree.border_title)
        tree.set_filter(TreeFilter(level="team"))  # stops it
        assert tree._smart_pass is None
        await pilot.pause(0.3)
        assert tree.tree_filter == TreeFilter(level="team")
        assert "level: Team" in str(tree.border_title)
        await pilot.press("escape")
        tree.set_filter(TreeFilter(smart_failing=letters))
        assert tree._smart_pass is not None
        tree.focus()
        await pilot.press("escape")  # so does escape, with no filter to clear
        assert tree._smart_pass is None and tree.tree_filter == TreeFilter()
        assert str(tree.border_title) == "Objectives"

        tree.set_filter(TreeFilter(smart_failing=letters))
        titles = set()
        while tree._smart_pass is not None:
            titles.add(str(tree.border_title))
            await pilot.pause(0.01)
        assert len(titles) > 2  # it said how far it got, step by step
        assert tree.tree_filter.smart_failing == letters
        expected = matching_objective_ids(
            everything, app.store.settings, TODAY, smart_failing=letters
        )
        assert tree._matches.matches == frozenset(expected)
        assert "SMART failing: A" in str(tree.border_title)
