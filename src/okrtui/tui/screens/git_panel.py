"""The git panel (`g`): what changed, a prefilled commit message, commit, pull and push.

The panel only shows and asks; the app runs commit, pull and push in its own
workers (so they finish even if the panel is closed) and reports back through
`operation_started` / `operation_finished`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Static, TextArea

from okrtui.i18n import N_, _, nformat
from okrtui.model import WorkspaceSettings
from okrtui.model.text import printable
from okrtui.store import SETTINGS_FILE, objective_from_text
from okrtui.store.git import GitError, GitRepo
from okrtui.store.toml_io import TomlSyntaxError, parse_toml
from okrtui.tui.focus_keys import FOCUS_KEYS
from okrtui.tui.formatting import cut_text, fit_text
from okrtui.tui.widgets.git_status import PanelData, read_panel_data, status_line
from okrtui.tui.widgets.ordered_input import OrderedTextArea
from okrtui.tui.widgets.typing_preview import TypingPreview

if TYPE_CHECKING:
    from okrtui.tui.app import OkrApp

TITLE_WIDTH = 34
FILE_WIDTH = 24
CommitDraft = tuple[str, str]
"""(the prefilled message, the message as the user left it)."""


def loads_back(path: Path) -> bool:
    """True when a workspace file on disk is valid (so it may be committed)."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    if path.name == SETTINGS_FILE:
        try:
            WorkspaceSettings.model_validate(parse_toml(text))
        except (TomlSyntaxError, ValueError):
            return False
        return True
    return objective_from_text(path, text).objective is not None


def run_git_operation(repo: GitRepo, root: Path, kind: str, message: str = "") -> str:
    """Run commit, pull, push or fetch (blocking); the one-line report for the user.

    A commit takes the workspace's changed files only, and none that does not load.
    """
    if kind == "commit":
        files = repo.changed_workspace_files(root)
        if not files:
            raise GitError(_("commit failed: nothing to commit"))
        bad = [f.path for f in files if f.path.exists() and not loads_back(f.path)]
        if bad:
            raise GitError(
                _("commit refused: {file} does not load; fix it first").format(
                    file=bad[0].relative_to(root).as_posix()
                )
            )
        paths = [f.path for f in files] + [f.original for f in files if f.original]
        sha = repo.commit(paths, message)
        return _("Committed {sha}: {subject}").format(sha=sha[:7], subject=message.splitlines()[0])
    if kind == "pull":
        repo.pull()
        return _("Pulled from {upstream}.").format(upstream=repo.upstream() or "")
    if kind == "push":
        repo.push()
        return _("Pushed to {upstream}.").format(upstream=repo.upstream() or "")
    repo.fetch()
    return _("Fetched from the remote.")


