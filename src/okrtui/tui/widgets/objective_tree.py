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
from dataclasses import dataclass, field
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from okrtui.i18n import _, ngettext
from okrtui.model import Cycle, Objective, ObjectiveKind, Status
from okrtui.services.alignment import ancestors
from okrtui.services.filters import kr_owner, matching_objective_ids
from okrtui.services.health import Health, health_label, kr_health, objective_health
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


@dataclass(frozen=True, slots=True)
class TreeFilter:
    """What the tree shows: one cycle (None: all), one owner (None: any), some healths."""

    cycle: str | None = None
    owner: str | None = None
    healths: frozenset[Health] = field(default_factory=frozenset)

    @property
    def active(self) -> bool:
        return self.cycle is not None or self.owner is not None or bool(self.healths)

    @property
    def narrows(self) -> bool:
        """True when it picks objectives (by owner or health), not just a cycle."""
        return self.owner is not None or bool(self.healths)

    def describe(self) -> str:
        """E.g. "2026-Q4 · owner: Mina · health: At risk, Off track"."""
        parts = [self.cycle] if self.cycle else []
        if self.owner is not None:
            parts.append(_("owner: {name}").format(name=display_text(self.owner)))
        if self.healths:
            ordered = sorted(self.healths, key=lambda h: h.severity)
            names = ", ".join(health_label(h) for h in ordered)
            parts.append(_("health: {names}").format(names=names))
        return " · ".join(parts)


