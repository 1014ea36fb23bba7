"""Search from the app: `/` opens it, enter jumps, `]` and `[` step through the results.

A mixin of `OkrApp`. Jumping expands the result's cycle and parents; a tree
filter that would hide it is cleared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding, BindingType

from okrtui.i18n import N_, _, count
from okrtui.tui.node_ref import NodeKind, NodeRef

if TYPE_CHECKING:
    from okrtui.services.search import SearchHit
    from okrtui.tui.app import OkrApp
    from okrtui.tui.commands import Command
    from okrtui.tui.screens.search import SearchResult

BINDINGS: list[BindingType] = [
    Binding(
        "slash",
        "search",
        N_("Search"),
        show=False,
        key_display="/",
        id="search.open",
        tooltip=N_("Search every cycle"),
    ),
    Binding(
        "right_square_bracket",
        "search_step(1)",
        N_("Next result"),
        show=False,
        key_display="]",
        id="search.next",
        tooltip=N_("Jump to the next search result"),
    ),
    Binding(
        "left_square_bracket",
        "search_step(-1)",
        N_("Previous result"),
        show=False,
        key_display="[",
        id="search.previous",
        tooltip=N_("Jump to the previous search result"),
    ),
]


def _app(mixin: SearchActions) -> OkrApp:
    return cast("OkrApp", mixin)


class SearchActions:
    search_query = ""
    search_hits: tuple[SearchHit, ...] = ()
    search_index = -1

    def find_commands(self) -> list[Command]:
        app = _app(self)
        found: list[Command] = [(_("search: open"), _("Search every cycle"), app.action_search)]
        if self.search_hits:
            found.append(
                (_("search: next result"), self.search_query, lambda: app.action_search_step(1))
            )
        return found

    def action_search(self) -> None:
        from okrtui.services.search import search_workspace
        from okrtui.tui.screens.search import SearchScreen

        app = _app(self)

        def run(query: str) -> list[SearchHit]:
            return search_workspace(app.store.objectives, query)  # no file read

        def chosen(result: SearchResult | None) -> None:
            if result is None:
                return
            self.search_query = result.query
            self.search_hits = tuple(result.hits)
            self.search_index = result.index
            self._jump(result.hits[result.index])

        app.push_screen(SearchScreen(run, self.search_query), chosen)

    def action_search_step(self, step: int) -> None:
        app = _app(self)
        hits = self.search_hits
        if not hits:
            app.notify(_("No search yet: press / to search."))
            return
        self.search_index = (self.search_index + step) % len(hits)
        self._jump(hits[self.search_index])
        app.notify(
            _("Result {i} of {n} for “{query}”").format(
                i=count(self.search_index + 1), n=count(len(hits)), query=self.search_query
            ),
            timeout=2,
        )

    def _jump(self, hit: SearchHit) -> None:
        app = _app(self)
        objective = app.store.objectives.get(hit.objective_id)
        if objective is None:
            app.notify(_("That result is no longer in the workspace."), severity="warning")
            return
        kr = objective.key_result(hit.kr_id) if hit.kr_id else None
        if kr is not None:
            ref = NodeRef(NodeKind.KEY_RESULT, objective.cycle, objective.id, kr.id)
        else:
            ref = NodeRef(NodeKind.OBJECTIVE, objective.cycle, objective.id)
        app.reveal(ref)  # a filter (or the archive) that hid it is lifted
        app.objective_tree.focus()
