"""Three-way, field-level merge of objective files: the `okrtui` git merge driver.

The three versions are parsed and merged field by field, so two people who
edit different fields (or different key results) of one objective never
conflict. Rules:

* a field changed on one side only takes that side's value;
* key results are matched by id: added, deleted or edited on either side;
* check-ins are a union ordered by date; a check-in is identified by its
  date and author (and, for several by one author on one day, which of them
  it is), so the same check-in on both sides is kept once and two of one day
  are both kept;
* `tags` merge as a set; checklist milestones are matched by title;
* `updated` takes the later date;
* the same field changed differently on both sides is a conflict.

A conflict keeps both sides: the canonical text of the merge with every
conflict resolved "ours" and the one resolved "theirs" are compared line by
line and the differing lines are wrapped in git-style markers. The markers
make the file unparsable, so okrtui lists it as broken and never overwrites
it until a person resolves it. When any input does not parse, a plain
line-based `git merge-file` runs instead, so nothing is ever lost.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from okrtui.i18n import _
from okrtui.model import Objective
from okrtui.store.git import GitError, explain_failure, run_git
from okrtui.store.toml_io import TomlSyntaxError, atomic_write, parse_toml
from okrtui.store.workspace import render_objective

OURS_MARKER = "<<<<<<< ours"
SEPARATOR = "======="
THEIRS_MARKER = ">>>>>>> theirs"


class _Missing:
    """A value absent on one side: a deleted key result, or no base at all."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True, slots=True)
class _Conflict:
    ours: Any
    theirs: Any


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """One field both sides changed differently, e.g. `key_results[reach].metric.target`."""

    path: str
    ours: Any
    theirs: Any

    def describe(self) -> str:
        return _("{field}: ours {ours}, theirs {theirs}").format(
            field=self.path, ours=show_value(self.ours), theirs=show_value(self.theirs)
        )


@dataclass(slots=True)
class MergeOutcome:
    """The merged text and what could not be merged automatically."""

    text: str
    conflicts: list[FieldConflict] = field(default_factory=list)
    textual: bool = False  # the line-based fallback ran (an input did not parse)
    clean: bool = True


def show_value(value: Any) -> str:
    """A short, readable form of a field's value for conflict reports."""
    if value is MISSING:
        return _("(deleted)")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        if "id" in value:
            return _("key result {id}").format(id=value["id"])
        if "date" in value and "value" in value:
            return _("check-in {date} {value}").format(
                date=show_value(value["date"]), value=show_value(value["value"])
            )
    if isinstance(value, list):
        return "[" + ", ".join(show_value(v) for v in value) + "]"
    return repr(str(value)) if isinstance(value, str) else str(value)


def _checkin_key(item: dict[str, Any]) -> tuple[Any, Any]:
    """A check-in is who measured on which day: two sides correcting its value conflict."""
    return (item.get("date"), item.get("author"))


def _checkin_label(key: Any) -> str:
    date, author, nth = key
    words = [_("check-in"), show_value(date), *([author] if author else [])]
    return " ".join([*words, *([f"#{nth + 1}"] if nth else [])])


