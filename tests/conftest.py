"""Shared fixtures: real workspaces in tmp_path."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from okrtui.i18n import request_language, set_language
from okrtui.i18n.bidi_mode import request_bidi
from okrtui.i18n.bidi_mode import reset as bidi_reset

TERMINAL_HINTS = (
    "TERM_PROGRAM",
    "VTE_VERSION",
    "KONSOLE_VERSION",
    "MLTERM",
    "TMUX",
    "STY",
    "WT_SESSION",
    "KITTY_WINDOW_ID",
)
"""What `--bidi auto` reads: the developer's own terminal must not change what tests see."""

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
def _english_after_each_test(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An app opened on a Persian workspace switches the UI language: undo it.

    The developer's own LANG and OKRTUI_BIDI must not change what tests see.
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "OKRTUI_BIDI", "OKRTUI_LAYOUT", *TERMINAL_HINTS):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")  # `--bidi auto` then means `app`, everywhere
    bidi_reset()
    yield
    set_language("en")
    request_language(None)
    request_bidi(None)
