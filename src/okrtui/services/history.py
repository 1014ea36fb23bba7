"""What git remembers about objectives: a key result's values over time, and what
changed since a review (a tag, a commit, or a date)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from okrtui.i18n import _
from okrtui.model import CheckIn, KeyResult, Objective
from okrtui.store import OBJECTIVES_DIR, WorkspaceStore, objective_from_text
from okrtui.store.git import GitError, GitRepo

# Fields whose change is not news: `updated` moves with every edit.
_QUIET_FIELDS = frozenset({"updated", "key_results"})


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class KeyResultPoint:
    """A key result as it stood at one commit."""

    commit: str
    date: dt.datetime
    author: str
    value: float | None
    target: float | None


@dataclass(frozen=True, slots=True)
class KeyResultChange:
    """How one key result differs between two versions of its objective."""

    kr_id: str
    title: str
    kind: ChangeKind
    old_value: float | None = None
    new_value: float | None = None
    old_target: float | None = None
    new_target: float | None = None
    new_checkins: tuple[CheckIn, ...] = ()
    fields: tuple[str, ...] = ()  # other fields that changed, e.g. "owner", "metric.unit"

    @property
    def value_changed(self) -> bool:
        return self.old_value != self.new_value

    @property
    def target_changed(self) -> bool:
        return self.old_target != self.new_target


@dataclass(frozen=True, slots=True)
class ObjectiveChange:
    """How one objective differs between two versions of the workspace."""

    objective_id: str
    title: str
    kind: ChangeKind
    fields: tuple[str, ...] = ()  # objective fields that changed, e.g. "title", "status"
    key_results: tuple[KeyResultChange, ...] = ()


def parse_blob(path: Path, data: bytes) -> Objective | None:
    """The objective in one stored version of a file, or None if it did not load."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return objective_from_text(path, text).objective


def key_result_history(
    repo: GitRepo, path: Path, kr_id: str, *, only_changes: bool = True
) -> list[KeyResultPoint]:
    """A key result's value and target at each commit of its file, oldest first.

    With `only_changes`, a commit that left both value and target as they
    were (it edited something else in the file) adds no point.
    """
    commits = list(reversed(repo.log_file(path)))
    blobs = repo.read_blobs([(c.sha, c.path or path) for c in commits])
    points: list[KeyResultPoint] = []
    for commit, blob in zip(commits, blobs, strict=True):
        objective = parse_blob(commit.path or path, blob) if blob is not None else None
        kr = objective.key_result(kr_id) if objective is not None else None
        if kr is None:
            continue
        point = KeyResultPoint(
            commit.sha, commit.date, commit.author, kr.current_value(), kr.metric.target
        )
        if (
            only_changes
            and points
            and (points[-1].value, points[-1].target)
            == (
                point.value,
                point.target,
            )
        ):
            continue
        points.append(point)
    return points


def _checkin_identity(checkin: CheckIn) -> tuple[dt.date, float, str]:
    return (checkin.date, checkin.value, checkin.author)


def _changed_fields(old: dict[str, object], new: dict[str, object], prefix: str = "") -> list[str]:
    names: list[str] = []
    for key in dict.fromkeys([*old, *new]):
        if key in _QUIET_FIELDS or key == "checkins" or old.get(key) == new.get(key):
            continue
        before, after = old.get(key), new.get(key)
        if key == "metric" and isinstance(before, dict) and isinstance(after, dict):
            names += _changed_fields(before, after, "metric.")
        else:
            names.append(prefix + key)
    return names


