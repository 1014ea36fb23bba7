"""The workspace on disk: `okrtui.toml` plus one TOML file per objective.

    okrtui.toml
    objectives/<cycle>/<objective-id>.toml

`WorkspaceStore` loads every file it can, collects the problems of those it
cannot, and writes back only what changed, atomically and canonically. A file
that did not load is never written; a file that changed on disk since it was
read is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from okrtui.model import Cycle, Objective, WorkspaceSettings, is_cycle_name, is_slug
from okrtui.store.errors import (
    ConflictError,
    NotAWorkspaceError,
    SaveRefusedError,
    WorkspaceError,
)
from okrtui.store.locate import locate_line
from okrtui.store.toml_io import TomlSyntaxError, atomic_write, dumps_canonical, parse_toml

SETTINGS_FILE = "okrtui.toml"
OBJECTIVES_DIR = "objectives"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(slots=True)
class FileState:
    """What the store last read from, or wrote to, one file."""

    path: Path
    digest: str


@dataclass
class LoadResult:
    objective: Objective | None
    errors: list[WorkspaceError]


def _format_loc(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def validation_errors(
    path: Path, text: str, exc: ValidationError, prefix: tuple[str | int, ...] = ()
) -> list[WorkspaceError]:
    """One `WorkspaceError` per pydantic error, with the field's line where it can be found."""
    errors = []
    for err in exc.errors():
        loc = tuple(p for p in (*prefix, *err["loc"]) if isinstance(p, str | int))
        message = str(err["msg"])
        if message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown field"
        if err["type"] == "missing":
            message = "required field is missing"
        errors.append(
            WorkspaceError(
                path=path,
                message=message,
                line=locate_line(text, loc) if loc else None,
                field=_format_loc(loc) or None,
                code="E002",
            )
        )
    return errors


def objective_from_text(path: Path, text: str) -> LoadResult:
    """Parse and validate one objective file."""
    try:
        data = parse_toml(text)
    except TomlSyntaxError as exc:
        return LoadResult(
            None,
            [WorkspaceError(path, f"TOML syntax error: {exc.message}", exc.line, exc.column)],
        )
    try:
        objective = Objective.model_validate(data)
    except ValidationError as exc:
        return LoadResult(None, validation_errors(path, text, exc))
    if objective.id != path.stem:
        return LoadResult(
            None,
            [
                WorkspaceError(
                    path,
                    f"id {objective.id!r} does not match the file name {path.name!r}",
                    locate_line(text, ("id",)),
                    field="id",
                    code="E003",
                )
            ],
        )
    return LoadResult(objective, [])


def objective_document(objective: Objective) -> dict[str, Any]:
    """The data written for an objective, in canonical key order."""
    data = objective.model_dump()
    for kr in data["key_results"]:
        for criterion, answer in list(kr["smart"].items()):
            if not answer["done"] and not answer["answer"]:
                del kr["smart"][criterion]
    for criterion, answer in list(data["smart"].items()):
        if not answer["done"] and not answer["answer"]:
            del data["smart"][criterion]
    return data


def render_objective(objective: Objective) -> str:
    """Canonical TOML text for one objective file."""
    return dumps_canonical(objective_document(objective))


def render_settings(settings: WorkspaceSettings) -> str:
    data = settings.model_dump()
    data["stretch_band"] = list(data["stretch_band"])
    return dumps_canonical(data)


