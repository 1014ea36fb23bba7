"""The workspace on disk: `okrtui.toml` plus one TOML file per objective.

    okrtui.toml
    objectives/<cycle>/<objective-id>.toml

`WorkspaceStore` loads every file it can, collects the problems of those it
cannot, and writes back only what changed, atomically and canonically. A file
that did not load is never written; a file that changed on disk since it was
read is never overwritten.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import hashlib
import os
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from okrtui.i18n import _
from okrtui.model import Calendar, Cycle, Objective, WorkspaceSettings, is_cycle_name, is_slug
from okrtui.store import crash
from okrtui.store.errors import (
    ConflictError,
    NotAWorkspaceError,
    SaveRefusedError,
    WorkspaceError,
    field_error,
    syntax_error,
)
from okrtui.store.errors import validation_errors as validation_errors  # used by reviews
from okrtui.store.links import leads_outside, outside_message
from okrtui.store.objective_map import ObjectiveMap, SearchText, Summary
from okrtui.store.outline import (
    CachedOutline,
    FileStamp,
    Outline,
    read_outlines,
    scan_files,
    scan_outline,
    write_outlines,
)
from okrtui.store.toml_io import (
    TomlSyntaxError,
    atomic_write,
    decode_text,
    dumps_canonical,
    parse_toml,
    read_limited,
)

SETTINGS_FILE = "okrtui.toml"
OBJECTIVES_DIR = "objectives"


def digest(data: bytes) -> str:
    """The fingerprint the store keeps of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


@dataclass(slots=True)
class FileState:
    """What the store last read from, or wrote to, one file."""

    path: Path
    digest: str
    stamp: FileStamp | None = None
    """Modification time and size when read (None after our own write): the outline cache key."""
    outline: Outline | None = None
    """The objective's outline as read from this file (never an unsaved edit): the cache value."""
    loads: bool = False
    """True when the bytes of `digest` are known to load (the store read or wrote them):
    a save then need not parse the file again to know it may replace it."""


@dataclass
class LoadResult:
    """An objective read from text, or the errors that kept it from loading."""

    objective: Objective | None
    errors: list[WorkspaceError]


def objective_from_text(path: Path, text: str) -> LoadResult:
    """Parse and validate one objective file; its name must be `<id>.toml`."""
    try:
        data = parse_toml(text)
    except TomlSyntaxError as exc:
        return LoadResult(None, [syntax_error(path, exc)])
    try:
        objective = Objective.model_validate(data)
    except ValidationError as exc:
        return LoadResult(None, validation_errors(path, text, exc))
    if objective.id != path.stem:
        message = _("id '{id}' does not match the file name '{name}'")
        message = message.format(id=objective.id, name=path.name)
        return LoadResult(None, [field_error(path, text, "id", message, "E003")])
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
    """Canonical TOML text for `okrtui.toml`."""
    data = settings.model_dump()
    data["stretch_band"] = list(data["stretch_band"])
    return dumps_canonical(data)


