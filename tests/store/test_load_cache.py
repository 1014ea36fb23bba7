"""The load cache makes opening faster, never different."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from okrtui.store import ConflictError, WorkspaceStore
from okrtui.store.load_cache import LoadCache, file_stamp

EMAIL = "objectives/2026-Q4/email-ctr.toml"


def test_second_open_comes_from_the_cache_and_is_equal(sample_workspace: Path) -> None:
    first = WorkspaceStore.open(sample_workspace)
    cache = LoadCache.for_workspace(sample_workspace.resolve())
    paths = sorted(first.objective_paths())
    assert paths and all(cache.get(p, file_stamp(p)) is not None for p in paths)
    second = WorkspaceStore.open(sample_workspace)
    assert second.objectives == first.objectives
    assert {k: v.digest for k, v in second.files.items()} == {
        k: v.digest for k, v in first.files.items()
    }


def test_a_file_rewritten_with_the_same_size_and_mtime_is_read_again(
    sample_workspace: Path,
) -> None:
    WorkspaceStore.open(sample_workspace)
    path = sample_workspace / EMAIL
    before = path.stat()
    text = path.read_text()
    changed = text.replace("Raise email click-through", "Lift email click-through ")
    assert len(changed) == len(text)
    path.write_text(changed)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    store = WorkspaceStore.open(sample_workspace)
    assert store.objectives["email-ctr"].title.startswith("Lift email")


def test_a_corrupt_cache_is_ignored(sample_workspace: Path) -> None:
    WorkspaceStore.open(sample_workspace)
    cache_file = LoadCache.for_workspace(sample_workspace.resolve()).path
    assert cache_file is not None and cache_file.exists()
    cache_file.write_bytes(b"not a pickle")
    store = WorkspaceStore.open(sample_workspace)
    assert store.errors == [] and "email-ctr" in store.objectives


def test_broken_files_are_not_cached(sample_workspace: Path) -> None:
    path = sample_workspace / EMAIL
    path.write_text('id = "email-ctr"\ntitle = \n')
    WorkspaceStore.open(sample_workspace)
    cache = LoadCache.for_workspace(sample_workspace.resolve())
    assert cache.get(path, file_stamp(path)) is None
    assert path in WorkspaceStore.open(sample_workspace).broken


def test_cached_digest_still_guards_against_overwriting(sample_workspace: Path) -> None:
    WorkspaceStore.open(sample_workspace)
    path = sample_workspace / EMAIL
    cache = LoadCache.for_workspace(sample_workspace.resolve())
    assert cache.get(path.resolve(), file_stamp(path)) is not None  # the next open is a hit
    store = WorkspaceStore.open(sample_workspace)
    objective = store.objectives["email-ctr"]
    objective.owner = "Sara"
    assert store.save_objective(objective)  # the cached digest matches the file: saving works
    path.write_text(path.read_text() + "\n# edited elsewhere\n")
    objective.owner = "Reza"
    with pytest.raises(ConflictError):
        store.save_objective(objective)
    assert path.read_text().endswith("# edited elsewhere\n")


def test_cache_can_be_turned_off(sample_workspace: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("OKRTUI_NO_CACHE", "1")
    WorkspaceStore.open(sample_workspace)
    assert LoadCache.for_workspace(sample_workspace.resolve()).path is None
    monkeypatch.delenv("OKRTUI_NO_CACHE")
    cache = LoadCache.for_workspace(sample_workspace.resolve())
    assert cache.path is not None and not cache.path.exists()