class ObjectiveTree(Tree[NodeRef]):
    """The left pane."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", _("Down"), show=False, id="tree.down"),
        Binding("k", "cursor_up", _("Up"), show=False, id="tree.up"),
        Binding("l,right", "expand_node", _("Expand"), show=False, id="tree.expand"),
        Binding("h,left", "collapse_node", _("Collapse / parent"), show=False, id="tree.collapse"),
        Binding(
            "escape",
            "clear_filter",
            _("Clear the tree filter"),
            show=False,
            id="tree.clear_filter",
            tooltip=_("Show every cycle and objective again"),
        ),
    ]

    def __init__(self, store: WorkspaceStore, today: dt.date, *, id: str | None = None) -> None:
        super().__init__(_("Workspace"), id=id)
        self.store = store
        self.today = today
        self.show_root = False
        self.guide_depth = 2
        self._populated: set[NodeRef] = set()
        self._labelled: set[NodeRef] = set()
        self._ref_nodes: dict[NodeRef, TreeNode[NodeRef]] = {}
        self.tree_filter = TreeFilter()
        self._matches: set[str] | None = None
        """Ids matching the owner/health filter (None: no such filter)."""
        self._shown: set[str] | None = None
        """The matches and the objectives above them (None: every objective)."""

    # ----------------------------------------------------------------- filtering
    def set_filter(self, tree_filter: TreeFilter, select: NodeRef | None = None) -> None:
        """Show only what `tree_filter` lets through; the border title names it."""
        self.tree_filter = tree_filter
        self.border_title = _("Objectives")
        if tree_filter.active:
            self.border_title += " · " + tree_filter.describe()
        expand = self.expanded_refs()
        if tree_filter.cycle is not None:
            expand.add(NodeRef(NodeKind.CYCLE, cycle=tree_filter.cycle))
        self.rebuild(select=select, expand=expand)

    def shows(self, objective: Objective) -> bool:
        """True when the filter lets `objective` into the tree."""
        if self.tree_filter.cycle is not None and objective.cycle != self.tree_filter.cycle:
            return False
        return self._shown is None or objective.id in self._shown

    def _compute_matches(self) -> None:
        tree_filter = self.tree_filter
        if not tree_filter.narrows:
            self._matches = self._shown = None
            return
        objectives = self.store.objectives
        self._matches = set(
            matching_objective_ids(
                objectives.values(),
                self.store.settings,
                self.today,
                owner=tree_filter.owner,
                healths=tree_filter.healths or None,
            )
        )
        self._shown = set(self._matches)
        for oid in self._matches:
            self._shown.update(ancestors(oid, objectives))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return self.tree_filter.active  # otherwise escape goes on to the app
        return super().check_action(action, parameters)

    def action_clear_filter(self) -> None:
        self.set_filter(TreeFilter())

    # ----------------------------------------------------------------- building
    def rebuild(self, select: NodeRef | None = None, expand: set[NodeRef] | None = None) -> None:
        """Rebuild from the store, keeping expanded nodes open and the cursor in place."""
        keep_open = expand if expand is not None else self.expanded_refs()
        current = select or self.selected_ref()
        self.clear()
        self._populated.clear()
        self._labelled.clear()
        self._ref_nodes.clear()
        self._compute_matches()
        if self.store.errors:
            count = len(self.store.broken)
            label = Text(
                "⚠ " + ngettext("%d file did not load", "%d files did not load", count) % count,
                style="bold red",
            )
            self._add(self.root, NodeRef(NodeKind.PROBLEMS), label, expandable=False)
        cycles = self.store.cycles()
        if any(c.name == self.tree_filter.cycle for c in cycles):
            cycles = [c for c in cycles if c.name == self.tree_filter.cycle]
        for cycle in cycles:
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
                self._add(node, kr_ref, Text(kr.title), expandable=False)
            for child in self._sorted(self.store.children(objective.id)):
                if child.id != objective.id and self.shows(child):
                    self._add_objective(node, child)

    def _add_objective(self, parent: TreeNode[NodeRef], objective: Objective) -> None:
        ref = NodeRef(NodeKind.OBJECTIVE, objective.cycle, objective.id)
        if ref in self._ref_nodes:  # a parent cycle in the data: show each objective once
            return
        has_children = bool(objective.key_results) or any(
            c.id != objective.id and self.shows(c) for c in self.store.children(objective.id)
        )
        self._add(parent, ref, Text(objective.title), expandable=has_children)

    @staticmethod
    def _sorted(objectives: list[Objective]) -> list[Objective]:
        level_order = {"organization": 0, "team": 1, "individual": 2}
        return sorted(objectives, key=lambda o: (level_order[o.level.value], o.title.casefold()))

    def _top_objectives(self, cycle: str) -> list[Objective]:
        objectives = self.store.objectives
        top = [
            o
            for o in objectives.values()
            if o.cycle == cycle
            and self.shows(o)
            and (o.parent is None or o.parent not in objectives or not self._parent_shown(o))
        ]
        return self._sorted(top)

    def _parent_shown(self, objective: Objective) -> bool:
        """True when the objective hangs under its parent in the tree (the parent shows)."""
        parent = self.store.objectives.get(objective.parent or "")
        return parent is not None and self.shows(parent)

    # ------------------------------------------------------------------ labels
    def _cycle_label(self, name: str) -> Text:
        cycle = self.store.settings.cycle(name)
        in_cycle = [o for o in self.store.objectives.values() if o.cycle == name]
        count = len(in_cycle)
        text = Text(name, style="bold")
        if cycle is not None and cycle.label:
            text.append(f"  {display_text(cycle.label)}", style="dim")
        if self._matches is not None:
            matching = sum(1 for o in in_cycle if o.id in self._matches)
            text.append("  (" + _("{n} of {total}").format(n=matching, total=count) + ")")
        else:
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
        if self._matches is not None and objective.id not in self._matches:
            text.stylize("dim")  # shown only for what is aligned under it
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
        if not self._kr_matches(kr_owner(kr, objective), health):
            text.stylize("dim")  # shown with its objective, but not what the filter asks for
        return text

    def _kr_matches(self, owner: str, health: Health) -> bool:
        wanted = self.tree_filter
        if wanted.owner is not None and owner.strip().casefold() != wanted.owner.casefold():
            return False
        return not wanted.healths or health in wanted.healths

    # Labels are worked out only for the lines on screen: progress, health and the
    # SMART letters cost a little per node, and a big cycle has thousands of nodes.
    def render_label(self, node: TreeNode[NodeRef], base_style: Style, style: Style) -> Text:
        ref = node.data
        if ref is not None and ref not in self._labelled:
            label = self._label_for(ref)
            if label is not None:
                node._label = self.process_label(label)
            self._labelled.add(ref)
        return super().render_label(node, base_style, style)

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
        while (
            parent_id
            and parent_id in self.store.objectives
            and parent_id not in seen
            and self.shows(self.store.objectives[parent_id])
        ):
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
