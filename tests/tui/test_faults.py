"""Faults while the app is open: one clear message, unsaved edits kept, never a traceback.

Real faults, no mocks: a tmpfs remounted read-only, a tmpfs that fills up
part-way through a write, a workspace folder renamed away, a file replaced by
a folder or by a symbolic link leading outside. Mounting needs root (and the
capability to mount); elsewhere those tests are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.screens.dialogs import QuitScreen
from tests.conftest import SAMPLE
from tests.tui.conftest import TODAY, editor_ready, until

GOAL = "email-ctr"
FILE = f"objectives/2026-Q4/{GOAL}.toml"


def _mount(folder: Path, *options: str) -> None:
    subprocess.run(["mount", *options, str(folder)], check=True, capture_output=True)


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A small tmpfs of our own (64 KiB), unmounted afterwards."""
    folder = tmp_path / "mnt"
    folder.mkdir()
    try:
        _mount(folder, "-t", "tmpfs", "-o", "size=64k", "tmpfs")
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        pytest.skip(f"cannot mount a tmpfs here ({exc}): needs root and CAP_SYS_ADMIN")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True)


def _messages(app: OkrApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def _edit_title(app: OkrApp, pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    objective = app.store.objectives[GOAL]
    assert app.objective_tree.select_ref(NodeRef(NodeKind.OBJECTIVE, objective.cycle, GOAL, None))
    await pilot.pause()
    field = app.query_one("#view-objective #field-title", Input)
    field.focus()
    await pilot.press("end", *text)
    await pilot.pause()
    assert GOAL in app.dirty


async def _quit_without_saving(app: OkrApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("escape", "q")
    await pilot.pause()
    assert isinstance(app.screen, QuitScreen)
    await pilot.press("d")
    await pilot.pause()


def _recovered(app: OkrApp) -> str:
    assert app.recovered_to is not None
    return (app.recovered_to / FILE).read_text()


async def test_a_read_only_workspace_keeps_the_edits(tmpfs: Path) -> None:
    root = Path(shutil.copytree(SAMPLE, tmpfs / "ws"))
    before = (root / FILE).read_bytes()
    app = OkrApp(WorkspaceStore.open(root), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        await _edit_title(app, pilot, " (read-only)")
        _mount(tmpfs, "-o", "remount,ro")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (message,) = _messages(app)[-1:]
        assert message == (
            f"Not saved: {root / FILE}: not saved: cannot write: Read-only file system; "
            "your edits are kept"
        )
        assert GOAL in app.dirty
        assert app.store.objectives[GOAL].title.endswith("(read-only)")
        await _quit_without_saving(app, pilot)
    assert (root / FILE).read_bytes() == before
    assert 'title = "Raise email click-through rate' in _recovered(app)
    assert "(read-only)" in _recovered(app)


async def test_a_disk_that_fills_up_part_way_keeps_the_old_file(tmpfs: Path) -> None:
    root = Path(shutil.copytree(SAMPLE, tmpfs / "ws"))
    before = (root / FILE).read_bytes()
    free = shutil.disk_usage(tmpfs).free
    (tmpfs / "filler").write_bytes(b"x" * max(0, free - 8192))  # leaves about two pages
    app = OkrApp(WorkspaceStore.open(root), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        await _edit_title(app, pilot, "!")
        objective = app.store.objectives[GOAL]
        objective.description = "A long note. " * 2000  # ~26 kB: more than is free
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert _messages(app)[-1].endswith(
            "not saved: cannot write: No space left on device; your edits are kept"
        )
        assert GOAL in app.dirty
        await _quit_without_saving(app, pilot)
    assert (root / FILE).read_bytes() == before  # the old version, whole
    leftovers = [p.name for p in (root / "objectives/2026-Q4").iterdir() if p.name.startswith(".")]
    assert leftovers == []  # the half-written temporary file was removed
    assert "A long note." in _recovered(app)


async def test_a_workspace_folder_renamed_while_open(sample_workspace: Path) -> None:
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    moved = sample_workspace.with_name("moved-away")
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        await _edit_title(app, pilot, " (renamed)")
        sample_workspace.rename(moved)
        await until(
            pilot, lambda: any("folder is gone" in m for m in _messages(app)), "'folder is gone'"
        )
        gone = [m for m in _messages(app) if "folder is gone" in m]
        assert len(gone) == 1
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert _messages(app)[-1] == (
            f"Not saved: {sample_workspace}: not saved: the workspace folder or its "
            "okrtui.toml is gone (deleted or renamed?)"
        )
        assert not sample_workspace.exists()  # no new, partial workspace at the old place
        assert app.store.objectives[GOAL].title.endswith("(renamed)")
        assert not isinstance(app.screen, QuitScreen)
        await _quit_without_saving(app, pilot)
    assert "(renamed)" in _recovered(app)


async def test_a_file_replaced_by_a_folder(sample_workspace: Path) -> None:
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        await _edit_title(app, pilot, " (folder)")
        path = sample_workspace / FILE
        path.unlink()
        path.mkdir()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert _messages(app)[-1] == f"Not saved: {path}: not saved: cannot read: Is a directory"
        assert GOAL in app.dirty
        assert path.is_dir()


async def test_a_file_replaced_by_a_link_leading_outside(
    sample_workspace: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text("do not touch\n")
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        await _edit_title(app, pilot, " (link)")
        path = sample_workspace / FILE
        path.unlink()
        os.symlink(outside, path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert _messages(app)[-1] == (
            f"Not saved: {path}: not saved: the path leads outside the workspace"
        )
        assert GOAL in app.dirty
    assert outside.read_text() == "do not touch\n"


async def test_the_conflict_dialog_never_shows_a_file_outside(
    sample_workspace: Path, tmp_path: Path
) -> None:
    """The watcher sees the file change into a link; the dialog says so, unread."""
    from okrtui.tui.screens.sync_conflict import SyncConflictScreen
    from tests.tui.test_no_escapes_on_screen import screen_text

    outside = tmp_path / "secret.txt"
    outside.write_text("TOP SECRET \x1b]0;pwned\x07\n")
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await editor_ready(pilot)
        await _edit_title(app, pilot, " (mine)")
        path = sample_workspace / FILE
        path.unlink()
        os.symlink(outside, path)
        await until(
            pilot, lambda: isinstance(app.screen, SyncConflictScreen), "the conflict dialog"
        )
        assert isinstance(app.screen, SyncConflictScreen)
        await pilot.press("v")  # view both versions
        await pilot.pause()
        text = screen_text(app)
        assert "symbolic link that leads outside" in text
        assert "TOP SECRET" not in text
        assert GOAL in app.dirty
