"""The next open tidies what an interrupted save left; `okrtui check` reports it."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from okrtui.cli.main import main
from okrtui.store import WorkspaceStore
from okrtui.store.crash import leftovers, note_path, write_move_note
from okrtui.store.workspace import digest, init_workspace

OLD = "objectives/2026-Q4/email-ctr.toml"
NEW = "objectives/2026-Q3/email-ctr.toml"


def age(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_stale_temp_files_go_on_open_fresh_ones_stay(sample_workspace: Path) -> None:
    folder = sample_workspace / "objectives" / "2026-Q4"
    stale = folder / ".email-ctr.toml.k1eco7qz.tmp"
    fresh = folder / ".email-ctr.toml.52yo7k9h.tmp"
    settings_tmp = sample_workspace / ".okrtui.toml.x0v3r1v4.tmp"
    other = folder / ".notes.tmp"  # not okrtui's naming: never touched
    for path in (stale, fresh, settings_tmp, other):
        path.write_text("half a file", "utf-8")
    for path in (stale, settings_tmp, other):
        age(path, 61)
    store = WorkspaceStore.open(sample_workspace)
    assert not stale.exists() and not settings_tmp.exists()
    assert fresh.exists() and other.exists()  # perhaps a save in progress; not ours
    assert store.tidied == ["removed 2 temporary file(s) left by interrupted saves"]


def test_check_reports_leftovers_and_leaves_them(sample_workspace: Path, capsys) -> None:
    stale = sample_workspace / "objectives" / "2026-Q4" / ".email-ctr.toml.k1eco7qz.tmp"
    stale.write_text("half", "utf-8")
    age(stale, 3600)
    main(["check", str(sample_workspace), "--today", "2026-11-01"])
    out = capsys.readouterr().out
    assert (
        "objectives/2026-Q4/.email-ctr.toml.k1eco7qz.tmp:1:1: T001 left by an interrupted save"
        in out
    )
    assert stale.exists()  # check only reports


def _half_moved(root: Path) -> tuple[Path, Path, Path]:
    """The state a kill between the two steps of a move leaves."""
    old, new = root / OLD, root / NEW
    old_text = old.read_text("utf-8")
    new_text = old_text.replace('cycle = "2026-Q4"', 'cycle = "2026-Q3"')
    new.write_text(new_text, "utf-8")
    note = write_move_note(root, old, new, digest(old_text.encode()), digest(new_text.encode()))
    return old, new, note


def test_an_interrupted_move_is_finished_on_open(sample_workspace: Path) -> None:
    old, new, note = _half_moved(sample_workspace)
    assert note == note_path(sample_workspace, "email-ctr")
    store = WorkspaceStore.open(sample_workspace)
    assert not old.exists() and new.exists() and not note.exists()
    assert store.broken == {}
    assert store.objectives["email-ctr"].cycle == "2026-Q3"
    assert store.tidied == [f"finished an interrupted move: {OLD} -> {NEW} (removed {OLD})"]


def test_a_move_that_never_wrote_keeps_the_old_file(sample_workspace: Path) -> None:
    old, new, note = _half_moved(sample_workspace)
    new.unlink()
    store = WorkspaceStore.open(sample_workspace)
    assert old.exists() and not note.exists()
    assert store.tidied == [f"an interrupted move had not started; {OLD} is kept"]


def test_copies_changed_since_the_move_are_both_kept(sample_workspace: Path) -> None:
    old, new, _note = _half_moved(sample_workspace)
    old.write_text(old.read_text("utf-8").replace("Raise", "Lift"), "utf-8")
    store = WorkspaceStore.open(sample_workspace)
    assert old.exists() and new.exists()
    assert "changed since; keep one of them" in store.tidied[0]
    assert any(e.code == "E004" for e in store.errors)  # the duplicate is reported


def test_a_move_leaves_no_note(sample_workspace: Path) -> None:
    store = WorkspaceStore.open(sample_workspace)
    moved = store.objectives["email-ctr"].model_copy(update={"cycle": "2026-Q3"})
    assert store.save_objective(moved)
    assert (sample_workspace / NEW).exists() and not (sample_workspace / OLD).exists()
    assert leftovers(sample_workspace) == []


def test_init_ignores_leftovers_in_git(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    cycle = next((root / "objectives").iterdir())
    (cycle / ".x.toml.k1eco7qz.tmp").write_text("half", "utf-8")
    (root / ".okrtui.toml.52yo7k9h.tmp").write_text("half", "utf-8")
    (root / "objectives" / ".x.move").write_text("{}", "utf-8")
    (cycle / "x.toml").write_text('id = "x"', "utf-8")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert sorted(status.splitlines()) == [
        "?? .gitignore",
        f"?? objectives/{cycle.name}/x.toml",
        "?? okrtui.toml",
    ]


async def test_the_app_says_what_the_open_settled(sample_workspace: Path) -> None:
    from okrtui.tui.app import OkrApp
    from tests.tui.conftest import TODAY

    old, new, _note = _half_moved(sample_workspace)
    app = OkrApp(WorkspaceStore.open(sample_workspace, lazy=True), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert f"finished an interrupted move: {OLD} -> {NEW} (removed {OLD})" in messages
        assert app.store.broken == {}
    assert not old.exists() and new.exists()