class _FieldMerger:
    """Walks three parsed documents together, collecting conflicts."""

    def __init__(self) -> None:
        self.conflicts: list[FieldConflict] = []

    def merge(self, base: Any, ours: Any, theirs: Any, path: str) -> Any:
        if ours == theirs:
            return ours
        if base == ours:
            return theirs
        if base == theirs:
            return ours
        name = path.rsplit(".", 1)[-1]
        if isinstance(ours, dict) and isinstance(theirs, dict):
            return self._merge_tables(base if isinstance(base, dict) else {}, ours, theirs, path)
        if isinstance(ours, list) and isinstance(theirs, list):
            old = base if isinstance(base, list) else []
            if name == "key_results":
                return self._merge_keyed(old, ours, theirs, path, lambda kr: kr["id"], str)
            if name == "checkins":
                merged = self._merge_keyed(old, ours, theirs, path, _checkin_key, _checkin_label)
                return merged if isinstance(merged, _Conflict) else _by_date(merged)
            if name == "milestones":
                return self._merge_keyed(old, ours, theirs, path, lambda m: m["title"], str)
            if name == "tags":
                return _merge_set(old, ours, theirs)
        if name == "updated" and isinstance(ours, dt.date) and isinstance(theirs, dt.date):
            return max(ours, theirs)
        return self._conflict(path, ours, theirs)

    def _conflict(self, path: str, ours: Any, theirs: Any) -> _Conflict:
        self.conflicts.append(FieldConflict(path, ours, theirs))
        return _Conflict(ours, theirs)

    def _merge_tables(
        self, base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], path: str
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in [*ours, *(k for k in theirs if k not in ours)]:
            sub = f"{path}.{key}" if path else key
            value = self.merge(
                base.get(key, MISSING), ours.get(key, MISSING), theirs.get(key, MISSING), sub
            )
            if value is not MISSING:
                out[key] = value
        return out

    def _merge_keyed(
        self,
        base: list[Any],
        ours: list[Any],
        theirs: list[Any],
        path: str,
        key_of: Callable[[Any], Hashable],
        label: Callable[[Hashable], str],
    ) -> Any:
        sides: list[dict[Hashable, Any]] = []
        for items in (base, ours, theirs):
            keyed: dict[Hashable, Any] = {}
            for item in items:
                if not isinstance(item, dict):
                    return self._conflict(path, ours, theirs)
                key = key_of(item)
                if path.endswith("checkins"):
                    # Several check-ins one day by one author are told apart by their
                    # order that day: keying by day and author alone dropped all but one.
                    nth = sum(k[:2] == key for k in keyed)  # type: ignore[index]
                    key = (*key, nth)  # type: ignore[misc]
                keyed.setdefault(key, item)
            sides.append(keyed)
        keyed_base, keyed_ours, keyed_theirs = sides
        if path.endswith("milestones") and len(keyed_ours) + len(keyed_theirs) < len(ours) + len(
            theirs
        ):
            # Two milestones with one title cannot be told apart: keep both lists whole.
            return self._conflict(path, ours, theirs)
        order = _merge_order(list(keyed_base), list(keyed_ours), list(keyed_theirs))
        out = []
        for key in order:
            value = self.merge(
                keyed_base.get(key, MISSING),
                keyed_ours.get(key, MISSING),
                keyed_theirs.get(key, MISSING),
                f"{path}[{label(key)}]",
            )
            if value is not MISSING:
                out.append(value)
        return out


def _merge_order(base: list[Hashable], ours: list[Hashable], theirs: list[Hashable]) -> list[Any]:
    """Ours' order (theirs' if only theirs reordered), with the other side's additions
    placed after the item they follow there."""
    ours_kept = [k for k in ours if k in base]
    base_kept = [k for k in base if k in ours]
    primary, secondary = (theirs, ours) if ours_kept == base_kept else (ours, theirs)
    order = list(dict.fromkeys(primary))
    for index, key in enumerate(secondary):
        if key in order:
            continue
        before = next((k for k in reversed(secondary[:index]) if k in order), None)
        order.insert(order.index(before) + 1 if before is not None else 0, key)
    return order


