"""The objective tree: cycle → objective → key results, aligned objectives under their parent.

Children are built lazily when a node is first expanded, so a workspace with
thousands of objectives opens as fast as one with ten. Rebuilds keep the
expanded nodes and the cursor where they were.

A `TreeFilter` narrows the tree to one cycle and/or to the objectives of an
owner or a health; objectives shown only because something under them
matches are dimmed, so the alignment stays readable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from okrtui.i18n import N_, _, nformat
from okrtui.model import Level, Objective
from okrtui.model.text import printable
from okrtui.services.filters import FactsCache
from okrtui.store import WorkspaceStore
from okrtui.store.outline import Outline
from okrtui.tui.node_ref import NodeKind, NodeRef
from okrtui.tui.widgets.tree_filter import FilterMatches, TreeFilter, match_objectives
from okrtui.tui.widgets.tree_labels import cycle_label, fit_title, kr_label, objective_label

if TYPE_CHECKING:
    from okrtui.tui.widgets.smart_pass import SmartPass

__all__ = ["ObjectiveTree", "TreeFilter"]  # TreeFilter is still importable from here

FIRST_LINES = 250
"""Objectives of a cycle added before the first frame (`titles_first`); more than a
screen holds. The rest of a big cycle (5,000 at 10,000) is added just after it."""


class ObjectiveTree(Tree[NodeRef]):
    """The left pane."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # as FOCUS_KEYS (priority: a title typed right after tab goes into the title field),
        # and the editor shows the node under the cursor before the focus moves into it
        Binding("tab", "leave(True)", show=False, priority=True, id="focus.next"),
        Binding("shift+tab", "leave(False)", show=False, priority=True, id="focus.previous"),
        Binding("j", "cursor_down", N_("Down"), show=False, id="tree.down"),
        Binding("k", "cursor_up", N_("Up"), show=False, id="tree.up"),
        Binding("l,right", "expand_node", N_("Expand"), show=False, id="tree.expand"),
        Binding("h,left", "collapse_node", N_("Collapse / parent"), show=False, id="tree.collapse"),
        Binding(
            "escape",
            "clear_filter",
            N_("Clear the tree filter"),
            show=False,
            id="tree.clear_filter",
            tooltip=N_("Show every cycle and objective again"),
        ),
    ]

    def __init__(self, store: WorkspaceStore, today: dt.date, *, id: str | None = None) -> None:
        super().__init__(_("Workspace"), id=id)
        self.store = store
        self.today = today
        self.show_root = False
        self.auto_expand = False  # `action_select_cursor` opens and closes, without a delay
        self.guide_depth = 2
        self._populated: set[NodeRef] = set()
        self._labelled: set[NodeRef] = set()
        self._ref_nodes: dict[NodeRef, TreeNode[NodeRef]] = {}
        self._outlines: dict[str, Outline] = {}
        """Every objective's outline, by id, as of the last rebuild."""
        self._children: dict[str | None, list[Outline]] = {}
        """Outlines by parent id, as of the last rebuild."""
        self._cycle_members: dict[str, list[str]] = {}
        """The ids of each cycle line's objectives, as of the last rebuild (for its count)."""
        self.tree_filter = TreeFilter()
        self._matches = FilterMatches()
        """What `tree_filter` lets in, worked out at the last rebuild."""
        self.filter_facts = FactsCache()
        """Health and SMART facts of objectives let go of (`tui.release` fills it)."""
        self._smart_pass: SmartPass | None = None
        """A SMART filter being worked out (`widgets.smart_pass`), if any."""
        self.on_cursor_key: Callable[[NodeRef | None], None] | None = None
        """Told at once when a key moves the cursor (the editor fills its form after the frame)."""
        self.before_other_key: Callable[[], None] | None = None
        """Told before any other key is handled (the editor shows what it was to follow)."""
        self.titles_first = False
        """Objectives not read yet show their title alone (the app's first frame: their
        figures need their whole files); `show_figures` ends it. A cycle filled meanwhile
        gets its first `FIRST_LINES` objectives; `show_figures` adds the rest."""
        self._rest: list[tuple[TreeNode[NodeRef], list[Outline]]] = []
        """Objectives of cycles filled for the first frame, still to be added."""

    # -------------------------------------------------------------------- cursor
    def action_cursor_down(self) -> None:
        super().action_cursor_down()
        self._cursor_key()

    def action_cursor_up(self) -> None:
        super().action_cursor_up()
        self._cursor_key()

    def _cursor_key(self) -> None:
        node = self.cursor_node
        if self.on_cursor_key is not None and node is not None:
            self.on_cursor_key(node.data)

    def action_leave(self, forward: bool) -> None:
        """`tab`/`shift+tab`: on to the editor, showing the node under the cursor first (`j`/`k`
        show theirs after the cursor's own frame, `EditorPane.follow_key`)."""
        if self.before_other_key is not None:
            self.before_other_key()
        if forward:
            self.app.action_focus_next()
        else:
            self.app.action_focus_previous()

    def on_key(self, event: events.Key) -> None:
        """A key typed right after `j`/`k` (a command) finds the editor filled; `tab` does
        the same in `action_leave` (a priority binding, it never comes here)."""
        self.add_rest()  # a key in the first moments sees every line (`end` the last)
        actions = {b.action for b in self._bindings.key_to_bindings.get(event.key, [])}
        if self.before_other_key is not None and not actions & {"cursor_down", "cursor_up"}:
            self.before_other_key()

    # ----------------------------------------------------------------- filtering
    def set_filter(self, tree_filter: TreeFilter, select: NodeRef | None = None) -> None:
        """Show only what `tree_filter` lets through; the border title names it.

        A SMART filter that would read many files first works out their letters
        a few at a time (`widgets.smart_pass`), then applies.
        """
        if self._smart_pass is not None:
            self._smart_pass.stop()
            self._smart_pass = None
        if tree_filter.smart_failing:
            from okrtui.tui.widgets.smart_pass import AT_ONCE, SmartPass, unknown_letters

            pending = unknown_letters(self, tree_filter)
            if len(pending) > AT_ONCE:
                self._smart_pass = SmartPass(self, tree_filter, select, pending)
                return
        self.tree_filter = tree_filter
        self.border_title = _("Objectives")
        if tree_filter.active:
            self.border_title += " · " + tree_filter.describe()
        expand = self.expanded_refs()
        if tree_filter.cycle is not None:
            expand.add(NodeRef(NodeKind.CYCLE, cycle=tree_filter.cycle))
        self.rebuild(select=select, expand=expand)

    def smart_pass_done(self, done: SmartPass) -> None:
        """Every letter `done` worked out is known: apply its filter (unless replaced)."""
        if self._smart_pass is done:
            self._smart_pass = None
            self.set_filter(done.tree_filter, done.select)

    def shows(self, objective: Objective | Outline) -> bool:
        """True when the filter lets `objective` into the tree."""
        return self._matches.shows(objective)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":  # otherwise escape goes on to the app
            return self.tree_filter.clearable or self._smart_pass is not None
        return super().check_action(action, parameters)

    def action_clear_filter(self) -> None:
        self.set_filter(self.tree_filter.cleared())

    # ----------------------------------------------------------------- building
    def rebuild(self, select: NodeRef | None = None, expand: set[NodeRef] | None = None) -> None:
        """Rebuild from the store, keeping expanded nodes open and the cursor in place.

        The tree's shape comes from outlines (`WorkspaceStore.outlines`), so a
        lazily opened store reads only the files whose lines are on screen.
        """
        keep_open = expand if expand is not None else self.expanded_refs()
        current = select or self.selected_ref()
        self._rest.clear()
        self.clear()
        self._populated.clear()
        self._labelled.clear()
        self._ref_nodes.clear()
        self._matches = match_objectives(
            self.tree_filter, self.store, self.today, self.filter_facts
        )
        outlines = self.store.outlines()
        self._outlines = {o.id: o for o in outlines}
        self._children = {}
        self._cycle_members = {}
        for outline in outlines:
            self._children.setdefault(outline.parent, []).append(outline)
        if self.store.errors:
            count = len(self.store.broken)
            label = Text(
                "⚠ " + nformat("{n} file did not load", "{n} files did not load", count),
                style="bold red",
            )
            self._add(self.root, NodeRef(NodeKind.PROBLEMS), label, expandable=False)
        cycles = self.store.cycles()
        if any(c.name == self.tree_filter.cycle for c in cycles):
            cycles = [c for c in cycles if c.name == self.tree_filter.cycle]
        by_cycle: dict[str, list[str]] = {}
        for outline in outlines:
            by_cycle.setdefault(outline.cycle, []).append(outline.id)
        for cycle in cycles:
            ref = NodeRef(NodeKind.CYCLE, cycle=cycle.name)
            in_cycle = by_cycle.get(cycle.name, [])
            self._cycle_members[cycle.name] = in_cycle
            label = self._cycle_label(cycle.name)
            self._add(self.root, ref, label, expandable=True)
        for ref in self._expansion_order(keep_open):
            node = self._ref_nodes.get(ref)
            if node is not None:
                node.expand()
                self._populate(node)
        if current is not None:
            self.select_ref(current)

    def outdated(self) -> bool:
        """True when the store's outlines or broken files differ from what the tree shows."""
        has_problems = NodeRef(NodeKind.PROBLEMS) in self._ref_nodes
        if has_problems != bool(self.store.errors):
            return True
        return {o.id: o for o in self.store.outlines()} != self._outlines

    def _expansion_order(self, refs: set[NodeRef]) -> list[NodeRef]:
        order = {NodeKind.CYCLE: 0, NodeKind.OBJECTIVE: 1, NodeKind.KEY_RESULT: 2}
        depth = {oid: self._depth(oid) for oid in {r.objective_id for r in refs if r.objective_id}}
        return sorted(
            refs,
            key=lambda r: (order.get(r.kind, 3), depth.get(r.objective_id or "", 0)),
        )

    def _depth(self, objective_id: str) -> int:
        seen: set[str] = set()
        depth = 0
        current = self._outlines.get(objective_id)
        while current is not None and current.parent and current.parent not in seen:
            seen.add(current.parent)
            current = self._outlines.get(current.parent)
            depth += 1
        return depth

    def _add(
        self, parent: TreeNode[NodeRef], ref: NodeRef, label: Text, *, expandable: bool
    ) -> TreeNode[NodeRef]:
        node = parent.add(label, data=ref, allow_expand=expandable)
        self._ref_nodes[ref] = node
        return node

    # Textual's tree redraws after every node added; a cycle adds hundreds at once.
    _adding = False
    _added = False

    def _invalidate(self) -> None:
        if self._adding:
            self._added = True
            return
        super()._invalidate()

    def _populate(self, node: TreeNode[NodeRef]) -> None:
        ref = node.data
        if ref is None or ref in self._populated:
            return
        self._populated.add(ref)
        self._adding, self._added = True, False
        try:
            self._fill(node, ref)
        finally:
            self._adding = False
            if self._added:
                self._invalidate()

    def _fill(self, node: TreeNode[NodeRef], ref: NodeRef) -> None:
        if ref.kind is NodeKind.CYCLE:
            top = self._top_objectives(ref.cycle or "")
            if self.titles_first and len(top) > FIRST_LINES:
                top, rest = top[:FIRST_LINES], top[FIRST_LINES:]
                self._rest.append((node, rest))
            for outline in top:
                self._add_objective(node, outline)
        elif ref.kind is NodeKind.OBJECTIVE and ref.objective_id:
            found = self.store.objectives.get(ref.objective_id)
            if found is None:
                return
            objective = found
            for kr in objective.key_results:
                kr_ref = NodeRef(NodeKind.KEY_RESULT, objective.cycle, objective.id, kr.id)
                self._add(node, kr_ref, Text(printable(kr.title)), expandable=False)
            for child in self._sorted(self._children.get(objective.id, [])):
                if child.id != objective.id and self.shows(child):
                    self._add_objective(node, child)

    def _add_objective(self, parent: TreeNode[NodeRef], outline: Outline) -> None:
        ref = NodeRef(NodeKind.OBJECTIVE, outline.cycle, outline.id)
        if ref in self._ref_nodes:  # a parent cycle in the data: show each objective once
            return
        has_children = outline.key_results > 0 or any(
            c.id != outline.id and self.shows(c) for c in self._children.get(outline.id, [])
        )
        self._add(parent, ref, Text(printable(outline.title)), expandable=has_children)

    @staticmethod
    def _sorted(outlines: list[Outline]) -> list[Outline]:
        level_order = {level.value: i for i, level in enumerate(Level)}
        return sorted(outlines, key=lambda o: (level_order.get(o.level, 3), o.title.casefold()))

    def _top_objectives(self, cycle: str) -> list[Outline]:
        looped = self._in_parent_loops()
        top = [
            o
            for o in self._outlines.values()
            if o.cycle == cycle
            and self.shows(o)
            and (
                o.parent is None
                or o.parent not in self._outlines
                or not self._parent_shown(o)
                or o.id in looped  # else no way down leads to it: it would not show
            )
        ]
        return self._sorted(top)

    def _in_parent_loops(self) -> set[str]:
        """The objectives whose parents, followed, come back to them (bad data).

        One walk per chain of parents, each objective walked once (a walk per
        objective cost ~10 ms of the first frame at 10,000)."""
        walked: dict[str, bool] = {}  # False: on the walk under way; True: done
        looped: set[str] = set()
        for start in self._outlines:
            chain: list[str] = []
            current: str | None = start
            while current is not None and current in self._outlines and current not in walked:
                walked[current] = False
                chain.append(current)
                current = self._outlines[current].parent
            if current is not None and walked.get(current) is False:  # back on this walk
                looped.update(chain[chain.index(current) :])
            walked.update(dict.fromkeys(chain, True))
        return looped

    def _parent_shown(self, outline: Outline) -> bool:
        """True when the objective hangs under its parent in the tree (the parent shows)."""
        parent = self._outlines.get(outline.parent or "")
        return parent is not None and self.shows(parent)

    # ------------------------------------------------------------------ labels
    def _objective_label(self, objective: Objective) -> Text:
        title = self._fit(objective.title, self._depth(objective.id) + 1)
        return objective_label(self.store, self.today, objective, title, self._matches)

    def _kr_label(self, objective: Objective, kr_id: str) -> Text:
        kr = objective.key_result(kr_id)
        if kr is None:
            return Text(kr_id)
        title = self._fit(kr.title, self._depth(objective.id) + 2)
        return kr_label(self.store, self.today, objective, kr, title, self._matches)

    def _cycle_label(self, name: str) -> Text:
        room = self.scrollable_content_region.width - 2  # after the "▶ " of a top-level line
        members = self._cycle_members.get(name, [])
        return cycle_label(
            self.store.settings, name, members, self._matches, room if room > 8 else None
        )

    def _on_resize(self, event: events.Resize) -> None:
        super()._on_resize(event)
        for name in self._cycle_members:  # the count stays in view at any width
            node = self._ref_nodes.get(NodeRef(NodeKind.CYCLE, cycle=name))
            if node is not None:
                node.set_label(self._cycle_label(name))

    def _fit(self, title: str, depth: int) -> str:
        return fit_title(title, self.size.width or 40, depth * self.guide_depth)

    def process_label(self, label: str | Text) -> Text:
        # Textual splits every label at line breaks (a copy per node, thousands at a
        # start); ours are one line already (`printable` escapes line breaks)
        if isinstance(label, Text) and "\n" not in label.plain:
            return label
        return super().process_label(label)

    # Labels are worked out only for the lines on screen: progress, health and the
    # SMART letters cost a little per node, and a big cycle has thousands of nodes.
    def render_label(self, node: TreeNode[NodeRef], base_style: Style, style: Style) -> Text:
        ref = node.data
        if ref is not None and ref not in self._labelled:
            if self.titles_first and self.store.objectives.peek(ref.objective_id or "") is None:
                return super().render_label(node, base_style, style)  # its title, for now
            label = self._label_for(ref)
            if label is not None:
                node._label = self.process_label(label)
            self._labelled.add(ref)
        return super().render_label(node, base_style, style)

    def show_figures(self) -> None:
        """End `titles_first`: the lines on screen get their figures in the next frame, and
        the objectives left out of it are added."""
        if self.titles_first:
            self.titles_first = False
            self.add_rest()
            self._clear_line_cache()  # a repaint of the lines
            self.refresh()

    def add_rest(self) -> None:
        """Add the objectives `titles_first` left out of big cycles (after the first frame)."""
        if not self._rest:
            return
        rest, self._rest = self._rest, []
        self._adding, self._added = True, False
        try:
            for node, outlines in rest:
                for outline in outlines:
                    self._add_objective(node, outline)
        finally:
            self._adding = False
            if self._added:
                self._invalidate()

    def get_label_width(self, node: TreeNode[NodeRef]) -> int:
        # The pane never scrolls sideways; an estimate spares working out every label.
        return len(str(node.label)) + 12

    def _label_for(self, ref: NodeRef) -> Text | None:
        objective = self.store.objectives.get(ref.objective_id or "")
        if objective is None:
            return None
        if ref.kind is NodeKind.OBJECTIVE:
            return self._objective_label(objective)
        if ref.kind is NodeKind.KEY_RESULT and ref.kr_id:
            return self._kr_label(objective, ref.kr_id)
        return None

    def refresh_objective(self, objective_id: str) -> None:
        """Update the labels of one objective, its key results and the cycle count."""
        objective = self.store.objectives.get(objective_id)
        if objective is None:
            return
        node = self._ref_nodes.get(NodeRef(NodeKind.OBJECTIVE, objective.cycle, objective.id))
        if node is not None:
            node.set_label(self._objective_label(objective))
        for kr in objective.key_results:
            kr_node = self._ref_nodes.get(
                NodeRef(NodeKind.KEY_RESULT, objective.cycle, objective.id, kr.id)
            )
            if kr_node is not None:
                kr_node.set_label(self._kr_label(objective, kr.id))

    # ------------------------------------------------------------------ queries
    def expanded_refs(self) -> set[NodeRef]:
        return {ref for ref, node in self._ref_nodes.items() if node.is_expanded}

    def selected_ref(self) -> NodeRef | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def select_ref(self, ref: NodeRef) -> bool:
        """Move the cursor to `ref`, expanding its ancestors. False if it is not in the tree."""
        if self._rest and not {ref, *self._ancestors(ref)} <= self._ref_nodes.keys():
            self.add_rest()  # it may be among the objectives the first frame left out
        for ancestor in self._ancestors(ref):
            node = self._ref_nodes.get(ancestor)
            if node is None:
                return False
            self._populate(node)
            node.expand()
        node = self._ref_nodes.get(ref)
        if node is None:
            return False
        # Lines are numbered lazily; number them now so the cursor lands at once.
        _ = self._tree_lines
        self.move_cursor(node)
        return True

    def _ancestors(self, ref: NodeRef) -> list[NodeRef]:
        if ref.kind in (NodeKind.CYCLE, NodeKind.PROBLEMS) or ref.objective_id is None:
            return []
        chain: list[NodeRef] = []
        outline = self._outlines.get(ref.objective_id)
        if outline is None:
            return []
        if ref.kind is NodeKind.KEY_RESULT:
            chain.append(NodeRef(NodeKind.OBJECTIVE, outline.cycle, outline.id))
        seen = {outline.id}
        parent = self._outlines.get(outline.parent or "")
        while parent is not None and parent.id not in seen and self.shows(parent):
            seen.add(parent.id)
            chain.append(NodeRef(NodeKind.OBJECTIVE, parent.cycle, parent.id))
            outline = parent
            parent = self._outlines.get(outline.parent or "")
        chain.append(NodeRef(NodeKind.CYCLE, cycle=outline.cycle))
        return list(reversed(chain))

    # ------------------------------------------------------------------ events
    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeRef]) -> None:
        self._populate(event.node)

    def action_expand_node(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand:
            self._populate(node)
            node.expand()

    def action_select_cursor(self) -> None:
        # Open or close at once, not when the `NodeSelected` message comes round
        # (Textual's `auto_expand`): a key typed straight after `enter` must see
        # the new rows, or `down` skips them and lands on the next objective.
        node = self.cursor_node
        if node is not None:
            self._toggle_node(node)
        super().action_select_cursor()

    def _toggle_node(self, node: TreeNode[NodeRef]) -> None:
        # Fill the rows in the same step as opening (a click on ▶ comes here too),
        # for the same reason: not a message later, in `_on_tree_node_expanded`.
        if node.allow_expand and not node.is_expanded:
            self._populate(node)
        super()._toggle_node(node)

    def action_collapse_node(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def expand_all(self) -> None:
        self.add_rest()
        for ref in list(self._ref_nodes):
            if ref.kind is NodeKind.CYCLE:
                self._expand_recursively(self._ref_nodes[ref])

    def _expand_recursively(self, node: TreeNode[NodeRef]) -> None:
        self._populate(node)
        node.expand()
        for child in node.children:
            if child.allow_expand:
                self._expand_recursively(child)
