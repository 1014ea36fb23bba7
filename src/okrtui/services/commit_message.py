"""A commit message written from what changed, ready for the user to edit.

The last committed version (HEAD) of each changed workspace file is compared
with the file on disk: one change gives a one-line message such as
"okr: check-in organic traffic 18,400"; several give "okr: update 3
objectives" and a body listing each change.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from okrtui.i18n import _, nformat
from okrtui.model import Objective
from okrtui.services.history import (
    ChangeKind,
    KeyResultChange,
    ObjectiveChange,
    compare_objectives,
    parse_blob,
)
from okrtui.store import SETTINGS_FILE
from okrtui.store.git import FileChange, GitRepo
from okrtui.store.links import leads_outside

PREFIX = "okr: "


def format_number(value: float | None) -> str:
    """18400.0 -> "18,400"; 4.25 -> "4.25"; None -> "?"."""
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def kr_label(kr_id: str) -> str:
    """A key result's id read as words: "organic-traffic" -> "organic traffic"."""
    return kr_id.replace("-", " ")


def describe_key_result(change: KeyResultChange) -> list[str]:
    """Short phrases for one key result's change, one per fact."""
    name = kr_label(change.kr_id)
    if change.kind is ChangeKind.ADDED:
        return [_("add key result {kr}").format(kr=name)]
    if change.kind is ChangeKind.REMOVED:
        return [_("remove key result {kr}").format(kr=name)]
    phrases = [
        _("check-in {kr} {value}").format(kr=name, value=format_number(c.value))
        for c in change.new_checkins
    ]
    if change.target_changed:
        phrases.append(
            _("{kr} target {old} → {new}").format(
                kr=name, old=format_number(change.old_target), new=format_number(change.new_target)
            )
        )
    if change.value_changed and not change.new_checkins:
        phrases.append(
            _("{kr} {old} → {new}").format(
                kr=name, old=format_number(change.old_value), new=format_number(change.new_value)
            )
        )
    if change.fields:
        phrases.append(_("edit {kr}: {fields}").format(kr=name, fields=", ".join(change.fields)))
    return phrases


def describe_objective(change: ObjectiveChange) -> list[str]:
    """Short phrases for one objective's change."""
    if change.kind is ChangeKind.ADDED:
        return [_("add objective {id}").format(id=change.objective_id)]
    if change.kind is ChangeKind.REMOVED:
        return [_("remove objective {id}").format(id=change.objective_id)]
    phrases: list[str] = []
    if change.fields:
        phrases.append(
            _("edit objective {id}: {fields}").format(
                id=change.objective_id, fields=", ".join(change.fields)
            )
        )
    for kr in change.key_results:
        phrases += describe_key_result(kr)
    return phrases


def commit_message(changes: Sequence[ObjectiveChange], others: Sequence[str] = ()) -> str:
    """The message for `changes` plus `others` (phrases about files that are not
    objectives, or did not load)."""
    phrases = [(c.objective_id, p) for c in changes for p in describe_objective(c)]
    phrases += [("", p) for p in others]
    if not phrases:
        return PREFIX + _("update workspace")
    if len(phrases) == 1:
        return PREFIX + phrases[0][1]
    objectives = list(dict.fromkeys(oid for oid, _p in phrases if oid))
    if len(objectives) == 1 and len(objectives) == len({oid for oid, _p in phrases}):
        subject = _("update {id}").format(id=objectives[0])
    elif objectives:
        subject = nformat("update {n} objective", "update {n} objectives", len(objectives))
    else:
        subject = _("update workspace")
    body = "\n".join(f"- {p}" for _oid, p in phrases)
    return f"{PREFIX}{subject}\n\n{body}\n"


def _load(path: Path, data: bytes | None) -> Objective | None:
    return parse_blob(path, data) if data is not None else None


def prefill_commit_message(repo: GitRepo, workspace: Path | str) -> str:
    """A message describing the workspace's uncommitted changes against HEAD."""
    root = Path(workspace).resolve()
    files: list[FileChange] = repo.changed_workspace_files(root)
    tracked = [f for f in files if not f.untracked] if repo.head() is not None else []
    committed = repo.read_blobs([("HEAD", f.original or f.path) for f in tracked])
    old_blobs = dict(zip((f.path for f in tracked), committed, strict=True))
    old_objectives: dict[str, Objective] = {}
    new_objectives: dict[str, Objective] = {}
    others: list[str] = []
    touched: dict[str, str] = {}  # objective id -> a changed file of it
    for file in files:
        relative = file.path.relative_to(root).as_posix()
        if file.path == root / SETTINGS_FILE:
            others.append(_("edit workspace settings"))
            continue
        if file.path.parent == root / "reviews":
            others.append(_("monthly review {date}").format(date=file.path.stem))
            continue
        old_data = old_blobs.get(file.path)
        readable = file.path.is_file() and not leads_outside(root, file.path)
        new_data = file.path.read_bytes() if readable else None
        old, new = _load(file.original or file.path, old_data), _load(file.path, new_data)
        if (old_data is not None and old is None) or (new_data is not None and new is None):
            others.append(_("edit {path}").format(path=relative))  # it does not load
            continue
        # Keyed by id, so an objective moved to another cycle reads as one edit.
        for version, found in ((old, old_objectives), (new, new_objectives)):
            if version is not None:
                found[version.id] = version
                touched.setdefault(version.id, relative)
    changes = compare_objectives(old_objectives, new_objectives)
    described = {c.objective_id for c in changes}
    others += [
        _("edit {path}").format(path=path)  # e.g. only `updated` moved
        for oid, path in touched.items()
        if oid not in described
    ]
    return commit_message(changes, others)
