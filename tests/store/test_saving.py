"""Saving: safe paths, conflicts, moves, new and deleted objectives, new workspaces."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from okrtui.model import Objective
from okrtui.store import (
    ConflictError,
    NotAWorkspaceError,
    SaveRefusedError,
    WorkspaceStore,
    init_workspace,
)
from tests.store.conftest import snapshot

TODAY = dt.date(2026, 11, 27)
Q4 = "objectives/2026-Q4"
UNSAFE = ["../x", "/etc/passwd", "a/b", "..", "my name", "x\n", ""]


def unchecked(objective_id: str, cycle: str) -> Objective:
    """An objective built without validation, as a buggy caller might."""
    return Objective.model_construct(id=objective_id, title="T", cycle=cycle, key_results=[])


@pytest.mark.parametrize("name", UNSAFE)
def test_objective_path_refuses_unsafe_ids_and_cycles(tmp_path: Path, name: str) -> None:
    root = init_workspace(tmp_path / "ws", today=TODAY)
    store = WorkspaceStore.open(root)
    before = snapshot(tmp_path)
    for objective in (unchecked(name, "2026-Q4"), unchecked("fine", name)):
        with pytest.raises(SaveRefusedError, match="unsafe"):
            store.objective_path(objective)
        with pytest.raises(SaveRefusedError):
            store.save_objective(objective)
    assert snapshot(tmp_path) == before


def test_a_symbolic_link_out_of_the_workspace_is_not_followed(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws", today=TODAY)
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "objectives" / "elsewhere").symlink_to(outside, target_is_directory=True)
    store = WorkspaceStore.open(root)
    with pytest.raises(SaveRefusedError, match="outside the workspace"):
        store.save_objective(Objective(id="x", title="X", cycle="elsewhere"))
    assert list(outside.iterdir()) == []


def test_a_file_changed_on_disk_is_not_overwritten(canonical_workspace: Path) -> None:
    store = WorkspaceStore.open(canonical_workspace)
    path = canonical_workspace / Q4 / "email-ctr.toml"
    edited = path.read_bytes().replace(b'owner = "Mina"', b'owner = "Mina Ahmadi"', 1)
    path.write_bytes(edited)
    assert store.is_dirty_on_disk("email-ctr")
    goal = store.objectives["email-ctr"]
    goal.title = "Raise email CTR"
    with pytest.raises(ConflictError) as info:
        store.save_objective(goal)
    assert info.value.path == path
    assert path.read_bytes() == edited
    with pytest.raises(ConflictError):
        store.delete_objective("email-ctr")
    assert path.read_bytes() == edited


def test_a_file_deleted_on_disk_is_a_conflict_and_is_not_recreated(
    canonical_workspace: Path,
) -> None:
    store = WorkspaceStore.open(canonical_workspace)
    path = canonical_workspace / Q4 / "email-ctr.toml"
    path.unlink()
    store.objectives["email-ctr"].owner = "Sara"
    with pytest.raises(ConflictError):
        store.save_objective(store.objectives["email-ctr"])
    assert not path.exists()


def test_reloading_after_a_change_on_disk_allows_saving_again(canonical_workspace: Path) -> None:
    store = WorkspaceStore.open(canonical_workspace)
    path = canonical_workspace / Q4 / "email-ctr.toml"
    path.write_bytes(path.read_bytes().replace(b'owner = "Mina"', b'owner = "Reza"', 1))
    reloaded = store.reload_file(path)
    assert reloaded is not None and reloaded.owner == "Reza"
    assert store.objectives["email-ctr"] is reloaded
    reloaded.title = "Raise email CTR"
    assert store.save_objective(reloaded) is True
    assert WorkspaceStore.open(canonical_workspace).objectives["email-ctr"].title == (
        "Raise email CTR"
    )


def test_reload_follows_a_file_that_breaks_gets_fixed_and_goes(canonical_workspace: Path) -> None:
    store = WorkspaceStore.open(canonical_workspace)
    path = canonical_workspace / Q4 / "email-ctr.toml"
    good = path.read_bytes()
    path.write_bytes(good.replace(b"weight = 1", b"weight = -1"))
    assert store.reload_file(path) is None
    assert "email-ctr" not in store.objectives
    assert [(e.field, e.path) for e in store.errors] == [("key_results[0].weight", path)]
    path.write_bytes(good)
    assert store.reload_file(path) is not None
    assert store.errors == [] and store.broken == {}
    path.unlink()
    assert store.reload_file(path) is None
    assert "email-ctr" not in store.objectives and "email-ctr" not in store.files


def test_reload_of_the_settings_file(canonical_workspace: Path) -> None:
    store = WorkspaceStore.open(canonical_workspace)
    path = canonical_workspace / "okrtui.toml"
    path.write_text(path.read_text().replace('name = "Marketing OKRs"', 'name = "Team"'))
    assert store.reload_file(path) is None
    assert store.settings.name == "Team"
    assert store.save_settings(store.settings) is False


def test_changing_the_cycle_moves_the_file(canonical_workspace: Path) -> None:
    store = WorkspaceStore.open(canonical_workspace)
    old = canonical_workspace / Q4 / "email-ctr.toml"
    goal = store.objectives["email-ctr"]
    goal.cycle = "2026-Q3"
    assert store.save_objective(goal) is True
    new = canonical_workspace / "objectives/2026-Q3/email-ctr.toml"
    assert new.is_file() and not old.exists()
    assert store.files["email-ctr"].path == new
    reopened = WorkspaceStore.open(canonical_workspace)
    assert reopened.errors == []
    assert reopened.objectives["email-ctr"].cycle == "2026-Q3"


def test_a_move_onto_a_foreign_file_is_refused(canonical_workspace: Path) -> None:
    store = WorkspaceStore.open(canonical_workspace)
    foreign = canonical_workspace / "objectives/2026-Q3/email-ctr.toml"
    foreign.write_text("# someone's notes\n")
    goal = store.objectives["email-ctr"]
    goal.cycle = "2026-Q3"
    with pytest.raises(SaveRefusedError, match="another file"):
        store.save_objective(goal)
    assert foreign.read_text() == "# someone's notes\n"
    assert (canonical_workspace / Q4 / "email-ctr.toml").is_file()


def test_a_new_objective_is_written_once_and_never_over_a_file(canonical_workspace: Path) -> None:
    store = WorkspaceStore.open(canonical_workspace)
    goal = Objective(id="hire", title="Hire two writers", cycle="2027-Q1")
    assert store.save_objective(goal) is True
    path = canonical_workspace / "objectives/2027-Q1/hire.toml"
    assert path.read_text() == (
        'id = "hire"\ntitle = "Hire two writers"\nkind = "okr"\nlevel = "team"\n'
        'cycle = "2027-Q1"\nstatus = "active"\n'
    )
    assert store.save_objective(goal) is False
    stray = canonical_workspace / Q4 / "stray.toml"
    stray.write_text("# not loaded: created after the workspace was opened\n")
    with pytest.raises(SaveRefusedError, match="another file"):
        store.save_objective(Objective(id="stray", title="Stray", cycle="2026-Q4"))
    assert stray.read_text() == "# not loaded: created after the workspace was opened\n"


def test_text_that_cannot_be_stored_is_refused_and_nothing_is_written(
    canonical_workspace: Path,
) -> None:
    store = WorkspaceStore.open(canonical_workspace)
    before = snapshot(canonical_workspace)
    goal = store.objectives["email-ctr"].model_copy()
    object.__setattr__(goal, "title", "bad \ud800 text")  # what validation would refuse
    with pytest.raises(SaveRefusedError, match="UTF-8"):
        store.save_objective(goal)
    assert snapshot(canonical_workspace) == before


def test_an_objective_that_would_not_load_back_is_not_written(canonical_workspace: Path) -> None:
    store = WorkspaceStore.open(canonical_workspace)
    path = canonical_workspace / Q4 / "blog-first-answer.toml"
    before = path.read_bytes()
    goal = store.objectives["blog-first-answer"]
    goal.key_results.append(goal.key_results[0].model_copy())  # in place: not validated
    with pytest.raises(SaveRefusedError, match=r"duplicate key result id .*key_results\[2\]\.id"):
        store.save_objective(goal)
    assert path.read_bytes() == before


def test_no_temporary_files_are_left_after_saving(canonical_workspace: Path) -> None:
    store = WorkspaceStore.open(canonical_workspace)
    for goal in store.objectives.values():
        goal.owner = "Nima"
    written = store.save_all()
    assert len(written) == 5
    names = sorted(
        p.relative_to(canonical_workspace).as_posix() for p in canonical_workspace.rglob("*")
    )
    assert not [n for n in names if n.endswith(".tmp") or "/." in n or n.startswith(".")]


def test_deleting_an_objective_removes_its_file(canonical_workspace: Path) -> None:
    store = WorkspaceStore.open(canonical_workspace)
    store.delete_objective("email-ctr")
    assert not (canonical_workspace / Q4 / "email-ctr.toml").exists()
    assert "email-ctr" not in store.objectives
    assert set(WorkspaceStore.open(canonical_workspace).objectives) == set(store.objectives)


def test_init_creates_a_loadable_workspace_and_refuses_to_overwrite(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "okrs", name="Our OKRs", today=TODAY)
    store = WorkspaceStore.open(root)
    assert store.errors == []
    assert store.settings.name == "Our OKRs"
    (cycle,) = store.settings.cycles
    assert (cycle.name, cycle.start, cycle.end) == (
        "2026-Q4",
        dt.date(2026, 10, 1),
        dt.date(2026, 12, 31),
    )
    assert store.settings.default_cycle == "2026-Q4"
    assert (root / "objectives" / "2026-Q4").is_dir()
    assert store.save_settings(store.settings) is False  # written canonically
    store.save_objective(Objective(id="first", title="First", cycle="2026-Q4"))

    before = snapshot(root)
    with pytest.raises(SaveRefusedError, match="already exists"):
        init_workspace(root, name="Another", today=TODAY)
    assert snapshot(root) == before


@pytest.mark.parametrize(
    ("today", "name", "start", "end"),
    [
        (dt.date(2027, 1, 1), "2027-Q1", dt.date(2027, 1, 1), dt.date(2027, 3, 31)),
        (dt.date(2027, 5, 31), "2027-Q2", dt.date(2027, 4, 1), dt.date(2027, 6, 30)),
        (dt.date(2027, 9, 30), "2027-Q3", dt.date(2027, 7, 1), dt.date(2027, 9, 30)),
    ],
)
def test_init_starts_with_the_current_quarter(
    tmp_path: Path, today: dt.date, name: str, start: dt.date, end: dt.date
) -> None:
    (cycle,) = WorkspaceStore.open(init_workspace(tmp_path, today=today)).settings.cycles
    assert (cycle.name, cycle.start, cycle.end) == (name, start, end)


def test_a_folder_without_settings_is_not_a_workspace(tmp_path: Path) -> None:
    with pytest.raises(NotAWorkspaceError, match="okrtui init"):
        WorkspaceStore.open(tmp_path)


def test_settings_are_saved_only_when_changed(canonical_workspace: Path) -> None:
    store = WorkspaceStore.open(canonical_workspace)
    settings = store.settings.model_copy(update={"name": "Growth"})
    assert store.save_settings(settings) is True
    assert store.settings.name == "Growth"
    assert WorkspaceStore.open(canonical_workspace).settings.name == "Growth"
    assert store.save_settings(settings) is False


def test_keep_mine_never_writes_over_conflict_markers(sample_workspace: Path) -> None:
    """Even after the app accepted the disk version, a file that does not load is not replaced."""
    from okrtui.store import SaveRefusedError
    from okrtui.store.workspace import FileState, digest

    store = WorkspaceStore.open(sample_workspace)
    path = sample_workspace / "objectives/2026-Q4/email-ctr.toml"
    marked = path.read_text().replace(
        'owner = "Mina"', '<<<<<<< ours\nowner = "Mina"\n=======\nowner = "Sara"\n>>>>>>> theirs'
    )
    path.write_text(marked)
    store.files["email-ctr"] = FileState(path.resolve(), digest(path.read_bytes()))  # "keep mine"
    objective = store.objectives["email-ctr"]
    objective.title = "Mine"
    with pytest.raises(SaveRefusedError):
        store.save_objective(objective)
    with pytest.raises(SaveRefusedError):
        store.delete_objective("email-ctr")
    assert path.read_text() == marked