def diff_key_result(old: KeyResult | None, new: KeyResult | None) -> KeyResultChange | None:
    """How a key result changed; None when it did not."""
    if old is None and new is None:
        return None
    if old is None or new is None:
        kr = new if new is not None else old
        assert kr is not None
        return KeyResultChange(
            kr.id,
            kr.title,
            ChangeKind.ADDED if new is not None else ChangeKind.REMOVED,
            old_value=old.current_value() if old else None,
            new_value=new.current_value() if new else None,
            old_target=old.metric.target if old else None,
            new_target=new.metric.target if new else None,
            new_checkins=tuple(new.checkins) if new else (),
        )
    known = {_checkin_identity(c) for c in old.checkins}
    added = tuple(c for c in new.checkins if _checkin_identity(c) not in known)
    fields = _changed_fields(old.model_dump(), new.model_dump())
    if [c for c in new.checkins if _checkin_identity(c) in known] != old.checkins:
        fields.append("checkins")  # an existing check-in was edited or removed
    change = KeyResultChange(
        new.id,
        new.title,
        ChangeKind.CHANGED,
        old.current_value(),
        new.current_value(),
        old.metric.target,
        new.metric.target,
        added,
        tuple(f for f in fields if f != "metric.target"),
    )
    if change.value_changed or change.target_changed or change.new_checkins or change.fields:
        return change
    return None


def diff_objective(old: Objective | None, new: Objective | None) -> ObjectiveChange | None:
    """How an objective changed between two versions; None when nothing did that matters."""
    if old is None and new is None:
        return None
    if old is None or new is None:
        objective = new if new is not None else old
        assert objective is not None
        kind = ChangeKind.ADDED if new is not None else ChangeKind.REMOVED
        return ObjectiveChange(objective.id, objective.title, kind)
    krs: list[KeyResultChange] = []
    for kr_id in dict.fromkeys(
        [*(k.id for k in old.key_results), *(k.id for k in new.key_results)]
    ):
        change = diff_key_result(old.key_result(kr_id), new.key_result(kr_id))
        if change is not None:
            krs.append(change)
    fields = tuple(_changed_fields(old.model_dump(), new.model_dump()))
    if not krs and not fields:
        return None
    return ObjectiveChange(new.id, new.title, ChangeKind.CHANGED, fields, tuple(krs))


def compare_objectives(
    old: Mapping[str, Objective], new: Mapping[str, Objective]
) -> list[ObjectiveChange]:
    """Changes between two sets of objectives keyed by id (a move between cycles is an edit)."""
    changes = []
    for objective_id in sorted({*old, *new}):
        change = diff_objective(old.get(objective_id), new.get(objective_id))
        if change is not None:
            changes.append(change)
    return changes


def objectives_at(repo: GitRepo, workspace: Path, rev: str) -> dict[str, Objective]:
    """The objectives committed at `rev` (files that did not load are left out)."""
    paths = [p for p in repo.files_at(rev, workspace / OBJECTIVES_DIR) if p.suffix == ".toml"]
    found: dict[str, Objective] = {}
    for path, blob in zip(paths, repo.read_blobs([(rev, p) for p in paths]), strict=True):
        objective = parse_blob(path, blob) if blob is not None else None
        if objective is not None:
            found.setdefault(objective.id, objective)
    return found


def baseline_commit(repo: GitRepo, since: str | dt.date) -> str | None:
    """The commit a "changed since" view compares with.

    A date means the workspace as it was when that day began (the last
    commit before it; None when there was none). A string is a tag, branch
    or commit; `GitError` when git does not know it.
    """
    if isinstance(since, dt.date):
        return repo.commit_before(dt.datetime.combine(since, dt.time.min))
    commit = repo.resolve(since)
    if commit is None:
        raise GitError(_("unknown tag or commit: {rev}").format(rev=since))
    return commit


def changes_since(
    repo: GitRepo,
    workspace: Path | str,
    since: str | dt.date,
    current: Mapping[str, Objective] | None = None,
) -> list[ObjectiveChange]:
    """Which objectives and key results changed since a tag, commit or date.

    `current` is what the app has loaded (default: the files on disk now).
    """
    root = Path(workspace).resolve()
    base = baseline_commit(repo, since)
    old = objectives_at(repo, root, base) if base is not None else {}
    if current is None:
        current = WorkspaceStore.open(root).objectives
    return compare_objectives(old, current)