@dataclass
class WorkspaceStore:
    """A loaded workspace: its settings, objectives, and the problems found."""

    root: Path
    settings: WorkspaceSettings = field(default_factory=WorkspaceSettings)
    objectives: dict[str, Objective] = field(default_factory=dict)
    errors: list[WorkspaceError] = field(default_factory=list)
    files: dict[str, FileState] = field(default_factory=dict)
    """objective id -> the file it was loaded from or saved to."""
    broken: dict[Path, list[WorkspaceError]] = field(default_factory=dict)
    """files that did not load; they are never written."""
    settings_state: FileState | None = None

    # ------------------------------------------------------------------ loading
    @classmethod
    def open(cls, root: Path | str) -> WorkspaceStore:
        """Load the workspace at `root`; raise `NotAWorkspaceError` when there is none."""
        root = Path(root).resolve()
        if not (root / SETTINGS_FILE).is_file():
            raise NotAWorkspaceError(root)
        store = cls(root=root)
        store.load()
        return store

    def load(self) -> None:
        self.objectives.clear()
        self.files.clear()
        self.errors.clear()
        self.broken.clear()
        self._load_settings()
        paths = sorted(self.objective_paths())
        gc_was_enabled = gc.isenabled()
        gc.disable()  # bulk validation allocates many small objects that never form cycles
        try:
            for path in paths:
                self._load_objective_file(path)
        finally:
            if gc_was_enabled:
                gc.enable()

    def _load_settings(self) -> None:
        path = self.root / SETTINGS_FILE
        raw = path.read_bytes()
        self.settings_state = FileState(path, digest(raw))
        text = raw.decode("utf-8", errors="replace")
        try:
            data = parse_toml(text)
            self.settings = WorkspaceSettings.model_validate(data)
        except TomlSyntaxError as exc:
            self._add_broken(
                path, [WorkspaceError(path, f"TOML syntax error: {exc.message}", exc.line, exc.column)]
            )
            self.settings = WorkspaceSettings()
        except ValidationError as exc:
            self._add_broken(path, validation_errors(path, text, exc))
            self.settings = WorkspaceSettings()

    def objective_paths(self) -> Iterator[Path]:
        folder = self.root / OBJECTIVES_DIR
        if not folder.is_dir():
            return
        for cycle_dir in folder.iterdir():
            if cycle_dir.is_dir() and not cycle_dir.name.startswith("."):
                for path in cycle_dir.glob("*.toml"):
                    if not path.name.startswith("."):
                        yield path

    def _add_broken(self, path: Path, errors: list[WorkspaceError]) -> None:
        self.broken[path] = errors
        self.errors.extend(errors)

    def _load_objective_file(self, path: Path) -> Objective | None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self._add_broken(path, [WorkspaceError(path, f"cannot read: {exc.strerror}")])
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self._add_broken(path, [WorkspaceError(path, f"not UTF-8 text: {exc.reason}")])
            return None
        result = objective_from_text(path, text)
        if result.objective is None:
            self._add_broken(path, result.errors)
            return None
        objective = result.objective
        if objective.id in self.objectives:
            other = self.files[objective.id].path
            self._add_broken(
                path,
                [
                    WorkspaceError(
                        path,
                        f"duplicate objective id {objective.id!r} (also in {other})",
                        locate_line(text, ("id",)),
                        field="id",
                        code="E004",
                    )
                ],
            )
            return None
        self.objectives[objective.id] = objective
        self.files[objective.id] = FileState(path, digest(raw))
        return objective

    def reload_file(self, path: Path) -> Objective | None:
        """Re-read one objective file after it changed on disk."""
        path = path.resolve()
        for oid, state in list(self.files.items()):
            if state.path == path:
                del self.files[oid]
                self.objectives.pop(oid, None)
        if path in self.broken:
            for err in self.broken.pop(path):
                if err in self.errors:
                    self.errors.remove(err)
        if not path.exists():
            return None
        return self._load_objective_file(path)

    # ------------------------------------------------------------------ queries
    def objective_path(self, objective: Objective) -> Path:
        """Where an objective is stored. Ids and cycle names are validated slugs."""
        if not is_slug(objective.id) or not is_cycle_name(objective.cycle):
            raise SaveRefusedError(self.root, f"unsafe id or cycle name: {objective.id!r}")
        path = (self.root / OBJECTIVES_DIR / objective.cycle / f"{objective.id}.toml").resolve()
        if not path.is_relative_to(self.root / OBJECTIVES_DIR):
            raise SaveRefusedError(path, "path lies outside the workspace")
        return path

    def children(self, objective_id: str | None) -> list[Objective]:
        """Objectives aligned directly under `objective_id` (None: top-level ones)."""
        return [o for o in self.objectives.values() if o.parent == objective_id]

    def cycles(self) -> list[Cycle]:
        """Cycles from the settings, plus any that objectives name but settings lack."""
        known = {c.name for c in self.settings.cycles}
        extra = sorted({o.cycle for o in self.objectives.values()} - known)
        return [*self.settings.cycles, *(Cycle(name=n, start=dt.date.min, end=dt.date.max) for n in extra)]

    def is_dirty_on_disk(self, objective_id: str) -> bool:
        """True when the objective's file changed on disk since it was read or written."""
        state = self.files.get(objective_id)
        if state is None:
            return False
        try:
            return digest(state.path.read_bytes()) != state.digest
        except FileNotFoundError:
            return True

    # ------------------------------------------------------------------ saving
    def save_objective(self, objective: Objective) -> bool:
        """Write one objective if its canonical text differs from disk. True if written.

        Refuses (raising `SaveRefusedError`) to overwrite a file that did not
        load, or one that changed on disk since it was read (`ConflictError`).
        """
        target = self.objective_path(objective)
        if target in self.broken:
            raise SaveRefusedError(target, "the file on disk did not load; fix it first")
        previous = self.files.get(objective.id)
        for oid, state in self.files.items():
            if state.path == target and oid != objective.id:
                raise SaveRefusedError(target, f"the file belongs to objective {oid!r}")
        if previous is None and target.exists():
            raise SaveRefusedError(target, f"a file for {objective.id!r} already exists")
        if previous is not None:
            self._check_unchanged(previous)
        text = render_objective(objective)
        data = text.encode("utf-8")
        if previous is not None and previous.path == target and previous.digest == digest(data):
            self.objectives[objective.id] = objective
            return False
        atomic_write(target, text)
        if previous is not None and previous.path != target and previous.path.exists():
            previous.path.unlink()  # the objective moved to another cycle
        self.files[objective.id] = FileState(target, digest(data))
        self.objectives[objective.id] = objective
        return True

    def _check_unchanged(self, state: FileState) -> None:
        try:
            current = state.path.read_bytes()
        except FileNotFoundError:
            raise ConflictError(state.path) from None
        if digest(current) != state.digest:
            raise ConflictError(state.path)

    def delete_objective(self, objective_id: str) -> None:
        state = self.files.get(objective_id)
        if state is not None:
            self._check_unchanged(state)
            state.path.unlink()
            del self.files[objective_id]
        self.objectives.pop(objective_id, None)

    def save_settings(self, settings: WorkspaceSettings) -> bool:
        path = self.root / SETTINGS_FILE
        if path in self.broken:
            raise SaveRefusedError(path, "okrtui.toml did not load; fix it first")
        if self.settings_state is not None:
            self._check_unchanged(self.settings_state)
        text = render_settings(settings)
        new_digest = digest(text.encode("utf-8"))
        self.settings = settings
        if self.settings_state is not None and self.settings_state.digest == new_digest:
            return False
        atomic_write(path, text)
        self.settings_state = FileState(path, new_digest)
        return True


def init_workspace(path: Path | str, name: str | None = None, today: dt.date | None = None) -> Path:
    """Create an empty workspace with the current quarter as its first cycle."""
    root = Path(path).resolve()
    if (root / SETTINGS_FILE).exists():
        raise SaveRefusedError(root / SETTINGS_FILE, "a workspace already exists here")
    today = today or dt.date.today()
    quarter = (today.month - 1) // 3
    start = dt.date(today.year, quarter * 3 + 1, 1)
    end_month = quarter * 3 + 3
    end = (dt.date(today.year + (end_month == 12), end_month % 12 + 1, 1)) - dt.timedelta(days=1)
    cycle = Cycle(name=f"{today.year}-Q{quarter + 1}", start=start, end=end)
    settings = WorkspaceSettings(name=name or root.name, cycles=[cycle], default_cycle=cycle.name)
    root.mkdir(parents=True, exist_ok=True)
    (root / OBJECTIVES_DIR / cycle.name).mkdir(parents=True, exist_ok=True)
    atomic_write(root / SETTINGS_FILE, render_settings(settings))
    return root
