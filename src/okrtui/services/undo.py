"""Undo and redo of the session's edits: one snapshot of each objective a step touched.

Every change to an objective is recorded as its state before and after
(`model_dump()`, or None when the objective does not exist), so undoing is
putting the "before" back, whatever kind of edit it was: a field, a tick, a
check-in, a key result added, moved or deleted, a review decision. Changes
recorded together (one key press, one dialog) make one step; a burst of typing
in one field is merged into one step.

The state before an objective's first change is asked of a `baseline`
function (the app reads it from the file the objective was loaded from). An
objective reloaded from disk is `forget`-ten: its steps are dropped, never
replayed over what someone else wrote.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from okrtui.i18n import _, count, local_number
from okrtui.store.workspace import WorkspaceStore, digest, objective_from_text

Snapshot = dict[str, Any] | None
"""An objective's `model_dump()`, or None when it does not exist."""

UNKNOWN: dict[str, Any] = {"unknown": True}
"""What a baseline function returns when the state before a change cannot be known
(compared by identity)."""

MERGE_SECONDS = 2.0
"""Edits of the same field closer together than this are one step (a burst of typing)."""
LIMIT = 300
"""Steps kept; the oldest go first."""

Path = tuple[str, ...]


@dataclass(slots=True)
class Change:
    """One objective's state before and after a step."""

    objective_id: str
    before: Snapshot
    after: Snapshot


@dataclass(slots=True)
class Step:
    """Changes made together, undone and redone together."""

    changes: list[Change]
    at: float
    paths: frozenset[Path] = field(default_factory=frozenset)
    mergeable: bool = True

    @property
    def objective_ids(self) -> list[str]:
        return [c.objective_id for c in self.changes]

    def describe(self) -> str:
        return describe_step(self)


class UndoHistory:
    """The undo and redo stacks of a session."""

    def __init__(
        self,
        baseline: Callable[[str], Snapshot],
        *,
        clock: Callable[[], float] = time.monotonic,
        limit: int = LIMIT,
    ) -> None:
        self._baseline = baseline
        self._clock = clock
        self._limit = limit
        self._current: dict[str, Snapshot] = {}
        """The latest known state of every objective touched so far."""
        self._open: dict[str, Change] = {}
        self.undo_stack: list[Step] = []
        self.redo_stack: list[Step] = []

    # ----------------------------------------------------------- recording
    @property
    def recording(self) -> bool:
        """True while changes wait for `close` to become a step."""
        return bool(self._open)

    def record(self, objective_id: str, after: Snapshot) -> None:
        """Note that `objective_id` is now `after`; `close` makes the step."""
        if objective_id in self._open:
            self._open[objective_id].after = after
            self._current[objective_id] = after
            return
        if objective_id in self._current:
            before = self._current[objective_id]
        else:
            before = self._baseline(objective_id)
        self._current[objective_id] = after
        if before is UNKNOWN:
            return  # the state before cannot be known: this change cannot be undone
        self._open[objective_id] = Change(objective_id, before, after)

    def close(self) -> Step | None:
        """Turn the changes recorded since the last close into one step (or merge it)."""
        changes = [c for c in self._open.values() if c.before != c.after]
        self._open = {}
        if not changes:
            return None
        step = Step(changes, self._clock(), _step_paths(changes))
        self.redo_stack.clear()
        top = self.undo_stack[-1] if self.undo_stack else None
        if top is not None and _merges(top, step):
            top.changes[0].after = step.changes[0].after
            top.at = step.at
            if top.changes[0].before == top.changes[0].after:
                self.undo_stack.pop()  # typed back to what it was
            return top
        self.undo_stack.append(step)
        del self.undo_stack[: -self._limit]
        return step

    # ----------------------------------------------------------- undo, redo
    def undo(self) -> Step | None:
        """The step to undo (put each change's `before` back), or None."""
        self.close()
        if not self.undo_stack:
            return None
        step = self.undo_stack.pop()
        step.mergeable = False
        for change in step.changes:
            self._current[change.objective_id] = change.before
        self.redo_stack.append(step)
        return step

    def redo(self) -> Step | None:
        """The step to redo (put each change's `after` back), or None."""
        self.close()
        if not self.redo_stack:
            return None
        step = self.redo_stack.pop()
        for change in step.changes:
            self._current[change.objective_id] = change.after
        self.undo_stack.append(step)
        return step

    # ----------------------------------------------------------- outside changes
    def forget(self, objective_ids: Iterable[str]) -> int:
        """Drop the history of objectives reloaded from disk; return the steps dropped."""
        gone = set(objective_ids)
        if not gone:
            return 0
        for oid in gone:
            self._current.pop(oid, None)
            self._open.pop(oid, None)
        dropped = 0
        for stack in (self.undo_stack, self.redo_stack):
            kept = [s for s in stack if not gone.intersection(s.objective_ids)]
            dropped += len(stack) - len(kept)
            stack[:] = kept
        return dropped

    def rename_objective(self, old: str, new: str) -> None:
        """An objective's id changed (at its first save): follow it everywhere."""
        for snapshot in self._snapshots():
            if snapshot.get("id") == old:
                snapshot["id"] = new
            if snapshot.get("parent") == old:
                snapshot["parent"] = new
        for change in self._changes():
            if change.objective_id == old:
                change.objective_id = new
        for mapping in (self._current, self._open):
            if old in mapping:
                mapping[new] = mapping.pop(old)  # type: ignore[assignment]

    def rename_key_result(self, objective_id: str, old: str, new: str) -> None:
        """A key result's id changed (at its first save): follow it in its objective."""
        for snapshot in self._snapshots():
            if snapshot.get("id") != objective_id:
                continue
            for kr in snapshot.get("key_results", []):
                if kr.get("id") == old:
                    kr["id"] = new

    def _changes(self) -> Iterator[Change]:
        for stack in (self.undo_stack, self.redo_stack):
            for step in stack:
                yield from step.changes
        yield from self._open.values()

    def _snapshots(self) -> Iterator[dict[str, Any]]:
        seen: set[int] = set()
        candidates: list[Snapshot] = list(self._current.values())
        for change in self._changes():
            candidates += [change.before, change.after]
        for snapshot in candidates:
            if snapshot is not None and id(snapshot) not in seen:
                seen.add(id(snapshot))
                yield snapshot


