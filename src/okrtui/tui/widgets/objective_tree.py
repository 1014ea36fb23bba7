"""The objective tree: cycle → objective → key results, aligned objectives under their parent.

Children are built lazily when a node is first expanded, so a workspace with
thousands of objectives opens as fast as one with ten. Rebuilds keep the
expanded nodes and the cursor where they were.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from okrtui.i18n import _, ngettext
from okrtui.model import Cycle, Objective, ObjectiveKind, Status
from okrtui.services.health import Health, kr_health, objective_health
from okrtui.services.progress import kr_progress, objective_progress
from okrtui.services.smart import SmartVerdict, evaluate_key_result, plan_quality
from okrtui.store import WorkspaceStore
from okrtui.tui.formatting import display_text, format_percent, has_rtl
from okrtui.tui.node_ref import NodeKind, NodeRef

HEALTH_STYLES: dict[Health, str] = {
    Health.ON_TRACK: "green",
    Health.NO_DATA: "dim",
    Health.AT_RISK: "yellow",
    Health.OFF_TRACK: "red",
}
STATUS_GLYPHS: dict[Status, str] = {
    Status.DRAFT: "○",
    Status.ACTIVE: "●",
    Status.DONE: "✔",
    Status.DROPPED: "✗",
}


def progress_style(fraction: float | None) -> str:
    if fraction is None:
        return "dim"
    if fraction >= 0.7:
        return "green"
    if fraction >= 0.4:
        return "yellow"
    return "red"


def smart_mask(verdicts: list[SmartVerdict]) -> Text:
    """`SMART` with the letters that do not hold shown as a dim dot."""
    text = Text()
    for verdict in verdicts[:5]:
        if verdict.holds:
            text.append(verdict.letter, style="green")
        else:
            text.append("·", style="bold yellow")
    return text


class ObjectiveTree(Tree[NodeRef]):
    """The left pane."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", _("Down"), show=False, id="tree.down"),
        Binding("k", "cursor_up", _("Up"), show=False, id="tree.up"),
        Binding("l,right", "expand_node", _("Expand"), show=False, id="tree.expand"),
        Binding("h,left", "collapse_node", _("Collapse / parent"), show=False, id="tree.collapse"),
        Binding("g", "scroll_home", _("First"), show=False, id="tree.first"),
        Binding("G", "scroll_end", _("Last"), show=False, id="tree.last"),
    ]

    def __init__(self, store: WorkspaceStore, today: dt.date, *, id: str | None = None) -> None:
        super().__init__(_("Workspace"), id=id)
        self.store = store
        self.today = today
        self.show_root = False
        self.guide_depth = 2
        self._populated: set[NodeRef] = set()
        self._ref_nodes: dict[NodeRef, TreeNode[NodeRef]] = {}

    # ----------------------------------------------------------------- building
    def rebuild(self, select: NodeRef | None = None, expand: set[NodeRef] | None = None) -> None:
        """Rebuild from the store, keeping expanded nodes open and the cursor in place."""
        keep_open = expand if expand is not None else self.expanded_refs()
        current = select or self.selected_ref()
        self.clear()
        self._populated.clear()
        self._ref_nodes.clear()
        if self.store.errors:
            count = len(self.store.broken)
            label = Text(
                "⚠ " + ngettext("%d file did not load", "%d files did not load", count) % count,
                style="bold red",
            )
            self._add(self.root, NodeRef(NodeKind.PROBLEMS), label, expandable=False)
        for cycle in self.store.cycles():
            ref = NodeRef(NodeKind.CYCLE, cycle=cycle.name)
            self._add(self.root, ref, self._cycle_label(cycle.name), expandable=True)
        for ref in self._expansion_order(keep_open):
            node = self._ref_nodes.get(ref)
            if node is not None:
                node.expand()
                self._populate(node)
        if current is not None:
            self.select_ref(current)

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
        current = self.store.objectives.get(objective_id)
        while current is not None and current.parent and current.parent not in seen:
            seen.add(current.parent)
            current = self.store.objectives.get(current.parent)
            depth += 1
        return depth

    def _add(
        self, parent: TreeNode[NodeRef], ref: NodeRef, label: Text, *, expandable: bool
    ) -> TreeNode[NodeRef]:
        node = parent.add(label, data=ref, allow_expand=expandable)
        self._ref_nodes[ref] = node
        return node

    def _populate(self, node: TreeNode[NodeRef]) -> None:
        ref = node.data
        if ref is None or ref in self._populated:
            return
        self._populated.add(ref)
        if ref.kind is NodeKind.CYCLE:
            for objective in self._top_objectives(ref.cycle or ""):
                self._add_objective(node, objective)
        elif ref.kind is NodeKind.OBJECTIVE and ref.objective_id:
            found = self.store.objectives.get(ref.objective_id)
            if found is None:
                return
            objective = found
            for kr in objective.key_results:
                kr_ref = NodeRef(NodeKind.KEY_RESULT, objective.cycle, objective.id, kr.id)
                self._add(node, kr_ref, self._kr_label(objective, kr.id), expandable=False)
            for child in self._sorted(self.store.children(objective.id)):
                if child.id != objective.id:
                    self._add_objective(node, child)

    def _add_objective(self, parent: TreeNode[NodeRef], objective: Objective) -> None:
        ref = NodeRef(NodeKind.OBJECTIVE, objective.cycle, objective.id)
        if ref in self._ref_nodes:  # a parent cycle in the data: show each objective once
            return
        has_children = bool(objective.key_results) or any(
            c.id != objective.id for c in self.store.children(objective.id)
        )
        self._add(parent, ref, self._objective_label(objective), expandable=has_children)

    @staticmethod
    def _sorted(objectives: list[Objective]) -> list[Objective]:
        level_order = {"organization": 0, "team": 1, "individual": 2}
        return sorted(objectives, key=lambda o: (level_order[o.level.value], o.title.casefold()))

    def _top_objectives(self, cycle: str) -> list[Objective]:
        objectives = self.store.objectives
        top = [
            o
            for o in objectives.values()
            if o.cycle == cycle and (o.parent is None or o.parent not in objectives)
        ]
        return self._sorted(top)

    # ------------------------------------------------------------------ labels
    def _cycle_label(self, name: str) -> Text:
        cycle = self.store.settings.cycle(name)
        count = sum(1 for o in self.store.objectives.values() if o.cycle == name)
        text = Text(name, style="bold")
        if cycle is not None and cycle.label:
            text.append(f"  {display_text(cycle.label)}", style="dim")
        text.append(f"  ({count})", style="dim")
        return text

    def _objective_label(self, objective: Objective) -> Text:
        progress = objective_progress(objective)
        health = objective_health(
            objective,
            self._cycle(objective.cycle),
            self.today,
            cadence_days=self.store.settings.checkin_cadence_days,
        ).health
        glyph = STATUS_GLYPHS[objective.status]
        if objective.kind is ObjectiveKind.SMART and objective.status is Status.ACTIVE:
            glyph = "◆"
        text = Text()
        text.append(f"{format_percent(progress):>4} ", style=progress_style(progress))
        text.append(f"{glyph} ", style=HEALTH_STYLES[health])
        title = self._fit(objective.title, self._depth(objective.id) + 1)
        text.append(title, style="bold" if objective.parent is None else "")
        quality = plan_quality(objective, self.store.settings, self.today)
        if quality.total:
            text.append(f"  SMART {quality.holding}/{quality.total}", style="dim")
        return text

    def _cycle(self, name: str) -> Cycle | None:
        return self.store.settings.cycle(name)

    def _fit(self, title: str, depth: int) -> str:
        """Right-to-left titles are cut to the pane before reordering, so their start shows."""
        if not has_rtl(title):
            return title
        room = max(12, (self.size.width or 40) - 2 - depth * self.guide_depth - 8)
        if len(title) > room:
            title = title[: room - 1] + "…"
        return display_text(title)

    def _kr_label(self, objective: Objective, kr_id: str) -> Text:
        kr = objective.key_result(kr_id)
        if kr is None:
            return Text(kr_id)
        progress = kr_progress(kr)
        health = kr_health(
            kr,
            self._cycle(objective.cycle),
            self.today,
            cadence_days=self.store.settings.checkin_cadence_days,
        ).health
        text = Text()
        text.append(f"{format_percent(progress):>4} ", style=progress_style(progress))
        text.append("▸ ", style=HEALTH_STYLES[health])
        text.append_text(
            smart_mask(evaluate_key_result(kr, objective, self.store.settings, self.today))
        )
        text.append(" ")
        text.append(self._fit(kr.title, self._depth(objective.id) + 2))
        return text

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
        objective = self.store.objectives.get(ref.objective_id)
        if objective is None:
            return []
        if ref.kind is NodeKind.KEY_RESULT:
            chain.append(NodeRef(NodeKind.OBJECTIVE, objective.cycle, objective.id))
        seen = {objective.id}
        parent_id = objective.parent
        while parent_id and parent_id in self.store.objectives and parent_id not in seen:
            seen.add(parent_id)
            parent = self.store.objectives[parent_id]
            chain.append(NodeRef(NodeKind.OBJECTIVE, parent.cycle, parent.id))
            objective = parent
            parent_id = parent.parent
        chain.append(NodeRef(NodeKind.CYCLE, cycle=objective.cycle))
        return list(reversed(chain))

    # ------------------------------------------------------------------ events
    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeRef]) -> None:
        self._populate(event.node)

    def action_expand_node(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand:
            self._populate(node)
            node.expand()

    def action_collapse_node(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def expand_all(self) -> None:
        for ref in list(self._ref_nodes):
            if ref.kind is NodeKind.CYCLE:
                self._expand_recursively(self._ref_nodes[ref])

    def _expand_recursively(self, node: TreeNode[NodeRef]) -> None:
        self._populate(node)
        node.expand()
        for child in node.children:
            if child.allow_expand:
                self._expand_recursively(child)