class GitPanelScreen(ModalScreen[CommitDraft | None]):
    """Returns the commit message draft when closed with an edited message."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,  # keys typed right after tab follow it
        Binding("c", "commit", N_("Commit"), id="git_panel.commit"),
        Binding("p", "network('pull')", N_("Pull"), id="git_panel.pull"),
        Binding("P", "network('push')", N_("Push"), id="git_panel.push"),
        Binding("f", "network('fetch')", N_("Fetch"), id="git_panel.fetch"),
        Binding("e", "edit_message", N_("Edit message"), id="git_panel.edit"),
        Binding("ctrl+s", "save_first", N_("Save first"), id="git_panel.save"),
        Binding("escape", "close", N_("Close"), id="git_panel.close"),
    ]

    CSS = """
    GitPanelScreen .git-dialog {
        width: 78;
        max-width: 100%;
        max-height: 100%;
        padding: 0 1;
    }
    GitPanelScreen .dialog-title {
        margin-bottom: 0;
    }
    GitPanelScreen #git-unsaved {
        height: auto;
        display: none;
    }
    GitPanelScreen #git-unsaved.-shown {
        display: block;
    }
    GitPanelScreen #git-unsaved Static {
        width: 1fr;
        color: $warning;
    }
    GitPanelScreen .git-label {
        color: $accent;
        text-style: bold;
        margin-top: 1;
    }
    GitPanelScreen #git-files {
        height: auto;
        max-height: 7;
        background: $surface;
    }
    GitPanelScreen #git-message {
        height: 6;
    }
    GitPanelScreen #git-message:focus {
        background: $boost;
    }
    GitPanelScreen #git-result {
        height: auto;
        margin-top: 1;
    }
    GitPanelScreen #git-result.-error {
        color: $error;
    }
    GitPanelScreen #git-result.-busy {
        color: $warning;
    }
    GitPanelScreen .dialog-buttons {
        margin-top: 1;
    }
    GitPanelScreen .dialog-buttons Button {
        min-width: 10;
        margin-left: 1;
    }
    """

    def __init__(
        self,
        repo: GitRepo,
        root: Path,
        titles: Mapping[Path, str],
        *,
        unsaved: int = 0,
        busy: str | None = None,
        draft: CommitDraft | None = None,
        focus_message: bool = False,
        git_lock: threading.Lock | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.repo = repo
        self.root = root
        self.titles = dict(titles)
        self.unsaved = unsaved
        self.busy = busy
        self.draft = draft
        self.focus_message = focus_message
        self.git_lock = git_lock
        """Held while git runs for the app, so two git commands never race for the index."""
        self.data: PanelData | None = None
        self.prefill = ""

    @property
    def okr_app(self) -> OkrApp:
        return cast("OkrApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog git-dialog"):
            yield Static(_("Git"), id="git-title", classes="dialog-title")
            with Horizontal(id="git-unsaved"):
                yield Static("", id="git-unsaved-text", markup=False)
                yield Button(_("Save first (ctrl+s)"), id="save", variant="warning", compact=True)
            yield Static(_("Changed objectives"), classes="git-label")
            yield Static(_("Reading the repository…"), id="git-empty", classes="hint")
            table: DataTable[str] = DataTable(
                id="git-files", cursor_type="row", zebra_stripes=True, show_cursor=False
            )
            table.display = False
            yield table
            yield Static(_("Commit message"), classes="git-label")
            yield OrderedTextArea("", id="git-message", soft_wrap=True)
            yield TypingPreview("git-message")
            yield Static(
                _("Commits the workspace's changed files only."),
                id="git-result",
                classes="hint",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Commit"), id="commit", variant="primary", compact=True)
                yield Button(_("Pull"), id="pull", compact=True)
                yield Button(_("Push"), id="push", compact=True)
                yield Button(_("Fetch"), id="fetch", compact=True)
                yield Button(_("Close"), id="close", compact=True)
            yield Static(
                _("c commit · p pull · P push · f fetch · e edit message · esc close"),
                classes="hint",
            )

    def on_mount(self) -> None:
        table = self.query_one("#git-files", DataTable)
        table.add_column(_("Objective"), width=TITLE_WIDTH, key="title")
        table.add_column(_("File"), width=FILE_WIDTH, key="file")
        table.add_column(_("Status"), width=8, key="status")
        self.set_unsaved(self.unsaved)
        self.query_one("#git-message", TextArea).disabled = True
        if self.busy:
            self.operation_started(self.busy)
        self.query_one("#close", Button).focus()
        self.reload()

    # ------------------------------------------------------------------ data
    @work(thread=True, exclusive=True, group="git-panel", exit_on_error=False)
    def reload(self, *, fresh_message: bool = False) -> None:
        """Read the repository again; `fresh_message` replaces an edited message too."""
        try:
            with self.git_lock or contextlib.nullcontext():
                data = read_panel_data(self.repo, self.root, self.titles)
        except GitError as exc:
            self.call_later(self._show_error, str(exc))
            return
        self.call_later(self._show_data, data, fresh_message)

    def _show_error(self, message: str) -> None:
        if self.is_attached:
            self.show_result(message, error=True)

    def _show_data(self, data: PanelData, fresh_message: bool) -> None:
        if not self.is_attached:
            return
        self.data = data
        self.query_one("#git-title", Static).update(
            Content.assemble(
                (_("Git") + "  ", "bold $primary"),
                status_line(data.status),
                ("  " + (data.upstream or _("no upstream")), "$text-muted"),
            )
        )
        table = self.query_one("#git-files", DataTable)
        table.clear()
        for row in data.files:
            table.add_row(
                fit_text(row.title, TITLE_WIDTH), cut_text(row.file, FILE_WIDTH), row.status
            )
        table.display = bool(data.files)
        empty = self.query_one("#git-empty", Static)
        empty.display = not data.files
        empty.update(_("Nothing to commit: the files on disk match the last commit."))
        self._fill_message(data.message, fresh_message)
        self._update_buttons()
        if self.focus_message and data.files:
            self.focus_message = False
            self.action_edit_message()
        elif data.files and self.focused is self.query_one("#close", Button):
            self.query_one("#commit", Button).focus()

    def _fill_message(self, prefill: str, fresh: bool) -> None:
        prefill = printable(prefill.rstrip(), multiline=True)  # trailing newline: a wasted line
        area = self.query_one("#git-message", TextArea)
        edited = area.text.strip() and area.text != self.prefill
        if self.draft is not None:
            # A message edited before the panel was last closed, for the same changes.
            if self.draft[0] == prefill:
                area.load_text(self.draft[1])
                edited = True
            self.draft = None
        elif fresh or not edited:
            area.load_text(prefill)
        self.prefill = prefill
        area.disabled = not (self.data and self.data.files)

    def set_unsaved(self, count: int) -> None:
        """Say how many objectives have edits not written to disk (so not in a commit)."""
        self.unsaved = count
        box = self.query_one("#git-unsaved")
        box.set_class(count > 0, "-shown")
        self.query_one("#git-unsaved-text", Static).update(
            "⚠ "
            + nformat(
                "{n} objective has unsaved edits; they are not in the commit.",
                "{n} objectives have unsaved edits; they are not in the commit.",
                count,
            )
        )

    # ------------------------------------------------------------------ feedback
    def show_result(self, message: str, *, error: bool = False, busy: bool = False) -> None:
        line = self.query_one("#git-result", Static)
        line.update(printable(message, multiline=True))  # git's and a remote's words
        line.remove_class("hint")
        line.set_class(error, "-error")
        line.set_class(busy, "-busy")

    def operation_started(self, kind: str) -> None:
        """The app started `kind` (commit, pull, push, fetch): show it and wait."""
        self.busy = kind
        words = {
            "commit": _("Committing…"),
            "pull": _("Pulling…"),
            "push": _("Pushing…"),
            "fetch": _("Fetching…"),
        }
        self.show_result("⟳ " + words.get(kind, kind), busy=True)
        self._update_buttons()

    def operation_finished(self, kind: str, message: str, *, error: bool) -> None:
        """The app's git command ended; `message` is one line for the user."""
        self.busy = None
        self.show_result(message, error=error)
        self._update_buttons()
        self.reload(fresh_message=kind == "commit" and not error)

    def _update_buttons(self) -> None:
        has_files = bool(self.data and self.data.files)
        self.query_one("#commit", Button).disabled = bool(self.busy) or not has_files
        for name in ("pull", "push", "fetch"):
            self.query_one(f"#{name}", Button).disabled = bool(self.busy)

    # ------------------------------------------------------------------ actions
    def action_commit(self) -> None:
        if self.busy:
            return
        if not (self.data and self.data.files):
            self.show_result(_("Nothing to commit."), error=True)
            return
        message = self.query_one("#git-message", TextArea).text.strip()
        if not message:
            self.show_result(_("Write a commit message first."), error=True)
            self.action_edit_message()
            return
        self.okr_app.git_commit(message)

    def action_network(self, kind: str) -> None:
        if not self.busy:
            self.okr_app.git_network(kind)

    def action_edit_message(self) -> None:
        area = self.query_one("#git-message", TextArea)
        if not area.disabled:
            area.focus()

    def action_save_first(self) -> None:
        self.okr_app.action_save()
        self.set_unsaved(len(self.okr_app.dirty) + len(self.okr_app.pending_deletes))
        self.reload()

    def action_close(self) -> None:
        text = self.query_one("#git-message", TextArea).text
        edited = bool(text.strip()) and text != self.prefill
        self.dismiss((self.prefill, text) if edited else None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button.id
        if button == "commit":
            self.action_commit()
        elif button in ("pull", "push", "fetch"):
            self.action_network(button)
        elif button == "save":
            self.action_save_first()
        elif button == "close":
            self.action_close()
