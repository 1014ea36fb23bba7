"""What the app's feature mixins may use of `OkrApp`, said once for type checkers.

`GitActions` and `DiskSyncActions` are mixed into `OkrApp`; for mypy they are
an `App` holding the state below. At run time this class is empty: the
attributes come from `OkrApp` itself.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from okrtui.model import KeyResult, Objective, SmartCriterion
    from okrtui.store import WorkspaceStore
    from okrtui.tui.widgets.editor_pane import EditorPane
    from okrtui.tui.widgets.form_context import Verdict
    from okrtui.tui.widgets.objective_tree import ObjectiveTree

    _AppBase = App[None]
else:
    _AppBase = object


class AppState(_AppBase):
    """The state and helpers of `OkrApp` that its mixins use."""

    if TYPE_CHECKING:
        store: WorkspaceStore
        today: dt.date
        dirty: set[str]
        pending_deletes: set[str]
        fresh_objectives: set[str]
        fresh_krs: set[tuple[str, str]]

        @property
        def objective_tree(self) -> ObjectiveTree: ...
        @property
        def editor(self) -> EditorPane: ...
        def selected(self) -> tuple[Objective | None, KeyResult | None]: ...
        def smart_verdicts(
            self, objective: Objective, kr: KeyResult | None
        ) -> dict[SmartCriterion, Verdict]: ...
        def _update_title(self) -> None: ...
