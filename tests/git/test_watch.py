"""The watcher sees writes, additions and deletions made by others: by events and by polling."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from okrtui.store.watch import (
    NETWORK_FILE_SYSTEMS,
    EventBatch,
    WatchMode,
    WorkspaceChanges,
    WorkspaceWatcher,
    choose_mode,
    file_system_type,
    git_dir,
    watch_batches,
)
from tests.git.conftest import git, new_workspace, objective_path


def test_reports_an_external_write_add_and_delete(tmp_path: Path) -> None:
    root = new_workspace(tmp_path / "ws")
    watcher = WorkspaceWatcher(root)
    assert watcher.poll() == WorkspaceChanges()

    existing = objective_path(root)
    existing.write_text(existing.read_text() + "# a teammate's edit\n")
    added = root / "objectives" / "2026-Q1" / "new-goal.toml"
    added.parent.mkdir(parents=True)
    added.write_text('id = "new-goal"\n')
    changes = watcher.poll()
    assert changes.modified == (existing.resolve(),)
    assert changes.added == (added.resolve(),)
    assert changes.removed == ()

    added.unlink()
    assert watcher.poll() == WorkspaceChanges(removed=(added.resolve(),))
    assert not watcher.poll()


def test_settings_file_is_watched(tmp_path: Path) -> None:
    root = new_workspace(tmp_path / "ws")
    watcher = WorkspaceWatcher(root)
    settings = root / "okrtui.toml"
    settings.write_text(settings.read_text().replace("Marketing", "Growth"))
    assert watcher.poll().modified == (settings.resolve(),)


def test_same_bytes_rewritten_and_temp_files_are_not_changes(tmp_path: Path) -> None:
    root = new_workspace(tmp_path / "ws")
    watcher = WorkspaceWatcher(root)
    path = objective_path(root)
    data = path.read_bytes()
    later = path.stat().st_mtime_ns + 5_000_000_000
    path.write_bytes(data)
    os.utime(path, ns=(later, later))  # touched, same content
    (path.parent / ".education-leader.toml.x1.tmp").write_text("half a file")
    (root / "objectives" / ".git").mkdir()
    (root / "objectives" / ".git" / "x.toml").write_text("")
    (path.parent / "notes.txt").write_text("not an objective")
    assert not watcher.poll()


def test_acknowledge_hides_the_apps_own_save(tmp_path: Path) -> None:
    root = new_workspace(tmp_path / "ws")
    watcher = WorkspaceWatcher(root)
    path = objective_path(root)
    path.write_text(path.read_text().replace("Sara", "Mina"))
    watcher.acknowledge(path)
    assert not watcher.poll()
    assert watcher.digest(path) == hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------------- real file system events
class _Collect:
    """Runs `watch_batches` in a thread and keeps what it yields."""

    def __init__(self, root: Path, mode: WatchMode, git: Path | None = None) -> None:
        self.stop = threading.Event()
        self.batches: list[EventBatch] = []
        self.thread = threading.Thread(
            target=lambda: self.batches.extend(watch_batches(root, mode, self.stop, git=git))
        )
        self.thread.start()
        self._until_watching(root)

    def _until_watching(self, root: Path, seconds: float = 30) -> None:
        """Touch okrtui.toml until a batch names it: the watch is set up (however loaded
        the machine), then forget that batch so a test sees only its own changes."""
        settings = root / "okrtui.toml"
        text = settings.read_bytes()
        deadline = time.monotonic() + seconds
        while not any(settings in b.paths for b in self.batches):
            assert time.monotonic() < deadline, "the watch never started"
            settings.write_bytes(text)
            time.sleep(0.2)
        settled = len(self.batches)
        while True:  # until a second passes with no batch: the touches are all reported
            time.sleep(1.0)
            if len(self.batches) == settled:
                break
            settled = len(self.batches)
        self.batches.clear()

    def wait(self, condition: Callable[[], bool], seconds: float = 10) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            assert time.monotonic() < deadline, f"no such batch: {self.batches}"
            time.sleep(0.05)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        assert not self.thread.is_alive()


@pytest.mark.parametrize("mode", [WatchMode.EVENTS, WatchMode.POLL])
def test_events_name_written_added_and_deleted_files(tmp_path: Path, mode: WatchMode) -> None:
    root = new_workspace(tmp_path / "ws").resolve()
    watcher = WorkspaceWatcher(root)
    seen = _Collect(root, mode)
    try:
        existing = objective_path(root)
        existing.write_text(existing.read_text() + "# a teammate's edit\n")
        (existing.parent / ".tmp-of-an-editor.toml").write_text("ignored")
        seen.wait(lambda: any(existing in b.paths for b in seen.batches))
        assert watcher.refresh(existing for b in seen.batches for existing in b.paths) == (
            WorkspaceChanges(modified=(existing,))
        )
        assert all(not p.name.startswith(".") for b in seen.batches for p in b.paths)

        seen.batches.clear()
        added = existing.parent / "new-goal.toml"
        added.write_text('id = "new-goal"\n')
        existing.unlink()
        seen.wait(lambda: {added, existing} <= {p for b in seen.batches for p in b.paths})
        changes = watcher.refresh(p for b in seen.batches for p in b.paths)
        assert changes == WorkspaceChanges(added=(added,), removed=(existing,))
    finally:
        seen.close()


def test_a_burst_of_writes_is_one_batch(tmp_path: Path) -> None:
    root = new_workspace(tmp_path / "ws").resolve()
    folder = objective_path(root).parent
    seen = _Collect(root, WatchMode.EVENTS)
    try:
        written = []
        for i in range(1000):
            path = folder / f"goal-{i}.toml"
            path.write_text(f'id = "goal-{i}"\n')
            written.append(path)
        seen.wait(lambda: set(written) <= {p for b in seen.batches for p in b.paths})
        time.sleep(0.5)  # nothing more comes
        assert len(seen.batches) == 1
    finally:
        seen.close()


def test_a_folder_renamed_in_is_looked_at_whole(tmp_path: Path) -> None:
    root = new_workspace(tmp_path / "ws").resolve()
    watcher = WorkspaceWatcher(root)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "moved-goal.toml").write_text('id = "moved-goal"\n')
    target = root / "objectives" / "2027-Q1"
    outside.rename(target)  # one event for the folder, none for the file in it
    assert watcher.refresh([target]).added == (target / "moved-goal.toml",)
    target.rename(outside)
    assert watcher.refresh([target]).removed == (target / "moved-goal.toml",)


def test_git_state_changes_are_reported(repo_workspace: Path) -> None:
    root = repo_workspace.resolve()
    seen = _Collect(root, WatchMode.EVENTS, git=git_dir(root))
    try:
        git(root, "commit", "-q", "--allow-empty", "-m", "nothing")
        seen.wait(lambda: any(b.git for b in seen.batches))
    finally:
        seen.close()


def test_the_mode_is_chosen_and_can_be_forced(tmp_path: Path) -> None:
    assert choose_mode(tmp_path, {"OKRTUI_WATCH": "poll"}).mode is WatchMode.POLL
    assert choose_mode(tmp_path, {"OKRTUI_WATCH": "events"}).mode is WatchMode.EVENTS
    auto = choose_mode(tmp_path, {})
    assert auto.mode is WatchMode.EVENTS  # the test folder is on a local disk
    assert "events" in auto.describe()
    assert file_system_type(tmp_path) not in NETWORK_FILE_SYSTEMS


def test_changes_merge_in_order() -> None:
    a, b, c = Path("/w/a.toml"), Path("/w/b.toml"), Path("/w/c.toml")
    first = WorkspaceChanges(added=(a,), modified=(b,), removed=(c,))
    later = WorkspaceChanges(added=(c,), modified=(a,), removed=(a, b))
    assert first.then(later) == WorkspaceChanges(modified=(c,), removed=(b,))
