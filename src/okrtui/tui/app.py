"""The okrtui application: the objective tree on the left, the editor on the right."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import time
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.widgets import ContentSwitcher, Header, Tree

from okrtui.i18n import N_, _, choose_language, count, nformat, set_language, workspace_locale
from okrtui.model import KeyResult, Objective, ObjectiveKind, SmartCriterion, slugify
from okrtui.model.text import printable
from okrtui.services.smart import evaluate_key_result
from okrtui.store import ConflictError, StoreError, WorkspaceStore
from okrtui.store.recovery import keep_unsaved
from okrtui.tui import (
    coach_actions,
    comfort_actions,
    git_actions,
    okr_actions,
    rtl_pass,
    search_actions,
    stop_signals,
    undo_actions,
)
from okrtui.tui.coach_actions import CoachActions
from okrtui.tui.comfort_actions import ComfortActions, applies_on_save
from okrtui.tui.commands import OkrCommands
from okrtui.tui.disk_sync import DiskSyncActions
from okrtui.tui.gc_pacing import GcPacer
from okrtui.tui.git_actions import GitActions
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.okr_actions import OkrActions
from okrtui.tui.release import Releaser
from okrtui.tui.rtl_layout import mirrored_layout
from okrtui.tui.search_actions import SearchActions
from okrtui.tui.system_commands import translated
from okrtui.tui.themes import register_bundled_themes
from okrtui.tui.undo_actions import UndoActions
from okrtui.tui.user_settings import UserSettings
from okrtui.tui.widgets.editor_pane import EditorPane
from okrtui.tui.widgets.form_context import FormContext, Verdict
from okrtui.tui.widgets.objective_tree import ObjectiveTree
from okrtui.tui.widgets.translated_footer import TranslatedFooter

if TYPE_CHECKING:
    from okrtui.tui.widgets.editor_forms import ModelForm
    from okrtui.tui.widgets.objective_form import ObjectiveForm

WARM_UP_BATCH = 50
"""Files read at most per step of reading a lazy workspace after the first frame."""
WARM_UP_STEP = 0.0025
"""Seconds a step reads for at most (letting the files go after costs about as long again):
a key that comes meanwhile waits no longer (issue 9)."""
WARM_UP_PAUSE = 0.002
"""Seconds between steps: the app goes idle in between, so keys are answered and drawn."""
KEYS_QUIET = 0.1
"""Seconds without a key before the reading goes on: keys in a row are never slowed by it."""


class OkrApp(
    UndoActions,
    SearchActions,
    UserSettings,
    ComfortActions,
    OkrActions,
    CoachActions,
    GitActions,
    DiskSyncActions,
    App[None],
):
    """A keyboard-first OKR editor over a folder of TOML files."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "okrtui"
    COMMANDS = App.COMMANDS | {OkrCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: seen before a dialog's own keys, so ctrl+s in a dialog that edits
        # applies it, then saves everything (ComfortActions.action_save_from_dialog).
        Binding(
            "ctrl+s",
            "save_from_dialog",
            N_("Save"),
            priority=True,
            id="app.save",
            tooltip=N_("Write changed objectives"),
        ),
        Binding("n", "new_objective", N_("New"), id="app.new", tooltip=N_("New objective")),
        Binding(
            "a", "add_key_result", N_("Add KR"), id="app.add_kr", tooltip=N_("Add a key result")
        ),
        Binding(
            "d,delete",
            "delete",
            N_("Delete"),
            show=False,
            id="app.delete",
            key_display="d",
            tooltip=N_("Delete the selected objective or key result"),
        ),
        *okr_actions.BINDINGS,
        *coach_actions.BINDINGS,
        *git_actions.BINDINGS,
        *undo_actions.BINDINGS,
        *search_actions.BINDINGS,
        *comfort_actions.BINDINGS,
        Binding("question_mark", "help", N_("Help"), key_display="?", id="app.help"),
        Binding("q", "quit_app", N_("Quit"), id="app.quit"),
        Binding("escape", "focus_tree", N_("Back to tree"), show=False, id="app.focus_tree"),
    ]

    def __init__(self, store: WorkspaceStore, *, today: dt.date | None = None) -> None:
        super().__init__()
        self.store = store
        self.today = today or dt.date.today()
        self.dirty: set[str] = set()
        """Objectives changed in memory and not yet saved."""
        self.pending_deletes: set[str] = set()
        self.fresh_objectives: set[str] = set()
        """Objectives made with `n` and not yet saved: their ids still follow their titles."""
        self.fresh_krs: set[tuple[str, str]] = set()
        """Key results added since the last save: their ids still follow their titles."""
        self._broken_at_start = 0
        """Files that did not load at the first frame (more may show once all are read)."""
        self._last_key = 0.0
        """When the last key came (`time.monotonic`)."""
        self.recovered_to: Path | None = None
        """Where unsaved edits were kept when the app stopped on an error (`store.recovery`)."""
        self.stopped_by: int | None = None
        """The stop signal (SIGHUP, SIGTERM) that ended the app, if one did (`tui.stop_signals`)."""
        self._stop_handlers: stop_signals.Previous = {}
        self.save_failed = False
        """The last save could not write (read-only, disk full, workspace gone): quitting
        without saving keeps the edits in the recovery folder."""
        self.releaser = Releaser(self)
        """Lets go of objectives read from their files and not needed (`tui.release`)."""
        self.gc_pacer = GcPacer(self)
        """Runs Python's full garbage collections between keys (`tui.gc_pacing`)."""
        set_language(choose_language(workspace_locale(store.settings)))
        rtl_pass.install()
        # The theme is chosen before the stylesheet is first read: choosing it
        # after mounting would read and apply every rule twice.
        register_bundled_themes(self)
        # On a 16-colour terminal, the terminal's own palette reads better than
        # truecolour squeezed into 16: use Textual's ANSI theme there.
        ansi_only = self.console.color_system in ("standard", "windows")
        self.theme = "ansi-dark" if ansi_only else "okrtui"
        self.apply_user_config()  # the user's themes, theme and keys (config.toml)

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header(icon="◎")
        with Horizontal(id="main"):
            panes = [
                ObjectiveTree(self.store, self.today, id="tree"),
                EditorPane(self.store, id="editor"),
            ]
            yield from reversed(panes) if mirrored_layout() else panes
        with Horizontal(id="bottom"):
            yield TranslatedFooter()
            yield from self.compose_git_status()

    def on_mount(self) -> None:
        self.editor.configure(
            FormContext(self.store.settings, self.today, self.store.objectives), self.smart_verdicts
        )
        self.sub_title = self.store.settings.name
        tree = self.objective_tree
        tree.border_title = _("Objectives")
        tree.on_cursor_key = self.editor.follow_key  # the cursor's frame first (issue 9)
        tree.before_other_key = self.editor.show_followed_now  # keys typed ahead see it
        self.editor.border_title = _("Editor")
        current = self.store.settings.current_cycle(self.today)
        expand = {NodeRef(NodeKind.CYCLE, cycle=current.name)} if current else set()
        tree.titles_first = True  # the first frame draws titles; their figures the next
        tree.rebuild(expand=expand, select=next(iter(expand), None))
        tree.focus()
        self._broken_at_start = len(self.store.broken)
        self._report_broken_files()
        if self.store.tidied:  # leftovers of an interrupted save, settled by the open
            self.notify("\n".join(self.store.tidied), severity="information", timeout=8)
        self.call_after_refresh(tree.show_figures)
        self.call_after_refresh(self._verify_outlines)
        self.call_after_refresh(self._read_deferred_files)
        self.start_user_config()
        self._stop_handlers = stop_signals.install(self)  # SIGHUP, SIGTERM keep the edits

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._last_key = time.monotonic()  # the read-ahead waits until the keys stop
            self.gc_pacer.key()  # a full collection waits until the keys stop
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.gc_pacer.stop()
        stop_signals.uninstall(self._stop_handlers)

    def _report_broken_files(self, already: int = 0) -> None:
        """Say that files did not load (counting those beyond the `already` said)."""
        broken = len(self.store.broken) - already
        if broken <= 0:
            return
        if already:
            message = nformat(
                "{n} more file did not load once read; see the ⚠ entry in the tree.",
                "{n} more files did not load once read; see the ⚠ entry in the tree.",
                broken,
            )
        else:
            message = nformat(
                "{n} file did not load; see the ⚠ entry in the tree.",
                "{n} files did not load; see the ⚠ entry in the tree.",
                broken,
            )
        self.notify(message, severity="warning", timeout=8)

    def _verify_outlines(self) -> None:
        """Outlines believed from the cache for the first frame are checked now (a `stat`
        per file, `WorkspaceStore.verify_outlines`); the tree follows any that changed."""
        if self.store.verify_outlines() and self.objective_tree.outdated():
            self.objective_tree.rebuild()

    def _read_deferred_files(self) -> None:
        """Read, a batch per step, the files a lazy open left for later; then start watching.

        The first frame drew only what it needed; reading the rest in steps
        keeps keys answered meanwhile (anything that needs every objective
        before then reads the rest at once).
        """
        wait = self._last_key + KEYS_QUIET - time.monotonic()
        if wait > 0 and self.store.objectives.deferred:
            self.set_timer(wait, self._read_deferred_files)  # the user is pressing keys
            return
        if self.store.load_some(WARM_UP_BATCH, WARM_UP_STEP):
            # a timer, not call_later: a queue never empty would hold back every repaint
            self.set_timer(WARM_UP_PAUSE, self._read_deferred_files)
            return
        if self.objective_tree.outdated() or self.archive_rebuild_needed():  # stale, broke, done
            self.objective_tree.rebuild()
        # files read since the first frame (just now, or for an earlier key) may not load
        self._report_broken_files(already=self._broken_at_start)
        current = self.editor.current
        if current is None or current.kind in (NodeKind.CYCLE, NodeKind.PROBLEMS):
            self.editor.show(current)  # its figures were waiting for every file
        self.store.remember_outlines()
        if not gc.isenabled():  # `okrtui` paused it for the start (cli.open_command)
            gc.freeze()  # what start-up built lives as long as the app: never scan it again
            gc.enable()
        self.gc_pacer.start()  # full collections between keys, not during one (issue 9)
        self.start_disk_sync()
        self.start_git()

    def smart_verdicts(
        self, objective: Objective, kr: KeyResult | None
    ) -> dict[SmartCriterion, Verdict]:
        """The coach's verdict per letter, for a key result or a standalone SMART goal."""
        if kr is None:
            if objective.kind is not ObjectiveKind.SMART or not objective.key_results:
                return {}
            kr = objective.key_results[0]
        return {
            v.criterion: Verdict(v.holds, v.reason)
            for v in evaluate_key_result(kr, objective, self.store.settings, self.today)
            if v.criterion is not None
        }

    def _handle_exception(self, error: Exception) -> None:
        # Textual's hook for an unhandled error, which always ends the app: keep the
        # unsaved edits aside first, outside the workspace (it keeps what was last saved).
        self.keep_unsaved_edits()
        super()._handle_exception(error)

    def keep_unsaved_edits(self) -> None:
        """Write the unsaved objectives to the recovery folder (`recovered_to` says where)."""
        if self.recovered_to is None and self.dirty:
            with contextlib.suppress(Exception):  # never hide what made us keep them
                edited = (self.store.objectives.peek(oid) for oid in sorted(self.dirty))
                self.recovered_to = keep_unsaved(self.store.root, [o for o in edited if o])

    def refused_field(self) -> str | None:
        """The label of an editor field whose typed text was refused, if one is shown."""
        from okrtui.tui.widgets.form_row import FormRow

        for row in self.editor.query(FormRow):
            if row.has_class("-invalid") and row.display and row.region.width:
                return row.label_text
        return None

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands (Theme, Quit, Keys ...) in the interface language."""
        return translated(super().get_system_commands(screen))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The main screen's keys (n, a, d, c, ...) do nothing while a dialog is open.

        ctrl+s works (and shows) in a dialog only where it applies what was typed.
        """
        if isinstance(self.screen, ModalScreen):
            if action in _main_screen_actions():
                return False
            if action == "save_from_dialog" and not applies_on_save(self.screen):
                return False  # the dialog's own ctrl+s, if any (the git panel's), answers
        return super().check_action(action, parameters)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast (widgets' and screens' too) shows its text as it reads.

        Messages carry data (titles, paths, git's words): control characters are
        shown as escapes, and nothing is taken as markup (`[title]` in a message
        names a field), so `markup` is ignored.
        """
        super().notify(
            printable(message, multiline=True),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    @property
    def objective_tree(self) -> ObjectiveTree:
        return self.query_one(ObjectiveTree)

    @property
    def editor(self) -> EditorPane:
        return self.query_one(EditorPane)

    # ------------------------------------------------------------------ state
    def _update_title(self) -> None:
        unsaved = len(self.dirty) + len(self.pending_deletes)
        name = self.store.settings.name
        self.sub_title = (
            f"{name} ● " + _("{n} unsaved").format(n=count(unsaved)) if unsaved else name
        )

    def mark_dirty(self, objective_id: str) -> None:
        self.dirty.add(objective_id)
        self.editor.figures.clear()  # what the editor worked out for it is stale
        objective = self.store.objectives.get(objective_id)
        if objective is not None and objective.updated != self.today:
            objective.updated = self.today
        self._update_title()
        self.record_undo(objective_id)
        self.keep_archived_in_view(objective_id)

    def selected(self) -> tuple[Objective | None, KeyResult | None]:
        ref = self.objective_tree.selected_ref()
        if ref is None or ref.objective_id is None:
            return None, None
        objective = self.store.objectives.get(ref.objective_id)
        if objective is None:
            return None, None
        kr = objective.key_result(ref.kr_id) if ref.kr_id else None
        return objective, kr

    def selected_cycle(self) -> str | None:
        ref = self.objective_tree.selected_ref()
        if ref is not None and ref.cycle:
            return ref.cycle
        current = self.store.settings.current_cycle(self.today)
        return current.name if current else None

    # ------------------------------------------------------------------ events
    @on(Tree.NodeHighlighted, "#tree")
    def _show_highlighted(self, event: Tree.NodeHighlighted[NodeRef]) -> None:
        # a sibling of the tree, found without walking the DOM (a query took ~8 ms)
        main = event.node.tree.parent
        for editor in main.children if main is not None else ():  # none on shutdown
            if isinstance(editor, EditorPane):
                editor.follow(event.node.data)

    # Handlers by name, not `@on(...)`: the forms' modules load after the first frame.
    def on_model_form_edited(self, event: ModelForm.Edited) -> None:
        self.mark_dirty(event.objective_id)
        if event.structural:
            self.objective_tree.rebuild(select=self._editor_ref())
        else:
            self.objective_tree.refresh_objective(event.objective_id)

    def _editor_ref(self) -> NodeRef | None:
        """The editor's selection, following an objective that moved to another cycle."""
        ref = self.editor.current
        if ref is None or ref.objective_id is None:
            return ref
        objective = self.store.objectives.get(ref.objective_id)
        if objective is None:
            return ref
        return NodeRef(ref.kind, objective.cycle, objective.id, ref.kr_id)

    def _settle_ids(self) -> bool:
        """Before the first save, ids follow titles ("New objective" becomes "grow-the-newsletter").

        After that an id never changes: it is the file name and what merges match on.
        Returns True if any id changed.
        """
        renames: dict[str, str] = {}
        for oid in sorted(self.fresh_objectives):
            objective = self.store.objectives.get(oid)
            if objective is None or oid in self.store.files:
                continue
            taken = set(self.store.objectives) - {oid}
            new_id = slugify(objective.title, taken=taken)
            if new_id != oid:
                del self.store.objectives[oid]
                objective.id = new_id
                self.store.objectives[new_id] = objective
                renames[oid] = new_id
        self.fresh_objectives = {renames.get(o, o) for o in self.fresh_objectives}
        for old, new in renames.items():
            self.dirty.discard(old)
            self.dirty.add(new)
            for other in self.store.objectives.values():
                if other.parent == old:
                    other.parent = new
        self.fresh_krs = {(renames.get(o, o), k) for o, k in self.fresh_krs}
        kr_renames: dict[tuple[str, str], str] = {}
        for oid, kr_id in sorted(self.fresh_krs):
            objective = self.store.objectives.get(oid)
            kr = objective.key_result(kr_id) if objective else None
            if objective is None or kr is None:
                continue
            taken = {k.id for k in objective.key_results} - {kr.id}
            new_id = slugify(kr.title, fallback="key-result", taken=taken)
            if new_id != kr.id:
                kr.id = new_id
                kr_renames[(oid, kr_id)] = new_id
        self.fresh_krs = {(o, kr_renames.get((o, k), k)) for o, k in self.fresh_krs}
        self.undo_renamed(renames, kr_renames)
        ref = self.editor.current
        if ref is not None and ref.objective_id is not None:
            new_oid = renames.get(ref.objective_id, ref.objective_id)
            new_kr = kr_renames.get((new_oid, ref.kr_id), ref.kr_id) if ref.kr_id else None
            self.editor.current = NodeRef(ref.kind, ref.cycle, new_oid, new_kr)
        return bool(renames or kr_renames)

    def on_objective_form_key_result_chosen(self, event: ObjectiveForm.KeyResultChosen) -> None:
        objective = self.store.objectives.get(event.objective_id)
        if objective is not None:
            self.objective_tree.select_ref(
                NodeRef(NodeKind.KEY_RESULT, objective.cycle, objective.id, event.kr_id)
            )
            self.objective_tree.focus()

    # ------------------------------------------------------------------ actions
    def action_focus_tree(self) -> None:
        self.objective_tree.focus()

    def action_help(self) -> None:
        from okrtui.tui.screens.help import HelpScreen, binding_rows
        from okrtui.tui.widgets.kr_history import CheckInTable

        # keys whose meaning depends on where the focus is: listed where they apply
        tree_keys, editor_keys = {"undo.undo_key", "undo.redo_key"}, {"app.focus_tree"}
        keymap = self.user_keymap
        sections = [
            (
                _("Everywhere"),
                [
                    *binding_rows(self.BINDINGS, keymap, skip=tree_keys | editor_keys),
                    ("^p", _("Command palette")),
                    ("tab / shift+tab", _("Next / previous field or pane")),
                ],
            ),
            (
                _("Objective tree"),
                [
                    ("↑ ↓  j k", _("Move")),
                    ("→ ←  l h", _("Expand / collapse")),
                    ("enter, space", _("Expand or collapse")),
                    *binding_rows(ObjectiveTree.BINDINGS, keymap)[4:],
                    *binding_rows(self.BINDINGS, keymap, only=tree_keys),
                ],
            ),
            (
                _("Editor"),
                [
                    *binding_rows(self.BINDINGS, keymap, only=editor_keys),
                    ("space", _("Tick or untick a SMART criterion")),
                    ("enter", _("Open a select / a key result in the table")),
                    (_("typing"), _("Edits apply at once; problems show under the field")),
                    *binding_rows(CheckInTable.BINDINGS),
                ],
            ),
            (_("Workspace"), [(_("files on disk"), self.watch_description())]),
        ]
        self.push_screen(HelpScreen(sections))

    def action_save(self) -> None:
        invalid = self.refused_field()
        if invalid is not None:
            # The model keeps the field's last value that fitted, which may be one
            # typed half-way ("5" before "x"): never write that while the field
            # still says it is wrong. The edits stay in memory.
            self.save_failed = True
            self.notify(
                _("{field}: what is typed does not fit. Correct it, or undo with ctrl+z.").format(
                    field=invalid
                ),
                title=_("Not saved"),
                severity="error",
                timeout=10,
            )
            return
        if self._settle_ids():
            selected = self.editor.current
            self.objective_tree.rebuild(select=self._editor_ref())
            self.editor.show(selected)
        try:  # a workspace deleted or renamed while open: one message, not a dialog per file
            self.store.check_workspace_present()
        except StoreError as exc:
            self.save_failed = True
            self.notify(str(exc), title=_("Not saved"), severity="error", timeout=10)
            return
        # A change can span files (a key result moved between objectives): when any
        # of them changed on disk, write none, so no half of such a change lands.
        stale = sorted(
            oid
            for oid in self.dirty | self.pending_deletes
            if oid in self.store.files and self.store.is_dirty_on_disk(oid)
        )
        if stale:
            self.notify(
                nformat(
                    "Nothing written: {n} objective changed on disk.",
                    "Nothing written: {n} objectives changed on disk.",
                    len(stale),
                )
                + " "
                + _("Choose a version, then save again."),
                severity="warning",
                timeout=10,
            )
            for oid in stale:
                self.open_sync_conflict(oid)
            return
        saved, failed = 0, []
        conflicts: list[str] = []  # changed on disk since loaded: the user chooses a version
        written: list[Path] = []  # told to the watcher, so our own writes are not reloaded
        for oid in sorted(self.pending_deletes):
            state = self.store.files.get(oid)
            try:
                self.store.delete_objective(oid)
                self.pending_deletes.discard(oid)
                saved += 1
            except ConflictError:
                conflicts.append(oid)
                continue
            except (StoreError, OSError) as exc:
                failed.append(str(exc))
                continue
            if state is not None:
                written.append(state.path)
        for oid in sorted(self.dirty):
            objective = self.store.objectives.get(oid)
            if objective is None:
                self.dirty.discard(oid)
                continue
            previous = self.store.files.get(oid)
            try:
                self.store.save_objective(objective)
            except ConflictError:
                conflicts.append(oid)
                continue
            except (StoreError, OSError) as exc:
                failed.append(str(exc))
                continue
            written.append(self.store.files[oid].path)
            if previous is not None and previous.path != written[-1]:
                written.append(previous.path)  # moved to another cycle
            self.dirty.discard(oid)
            self.fresh_krs = {(o, k) for o, k in self.fresh_krs if o != oid}
            self.fresh_objectives.discard(oid)
            saved += 1
        self._update_title()
        self.note_saved(written)
        self.save_failed = bool(failed)
        if failed:
            self.notify("\n".join(failed), title=_("Not saved"), severity="error", timeout=10)
        elif saved:
            self.notify(nformat("Saved {n} objective.", "Saved {n} objectives.", saved))
        elif not conflicts:
            self.notify(_("Nothing to save."))
        for oid in conflicts:
            self.open_sync_conflict(oid)

    def action_new_objective(self) -> None:
        cycle = self.selected_cycle()
        if cycle is None:
            self.notify(_("Add a cycle to okrtui.toml first."), severity="error")
            return
        objective = Objective(
            id=slugify(_("New objective"), taken=set(self.store.objectives)),
            title=_("New objective"),
            cycle=cycle,
            created=self.today,
            updated=self.today,
        )
        self.store.objectives[objective.id] = objective
        self.fresh_objectives.add(objective.id)
        self.mark_dirty(objective.id)
        ref = NodeRef(NodeKind.OBJECTIVE, cycle, objective.id)
        self.objective_tree.rebuild(select=ref)
        self.editor.show(ref)
        self._focus_title()

    def action_add_key_result(self) -> None:
        objective, _kr = self.selected()
        if objective is None:
            self.notify(_("Select an objective first."), severity="warning")
            return
        if objective.kind is ObjectiveKind.SMART and objective.key_results:
            self.notify(_("A standalone SMART goal has one metric."), severity="warning")
            return
        taken = {k.id for k in objective.key_results}
        kr = KeyResult(
            id=slugify(_("New key result"), fallback="key-result", taken=taken),
            title=_("New key result"),
            start_date=self.today,  # its plan starts today, not with the cycle
        )
        objective.key_results.append(kr)
        self.fresh_krs.add((objective.id, kr.id))
        self.mark_dirty(objective.id)
        ref = NodeRef(NodeKind.KEY_RESULT, objective.cycle, objective.id, kr.id)
        self.objective_tree.rebuild(select=ref)
        self.editor.show(ref)
        self._focus_title()

    def _focus_title(self) -> None:
        def focus() -> None:
            form = self.editor.query_one(ContentSwitcher).visible_content
            if form is not None:
                field = form.query("#field-title").first()
                field.focus()
                if hasattr(field, "select_all"):
                    field.select_all()

        self.call_after_refresh(focus)

    def action_delete(self) -> None:
        from okrtui.tui.screens.dialogs import ConfirmScreen

        objective, kr = self.selected()
        if objective is None:
            return
        if kr is not None:
            question = nformat(
                "Delete the key result “{t}” and its {n} check-in?",
                "Delete the key result “{t}” and its {n} check-ins?",
                len(kr.checkins),
                t=kr.title,
            )
        else:
            question = nformat(
                "Delete the objective “{t}” with its {n} key result?",
                "Delete the objective “{t}” with its {n} key results?",
                len(objective.key_results),
                t=objective.title,
            )

        oid, kr_id = objective.id, kr.id if kr is not None else None

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._delete(oid, kr_id)

        self.push_screen(ConfirmScreen(question, _("Delete")), done)

    def _delete(self, objective_id: str, kr_id: str | None) -> None:
        # Looked up again: the file may have been reloaded while the dialog was open.
        objective = self.store.objectives.get(objective_id)
        kr = objective.key_result(kr_id) if objective is not None and kr_id else None
        if objective is None or (kr_id is not None and kr is None):
            self.notify(_("Not deleted: it is no longer in the workspace."), severity="warning")
            return
        if kr is not None:
            objective.key_results = [k for k in objective.key_results if k.id != kr.id]
            self.mark_dirty(objective.id)
            select = NodeRef(NodeKind.OBJECTIVE, objective.cycle, objective.id)
        else:
            for child in self.store.children(objective.id):
                child.parent = objective.parent
                self.mark_dirty(child.id)
            del self.store.objectives[objective.id]
            self.record_undo(objective.id)
            self.dirty.discard(objective.id)
            if objective.id in self.store.files:
                self.pending_deletes.add(objective.id)
            self._update_title()
            select = NodeRef(NodeKind.CYCLE, cycle=objective.cycle)
        self.objective_tree.rebuild(select=select)
        self.notify(_("Deleted. Press ctrl+s to write it to disk."))

    def action_quit_app(self) -> None:
        from okrtui.tui.screens.dialogs import QuitScreen

        if not self.editor.forms_ready:
            # q in the first moments: quitting while the forms are being mounted
            # would stop Textual's widgets half-built (a traceback); wait for them.
            self.set_timer(0.05, self.action_quit_app)
            return
        count = len(self.dirty) + len(self.pending_deletes)
        if not count:
            self.exit()
            return

        def chosen(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
                if not self.dirty and not self.pending_deletes:
                    self.exit()
            elif choice == "discard":
                if self.save_failed:  # the edits could not be written: keep a copy aside
                    self.keep_unsaved_edits()
                self.exit()

        self.push_screen(QuitScreen(count), chosen)

    async def action_quit(self) -> None:
        """ctrl+q (Textual's own quit key) asks about unsaved changes too."""
        self.action_quit_app()

    def action_expand_all(self) -> None:
        self.objective_tree.expand_all()

    def action_show_problems(self) -> None:
        self.objective_tree.select_ref(NodeRef(NodeKind.PROBLEMS))


@cache
def _main_screen_actions() -> frozenset[str]:
    """Actions okrtui adds to the app (its own and its feature mixins'), not Textual's."""
    names = set()
    for cls in OkrApp.__mro__:
        if cls in App.__mro__:
            continue
        names |= {n.removeprefix("action_") for n in vars(cls) if n.startswith("action_")}
    return frozenset(names - {"quit", "save_from_dialog"})  # ctrl+s applies a dialog, then saves
