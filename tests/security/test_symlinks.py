"""Symbolic links that leave the workspace are refused unread; links inside are followed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from okrtui.store import SaveRefusedError, WorkspaceStore

SECRET = 'id = "secret"\ntitle = "SECRET CONTENT"\ncycle = "2026-Q4"\n'
REFUSED = "a symbolic link that leads outside the workspace: refused, not read"
Q4 = "objectives/2026-Q4"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.toml").write_text(SECRET)
    (folder / "okrtui.toml").write_text('name = "SECRET"\n')
    return folder


def _check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "okrtui", "check", str(root), "--today", "2026-11-25"],
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("lazy", [False, True])
def test_a_file_linked_outside_is_refused_unread(
    sample_workspace: Path, outside: Path, lazy: bool
) -> None:
    (sample_workspace / Q4 / "secret.toml").symlink_to(outside / "secret.toml")
    (sample_workspace / Q4 / "passwd.toml").symlink_to("/etc/passwd")
    store = WorkspaceStore.open(sample_workspace, lazy=lazy)
    store.load_all()
    assert [e.describe(store.root) for e in store.errors] == [
        f"{Q4}/passwd.toml: {REFUSED}",
        f"{Q4}/secret.toml: {REFUSED}",
    ]
    assert "secret" not in store.objectives
    assert len(store.objectives) == 5  # the rest still loads


def test_okrtui_check_reports_each_link_once_and_reads_none(
    sample_workspace: Path, outside: Path
) -> None:
    (sample_workspace / Q4 / "passwd.toml").symlink_to("/etc/passwd")
    (sample_workspace / "objectives" / "2027-Q1").symlink_to(outside, target_is_directory=True)
    result = _check(sample_workspace)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if "symbolic link" in line]
    assert lines == [
        f"{Q4}/passwd.toml:1:1: E001 {REFUSED}",
        f"objectives/2027-Q1:1:1: E001 {REFUSED}",
    ]
    assert "root:" not in result.stdout
    assert "SECRET" not in result.stdout


def test_a_settings_file_linked_outside_is_refused(sample_workspace: Path, outside: Path) -> None:
    settings = sample_workspace / "okrtui.toml"
    settings.unlink()
    settings.symlink_to(outside / "okrtui.toml")
    store = WorkspaceStore.open(sample_workspace)
    assert [e.describe(store.root) for e in store.errors] == [f"okrtui.toml: {REFUSED}"]
    assert store.settings.name != "SECRET"
    assert "SECRET" not in _check(sample_workspace).stdout


@pytest.mark.parametrize("lazy", [False, True])
def test_links_inside_the_workspace_are_followed(sample_workspace: Path, lazy: bool) -> None:
    shared = sample_workspace / "shared" / "2026-Q1"
    shared.mkdir(parents=True)
    source = sample_workspace / Q4 / "email-ctr.toml"
    text = source.read_text().replace('cycle = "2026-Q4"', 'cycle = "2026-Q1"')
    (shared / "email-ctr-q1.toml").write_text(text.replace('"email-ctr"', '"email-ctr-q1"', 1))
    (sample_workspace / "objectives" / "2026-Q1").symlink_to(
        Path("..") / "shared" / "2026-Q1", target_is_directory=True
    )
    kept = sample_workspace / "shared" / "email-ctr-l.toml"  # a file linked inside, too
    kept.write_text(source.read_text().replace('"email-ctr"', '"email-ctr-l"', 1))
    (sample_workspace / Q4 / "email-ctr-l.toml").symlink_to(Path("../..") / "shared" / kept.name)
    store = WorkspaceStore.open(sample_workspace, lazy=lazy)
    assert store.errors == []
    assert store.objectives["email-ctr-q1"].cycle == "2026-Q1"
    assert store.objectives["email-ctr-l"].cycle == "2026-Q4"


def test_a_file_replaced_by_a_link_outside_is_not_written_through(
    sample_workspace: Path, outside: Path
) -> None:
    store = WorkspaceStore.open(sample_workspace)
    objective = store.objectives["email-ctr"]
    path = sample_workspace / Q4 / "email-ctr.toml"
    path.unlink()
    path.symlink_to(outside / "secret.toml")
    objective.title = "Raise email click-through rate from 3% to 6% in 60 days"
    with pytest.raises(SaveRefusedError, match="outside the workspace"):
        store.save_objective(objective)
    assert (outside / "secret.toml").read_text() == SECRET
    assert path.is_symlink()


def test_the_cycle_folder_link_is_not_listed(sample_workspace: Path, outside: Path) -> None:
    shutil.copy(outside / "secret.toml", outside / "other.toml")
    (sample_workspace / "objectives" / "2027-Q1").symlink_to(outside, target_is_directory=True)
    store = WorkspaceStore.open(sample_workspace)
    assert [e.describe(store.root) for e in store.errors] == [f"objectives/2027-Q1: {REFUSED}"]
