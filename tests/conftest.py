"""Shared fixtures: real workspaces in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE = REPO_ROOT / "sample_workspace"


@pytest.fixture
def sample_workspace(tmp_path: Path) -> Path:
    """A fresh copy of the bundled sample workspace."""
    target = tmp_path / "workspace"
    shutil.copytree(SAMPLE, target)
    return target


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test gets its own cache folder, so no test reads another's load cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
