"""Unsaved edits kept aside after a crash: canonical files, outside the workspace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from okrtui.store import WorkspaceStore, objective_from_text, render_objective
from okrtui.store.recovery import keep_unsaved


def test_kept_objectives_are_canonical_files_laid_out_as_in_a_workspace(
    sample_workspace: Path, _private_recovery_folder: Path
) -> None:
    store = WorkspaceStore.open(sample_workspace)
    objectives = list(store.objectives.values())[:2]
    objectives[0].title = "Changed, not saved"
    before = {p: p.read_bytes() for p in sample_workspace.rglob("*") if p.is_file()}
    folder = keep_unsaved(sample_workspace, objectives, dt.datetime(2026, 11, 27, 9, 30))
    assert folder == _private_recovery_folder / "workspace-20261127-093000"
    for objective in objectives:
        kept = folder / "objectives" / objective.cycle / f"{objective.id}.toml"
        assert kept.read_text(encoding="utf-8") == render_objective(objective)
    assert {p: p.read_bytes() for p in sample_workspace.rglob("*") if p.is_file()} == before
    for objective in objectives:  # a kept file loads like any objective file
        kept = folder / "objectives" / objective.cycle / f"{objective.id}.toml"
        assert objective_from_text(kept, kept.read_text(encoding="utf-8")).objective == objective


def test_nothing_to_keep_makes_no_folder(tmp_path: Path, _private_recovery_folder: Path) -> None:
    assert keep_unsaved(tmp_path, []) is None
    assert list(_private_recovery_folder.iterdir()) == []


def test_an_objective_with_an_unsafe_id_is_skipped(
    sample_workspace: Path, _private_recovery_folder: Path
) -> None:
    store = WorkspaceStore.open(sample_workspace)
    good, bad = list(store.objectives.values())[:2]
    bad = bad.model_copy(update={"id": "../escape"})
    folder = keep_unsaved(sample_workspace, [bad, good])
    assert folder is not None
    kept = [p.relative_to(folder).as_posix() for p in folder.rglob("*.toml")]
    assert kept == [f"objectives/{good.cycle}/{good.id}.toml"]