# ---------------------------------------------------------------------- diffs
IGNORED: frozenset[str] = frozenset({"updated"})
"""Fields that change with every edit and say nothing about it."""


def _flatten(value: Any, prefix: Path = ()) -> dict[Path, Any]:
    """Leaves of a snapshot by path; list items with an id (or a date) are keyed by it."""
    found: dict[Path, Any] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            if not prefix and key in IGNORED:
                continue
            found.update(_flatten(item, (*prefix, str(key))))
    elif isinstance(value, list) and value and all(isinstance(i, dict) for i in value):
        for index, item in enumerate(value):
            key = item.get("id") or item.get("date") or index
            found.update(_flatten(item, (*prefix, f"[{key}]")))
        found[(*prefix, "#")] = len(value)
    else:
        found[prefix] = value
    return found


def changed_paths(before: Snapshot, after: Snapshot) -> dict[Path, tuple[Any, Any]]:
    """Every leaf that differs between two snapshots, with its two values."""
    old, new = _flatten(before or {}), _flatten(after or {})
    return {
        path: (old.get(path), new.get(path))
        for path in sorted(old.keys() | new.keys())
        if old.get(path) != new.get(path)
    }


def _step_paths(changes: list[Change]) -> frozenset[Path]:
    return frozenset(
        (c.objective_id, *path) for c in changes for path in changed_paths(c.before, c.after)
    )


def _merges(top: Step, step: Step) -> bool:
    """True when `step` continues `top`: the same field of one objective, just after."""
    return (
        top.mergeable
        and len(top.changes) == len(step.changes) == 1
        and top.changes[0].objective_id == step.changes[0].objective_id
        and None not in (top.changes[0].after, step.changes[0].before)
        and top.paths == step.paths
        and step.at - top.at <= MERGE_SECONDS
    )


# ---------------------------------------------------------------------- wording
def field_names() -> dict[str, str]:
    """Model field names as a person reads them (translated when asked)."""
    return {
        "title": _("title"),
        "description": _("description"),
        "owner": _("owner"),
        "level": _("level"),
        "kind": _("kind"),
        "status": _("status"),
        "cycle": _("cycle"),
        "parent": _("alignment"),
        "tags": _("tags"),
        "due": _("due date"),
        "confidence": _("confidence"),
        "weight": _("weight"),
        "type": _("metric type"),
        "direction": _("direction"),
        "unit": _("unit"),
        "start": _("start"),
        "target": _("target"),
        "current": _("current value"),
    }


