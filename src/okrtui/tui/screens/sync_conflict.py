"""Files that changed on disk under the app, and the dialog for an objective changed
on both sides: keep mine, take theirs, or look at both first. Neither side is ever
dropped without a choice."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from okrtui.i18n import N_, _
from okrtui.model.text import printable
from okrtui.store import StoreError, WorkspaceStore, objective_from_text, render_objective
from okrtui.store.links import leads_outside, outside_message
from okrtui.store.watch import WorkspaceChanges
from okrtui.store.workspace import digest


class ConflictChoice(StrEnum):
    MINE = "mine"
    """Keep the version in the app; the next save writes it over the file."""
    THEIRS = "theirs"
    """Reload the file from disk; the unsaved edits to this objective are dropped."""
    LATER = "later"
    """Change nothing now; the next save asks again."""


@dataclass(frozen=True, slots=True)
class ConflictSides:
    """The two versions of one objective file."""

    title: str
    path: str
    """The file, relative to the workspace, for display."""
    mine: str | None
    """Canonical text of the app's version; None when it was deleted in the app."""
    theirs: str | None
    """The text on disk; None when the file was deleted."""
    theirs_loads: bool = True


def file_digest(path: Path) -> str | None:
    """The sha256 of a file now, or None when it cannot be read."""
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


def find_drift(
    on_disk: Iterable[Path],
    known: Mapping[Path, str],
    digest_of: Callable[[Path], str | None],
    skip: Collection[Path] = (),
) -> WorkspaceChanges:
    """How the files on disk differ from the digests the store recorded."""
    added: list[Path] = []
    modified: list[Path] = []
    seen: set[Path] = set()
    for path in on_disk:
        seen.add(path)
        if path in skip:
            continue
        current = digest_of(path)
        if path in known:
            if current != known[path]:
                modified.append(path)
        elif current is not None:
            added.append(path)
    removed = [path for path in known if path not in seen]
    return WorkspaceChanges(tuple(sorted(added)), tuple(sorted(modified)), tuple(sorted(removed)))


@dataclass
class DiskChangePlan:
    """What to do about files that changed on disk."""

    owners: dict[Path, str] = field(default_factory=dict)
    """path -> the objective the app has in (or will save to) that file."""
    reload: list[Path] = field(default_factory=list)
    """Files to read again: nobody has unsaved edits in them."""
    conflicts: list[str] = field(default_factory=list)
    """Objectives changed on disk and in the app: the user chooses."""
    deleted_on_both_sides: list[str] = field(default_factory=list)
    settings_changed: bool = False


def sort_disk_changes(
    store: WorkspaceStore,
    changes: WorkspaceChanges,
    unsaved: Collection[str],
    deleting: Collection[str],
) -> DiskChangePlan:
    """Sort changed files into reloads and conflicts.

    `unsaved` are objectives edited in the app, `deleting` those deleted in it,
    neither saved yet. A file whose bytes are what the store last read or wrote
    (the app's own save) needs nothing.
    """
    plan = DiskChangePlan(owners={state.path: oid for oid, state in store.files.items()})
    for new_id in unsaved:  # new objectives, not saved yet, own where they will go
        objective = store.objectives.get(new_id)
        if objective is not None and new_id not in store.files:
            try:
                plan.owners.setdefault(store.objective_path(objective), new_id)
            except StoreError:
                continue
    for path in changes.paths:
        current = file_digest(path)
        if path == store.settings_path:
            known = store.settings_state.digest if store.settings_state else None
            plan.settings_changed |= current != known or path in store.broken
            continue
        oid = plan.owners.get(path)
        state = store.files.get(oid) if oid is not None else None
        if state is not None and state.path == path and current == state.digest:
            continue
        if oid is not None and oid in deleting and current is None:
            plan.deleted_on_both_sides.append(oid)
        elif oid is not None and (oid in unsaved or oid in deleting):
            plan.conflicts.append(oid)
        else:
            plan.reload.append(path)
    return plan


