"""The right pane: shows the form for whatever is selected in the tree."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.widget import MountError
from textual.widgets import ContentSwitcher, Static

from okrtui.i18n import _, nformat
from okrtui.model import Calendar, KeyResult, Objective, SmartCriterion
from okrtui.services.progress import objective_progress
from okrtui.store import WorkspaceStore
from okrtui.tui.focus_keys import FOCUS_KEYS
from okrtui.tui.formatting import display_text, format_date, format_percent
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.widgets.figures import FigureCache
from okrtui.tui.widgets.form_context import FormContext, Verdict, VerdictProvider

if TYPE_CHECKING:
    from okrtui.tui.widgets.key_result_form import KeyResultForm
    from okrtui.tui.widgets.objective_form import ObjectiveForm


FRAME = 1 / 60
"""Seconds of one frame: cursor keys closer together than this are a held key."""


class InfoView(VerticalScroll):
    """The welcome text, a cycle's figures or the broken files, scrolled if long."""

    can_focus = False


class EditorPane(Vertical):
    """Switches between the objective form, the key-result form and read-only views.

    The forms are built once, just after the first frame (they hold many
    widgets and the first frame should not wait for them), and refilled on
    selection, so moving through the tree does not rebuild widgets.

    Each view scrolls on its own and fills the pane (`height: 1fr`), so
    swapping views changes no size: the screen's layout after a swap finds
    every widget where it was, and one view's scrollbar coming or going does
    not narrow the other (a pane that scrolled its views itself re-laid out
    every widget twice on each swap, issue 9).

    The pane takes no focus, nor do its views: from the tree, `tab` goes
    straight to the first field (a focused scroll container shows nothing
    focused, and the letters typed next would be taken as commands). A view
    scrolls to whatever field has focus.
    """

    BINDINGS: ClassVar[list[BindingType]] = [*FOCUS_KEYS]  # keys typed after tab follow it

    can_focus = False

    def __init__(self, store: WorkspaceStore, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = store
        self.current: NodeRef | None = None
        self.forms_ready = False
        self._keyed_at = 0.0
        """When a cursor key was last handled (keys closer than a frame to it are held)."""
        self._form_context: FormContext | None = None
        self._form_verdicts: VerdictProvider | None = None
        self._following = False
        self._shown: tuple[NodeRef | None, Objective | None] | None = None
        """The node last shown and its objective (a follow of the same is skipped)."""
        self.figures = FigureCache(lambda: self.store.objectives.generation)
        """Progress, SMART scores and verdicts, kept until an objective changes."""

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="view-info-pane"), InfoView(id="view-info-pane"):
            yield Static("", id="view-info", classes="info-view")

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_forms)

    async def _mount_forms(self) -> None:
        # Imported here: the form widgets (inputs, selects, text areas, tables) are
        # the biggest imports of the app, and the first frame does not show them.
        from okrtui.tui.widgets.key_result_form import KeyResultForm
        from okrtui.tui.widgets.objective_form import ObjectiveForm

        switcher = self.query_one(ContentSwitcher)
        objective_form = ObjectiveForm([c.name for c in self.store.cycles()], id="view-objective")
        objective_form.display = False
        kr_form = KeyResultForm(id="view-key-result")
        kr_form.display = False
        try:
            await switcher.mount(objective_form, kr_form)
        except MountError:
            return  # the app is closing: it quit before the forms were built
        if not kr_form.is_attached:
            return  # it quit while they were built: their parts may be gone already
        self.forms_ready = True
        self._configure_forms()
        if self.current is not None:
            self.show(self.current)

    def configure(self, context: FormContext, provider: VerdictProvider) -> None:
        """Give both forms the workspace context and the SMART coach's verdicts."""
        self._form_context, self._form_verdicts = context, provider
        self._configure_forms()

    def _configure_forms(self) -> None:
        if not self.forms_ready or self._form_context is None or self._form_verdicts is None:
            return
        provider, figures = self._form_verdicts, self.figures

        def verdicts(objective: Objective, kr: KeyResult | None) -> dict[SmartCriterion, Verdict]:
            what = ("verdicts", kr.id if kr else None)
            return figures.get(objective, what, lambda: provider(objective, kr))

        for form in (self.objective_form, self.key_result_form):
            form.context = self._form_context
            form.verdicts = verdicts
            form.figures = figures

    @property
    def objective_form(self) -> ObjectiveForm:
        return cast("ObjectiveForm", self.query_one("#view-objective"))

    @property
    def key_result_form(self) -> KeyResultForm:
        return cast("KeyResultForm", self.query_one("#view-key-result"))

    @property
    def calendar(self) -> Calendar:
        return self.store.settings.calendar

    def follow(self, ref: NodeRef | None) -> None:
        """Show `ref` as soon as the pane gets its turn, skipping any passed over meanwhile.

        The tree's cursor calls this on every move: held down, `j` moves it
        faster than a form can be filled, and only the last node need be shown.
        """
        self.current = ref
        if not self._following:
            self._following = True
            self.call_later(self._show_followed)

    def follow_key(self, ref: NodeRef | None) -> None:
        """Show `ref` for a key that moved the tree's cursor.

        When the form stays (key result to key result, objective to
        objective), the cursor is drawn first, on its own, and the form is
        refilled just after that frame: the cursor answers the key in a few
        milliseconds, the form a frame later. A swap to the other form (a
        layout of the whole pane) is filled in the key's own handler, so the
        cursor and the new form come in one frame: painted after the cursor,
        the swap waited for Textual's next frame slot and its p95 went 20-30 ms
        over the 50 ms of issue 9. Keys coming faster than frames (held down)
        wait until just after the next frame, and only the last node of a
        burst is shown.
        """
        held = time.monotonic() - self._keyed_at < FRAME
        if not (self._following or held) and self._swaps_form(ref):
            self.show(ref)  # cursor and editor in one frame
            # from the end of the fill: keys queued behind a slow one count as held
            self._keyed_at = time.monotonic()
            return
        self._keyed_at = time.monotonic()
        self.current = ref
        if not self._following:
            self._following = True
            self.call_after_refresh(self._show_followed)

    def _swaps_form(self, ref: NodeRef | None) -> bool:
        """Whether showing `ref` would put another form in the pane than the one shown."""
        shown = self._shown[0] if self._shown is not None else None
        if not self.forms_ready or shown is None or ref is None:
            return True
        editable = (NodeKind.OBJECTIVE, NodeKind.KEY_RESULT)
        return ref.kind is not shown.kind or ref.kind not in editable

    def show_followed_now(self) -> None:
        """Show at once the node a cursor key asked for, if it is not shown yet."""
        if self._following:
            self._show_followed()

    def _show_followed(self) -> None:
        self._following = False
        if self._shown == (self.current, self._objective_of(self.current)):
            return  # already shown
        self.show(self.current)

    def _objective_of(self, ref: NodeRef | None) -> Objective | None:
        return self.store.objectives.get(ref.objective_id) if ref and ref.objective_id else None

    def show(self, ref: NodeRef | None) -> None:
        """Show the editor for `ref` (None: the welcome text)."""
        self.current = ref
        switcher = self.query_one(ContentSwitcher)
        objective = self._objective_of(ref)
        if not self.forms_ready and objective is not None:
            return  # shown as soon as the forms are mounted
        self._shown = (ref, objective)
        if ref is not None and ref.kind is NodeKind.OBJECTIVE and objective is not None:
            self.objective_form.load(
                objective,
                self._cycle_names(objective.cycle),
                lambda: self._parent_choices(objective.id),
                lambda: [c.name for c in self.store.cycles()],
            )
            switcher.current = "view-objective"
        elif (
            ref is not None
            and ref.kind is NodeKind.KEY_RESULT
            and objective is not None
            and ref.kr_id is not None
            and objective.key_result(ref.kr_id) is not None
        ):
            self.key_result_form.load(objective, ref.kr_id)
            switcher.current = "view-key-result"
        else:
            self.query_one("#view-info", Static).update(self._info_text(ref))
            switcher.current = "view-info-pane"
        shown = switcher.visible_content
        if shown is not None:
            shown.scroll_home(animate=False)

    def _cycle_names(self, own: str) -> list[str]:
        """The settings' cycles and the objective's own (all cycles are listed when opened)."""
        names = [c.name for c in self.store.settings.cycles]
        return names if own in names else [*names, own]

    def _parent_choices(self, objective_id: str) -> list[tuple[str, str]]:
        """Every objective except this one and those aligned under it."""
        from okrtui.tui.widgets.objective_form import parent_label

        below = {objective_id}
        changed = True
        while changed:
            changed = False
            for o in self.store.objectives.values():
                if o.parent in below and o.id not in below:
                    below.add(o.id)
                    changed = True
        return [
            (parent_label(o), o.id)
            for o in sorted(self.store.objectives.values(), key=lambda o: (o.cycle, o.title))
            if o.id not in below
        ]

    def _info_text(self, ref: NodeRef | None) -> str:
        if ref is not None and ref.kind is NodeKind.PROBLEMS:
            return self._problems_text()
        if ref is not None and ref.kind is NodeKind.CYCLE and ref.cycle:
            return self._cycle_text(ref.cycle)
        return _(
            "Select an objective or key result on the left.\n\n"
            "n  new objective     a  add a key result\n"
            "ctrl+s  save         ?  all keys"
        )

    def _problems_text(self) -> str:
        lines = [
            _("These files did not load. okrtui will not write to them until they are fixed:"),
            "",
        ]
        root: Path = self.store.root
        # data, not markup: "[title]" at the end of a message is the field's name
        lines += [f"• {escape(display_text(err.describe(root)))}" for err in self.store.errors]
        return "\n".join(lines)

    def _progress(self, objective_id: str) -> float | None:
        """An objective's progress, from the summary of a released one (no file read)."""
        summary = self.store.objectives.summary(objective_id)
        if summary is not None:
            return summary.progress
        objective = self.store.objectives.get(objective_id)
        return objective_progress(objective) if objective is not None else None

    def _cycle_text(self, name: str) -> str:
        cycle = self.store.settings.cycle(name)
        outlines = [o for o in self.store.outlines() if o.cycle == name]
        if self.store.fully_loaded:
            progress = [p for o in outlines if (p := self._progress(o.id)) is not None]
            mean = format_percent(sum(progress) / len(progress) if progress else None).strip()
        else:
            mean = "…"  # worked out once the workspace is read (just after the first frame)
        lines = [f"[b]{name}[/b]"]
        if cycle is not None:
            start, end = (
                format_date(cycle.start, self.calendar),
                format_date(cycle.end, self.calendar),
            )
            lines.append(f"{start} → {end}")
        lines.append(
            _("{objectives}, {key_results}, average progress {p}").format(
                objectives=nformat("{n} objective", "{n} objectives", len(outlines)),
                key_results=nformat(
                    "{n} key result", "{n} key results", sum(o.key_results for o in outlines)
                ),
                p=mean,
            )
        )
        return "\n".join(lines)