def _merge_set(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    removed = {x for x in base if x not in ours or x not in theirs}
    return list(dict.fromkeys(x for x in [*ours, *theirs] if x not in removed))


def _by_date(checkins: list[Any]) -> list[Any]:
    def when(item: Any) -> dt.date:
        value = item.ours if isinstance(item, _Conflict) else item
        return value.get("date") or dt.date.min if isinstance(value, dict) else dt.date.min

    return sorted(checkins, key=when)


def _resolve(tree: Any, take_ours: bool) -> Any:
    """The merged document with every conflict settled for one side."""
    if isinstance(tree, _Conflict):
        return tree.ours if take_ours else tree.theirs
    if isinstance(tree, dict):
        out = {k: _resolve(v, take_ours) for k, v in tree.items()}
        return {k: v for k, v in out.items() if v is not MISSING}
    if isinstance(tree, list):
        return [v for v in (_resolve(i, take_ours) for i in tree) if v is not MISSING]
    return tree


def with_conflict_markers(ours_text: str, theirs_text: str) -> str:
    """Both texts in one: shared lines once, differing lines between git-style markers."""
    a, b = ours_text.splitlines(keepends=True), theirs_text.splitlines(keepends=True)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(a[i1:i2])
        else:
            out.extend([f"{OURS_MARKER}\n", *a[i1:i2], f"{SEPARATOR}\n", *b[j1:j2]])
            out.append(f"{THEIRS_MARKER}\n")
    return "".join(out)


def parse_objective(text: str) -> Objective | None:
    """The objective in `text`, or None when it does not parse or validate."""
    try:
        return Objective.model_validate(parse_toml(text))
    except (TomlSyntaxError, ValidationError):
        return None


def _validated(document: Any) -> Objective | None:
    try:
        return Objective.model_validate(document)
    except ValidationError:
        return None


def merge_objectives(
    base: Objective | None, ours: Objective, theirs: Objective
) -> MergeOutcome | None:
    """Merge two versions of an objective against their common ancestor (None: no base).

    None when the merged data is not a valid objective (say, two key results
    in a standalone SMART goal); the caller then falls back to a text merge.
    """
    merger = _FieldMerger()
    tree = merger.merge(
        base.model_dump() if base is not None else MISSING,
        ours.model_dump(),
        theirs.model_dump(),
        "",
    )
    if not merger.conflicts:
        merged = _validated(tree)
        return MergeOutcome(render_objective(merged)) if merged is not None else None
    ours_side, theirs_side = _validated(_resolve(tree, True)), _validated(_resolve(tree, False))
    if ours_side is None or theirs_side is None:
        return None
    ours_text, theirs_text = render_objective(ours_side), render_objective(theirs_side)
    if ours_text == theirs_text:
        return MergeOutcome(ours_text)
    return MergeOutcome(
        with_conflict_markers(ours_text, theirs_text), merger.conflicts, clean=False
    )


def merge_objective_texts(base: str, ours: str, theirs: str) -> MergeOutcome | None:
    """Merge three file texts; None when one of them does not parse (an empty base is
    no base: both sides added the file)."""
    parsed_ours, parsed_theirs = parse_objective(ours), parse_objective(theirs)
    parsed_base = parse_objective(base) if base.strip() else None
    if parsed_ours is None or parsed_theirs is None or (base.strip() and parsed_base is None):
        return None
    return merge_objectives(parsed_base, parsed_ours, parsed_theirs)


def merge_files(base: Path, ours: Path, theirs: Path) -> MergeOutcome:
    """The merge driver's work: merge into `ours` in place, as git expects of `%A`."""
    try:
        texts = [p.read_bytes().decode("utf-8") for p in (base, ours, theirs)]
    except UnicodeDecodeError:
        texts = None
    outcome = merge_objective_texts(*texts) if texts is not None else None
    if outcome is not None:
        atomic_write(ours, outcome.text)
        return outcome
    clean = text_merge(base, ours, theirs)
    return MergeOutcome(ours.read_text("utf-8", errors="replace"), textual=True, clean=clean)


def text_merge(base: Path, ours: Path, theirs: Path) -> bool:
    """Line-based `git merge-file` of three files into `ours`; True when clean."""
    labels = ["-L", "ours", "-L", "base", "-L", "theirs"]
    args = ["merge-file", *labels, str(ours), str(base), str(theirs)]
    result = run_git(args, ours.resolve().parent, action="merge-file")
    if result.returncode < 0 or result.returncode > 127:
        raise GitError(explain_failure("merge-file", result))
    return result.returncode == 0