def read_conflict(
    store: WorkspaceStore, objective_id: str
) -> tuple[ConflictSides, Path, str | None] | None:
    """Both versions of an objective, its file, and the digest of the disk version shown."""
    objective = store.objectives.get(objective_id)
    state = store.files.get(objective_id)
    if state is not None:
        path = state.path
    elif objective is not None:
        try:
            path = store.objective_path(objective)
        except StoreError:
            return None
    else:
        return None
    raw: bytes | None = None
    if leads_outside(store.root, path):  # never shown: it could be any file of the machine
        theirs: str | None = "# " + outside_message()
    else:
        try:
            raw = path.read_bytes()
        except OSError:
            raw = None
        theirs = raw.decode("utf-8-sig", errors="replace") if raw is not None else None
    their_objective = objective_from_text(path, theirs).objective if raw and theirs else None
    known = objective or their_objective
    sides = ConflictSides(
        known.title if known is not None else objective_id,
        store.relative(path).as_posix(),
        render_objective(objective) if objective is not None else None,
        theirs,
        their_objective is not None,
    )
    return sides, path, digest(raw) if raw is not None else None


def differing_lines(mine: list[str], theirs: list[str]) -> tuple[set[int], set[int]]:
    """Indexes of the lines of each side that the other side does not have there."""
    only_mine: set[int] = set()
    only_theirs: set[int] = set()
    matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag != "equal":
            only_mine.update(range(a_start, a_end))
            only_theirs.update(range(b_start, b_end))
    return only_mine, only_theirs


def marked_text(lines: list[str], differing: set[int], mark: str, style: str) -> Content:
    """The lines with `mark` and `style` on those in `differing`, two spaces before the rest."""
    parts: list[str | tuple[str, str]] = []
    for index, line in enumerate(lines):
        line = printable(line)  # a file's bytes never drive the terminal
        if index in differing:
            parts.append((f"{mark} {line}\n", style))
        else:
            parts.append(f"  {line}\n")
    return Content.assemble(*parts)