@dataclass
class WorkspaceStore:
    """A loaded workspace: its settings, objectives, and the problems found.

    An objective's id is its identity: saving an objective whose id is
    already loaded updates (and, if its cycle changed, moves) that file.
    """

    root: Path
    settings: WorkspaceSettings = field(default_factory=WorkspaceSettings)
    objectives: ObjectiveMap = field(default_factory=ObjectiveMap)
    """Objectives by id; in a lazy store, some are read only when first asked for."""
    errors: list[WorkspaceError] = field(default_factory=list)
    files: dict[str, FileState] = field(default_factory=dict)
    """objective id -> the file it was loaded from or saved to."""
    broken: dict[Path, list[WorkspaceError]] = field(default_factory=dict)
    """files that did not load; they are never written."""
    settings_state: FileState | None = None
    lazy: bool = False
    """Read a file only when its objective is asked for; until then use its outline."""
    remember: bool = True
    """Keep the outline cache of this folder (off for throw-away copies such as the demo)."""
    _cached: dict[str, Outline] = field(default_factory=dict, repr=False, init=False)
    """Outlines of the objectives not read yet."""
    verify_later: bool = False
    """Believe the outline cache without a `stat` per file until `verify_outlines` (lazy)."""
    _unverified: dict[str, FileStamp] = field(default_factory=dict, repr=False, init=False)
    """Objectives deferred on a cached outline whose file was not `stat`ed yet, by id."""
    tidied: list[str] = field(default_factory=list)
    """What the open did about leftovers of interrupted saves (`okrtui.store.crash`)."""

    # ------------------------------------------------------------------ loading
    @classmethod
    def open(
        cls,
        root: Path | str,
        *,
        lazy: bool = False,
        remember: bool = True,
        tidy: bool = True,
        verify_later: bool = False,
    ) -> WorkspaceStore:
        """Load the workspace at `root`; raise `NotAWorkspaceError` when there is none.

        With `lazy`, each objective file is first known only by its outline
        (from the outline cache, or its top-level keys: `okrtui.store.outline`)
        and read in full when its objective is first asked for (`load_all`
        reads the rest). The TUI opens this way; everything else reads all at
        once. With `tidy` (not for `okrtui check`, which only reports), interrupted
        moves are settled and stale temporary files removed first (`store.crash`).
        With `verify_later` (the app, for its first frame), a lazy open believes
        the outline cache without comparing each file's stamp: `verify_outlines`
        does that later, and says which outlines changed.
        """
        root = Path(root).resolve()
        if not (root / SETTINGS_FILE).is_file():
            raise NotAWorkspaceError(root)
        store = cls(root=root, lazy=lazy, remember=remember, verify_later=verify_later)
        if tidy:
            store.tidied = crash.tidy(root).notices
        store.load()
        return store

    @classmethod
    def open_settings_only(cls, root: Path | str) -> WorkspaceStore:
        """The workspace at `root` with only `okrtui.toml` read (for `okrtui check`)."""
        root = Path(root).resolve()
        if not (root / SETTINGS_FILE).is_file():
            raise NotAWorkspaceError(root)
        store = cls(root=root)
        store._load_settings()
        return store

    @property
    def settings_path(self) -> Path:
        return self.root / SETTINGS_FILE

    def load(self) -> None:
        """(Re)read every file, collecting the problems of those that do not load."""
        self.objectives.clear()
        self._cached.clear()
        self._unverified.clear()
        self.files.clear()
        self.errors.clear()
        self.broken.clear()
        self._load_settings()
        unreadable: list[WorkspaceError] = []
        # keyed, sorted and joined as strings: 10,000 `Path`s cost tens of ms at every start
        listed = sorted(
            (OBJECTIVES_DIR, name) if cycle is None else (OBJECTIVES_DIR, cycle, name)
            for cycle, name in self._objective_files(unreadable)
        )
        for problem in unreadable:
            self._add_broken(problem.path, [problem])
        top = str(self.root).rstrip(os.sep)  # joined below with a separator
        cached = read_outlines(self.root) if self.lazy and self.remember else {}
        scanned: dict[str, CachedOutline] = {}
        if self.lazy:  # what the cache does not know, scanned at once (on every core)
            unknown = [parts for parts in listed if "/".join(parts) not in cached]
            scanned = scan_files(self.root, [os.sep.join((top, *parts)) for parts in unknown])  # noqa: PTH118
        gc_was_enabled = gc.isenabled()
        gc.disable()  # bulk validation allocates many small objects that never form cycles
        try:
            for parts in listed:
                path = os.sep.join((top, *parts))  # noqa: PTH118  (see above)
                if not (self.lazy and len(parts) > 2):  # one misplaced is read now
                    self._load_objective_file(Path(path))
                    continue
                key = "/".join(parts)
                entry, fresh = scanned.get(key), True
                if entry is None:
                    entry, fresh = cached.get(key), False
                if not self._defer(path, parts[-1][:-5], entry, fresh):
                    self._load_objective_file(Path(path))
        finally:
            if gc_was_enabled:
                gc.enable()

    def _defer(self, path: str, stem: str, entry: CachedOutline | None, fresh: bool) -> bool:
        """Hold the place of a file in a cycle folder from its outline (cached, or `fresh`ly
        scanned); False to read it now."""
        outline = entry.outline if entry is not None else None
        if entry is not None and not fresh and not self.verify_later:
            try:
                st = os.stat(path)  # noqa: PTH116  (from the string: no Path made)
            except OSError:
                return False
            if st.st_mtime_ns != entry.stamp.mtime_ns or st.st_size != entry.stamp.size:
                outline = None
        if outline is None:
            outline, fresh = self._scan(Path(path)), True
        if outline is None or outline.id != stem or outline.id in self.objectives:
            return False
        self.objectives.defer(outline.id, path, self._load_deferred)
        self._cached[outline.id] = outline
        if entry is not None and not fresh and self.verify_later:
            self._unverified[outline.id] = entry.stamp
        return True

    def verify_outlines(self) -> list[str]:
        """Compare each file deferred on an unchecked cached outline (`verify_later`) with
        its cached stamp; return the ids of those that changed.

        A changed file is scanned again (its outline replaced), or read now when
        its head does not scan plainly or it is gone (so it is dropped, or listed
        as broken with its line), as an open that checked stamps would have done.
        """
        unverified, self._unverified = self._unverified, {}
        changed = []
        for objective_id, stamp in unverified.items():
            path = self.objectives.deferred_path(objective_id)
            if path is None:
                continue  # read (or replaced) since: nothing cached is believed any more
            try:
                st: os.stat_result | None = os.stat(path)  # noqa: PTH116
            except OSError:
                st = None
            if st is not None and (st.st_mtime_ns, st.st_size) == stamp:
                continue
            changed.append(objective_id)
            outline = self._scan(Path(path)) if st is not None else None
            if outline is not None and outline.id == objective_id:
                self._cached[objective_id] = outline
            else:
                self.objectives.load(objective_id)
        return changed

    def _scan(self, path: Path) -> Outline | None:
        """The outline from the file's top-level keys (see `scan_outline`); None: read it all."""
        if leads_outside(self.root, path):
            return None  # the full read refuses it, with its message
        try:
            text = decode_text(read_limited(path))
        except (OSError, TomlSyntaxError):
            return None  # read in full now, which reports the problem
        return scan_outline(path, text)

    def _load_deferred(self, path: Path) -> Objective | None:
        self._cached.pop(path.stem, None)
        loaded = self._read_objective(path, missing_ok=True)
        if not self.objectives.deferred:  # that was the last one
            self._order_problems()
        if loaded is None:
            return None
        objective, state, _text = loaded
        known = self.files.get(objective.id)
        if known is None or (known.path, known.digest, known.stamp, known.outline) != (
            state.path,
            state.digest,
            state.stamp,
            state.outline,
        ):  # a released file read again unchanged keeps its state: nothing new outlives it
            self.files[objective.id] = state
        return objective

    @property
    def fully_loaded(self) -> bool:
        """True when every objective file has been read."""
        return not self.objectives.deferred

    def load_all(self) -> None:
        """Read every file a lazy open deferred."""
        self.load_some(len(self.objectives))

    def load_some(self, count: int, seconds: float | None = None) -> int:
        """Read up to `count` deferred files, for about `seconds` at most (at least one);
        return how many are still not read."""
        if not self.objectives.deferred:
            return 0
        gc_was_enabled = gc.isenabled()
        gc.disable()  # as in `load`
        try:
            return self.objectives.load_some(count, seconds)
        finally:
            if gc_was_enabled:
                gc.enable()

    def release(
        self,
        keep: Collection[str] = (),
        progress: Callable[[Objective], float | None] | None = None,
        search_text: Callable[[Objective], SearchText] | None = None,
    ) -> list[Objective]:
        """Let go of the objectives read from their files and unchanged since, except `keep`
        (those with unsaved edits); return them (to look at once more, not to keep).

        Their outlines stay, so the tree needs nothing more, and a `Summary`
        (status, parent, and `progress(objective)` and `search_text(objective)`
        when given) for what needs every objective (`ObjectiveMap.summary`);
        the next look-up of one returns the same object while anything still
        holds it, or else reads its file again (`ObjectiveMap.release`). Each
        file's digest stays too, so a file changed on disk is still never
        overwritten.
        """

        def summarize(objective: Objective) -> Summary:
            return Summary.of(
                objective,
                progress(objective) if progress else None,
                search_text(objective) if search_text else None,
            )

        released = self.objectives.release(keep, summarize)
        for objective_id, objective in released:
            state = self.files.get(objective_id)
            outline = Outline.of(objective)
            if state is not None and state.outline == outline:
                outline = state.outline  # the one read from its file: no new object kept
            self._cached[objective_id] = outline
        return [objective for _oid, objective in released]

    def _order_problems(self) -> None:
        """List problems in the order an eager open finds them (settings, then by path).

        Files read late, in whatever order the screen asked for them, would
        otherwise list their problems after the others.
        """
        ordered = sorted(
            self.broken.items(), key=lambda item: (item[0] != self.settings_path, item[0])
        )
        self.broken.clear()
        self.broken.update(ordered)
        self.errors[:] = [err for _path, errors in ordered for err in errors]

    def snapshot(self) -> WorkspaceStore:
        """A copy with containers of its own, every file read: for a worker thread to read."""
        self.load_all()
        return dataclasses.replace(
            self,
            objectives=ObjectiveMap.of(self.objectives),
            files={k: v for k, v in self.files.items() if k in self.objectives},
            errors=list(self.errors),
            broken=dict(self.broken),
        )

    def outline(self, objective_id: str) -> Outline | None:
        """What the tree shows of an objective, without reading a deferred file."""
        objective = self.objectives.peek(objective_id)
        if objective is not None:
            return Outline.of(objective)
        return self._cached.get(objective_id)

    def outlines(self) -> list[Outline]:
        """The outline of every objective, in load order, without reading deferred files."""
        if self._only_outlines():  # a lazy open's first frame: 10,000 look-ups spared
            cached = self._cached
            return [cached[oid] for oid in self.objectives if oid in cached]
        found = (self.outline(oid) for oid in self.objectives)
        return [o for o in found if o is not None]

    def _only_outlines(self) -> bool:
        """True when no objective is in memory (or held weakly): every one is an outline."""
        return self.objectives.held == 0 and self.objectives.released == 0

    def remember_outlines(self) -> bool:
        """Write the outline cache for the next lazy open; False when there is nothing to do."""
        if not (self.lazy and self.remember) or self.objectives.deferred:
            return False
        entries = {
            self.relative(state.path).as_posix(): CachedOutline(state.stamp, state.outline)
            for state in self.files.values()
            if state.stamp is not None and state.outline is not None
        }
        return write_outlines(self.root, entries)

    def _read_text(self, path: Path, *, missing_ok: bool = False) -> tuple[bytes, str] | None:
        """The bytes and text of `path`, or None (and the file listed as broken).

        With `missing_ok`, a file that is gone is not listed: it was deleted or
        moved after its outline was cached. A symbolic link leading outside the
        workspace is listed, never read.
        """
        if leads_outside(self.root, path):
            self._add_broken(path, [WorkspaceError(path, outside_message())])
            return None
        try:
            raw = read_limited(path)
        except TomlSyntaxError as exc:  # too big to read
            self._add_broken(path, [WorkspaceError(path, exc.message)])
            return None
        except FileNotFoundError as exc:
            if not missing_ok:
                reason = _("cannot read: {reason}").format(reason=exc.strerror or exc)
                self._add_broken(path, [WorkspaceError(path, reason)])
            return None
        except OSError as exc:
            reason = _("cannot read: {reason}").format(reason=exc.strerror or exc)
            self._add_broken(path, [WorkspaceError(path, reason)])
            return None
        try:
            return raw, decode_text(raw)  # a UTF-8 BOM some editors add is not content
        except TomlSyntaxError as exc:  # not UTF-8: the line and key of the first bad byte
            error = WorkspaceError(path, exc.message, exc.line, exc.column, field=exc.key)
            self._add_broken(path, [error])
            return None

    def _load_settings(self) -> None:
        path = self.settings_path
        self.settings = WorkspaceSettings()
        self.settings_state = None
        read = self._read_text(path)
        if read is None:
            return
        raw, text = read
        self.settings_state = FileState(path, digest(raw))
        try:
            self.settings = WorkspaceSettings.model_validate(parse_toml(text))
        except TomlSyntaxError as exc:
            self._add_broken(path, [syntax_error(path, exc)])
        except ValidationError as exc:
            self._add_broken(path, validation_errors(path, text, exc))

    def objective_paths(self, unreadable: list[WorkspaceError] | None = None) -> Iterator[Path]:
        """Every objective file: `objectives/<cycle>/*.toml`, and misplaced `objectives/*.toml`.

        A cycle folder that cannot be listed is skipped and, if `unreadable` is
        given, reported there rather than passed over in silence.
        """
        folder = self.root / OBJECTIVES_DIR
        for cycle, name in self._objective_files(unreadable):
            yield folder / name if cycle is None else folder / cycle / name

    def _objective_files(
        self, unreadable: list[WorkspaceError] | None = None
    ) -> Iterator[tuple[str | None, str]]:
        """`objective_paths` as (cycle folder or None, file name), from strings."""
        folder = self.root / OBJECTIVES_DIR
        if not folder.is_dir():
            return
        if leads_outside(self.root, folder):
            if unreadable is not None:
                unreadable.append(WorkspaceError(folder, outside_message()))
            return
        for entry in folder.iterdir():
            if entry.name.startswith("."):
                continue
            if entry.is_symlink() and entry.is_dir() and leads_outside(self.root, entry):
                if unreadable is not None:  # a cycle folder elsewhere: not even listed
                    unreadable.append(WorkspaceError(entry, outside_message()))
                continue
            if entry.is_dir():
                try:
                    names = os.listdir(entry)  # noqa: PTH208  (names: no Path each)
                except OSError as exc:
                    if unreadable is not None:
                        reason = _("cannot read: {reason}").format(reason=exc.strerror or exc)
                        unreadable.append(WorkspaceError(entry, reason))
                    continue
                cycle = entry.name
                yield from [(cycle, n) for n in names if n.endswith(".toml") and n[0] != "."]
            elif entry.suffix == ".toml":
                yield None, entry.name

    def _add_broken(self, path: Path, errors: list[WorkspaceError]) -> None:
        self.broken[path] = errors
        self.errors.extend(errors)

    def relative(self, path: Path) -> Path:
        """`path` relative to the workspace folder, for messages."""
        try:
            return path.relative_to(self.root)
        except ValueError:
            return path

    def _read_objective(
        self, path: Path, *, missing_ok: bool = False
    ) -> tuple[Objective, FileState, str] | None:
        """Read one objective file; None (and the file listed as broken) if it does not load."""
        try:
            stamp: FileStamp | None = FileStamp.of(path.stat())  # before reading: safe side
        except OSError:
            stamp = None
        read = self._read_text(path, missing_ok=missing_ok)
        if read is None:
            return None
        raw, text = read
        result = objective_from_text(path, text)
        objective = result.objective
        if objective is None:
            self._add_broken(path, result.errors)
            return None
        state = FileState(path, digest(raw), stamp, Outline.of(objective), loads=True)
        return objective, state, text

    def _load_objective_file(self, path: Path) -> Objective | None:
        if path.parent == self.root / OBJECTIVES_DIR:
            message = _("objective files belong in a cycle folder: objectives/<cycle>/{name}")
            self._add_broken(path, [WorkspaceError(path, message.format(name=path.name))])
            return None
        loaded = self._read_objective(path)
        if loaded is None:
            return None
        objective, state, text = loaded
        # `get` reads a rival not read yet (a lazy open), which drops it if it no
        # longer loads: the same outcome as an eager open, where it was read first.
        if self.objectives.get(objective.id) is not None:
            other = self.relative(self.files[objective.id].path)
            message = _("duplicate objective id '{id}' (also in {other})").format(
                id=objective.id, other=other
            )
            self._add_broken(path, [field_error(path, text, "id", message, "E004")])
            return None
        self.objectives[objective.id] = objective
        self.objectives.matches_file(objective.id, path)
        self.files[objective.id] = state
        return objective

    def reload_file(self, path: Path) -> Objective | None:
        """Re-read one file after it changed on disk (`okrtui.toml` too).

        Returns the objective now in the file, or None when it is gone, did
        not load, or is the settings file.
        """
        path = Path(path).resolve()
        self.load_all()
        self._forget(path)
        if path == self.settings_path:
            self._load_settings()
            return None
        if not path.is_file():
            return None
        return self._load_objective_file(path)

    def _forget(self, path: Path) -> None:
        for oid, state in list(self.files.items()):
            if state.path == path:
                del self.files[oid]
                self.objectives.pop(oid, None)
        for err in self.broken.pop(path, []):
            if err in self.errors:
                self.errors.remove(err)

    # ------------------------------------------------------------------ queries
    def objective_path(self, objective: Objective) -> Path:
        """Where an objective is stored: `objectives/<cycle>/<id>.toml`.

        Raises `SaveRefusedError` for an id or cycle that is not a safe name,
        or a path that a symbolic link would lead out of the workspace.
        """
        folder = self.root / OBJECTIVES_DIR
        if not is_slug(objective.id):
            raise SaveRefusedError(folder, _("unsafe id: {id!r}").format(id=objective.id))
        if not is_cycle_name(objective.cycle):
            reason = _("unsafe cycle name: {cycle!r}").format(cycle=objective.cycle)
            raise SaveRefusedError(folder, reason)
        path = folder / objective.cycle / f"{objective.id}.toml"
        if not path.resolve().is_relative_to(self.root):
            raise SaveRefusedError(path, _("the path leads outside the workspace"))
        return path

    def children(self, objective_id: str | None) -> list[Objective]:
        """Objectives aligned directly under `objective_id` (None: top-level ones)."""
        return [o for o in self.objectives.values() if o.parent == objective_id]

    def cycles(self) -> list[Cycle]:
        """Cycles from the settings, plus any that objectives name but settings lack."""
        known = {c.name for c in self.settings.cycles}
        named: set[str] = set()
        if self._only_outlines():
            named.update(o.cycle for o in self.outlines())
        else:
            for oid in self.objectives:
                found = self.objectives.peek(oid) or self._cached.get(oid)  # never reads a file
                if found is not None:
                    named.add(found.cycle)
        extra = sorted(named - known)
        unbounded = (Cycle(name=n, start=dt.date.min, end=dt.date.max) for n in extra)
        return [*self.settings.cycles, *unbounded]

    def is_dirty_on_disk(self, objective_id: str) -> bool:
        """True when the objective's file changed on disk since it was read or written."""
        state = self.files.get(objective_id)
        if state is None:
            return False
        if leads_outside(self.root, state.path):
            return False  # never read; saving it says why
        try:
            return digest(state.path.read_bytes()) != state.digest
        except FileNotFoundError:
            return True
        except OSError:
            return False  # e.g. replaced by a folder; saving it says why

    # ------------------------------------------------------------------ saving
    def save_objective(self, objective: Objective) -> bool:
        """Write one objective if its canonical text differs from disk. True if written.

        Raises `SaveRefusedError` rather than overwrite a file that did not
        load or that no loaded objective owns, and `ConflictError` when the
        objective's file changed on disk since it was read. A refused save
        writes nothing.
        """
        self.load_all()  # a deferred file could be the one this save would replace
        self.check_workspace_present()
        target = self.objective_path(objective)
        if target in self.broken:
            raise SaveRefusedError(target, _("the file on disk did not load; fix it first"))
        previous = self.files.get(objective.id)
        moving = previous is None or previous.path != target
        if moving and (target.exists() or target.is_symlink()):
            raise SaveRefusedError(target, _("another file is already there"))
        if previous is None and any(path.stem == objective.id for path in self.broken):
            reason = _("a file named {id}.toml did not load; fix it first")
            raise SaveRefusedError(target, reason.format(id=objective.id))
        if previous is not None:
            self._check_unchanged(previous)
        text = render_objective(objective)
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as exc:
            reason = _("text that cannot be stored as UTF-8: {text!r}")
            bad = exc.object[exc.start : exc.end]
            raise SaveRefusedError(target, reason.format(text=bad)) from None
        if not moving and previous is not None and previous.digest == digest(data):
            self.objectives[objective.id] = objective
            self.objectives.matches_file(objective.id, target)
            return False
        # Lists changed in place skip validation; a file that would not load
        # back would be the next load's broken file.
        problems = objective_from_text(target, text).errors
        if problems:
            first = problems[0]
            where = f" [{first.field}]" if first.field else ""
            reason = _("it would not load back: {problem}").format(problem=first.message + where)
            raise SaveRefusedError(target, reason)
        try:
            if previous is not None and moving:  # to another cycle: recoverable if interrupted
                note = crash.write_move_note(
                    self.root, previous.path, target, previous.digest, digest(data)
                )
                try:
                    atomic_write(target, text)
                except OSError:
                    note.unlink(missing_ok=True)  # nothing moved: the old file stands
                    raise
                previous.path.unlink(missing_ok=True)
                note.unlink(missing_ok=True)
            else:
                atomic_write(target, text)
        except OSError as exc:  # read-only, full disk, file size limit...: nothing replaced
            raise SaveRefusedError(target, _cannot("write", exc)) from None
        # no stamp: re-read next open; the text was just proven to load back
        self.files[objective.id] = FileState(target, digest(data), loads=True)
        self.objectives[objective.id] = objective
        self.objectives.matches_file(objective.id, target)  # released again once not dirty
        return True

    def check_workspace_present(self) -> None:
        """Refuse to write into a workspace folder that was deleted or renamed while open.

        Writing would create a new, partial workspace at the old place.
        """
        if not self.settings_path.is_file():
            reason = _("the workspace folder or its okrtui.toml is gone (deleted or renamed?)")
            raise SaveRefusedError(self.root, reason)

    def save_all(self) -> list[str]:
        """Save every loaded objective; return the ids of those written (the changed ones)."""
        return [oid for oid in sorted(self.objectives) if self.save_objective(self.objectives[oid])]

    def _check_unchanged(self, state: FileState, *, settings: bool = False) -> None:
        """Refuse to replace a file that changed since it was read, or that does not load.

        The second rule holds even after the user accepted the disk version
        ("keep mine"): a file with git conflict markers is both sides of a
        merge, and writing over it would drop the other side.
        """
        if leads_outside(self.root, state.path):
            raise SaveRefusedError(state.path, outside_message())
        try:
            current = state.path.read_bytes()
        except FileNotFoundError:
            raise ConflictError(state.path) from None
        except OSError as exc:  # e.g. replaced by a folder
            raise SaveRefusedError(state.path, _cannot("read", exc)) from None
        if digest(current) != state.digest:
            raise ConflictError(state.path)
        if state.loads:
            return  # the very bytes the store read or wrote, and they loaded: no need to parse
        try:
            text = current.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
        if text is None or not self._loads(state.path, text, settings=settings):
            raise SaveRefusedError(
                state.path,
                _("the file on disk does not load (git conflict markers?); resolve it first"),
            )

    @staticmethod
    def _loads(path: Path, text: str, *, settings: bool) -> bool:
        if not settings:
            return objective_from_text(path, text).objective is not None
        try:
            WorkspaceSettings.model_validate(parse_toml(text))
        except (TomlSyntaxError, ValidationError):
            return False
        return True

    def delete_objective(self, objective_id: str) -> None:
        """Delete an objective and its file; `ConflictError` if the file changed on disk."""
        self.load_all()
        state = self.files.get(objective_id)
        if state is not None:
            if state.path.exists():
                self._check_unchanged(state)
                state.path.unlink()
            del self.files[objective_id]
        self.objectives.pop(objective_id, None)

    def save_settings(self, settings: WorkspaceSettings) -> bool:
        """Write `okrtui.toml` if its canonical text changed. True if written."""
        path = self.settings_path
        if path in self.broken:
            raise SaveRefusedError(path, _("okrtui.toml did not load; fix it first"))
        if self.settings_state is not None:
            self._check_unchanged(self.settings_state, settings=True)
        text = render_settings(settings)
        new_digest = digest(text.encode("utf-8"))
        if self.settings_state is not None and self.settings_state.digest == new_digest:
            self.settings = settings
            return False
        atomic_write(path, text)
        self.settings_state = FileState(path, new_digest)
        self.settings = settings
        return True


