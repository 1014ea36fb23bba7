"""The app over a lazily opened workspace: first frame from outlines, the rest read after."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rich.console import RenderableType
from textual.screen import Screen

from okrtui.store import WorkspaceStore
from okrtui.store.outline import cache_file, read_outlines
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from tests.tui.conftest import TODAY, editor_ready, until


def _warm(root: Path) -> None:
    store = WorkspaceStore.open(root, lazy=True)
    store.load_all()
    assert store.remember_outlines()


def _fill(root: Path, count: int, broken_last: bool = False) -> None:
    """`count` small objectives in a collapsed cycle, so reading them takes several steps."""
    folder = root / "objectives" / "2026-Q1"
    folder.mkdir(exist_ok=True)
    for i in range(count):
        text = f'id = "filler-{i:03d}"\ntitle = "Filler {i}"\ncycle = "2026-Q1"\n'
        if broken_last and i == count - 1:
            text += '\n[[key_results]]\nid = "k"\ntitle = "K"\nweight = "heavy"\n'
        (folder / f"filler-{i:03d}.toml").write_text(text, encoding="utf-8")


async def _until_read(pilot, app: OkrApp) -> None:  # type: ignore[no-untyped-def]
    await until(pilot, lambda: app.store.fully_loaded, "every file to be read")


def _notices(app: OkrApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def _tree_lines(app: OkrApp) -> list[str]:
    tree = app.objective_tree
    return [str(tree.render_line(y).text).rstrip() for y in range(tree.size.height)]


async def test_lazy_app_shows_what_an_eager_one_shows(sample_workspace: Path) -> None:
    eager = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with eager.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        await pilot.press("l", "j", "l")
        await pilot.pause()
        expected = _tree_lines(eager)
    _warm(sample_workspace)
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    assert not store.fully_loaded
    app = OkrApp(store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        await pilot.press("l", "j", "l")
        await pilot.pause()
        assert store.fully_loaded  # the rest was read just after the first frame
        assert _tree_lines(app) == expected


async def test_the_cache_is_written_once_everything_is_read(sample_workspace: Path) -> None:
    root = sample_workspace.resolve()
    path = cache_file(root)
    assert path is not None
    assert not path.exists()
    app = OkrApp(WorkspaceStore.open(sample_workspace, lazy=True), today=TODAY)
    async with app.run_test() as pilot:
        await editor_ready(pilot)
    assert len(read_outlines(root)) == len(app.store.objectives) > 0


async def test_a_file_that_broke_behind_the_cache_shows_in_the_tree(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    store = WorkspaceStore.open(sample_workspace)
    last = list(store.objectives)[-1]  # below the lines the first frame reads
    path = store.files[last].path
    stat = path.stat()
    broken = path.read_bytes().replace(b"title", b"t!tle", 1)  # same size
    path.write_bytes(broken)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    app = OkrApp(WorkspaceStore.open(sample_workspace, lazy=True), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        assert app.store.fully_loaded
        assert path in app.store.broken
        assert app.objective_tree.select_ref(NodeRef(NodeKind.PROBLEMS))
        assert not app.objective_tree.select_ref(NodeRef(NodeKind.OBJECTIVE, "", last))
    assert path.read_bytes() == broken  # never written


async def test_quitting_at_the_first_frame_is_clean(sample_workspace: Path) -> None:
    class QuitAtOnce(OkrApp):
        painted = False

        def _display(self, screen: Screen[object], renderable: RenderableType | None) -> None:
            if renderable is not None and not self.painted:
                self.painted = True
                self.exit()
            super()._display(screen, renderable)

    app = QuitAtOnce(WorkspaceStore.open(sample_workspace, lazy=True), today=TODAY)
    async with app.run_test() as pilot:
        await pilot.pause()
    assert app.painted
    assert app.return_code == 0


async def test_reload_from_disk_while_files_are_unread_reloads_nothing(
    sample_workspace: Path,
) -> None:
    extra = sample_workspace / "objectives" / "2026-Q1"
    extra.mkdir()
    for i in range(400):  # enough that reading the rest takes several steps
        (extra / f"filler-{i:03d}.toml").write_text(
            f'id = "filler-{i:03d}"\ntitle = "Filler {i}"\ncycle = "2026-Q1"\n',
            encoding="utf-8",
        )
    _warm(sample_workspace)
    app = OkrApp(WorkspaceStore.open(sample_workspace, lazy=True), today=TODAY)
    notes: list[str] = []
    async with app.run_test() as pilot:
        original = app.notify

        def notify(message: str, **kwargs: object) -> None:
            notes.append(message)
            original(message, **kwargs)  # type: ignore[arg-type]

        app.notify = notify  # type: ignore[method-assign]
        assert app.store.objectives.deferred
        app.action_reload_from_disk()
        await until(pilot, lambda: notes, "a notice")
        await editor_ready(pilot)
    assert notes
    assert not any("Reloaded" in n for n in notes), notes


async def test_q_pressed_before_the_editor_is_built_still_quits(sample_workspace: Path) -> None:
    app = OkrApp(WorkspaceStore.open(sample_workspace, lazy=True), today=TODAY)
    async with app.run_test() as pilot:
        await pilot.press("q")
        for _attempt in range(100):
            if app.return_code is not None:
                break
            await pilot.pause(0.02)
    assert app.return_code == 0


async def test_a_file_broken_below_its_head_is_reported_once_read(sample_workspace: Path) -> None:
    store = WorkspaceStore.open(sample_workspace)
    path = store.files[list(store.objectives)[-1]].path
    path.write_text(path.read_text(encoding="utf-8") + "\n[oops\n", encoding="utf-8")
    app = OkrApp(WorkspaceStore.open(sample_workspace, lazy=True), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        assert not app.store.broken  # its head read fine: the first frame shows it
        await editor_ready(pilot)
        await _until_read(pilot, app)
        assert path in app.store.broken
        assert app.objective_tree.select_ref(NodeRef(NodeKind.PROBLEMS))
        assert any("did not load" in m for m in _notices(app))
    assert path.read_text(encoding="utf-8").endswith("[oops\n")  # never written


async def test_collection_paused_for_the_start_resumes_after_it(sample_workspace: Path) -> None:
    import gc

    gc.disable()  # as `okrtui WORKSPACE` does (cli.open_command)
    try:
        app = OkrApp(WorkspaceStore.open(sample_workspace, lazy=True), today=TODAY)
        async with app.run_test() as pilot:
            await editor_ready(pilot)
            await until(pilot, gc.isenabled, "the garbage collector to be enabled again")
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


async def test_one_notice_counts_every_broken_file(sample_workspace: Path) -> None:
    store = WorkspaceStore.open(sample_workspace)
    ids = list(store.objectives)
    first, last = store.files[ids[0]].path, store.files[ids[-1]].path
    first.write_text("id = \n" + first.read_text(encoding="utf-8"), encoding="utf-8")  # head
    last.write_text(last.read_text(encoding="utf-8") + "\n[oops\n", encoding="utf-8")  # below
    app = OkrApp(WorkspaceStore.open(sample_workspace, lazy=True), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        await _until_read(pilot, app)
        notices = [m for m in _notices(app) if "did not load" in m]
    assert notices == [
        "1 file did not load; see the ⚠ entry in the tree.",
        "1 more file did not load once read; see the ⚠ entry in the tree.",
    ]


async def test_the_later_count_leaves_other_notices_alone(sample_workspace: Path) -> None:
    first = next((sample_workspace / "objectives").rglob("*.toml"))
    first.write_text("id = \n" + first.read_text(encoding="utf-8"), encoding="utf-8")
    _fill(sample_workspace, 600, broken_last=True)
    app = OkrApp(WorkspaceStore.open(sample_workspace, lazy=True), today=TODAY)
    async with app.run_test() as pilot:
        assert app.store.objectives.deferred
        app.action_add_key_result()  # on a cycle: a warning of the user's own
        await pilot.pause()
        assert any("Select an objective" in m for m in _notices(app))
        await _until_read(pilot, app)
        assert any("Select an objective" in m for m in _notices(app))
        assert any("1 more file did not load" in m for m in _notices(app))
        await editor_ready(pilot)


async def test_a_file_found_broken_is_announced_even_after_a_rebuild(
    sample_workspace: Path,
) -> None:
    _fill(sample_workspace, 600, broken_last=True)
    app = OkrApp(WorkspaceStore.open(sample_workspace, lazy=True), today=TODAY)
    async with app.run_test() as pilot:
        assert not app.store.broken
        app.store.objectives.get("filler-599")  # read early (as a key would), not by the steps
        assert app.store.broken
        app.objective_tree.rebuild()  # as `n`, a delete or a filter would
        await _until_read(pilot, app)
        assert any("did not load" in m for m in _notices(app))
        await editor_ready(pilot)


async def test_the_first_frame_draws_titles_and_the_next_their_figures(
    sample_workspace: Path,
) -> None:
    eager = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with eager.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        with_figures = _tree_lines(eager)
    _warm(sample_workspace)
    app = OkrApp(WorkspaceStore.open(sample_workspace, lazy=True), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await _until_read(pilot, app)
        tree = app.objective_tree
        assert not tree.titles_first  # ended just after the first frame
        assert _tree_lines(app) == with_figures
    # what that first frame held: titles alone, no file read for them
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    app = OkrApp(store, today=TODAY)
    app.call_after_refresh = lambda *_a, **_k: True  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.objective_tree
        assert tree.titles_first
        titles = _tree_lines(app)
        assert store.objectives.deferred == len(store.objectives)  # nothing read
        assert titles != with_figures
        shown = [o.title[:20] for o in store.outlines() if o.cycle == "2026-Q4" and not o.parent]
        assert shown
        for title in shown:
            assert any(title in line for line in titles), titles
        tree.show_figures()
        await pilot.pause()
        assert store.objectives.deferred < len(store.objectives)  # those on screen were read
        lines = _tree_lines(app)
        for title in shown:  # their lines now as the eager app draws them
            assert [x for x in lines if title in x] == [x for x in with_figures if title in x]
            assert [x for x in lines if title in x] != [x for x in titles if title in x]


async def test_a_file_changed_behind_the_cache_is_corrected_before_it_is_read(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`okrtui` believes the outline cache for its first frame (`verify_later`); right
    after it, every stamp is checked and the tree follows the files that changed, long
    before the read-ahead gets to them."""
    import okrtui.tui.app as app_module

    _fill(sample_workspace, 300)
    _warm(sample_workspace)
    path = sample_workspace / "objectives" / "2026-Q1" / "filler-299.toml"  # read last of them
    path.write_text(path.read_text(encoding="utf-8").replace("Filler 299", "Renamed"), "utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    monkeypatch.setattr(app_module, "WARM_UP_BATCH", 1)  # a file a step: the check comes first
    monkeypatch.setattr(app_module, "WARM_UP_PAUSE", 0.01)
    store = WorkspaceStore.open(sample_workspace, lazy=True, verify_later=True)
    outline = store.outline("filler-299")
    assert outline is not None
    assert outline.title == "Filler 299"  # believed for the first frame
    app = OkrApp(store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        tree = app.objective_tree
        await until(
            pilot,
            lambda: tree._outlines["filler-299"].title == "Renamed",
            "the tree to follow the changed file",
        )
        assert store.objectives.deferred_path("filler-299") is not None  # not read yet
        assert tree.select_ref(NodeRef(NodeKind.OBJECTIVE, "2026-Q1", "filler-299"))
        await pilot.pause()
        assert any("Renamed" in line for line in _tree_lines(app))
        await editor_ready(pilot)


async def test_the_reading_after_the_first_frame_waits_while_keys_come(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys in a row never wait for the read-ahead (issue 9): it goes on only once no key
    has come for `KEYS_QUIET` seconds, and then in steps of `WARM_UP_STEP` seconds."""
    import okrtui.tui.app as app_module

    _fill(sample_workspace, 300)
    _warm(sample_workspace)
    monkeypatch.setattr(app_module, "WARM_UP_STEP", 0.0)  # a file a step: it takes a while
    monkeypatch.setattr(app_module, "KEYS_QUIET", 3.0)  # longer than any stall of a busy CI
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    app = OkrApp(store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j")
        left = store.objectives.deferred
        assert left > 250
        for key in "jkjkjkjkjkjkjkjkjkjk":  # the fillers are in a folded cycle: none is shown
            await pilot.press(key)
            await pilot.pause(0.02)
        assert store.objectives.deferred == left  # without the pause: a file every few ms
        await _until_read(pilot, app)  # once the keys stopped


async def test_a_big_cycle_adds_its_first_screens_for_the_first_frame_and_the_rest_after(
    sample_workspace: Path,
) -> None:
    """The first frame adds the first `FIRST_LINES` objectives of the open cycle (5,000 at
    10,000 cost tens of ms); the rest come right after it, or before any key is handled."""
    from okrtui.tui.widgets.objective_tree import FIRST_LINES

    folder = sample_workspace / "objectives" / "2026-Q4"
    for i in range(FIRST_LINES + 30):
        text = f'id = "big-{i:03d}"\ntitle = "Big {i:03d}"\ncycle = "2026-Q4"\n'
        (folder / f"big-{i:03d}.toml").write_text(text, encoding="utf-8")
    cycle = NodeRef(NodeKind.CYCLE, cycle="2026-Q4")

    def rows(app: OkrApp) -> list[NodeRef | None]:
        return [node.data for node in app.objective_tree._ref_nodes[cycle].children]

    eager = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with eager.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        expected = rows(eager)
    assert len(expected) > FIRST_LINES + 30
    for then in ("show_figures", "key"):
        app = OkrApp(WorkspaceStore.open(sample_workspace, lazy=True), today=TODAY)
        app.call_after_refresh = lambda *_a, **_k: True  # type: ignore[method-assign]
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            tree = app.objective_tree
            assert rows(app) == expected[:FIRST_LINES]  # what the first frame holds
            if then == "show_figures":  # just after the first frame
                tree.show_figures()
            else:  # a key pressed before that sees every line
                await pilot.press("k")
            assert rows(app) == expected
            assert tree.last_line == len(expected) + 1  # lines counted: 2 cycles + those - 1
