"""What an interrupted save leaves behind, and how the next open tidies it.

Two kinds of leftovers exist, both dot-files that okrtui never loads:

* **temporary files** `.<name>.toml.<random>.tmp`: `atomic_write` writes the
  new text there and renames it over the target. A process killed before the
  rename leaves it behind; the target still holds the old version.
* **move notes** `objectives/.<id>.move`: moving an objective to another cycle
  is two steps (write the new file, remove the old one). The note is written
  before the first step and removed after the second, so a kill in between
  leaves the objective twice *and* the note that says which copy is the
  leftover.

`tidy` runs at every `WorkspaceStore.open` (except `okrtui check`, which only
reports, see `leftovers`). It removes a temporary file once it is older than
a minute (no save takes that long, so no running okrtui owns it), and it
settles a move note:

* the new file holds exactly what the move wrote: the move is finished by
  removing the old file, if it still holds exactly what was there before;
* the new file is absent: the move never happened; the old file stays;
* anything else (a file edited since): both files are left as they are, for
  a person to choose (`okrtui check` reports the duplicate id, E004).

Each action is reported as one line in `Tidied.notices`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from okrtui.i18n import _
from okrtui.store.toml_io import atomic_write

TEMP_PATTERN = re.compile(r"\.(?P<target>.+)\.[a-z0-9_]{8}\.tmp")
"""`tempfile.mkstemp(prefix=".<name>.", suffix=".tmp")`: eight random characters."""
MOVE_SUFFIX = ".move"
STALE_AFTER = 60.0
"""Seconds after which a temporary file is no longer any running save's."""

GITIGNORE = """\
# okrtui: leftovers of interrupted saves and moves (removed on the next open)
.*.tmp
objectives/.*.move
# editor backups and system files
*~
.*.swp
.DS_Store
Thumbs.db
"""
"""The `.gitignore` `okrtui init` writes into a new workspace."""


@dataclass
class Tidied:
    """What `tidy` did: files removed, and one line per action for the user."""

    removed: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _folders(root: Path) -> Iterator[Path]:
    """The workspace folders okrtui writes into."""
    yield root
    for name in ("objectives", "reviews"):
        folder = root / name
        yield folder
        if name == "objectives":
            with contextlib.suppress(OSError):
                yield from sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())


def temp_files(root: Path) -> list[Path]:
    """Every temporary file of okrtui's naming in the workspace, stale or not."""
    found: list[Path] = []
    for folder in _folders(root):
        with contextlib.suppress(OSError):
            # names first: a cycle folder holds thousands of files, a Path each is slow
            named = [folder / n for n in os.listdir(folder) if TEMP_PATTERN.fullmatch(n)]  # noqa: PTH208
            found.extend(p for p in named if not p.is_symlink() and p.is_file())
    return sorted(found)


def move_notes(root: Path) -> list[Path]:
    """Every move note left in `objectives/`."""
    folder = root / "objectives"
    with contextlib.suppress(OSError):
        return sorted(
            p
            for p in folder.iterdir()
            if p.name.startswith(".") and p.name.endswith(MOVE_SUFFIX) and p.is_file()
        )
    return []


def leftovers(root: Path) -> list[Path]:
    """Everything an interrupted save left behind (what `okrtui check` reports)."""
    return [*temp_files(root), *move_notes(root)]


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def note_path(root: Path, objective_id: str) -> Path:
    return root / "objectives" / f".{objective_id}{MOVE_SUFFIX}"


def write_move_note(root: Path, old: Path, new: Path, old_digest: str, new_digest: str) -> Path:
    """Record a move about to happen (paths relative to `root`); returns the note's path."""
    note = note_path(root, new.stem)
    body = {
        "from": old.relative_to(root).as_posix(),
        "to": new.relative_to(root).as_posix(),
        "from_sha256": old_digest,
        "to_sha256": new_digest,
    }
    atomic_write(note, json.dumps(body, indent=1) + "\n")
    return note


def _inside(root: Path, relative: object) -> Path | None:
    """`root / relative` for a plain relative path inside `objectives/`, else None."""
    if not isinstance(relative, str):
        return None
    parts = relative.split("/")
    if len(parts) != 3 or parts[0] != "objectives" or any(p in ("", ".", "..") for p in parts):
        return None
    return root.joinpath(*parts)


def _settle_move(root: Path, note: Path, done: Tidied) -> None:
    try:
        body = json.loads(note.read_text("utf-8"))
        old, new = _inside(root, body["from"]), _inside(root, body["to"])
        old_sha, new_sha = body["from_sha256"], body["to_sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        old = new = None
        old_sha = new_sha = None
    if old is None or new is None:
        note.unlink(missing_ok=True)
        done.removed.append(note)
        done.notices.append(_("removed an unreadable move note: {note}").format(note=note.name))
        return
    rel_old, rel_new = old.relative_to(root).as_posix(), new.relative_to(root).as_posix()
    new_now, old_now = _sha(new), _sha(old)
    if new_now == new_sha and old_now == old_sha:
        old.unlink()
        done.removed.append(old)
        message = _("finished an interrupted move: {old} -> {new} (removed {old})")
    elif new_now == new_sha and old_now is None:
        message = _("an interrupted move had finished: {new}")
    elif new_now is None:
        message = _("an interrupted move had not started; {old} is kept")
    else:
        message = _("an interrupted move left {old} and {new}, changed since; keep one of them")
    note.unlink(missing_ok=True)
    done.removed.append(note)
    done.notices.append(message.format(old=rel_old, new=rel_new))


def tidy(root: Path, *, now: float | None = None) -> Tidied:
    """Settle interrupted moves and remove stale temporary files (see the module's doc)."""
    done = Tidied()
    for note in move_notes(root):
        try:
            _settle_move(root, note, done)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            done.notices.append(
                _("could not settle {note}: {reason}").format(note=note.name, reason=reason)
            )
    now = time.time() if now is None else now
    stale = 0
    for path in temp_files(root):
        try:
            if now - path.stat().st_mtime < STALE_AFTER:
                continue  # perhaps a save in progress
            path.unlink()
        except OSError:
            continue
        done.removed.append(path)
        stale += 1
    if stale:
        done.notices.append(
            _("removed {n} temporary file(s) left by interrupted saves").format(n=stale)
        )
    return done