def format_snapshot_value(value: Any) -> str:
    """A value as a person reads it: 54,000; 2026-10-01; “text”; —."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, int):
        return count(value)
    if isinstance(value, float):
        return local_number(f"{value:,.0f}" if value.is_integer() else f"{value:,g}")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    text = str(getattr(value, "value", value))
    return f"“{text[:27]}…”" if len(text) > 28 else text


def _kr_title(snapshot: Snapshot, kr_key: str) -> str:
    kr_id = kr_key.strip("[]")
    for kr in (snapshot or {}).get("key_results", []):
        if kr.get("id") == kr_id:
            return str(kr.get("title", kr_id))
    return kr_id


def _field_name(path: Path) -> str:
    """ "smart/specific/answer" reads "specific answer"; "metric/target" reads "target"."""
    if "smart" in path:
        criterion = path[path.index("smart") + 1] if len(path) > path.index("smart") + 1 else ""
        criterion = criterion.replace("_", "-")
        what = _("tick") if path[-1] == "done" else _("answer")
        return f"{criterion} {what}"
    if "checkins" in path:
        return _("check-in {field}").format(field=path[-1])
    if "milestones" in path:
        return _("milestone")
    return field_names().get(path[-1], path[-1].replace("_", " "))


def describe_change(change: Change) -> str:
    """One objective's change in a few words."""
    before, after = change.before, change.after
    if before is None:
        return _("new objective “{title}”").format(title=(after or {}).get("title", ""))
    if after is None:
        return _("deleted objective “{title}”").format(title=before.get("title", ""))
    title = str(after.get("title", ""))
    old_krs = {k["id"]: k for k in before.get("key_results", [])}
    new_krs = {k["id"]: k for k in after.get("key_results", [])}
    added = [k for k in new_krs if k not in old_krs]
    removed = [k for k in old_krs if k not in new_krs]
    if added and not removed:
        return _("new key result “{title}”").format(title=new_krs[added[0]].get("title", ""))
    if removed and not added:
        return _("deleted key result “{title}”").format(title=old_krs[removed[0]].get("title", ""))
    for kr_id, new_kr in new_krs.items():
        old_count = len(old_krs.get(kr_id, {}).get("checkins", []))
        new_count = len(new_kr.get("checkins", []))
        if new_count > old_count:
            return _("check-in of {title}").format(title=new_kr.get("title", ""))
        if new_count < old_count:
            return _("deleted check-in of {title}").format(title=new_kr.get("title", ""))
    diffs = changed_paths(before, after)
    if len(diffs) == 1:
        (path, (old, new)), *_rest = diffs.items()
        if path and path[0] == "key_results" and len(path) > 1:
            title = _kr_title(after, path[1])
        return _("{field} of {title}, {old} → {new}").format(
            field=_field_name(path),
            title=title,
            old=format_snapshot_value(old),
            new=format_snapshot_value(new),
        )
    return _("{n} changes to {title}").format(n=count(len(diffs)), title=title)


def describe_step(step: Step) -> str:
    """A step in a few words, e.g. "target of Organic traffic, 54,000 → 50,000"."""
    if len(step.changes) == 1:
        return describe_change(step.changes[0])
    moved = _moved_key_result(step.changes)
    if moved:
        return _("move of key result “{title}”").format(title=moved)
    created = [c for c in step.changes if c.before is None]
    deleted = [c for c in step.changes if c.after is None]
    if len(deleted) == 1:
        return describe_change(deleted[0])
    if len(created) == 1:
        return describe_change(created[0])
    return _("changes to {n} objectives").format(n=count(len(step.changes)))


def _moved_key_result(changes: list[Change]) -> str | None:
    """The title of a key result that left one objective for another in these changes."""
    left: dict[str, str] = {}
    arrived: set[str] = set()
    for change in changes:
        old = {k["id"]: k["title"] for k in (change.before or {}).get("key_results", [])}
        new = {k["id"]: k["title"] for k in (change.after or {}).get("key_results", [])}
        left.update({kid: t for kid, t in old.items() if kid not in new})
        arrived.update(t for kid, t in new.items() if kid not in old)
    return next((t for t in left.values() if t in arrived), None)


def disk_baseline(store: WorkspaceStore) -> Callable[[str], Snapshot]:
    """A baseline function: an objective as its file holds it (None: no file, a new one).

    UNKNOWN when the file changed since the store read it (a reload will follow).
    """

    def baseline(objective_id: str) -> Snapshot:
        state = store.files.get(objective_id)
        if state is None:
            return None
        try:
            raw = state.path.read_bytes()
        except OSError:
            return UNKNOWN
        if digest(raw) != state.digest:
            return UNKNOWN
        loaded = objective_from_text(state.path, raw.decode("utf-8-sig"))
        return loaded.objective.model_dump() if loaded.objective is not None else UNKNOWN

    return baseline
