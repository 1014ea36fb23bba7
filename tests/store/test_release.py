"""Released objectives (`WorkspaceStore.release`): the model is let go once nothing holds
it, and the next look-up reads the file again; nothing with unsaved edits is ever let go,
and a file changed on disk is still never overwritten. Real files, no mocks."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest

from okrtui.model import CheckIn, Status
from okrtui.services.progress import objective_progress
from okrtui.store import ConflictError, WorkspaceStore
from okrtui.store.workspace import render_objective


def _released_store(root: Path, keep: tuple[str, ...] = ()) -> WorkspaceStore:
    store = WorkspaceStore.open(root, lazy=True)
    store.load_all()
    assert len(store.release(keep)) == len(store.objectives) - len(keep) > 0
    gc.collect()
    return store


def test_a_released_objective_reads_back_the_same_model(canonical_workspace: Path) -> None:
    eager = WorkspaceStore.open(canonical_workspace)
    store = _released_store(canonical_workspace)
    oid = next(iter(eager.objectives))
    assert store.objectives.peek(oid) is None  # let go: nothing else held it
    assert store.outlines() == eager.outlines()  # the tree needs no file read
    assert store.cycles() == eager.cycles()
    assert store.fully_loaded and store.objectives.released == len(eager.objectives)
    again = store.objectives[oid]
    assert again == eager.objectives[oid]
    assert render_objective(again).encode() == store.files[oid].path.read_bytes()
    assert list(store.objectives.values()) == list(eager.objectives.values())
    assert store.objectives.released == 0


def test_an_objective_still_held_elsewhere_comes_back_as_the_same_object(
    canonical_workspace: Path,
) -> None:
    store = WorkspaceStore.open(canonical_workspace, lazy=True)
    oid = next(iter(store.objectives))
    held = store.objectives[oid]  # as the editor holds the selected objective
    store.load_all()
    store.release()
    gc.collect()
    assert store.objectives.peek(oid) is held
    assert store.objectives[oid] is held
    assert store.objectives.released == len(store.objectives) - 1


def test_kept_objectives_with_unsaved_edits_are_never_let_go(canonical_workspace: Path) -> None:
    store = WorkspaceStore.open(canonical_workspace, lazy=True)
    oid = next(iter(store.objectives))
    edited = store.objectives[oid]
    edited.key_results[0].checkins.append(CheckIn(date=dt.date(2026, 11, 2), value=9))
    edited.title = "Edited, not saved"
    store.load_all()
    store.release(keep={oid})  # the app's dirty set
    del edited
    gc.collect()
    kept = store.objectives[oid]
    assert kept.title == "Edited, not saved"
    assert store.save_objective(kept)
    again = WorkspaceStore.open(canonical_workspace).objectives[oid]
    assert again.title == "Edited, not saved"
    assert again.key_results[0].checkins[-1].value == 9


def test_a_save_after_release_reads_no_released_file(canonical_workspace: Path) -> None:
    store = _released_store(canonical_workspace)
    oid = next(iter(store.objectives))
    objective = store.objectives[oid]
    objective.title = "Saved alone"
    assert store.save_objective(objective)
    assert store.objectives.released == len(store.objectives) - 1
    store.release()  # saved, so it matches its file: released, but held here
    assert store.objectives.peek(oid) is objective


def test_a_saved_objective_is_let_go_like_one_read(canonical_workspace: Path) -> None:
    """Once saved (and so no longer dirty) it is what its file holds: no reason to keep it."""
    store = _released_store(canonical_workspace)
    oid = next(iter(store.objectives))
    objective = store.objectives[oid]
    objective.title = "Saved, then let go"
    assert store.save_objective(objective)
    assert store.objectives.held == 1
    store.release()
    del objective
    gc.collect()
    assert store.objectives.held == 0 and store.objectives.peek(oid) is None
    assert store.objectives[oid].title == "Saved, then let go"  # read from its file


def test_released_objectives_leave_their_status_parent_and_progress(
    canonical_workspace: Path,
) -> None:
    eager = WorkspaceStore.open(canonical_workspace)
    store = WorkspaceStore.open(canonical_workspace, lazy=True)
    store.load_all()
    store.release(progress=objective_progress)
    gc.collect()
    assert store.objectives.held == 0
    for oid, objective in eager.objectives.items():
        summary = store.objectives.summary(oid)
        assert summary is not None
        assert summary.status == objective.status == store.objectives.status(oid)
        assert summary.parent == objective.parent
        assert summary.progress == objective_progress(objective)
    oid = next(iter(eager.objectives))
    assert store.objectives[oid] == eager.objectives[oid]
    assert store.objectives.summary(oid) is None  # read again: the model itself answers
    assert store.objectives.status(oid) == eager.objectives[oid].status
    assert store.objectives.held == 1


def test_a_file_changed_on_disk_is_still_not_overwritten(canonical_workspace: Path) -> None:
    store = WorkspaceStore.open(canonical_workspace, lazy=True)
    oid = next(iter(store.objectives))
    held = store.objectives[oid]
    store.load_all()
    store.release()
    path = store.files[oid].path
    path.write_text(path.read_text("utf-8").replace(held.title, "Theirs", 1), "utf-8")
    held.title = "Mine"
    with pytest.raises(ConflictError):
        store.save_objective(store.objectives[oid])
    assert "Theirs" in path.read_text("utf-8")


def test_a_released_file_changed_on_disk_reads_back_as_it_now_is(
    canonical_workspace: Path,
) -> None:
    """Nothing held it and it had no edits: reading the new text is what a reload does."""
    store = _released_store(canonical_workspace)
    oid = next(iter(store.objectives))
    path = store.files[oid].path
    title = WorkspaceStore.open(canonical_workspace).objectives[oid].title
    path.write_text(path.read_text("utf-8").replace(title, "Changed on disk", 1), "utf-8")
    objective = store.objectives[oid]
    assert objective.title == "Changed on disk"
    objective.title = "Then mine"
    assert store.save_objective(objective)  # its digest is that of the bytes read again
    assert "Then mine" in path.read_text("utf-8")


def test_a_released_object_looked_at_again_is_held_again(canonical_workspace: Path) -> None:
    """The editor held it through the release and edits it: the next peek (the app's
    undo record of every edit) holds it again, so dropping the editor's reference
    loses nothing."""
    store = WorkspaceStore.open(canonical_workspace, lazy=True)
    oid = next(iter(store.objectives))
    held = store.objectives[oid]
    store.load_all()
    store.release()
    held.title = "Edited while released"
    assert store.objectives.peek(oid) is held
    del held
    gc.collect()
    assert store.objectives[oid].title == "Edited while released"


def test_a_summary_follows_the_objective_it_was_taken_from(canonical_workspace: Path) -> None:
    """Released, read again, changed and saved, released again: the summary is the new one
    (an unchanged objective keeps the summary it had, which the equality makes invisible)."""
    store = _released_store(canonical_workspace)
    oid = next(iter(store.objectives))
    before = store.objectives.summary(oid)
    assert before is not None
    objective = store.objectives[oid]
    objective.status = Status.DROPPED if objective.status is not Status.DROPPED else Status.DONE
    objective.owner = "Someone New"
    assert store.save_objective(objective)
    assert store.objectives.summary(oid) is None  # held: the model answers
    store.release()
    after = store.objectives.summary(oid)
    assert after is not None and after != before
    assert after.status == objective.status == store.objectives.status(oid)
    assert after.owners[0] == "Someone New"
