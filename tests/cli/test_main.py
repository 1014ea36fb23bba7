"""The `okrtui` entry point: version, help, init, demo copy, not-a-workspace message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from okrtui import __version__
from okrtui.cli.main import main
from okrtui.cli.open_command import copy_sample, sample_workspace_path
from okrtui.store import WorkspaceStore


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"okrtui {__version__}"


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("init", "demo", "check", "fmt", "merge-file", "git-setup"):
        assert command in out


def test_init_creates_a_workspace_that_opens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "okrs"
    assert main(["init", str(target), "--name", "Team"]) == 0
    store = WorkspaceStore.open(target)
    assert store.settings.name == "Team"
    assert store.settings.default_cycle is not None
    assert main(["init", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_not_a_workspace_offers_init(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "okrtui", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "not an okrtui workspace" in result.stderr
    assert f"okrtui init {tmp_path}" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_copies_the_sample_and_leaves_the_original(tmp_path: Path) -> None:
    original = {p: p.read_bytes() for p in sample_workspace_path().rglob("*.toml")}
    copy = copy_sample(tmp_path / "demo")
    store = WorkspaceStore.open(copy)
    assert store.errors == []
    assert len(store.objectives) == len(original) - 1  # minus okrtui.toml
    objective = next(iter(store.objectives.values()))
    objective.title = "changed in the demo"
    store.save_objective(objective)
    assert {p: p.read_bytes() for p in sample_workspace_path().rglob("*.toml")} == original


def test_not_a_workspace_leaves_collection_on(tmp_path: Path) -> None:
    import gc

    from okrtui.cli.open_command import open_workspace

    assert open_workspace(tmp_path) == 2
    assert gc.isenabled()


def test_the_command_line_loads_no_model_before_its_command() -> None:
    """The models and pydantic load with the command (with collection paused), not with
    `okrtui.cli.main`: its own import is quick, whatever the command."""
    from tests.tui.test_import_cost import modules_loaded_by

    loaded = modules_loaded_by("import okrtui.cli.main")
    assert "okrtui.cli.parser" in loaded  # the probe sees the command line's own modules
    assert not {"pydantic", "okrtui.model", "okrtui.store"} & loaded


def test_a_command_leaves_collection_on(sample_workspace: Path) -> None:
    import gc

    assert main(["list", str(sample_workspace)]) == 0
    assert gc.isenabled()


@pytest.mark.parametrize(("given", "expected"), [(None, "240"), ("30", "30")])
def test_the_app_asks_textual_for_a_higher_frame_rate_unless_the_user_chose_one(
    given: str | None, expected: str
) -> None:
    """The form that follows the tree's cursor is a second frame: at Textual's 60 frames a
    second it waited 17-33 ms for its slot (issue 9)."""
    code = (
        "from okrtui.cli.open_command import prepare_textual\n"
        "prepare_textual()\n"
        "from textual import constants\n"
        "print(constants.MAX_FPS)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    if given is not None:
        env["TEXTUAL_FPS"] = given
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == expected
