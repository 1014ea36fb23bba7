"""A lazy open reads only files whose cached outline no longer matches; the rest on demand."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from okrtui.store import WorkspaceStore
from okrtui.store.outline import Outline, cache_file


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def _warm(root: Path) -> None:
    """Open once and write the outline cache, as the app does after its first frame."""
    store = WorkspaceStore.open(root, lazy=True)
    store.load_all()
    assert store.remember_outlines()


def test_first_lazy_open_reads_everything(sample_workspace: Path) -> None:
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    assert store.fully_loaded
    assert store.objectives.deferred == 0


def test_second_open_defers_every_unchanged_file(sample_workspace: Path) -> None:
    eager = WorkspaceStore.open(sample_workspace)
    _warm(sample_workspace)
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    assert store.objectives.deferred == len(eager.objectives) > 0
    assert store.files == {}  # nothing read yet
    assert list(store.objectives) == list(eager.objectives)
    assert store.outlines() == [Outline.of(o) for o in eager.objectives.values()]
    assert store.objectives.deferred == len(eager.objectives)  # outlines read no file
    assert list(store.objectives.values()) == list(eager.objectives.values())
    assert store.fully_loaded
    assert {k: v.digest for k, v in store.files.items()} == {
        k: v.digest for k, v in eager.files.items()
    }


def test_one_lookup_reads_one_file(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    first = next(iter(store.objectives))
    before = store.objectives.deferred
    assert store.objectives.get(first) is not None
    assert store.objectives.deferred == before - 1
    assert set(store.files) == {first}


def test_a_changed_file_is_read_at_once(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    path = next((sample_workspace / "objectives").rglob("*.toml"))
    text = path.read_text(encoding="utf-8")
    old = WorkspaceStore.open(sample_workspace).objectives[path.stem].title
    path.write_text(text.replace(old, old + " (renamed)", 1), encoding="utf-8")
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    assert store.objectives.peek(path.stem) is not None  # read during the open
    outline = store.outline(path.stem)
    assert outline is not None
    assert outline.title == old + " (renamed)"


def test_same_size_but_newer_file_is_read_at_once(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    path = next((sample_workspace / "objectives").rglob("*.toml"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    assert store.objectives.peek(path.stem) is not None


def test_a_deferred_file_that_broke_is_listed_and_never_written(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    path = next((sample_workspace / "objectives").rglob("*.toml"))
    stat = path.stat()
    data = path.read_bytes()
    broken = data.replace(b"title", b"t!tle", 1)  # same size, no longer loads
    path.write_bytes(broken)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same stamp as cached
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    assert path.stem in store.objectives  # still deferred: it looked unchanged
    assert store.objectives.get(path.stem) is None
    assert path.stem not in store.objectives
    assert path in store.broken
    assert store.errors
    assert path.read_bytes() == broken


def test_new_file_with_a_deferred_id_is_a_duplicate(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    path = next((sample_workspace / "objectives").rglob("*.toml"))
    other = sample_workspace / "objectives" / "zz-other-cycle" / path.name
    other.parent.mkdir()
    shutil.copy(path, other)
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    assert other in store.broken
    message = store.broken[other][0].message
    assert "duplicate" in message
    assert path.relative_to(sample_workspace).as_posix() in message.replace(os.sep, "/")


def test_saving_in_a_lazy_store_writes_only_that_file(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    first = next(iter(store.objectives))
    objective = store.objectives[first].model_copy(update={"title": "A renamed objective"})
    before = {p: p.read_bytes() for p in _files(sample_workspace)}
    assert store.save_objective(objective)
    changed = {p for p in _files(sample_workspace) if before.get(p) != p.read_bytes()}
    assert changed == {store.files[first].path}
    assert WorkspaceStore.open(sample_workspace).objectives[first].title == "A renamed objective"


def test_cache_is_kept_outside_the_workspace(sample_workspace: Path) -> None:
    before = _files(sample_workspace)
    _warm(sample_workspace)
    assert _files(sample_workspace) == before
    path = cache_file(sample_workspace.resolve())
    assert path is not None
    assert path.is_file()
    assert sample_workspace.resolve() not in path.parents


def test_empty_cache_setting_turns_caching_off(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OKRTUI_CACHE_DIR", "")
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    assert not store.remember_outlines()
    assert WorkspaceStore.open(sample_workspace, lazy=True).fully_loaded


@pytest.mark.parametrize(
    "junk",
    [
        b"",
        b"{not json",
        b'{"format": 1}',
        b"[1, 2]",
        b'{"format":1,"okrtui":"0.1.0","root":"x","files":{"a":[1]}}',
    ],
)
def test_an_unusable_cache_is_ignored(sample_workspace: Path, junk: bytes) -> None:
    _warm(sample_workspace)
    path = cache_file(sample_workspace.resolve())
    assert path is not None
    path.write_bytes(junk)
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    assert store.fully_loaded
    assert not store.errors


def test_a_cache_row_with_wrong_types_is_ignored(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    path = cache_file(sample_workspace.resolve())
    assert path is not None
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"', "'", 0).replace(",null,", ",7,", 1), encoding="utf-8")
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    assert store.fully_loaded


def test_a_snapshot_reads_everything_and_shares_no_container(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    snapshot = store.snapshot()
    assert store.fully_loaded
    assert snapshot.fully_loaded
    assert list(snapshot.objectives.values()) == list(store.objectives.values())
    first = next(iter(store.objectives))
    del snapshot.objectives[first]
    snapshot.files.clear()
    assert first in store.objectives
    assert store.files


def test_a_deferred_file_deleted_before_it_is_read_is_just_gone(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    oid = next(iter(store.objectives))
    path = sample_workspace / "objectives"
    path = next(p for p in path.rglob(f"{oid}.toml"))
    path.unlink()  # e.g. `git rm` in another terminal during the first second
    assert store.objectives.get(oid) is None
    assert oid not in store.objectives
    assert store.broken == {}
    assert store.errors == []


def test_a_duplicate_of_a_deferred_file_that_broke_wins_as_it_does_eagerly(
    sample_workspace: Path,
) -> None:
    first = next((sample_workspace / "objectives").rglob("*.toml"))
    _warm(sample_workspace)
    stat = first.stat()
    broken = first.read_bytes().replace(b"title", b"t!tle", 1)  # same size, no longer loads
    first.write_bytes(broken)
    os.utime(first, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    rival = sample_workspace / "objectives" / "zz-later" / first.name
    rival.parent.mkdir()
    shutil.copy(first, rival)
    rival.write_bytes(broken.replace(b"t!tle", b"title", 1))  # a valid copy, read eagerly

    def outcome(store: WorkspaceStore) -> tuple[str | None, list[Path]]:
        found = store.objectives.get(first.stem)
        return (found.title if found else None), sorted(store.broken)

    eager = outcome(WorkspaceStore.open(sample_workspace))
    assert eager[1] == [first]
    assert outcome(WorkspaceStore.open(sample_workspace, lazy=True)) == eager


def test_the_cache_holds_what_the_file_says_not_an_unsaved_edit(sample_workspace: Path) -> None:
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    oid = next(iter(store.objectives))
    on_disk = store.objectives[oid].title
    store.objectives[oid].title = "An edit not saved yet"
    assert store.remember_outlines()
    again = WorkspaceStore.open(sample_workspace, lazy=True)
    outline = again.outline(oid)
    assert outline is not None
    assert outline.title == on_disk