def _cannot(verb: str, exc: OSError) -> str:
    """`cannot write: No space left on device`, one line for the user."""
    reason = exc.strerror or str(exc)
    if verb == "read":
        return _("cannot read: {reason}").format(reason=reason)
    return _("cannot write: {reason}; your edits are kept").format(reason=reason)


def init_workspace(
    path: Path | str,
    name: str | None = None,
    today: dt.date | None = None,
    cycles: list[Cycle] | None = None,
    calendar: Calendar = Calendar.GREGORIAN,
) -> Path:
    """Create an empty workspace with `cycles` (default: the current quarter)."""
    root = Path(path).resolve()
    settings_path = root / SETTINGS_FILE
    if settings_path.exists() or settings_path.is_symlink():
        raise SaveRefusedError(settings_path, _("a workspace already exists here"))
    today = today or dt.date.today()
    quarter = (today.month - 1) // 3
    start = dt.date(today.year, quarter * 3 + 1, 1)
    end_month = quarter * 3 + 3
    end = (dt.date(today.year + (end_month == 12), end_month % 12 + 1, 1)) - dt.timedelta(days=1)
    if not cycles:
        cycles = [Cycle(name=f"{today.year}-Q{quarter + 1}", start=start, end=end)]
    current = next((c for c in cycles if c.contains(today)), cycles[0])
    settings = WorkspaceSettings(
        name=name or root.name,
        cycles=cycles,
        # several cycles: the one holding today is current without naming it
        default_cycle=current.name if len(cycles) == 1 else None,
        calendar=calendar,
    )
    root.mkdir(parents=True, exist_ok=True)
    (root / OBJECTIVES_DIR / current.name).mkdir(parents=True, exist_ok=True)
    atomic_write(root / SETTINGS_FILE, render_settings(settings))
    ignore = root / ".gitignore"
    if not (ignore.exists() or ignore.is_symlink()):
        atomic_write(ignore, crash.GITIGNORE)
    return root
