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
def _private_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> dict[str, Path]:
    """Outline caches, edits kept after a crash and settings: folders of the test's own."""
    folders = {}
    for env, name in (
        ("OKRTUI_CACHE_DIR", "outline-cache"),
        ("OKRTUI_RECOVERY_DIR", "recovery"),
        ("OKRTUI_CONFIG_DIR", "config"),  # never the user's own keymap and themes
    ):
        folders[env] = tmp_path_factory.mktemp(name)
        monkeypatch.setenv(env, str(folders[env]))
    return folders


@pytest.fixture
def _private_outline_cache(_private_folders: dict[str, Path]) -> Path:
    return _private_folders["OKRTUI_CACHE_DIR"]


@pytest.fixture
def _private_recovery_folder(_private_folders: dict[str, Path]) -> Path:
    return _private_folders["OKRTUI_RECOVERY_DIR"]


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """An app opened on a Persian workspace switches the UI language: undo it."""
    yield
    set_language("en")
