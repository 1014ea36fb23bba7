"""`okrtui fmt` and `okrtui git-setup`, run as the commands people type."""

from __future__ import annotations

from pathlib import Path

from okrtui.store import render_objective
from tests.git.conftest import (
    DRIVER,
    git,
    load_objective,
    new_workspace,
    objective_path,
    okrtui,
)

HAND_EDITED = """\
id = "education-leader"
cycle = "2026-Q4"
owner   =   "Sara"   # spacing and order as typed
title = "Become the leading source of marketing education"
tags = ["marketing", "brand"]

[[key_results]]
id = "organic-traffic"
title = "Organic traffic from 40,000 to 54,000 visits a month"
metric = { type = "count", start = 40000.0, target = 54000 }
"""


def _workspace_with_hand_edit_and_broken_file(tmp_path: Path) -> tuple[Path, Path, Path]:
    root = new_workspace(tmp_path / "ws")
    hand = objective_path(root)
    hand.write_text(HAND_EDITED)
    broken = root / "objectives" / "2026-Q4" / "broken.toml"
    broken.write_text('id = "broken"\ntitle = \n')
    return root, hand, broken


def test_fmt_check_reports_without_writing(tmp_path: Path) -> None:
    root, hand, _broken = _workspace_with_hand_edit_and_broken_file(tmp_path)
    result = okrtui("fmt", str(root), "--check")
    assert result.returncode == 1
    assert result.stdout == "would reformat objectives/2026-Q4/education-leader.toml\n"
    assert "not formatted (does not load): objectives/2026-Q4/broken.toml:2" in result.stderr
    assert hand.read_text() == HAND_EDITED


def test_fmt_rewrites_canonically_and_never_touches_a_broken_file(tmp_path: Path) -> None:
    root, hand, broken = _workspace_with_hand_edit_and_broken_file(tmp_path)
    broken_before = broken.read_bytes()
    result = okrtui("fmt", str(root))
    assert result.returncode == 1  # because of the broken file
    assert "reformatted objectives/2026-Q4/education-leader.toml" in result.stdout
    assert hand.read_text() == render_objective(load_objective(hand))
    assert load_objective(hand).owner == "Sara"
    assert broken.read_bytes() == broken_before

    broken.unlink()
    again = okrtui("fmt", str(root), "--check")
    assert again.returncode == 0, again.stdout + again.stderr
    assert okrtui("fmt", str(root)).stdout.startswith("all 2 files are canonical")


def test_fmt_outside_a_workspace(tmp_path: Path) -> None:
    result = okrtui("fmt", str(tmp_path))
    assert result.returncode == 2
    assert "is not an okrtui workspace" in result.stderr
    assert "Traceback" not in result.stderr


def test_git_setup_is_idempotent_and_keeps_existing_lines(tmp_path: Path) -> None:
    top = tmp_path / "repo"
    top.mkdir()
    git(top, "init", "-q")
    new_workspace(top / "teams" / "marketing")
    (top / ".gitattributes").write_text("*.png binary")  # no final newline
    for _ in range(2):
        result = okrtui("git-setup", str(top / "teams" / "marketing"), "--command", DRIVER)
        assert result.returncode == 0, result.stderr
    assert (top / ".gitattributes").read_text() == (
        "*.png binary\nteams/marketing/objectives/**/*.toml merge=okrtui\n"
    )
    assert git(top, "config", "merge.okrtui.driver").strip() == DRIVER
    assert git(top, "config", "merge.okrtui.name").strip()
    attr = git(top, "check-attr", "merge", "teams/marketing/objectives/2026-Q4/x.toml")
    assert attr.strip().endswith("merge: okrtui")


def test_git_setup_default_command_is_this_interpreter(tmp_path: Path) -> None:
    root = new_workspace(tmp_path / "ws")
    git(root, "init", "-q")
    assert okrtui("git-setup", str(root)).returncode == 0
    driver = git(root, "config", "merge.okrtui.driver").strip()
    assert driver.endswith(" -m okrtui merge-file %O %A %B %P")
    assert (root / ".gitattributes").read_text() == "objectives/**/*.toml merge=okrtui\n"


def test_git_setup_outside_a_repository(tmp_path: Path) -> None:
    root = new_workspace(tmp_path / "ws")
    result = okrtui("git-setup", str(root))
    assert result.returncode == 2
    assert "is not in a git repository; run git init first" in result.stderr
