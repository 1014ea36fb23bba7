"""Fixtures for the store tests: real workspaces and real git repositories in tmp_path."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from okrtui.store import WorkspaceStore


def git(repo: Path, *args: str) -> str:
    """Run git in `repo` with a fixed identity; return its output."""
    result = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` (hidden ones too) by its relative path, with its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


@pytest.fixture
def canonical_workspace(sample_workspace: Path) -> Path:
    """The sample workspace with every file saved once in canonical form."""
    store = WorkspaceStore.open(sample_workspace)
    assert store.errors == []
    store.save_all()
    store.save_settings(store.settings)
    return sample_workspace


@pytest.fixture
def committed_workspace(canonical_workspace: Path) -> Path:
    """The canonical sample workspace, committed to a fresh git repository."""
    git(canonical_workspace, "init", "-q")
    git(canonical_workspace, "add", "-A")
    git(canonical_workspace, "commit", "-q", "-m", "sample")
    return canonical_workspace


def numstat(repo: Path) -> list[tuple[int, int, str]]:
    """`git diff --numstat` of the work tree against HEAD, new files included."""
    git(repo, "add", "-A", "--intent-to-add")
    rows = []
    for line in git(repo, "diff", "--numstat").splitlines():
        added, deleted, path = line.split("\t")
        rows.append((int(added), int(deleted), path))
    return rows
