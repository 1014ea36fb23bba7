"""Shared fixtures: real workspaces in tmp_path."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from okrtui.i18n import set_language

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE = REPO_ROOT / "sample_workspace"


@pytest.fixture
def sample_workspace(tmp_path: Path) -> Path:
    """A fresh copy of the bundled sample workspace."""
    target = tmp_path / "workspace"
    shutil.copytree(SAMPLE, target)
    return target


@pytest.fixture(autouse=True)
def _private_outline_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Outline caches go to a folder of the test's own, never the user's cache."""
    folder = tmp_path_factory.mktemp("outline-cache")
    monkeypatch.setenv("OKRTUI_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _private_recovery_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Edits kept after a crash go to a folder of the test's own."""
    folder = tmp_path_factory.mktemp("recovery")
    monkeypatch.setenv("OKRTUI_RECOVERY_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """An app opened on a Persian workspace switches the UI language: undo it."""
    yield
    set_language("en")