class SyncConflictScreen(ModalScreen[ConflictChoice]):
    """Returns the choice; escape is "decide later"."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "choose('mine')", N_("Keep mine"), id="conflict.mine"),
        Binding("t", "choose('theirs')", N_("Take theirs"), id="conflict.theirs"),
        Binding("v", "view_both", N_("View both"), id="conflict.view"),
        Binding("escape", "choose('later')", N_("Decide later"), id="conflict.later"),
    ]
    # Side by side from 120 columns; stacked below. (Textual types it as an instance
    # attribute, so a ClassVar annotation would not type-check.)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012

    CSS = """
    SyncConflictScreen .conflict-dialog {
        width: 76;
        max-width: 100%;
    }
    SyncConflictScreen.-wide .conflict-dialog.-comparing {
        width: 96%;
    }
    SyncConflictScreen .conflict-dialog.-comparing {
        height: 96%;
        max-height: 100%;
        padding: 0 1;
    }
    SyncConflictScreen .dialog-buttons Button {
        min-width: 11;
        margin-left: 1;
    }
    SyncConflictScreen .dialog-title {
        margin-bottom: 0;
    }
    SyncConflictScreen #conflict-compare {
        display: none;
        height: 1fr;
        layout: vertical;
    }
    SyncConflictScreen.-wide #conflict-compare {
        layout: horizontal;
    }
    SyncConflictScreen .-comparing #conflict-compare {
        display: block;
    }
    SyncConflictScreen .-comparing .dialog-question {
        margin-bottom: 0;
    }
    SyncConflictScreen .conflict-side {
        height: 1fr;
        width: 1fr;
    }
    SyncConflictScreen .conflict-side-title {
        color: $accent;
        text-style: bold;
    }
    SyncConflictScreen .conflict-side VerticalScroll {
        height: 1fr;
        background: $panel;
        scrollbar-size-vertical: 1;
    }
    SyncConflictScreen .conflict-side VerticalScroll:focus {
        background: $boost;
    }
    """

    def __init__(self, sides: ConflictSides) -> None:
        super().__init__(classes="dialog-screen")
        self.sides = sides

    @staticmethod
    def _side(name: str, title: str, body: Content) -> Vertical:
        """One version: its title over its scrollable text (`#conflict-<name>`)."""
        return Vertical(
            Static(title, classes="conflict-side-title"),
            VerticalScroll(Static(body), id=f"conflict-{name}"),
            classes="conflict-side",
        )

    def compose(self) -> ComposeResult:
        sides = self.sides
        mine_lines = sides.mine.splitlines() if sides.mine is not None else []
        theirs_lines = sides.theirs.splitlines() if sides.theirs is not None else []
        only_mine, only_theirs = differing_lines(mine_lines, theirs_lines)
        self._first_difference = (min(only_mine, default=0), min(only_theirs, default=0))
        with Vertical(classes="dialog conflict-dialog"):
            yield Static(
                _("Changed on disk: {title}").format(title=printable(sides.title)),
                classes="dialog-title",
                markup=False,
            )
            yield Static(self._explanation(), classes="dialog-question", markup=False)
            with Horizontal(id="conflict-compare"):
                yield self._side(
                    "mine",
                    _("Mine (in the app, not saved)"),
                    marked_text(mine_lines, only_mine, "-", "bold $error")
                    if sides.mine is not None
                    else Content.styled(_("(deleted in the app)"), "italic"),
                )
                yield self._side(
                    "theirs",
                    _("Theirs (on disk now)"),
                    marked_text(theirs_lines, only_theirs, "+", "bold $success")
                    if sides.theirs is not None
                    else Content.styled(_("(the file was deleted)"), "italic"),
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Keep mine"), id="mine", variant="primary", compact=True)
                yield Button(_("Take theirs"), id="theirs", variant="warning", compact=True)
                yield Button(_("View both"), id="view", compact=True)
                yield Button(_("Later"), id="later", compact=True)
            yield Static(
                _(
                    "k keep mine (the next save writes it over theirs) · t take theirs "
                    "(drops your edits to it) · v view both · esc decide later"
                ),
                classes="hint",
            )

    def _explanation(self) -> str:
        sides = self.sides
        if sides.mine is None:
            text = _(
                "{path} changed on disk (a git pull, a checkout or another editor), "
                "and you deleted this objective in the app without saving."
            )
        elif sides.theirs is None:
            text = _(
                "{path} was deleted on disk (a git pull, a checkout or another editor) "
                "while you have unsaved edits to this objective."
            )
        else:
            text = _(
                "{path} changed on disk (a git pull, a checkout or another editor) "
                "while you have unsaved edits to this objective."
            )
        text = text.format(path=sides.path)
        if sides.theirs is not None and not sides.theirs_loads:
            text += " " + _(
                "Their version does not load: taking it lists the file under ⚠ until it is fixed."
            )
        return text

    def on_mount(self) -> None:
        for button in self.query("#view").results(Button):  # the safe default: look first
            button.focus()

    def action_choose(self, choice: str) -> None:
        self.dismiss(ConflictChoice(choice))

    def action_view_both(self) -> None:
        dialog = self.query_one(".conflict-dialog")
        dialog.toggle_class("-comparing")
        if dialog.has_class("-comparing"):
            self.call_after_refresh(self._scroll_to_differences)

    def _scroll_to_differences(self) -> None:
        mine_first, theirs_first = self._first_difference
        self.query_one("#conflict-mine", VerticalScroll).scroll_to(
            y=max(0, mine_first - 2), animate=False
        )
        self.query_one("#conflict-theirs", VerticalScroll).scroll_to(
            y=max(0, theirs_first - 2), animate=False
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "view":
            self.action_view_both()
        elif event.button.id in ("mine", "theirs", "later"):
            self.action_choose(event.button.id)
