"""The polling watcher sees writes, additions and deletions made by others."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from okrtui.store.watch import WorkspaceChanges, WorkspaceWatcher
from tests.git.conftest import new_workspace, objective_path


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
