"""Check-ins from the TUI: add one, edit or delete one from a key result's history.

A check-in changes the key result in memory and marks its objective dirty,
like any edit: ctrl+s writes it. The default author comes from git, looked up
once in a worker thread.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from pydantic import ValidationError

from okrtui.i18n import _
from okrtui.model import KeyResult, Objective, ObjectiveKind
from okrtui.tui.formatting import format_date, format_value
from okrtui.tui.node_ref import NodeKind

# The check-in dialog and its services load when first opened: importing this module
# (and asking `checkin_target`, e.g. to list palette commands) must stay cheap.
if TYPE_CHECKING:
    from okrtui.tui.app import OkrApp
    from okrtui.tui.screens.checkin import CheckInDraft, CheckInScreen


def checkin_target(app: OkrApp) -> tuple[Objective, KeyResult] | None:
    """The selected key result, or the one metric of a selected SMART goal."""
    objective, kr = app.selected()
    if objective is None:
        return None
    if kr is None and objective.kind is ObjectiveKind.SMART and len(objective.key_results) == 1:
        kr = objective.key_results[0]
    return (objective, kr) if kr is not None else None


def key_result(app: OkrApp, objective_id: str, kr_id: str) -> tuple[Objective, KeyResult] | None:
    """The objective and key result as the store holds them now."""
    objective = app.store.objectives.get(objective_id)
    kr = objective.key_result(kr_id) if objective is not None else None
    return (objective, kr) if objective is not None and kr is not None else None


def editor_key_result(app: OkrApp) -> tuple[Objective, KeyResult] | None:
    """The key result open in the editor, as the store holds it now."""
    ref = app.editor.current
    if ref is None or ref.kind is not NodeKind.KEY_RESULT or ref.kr_id is None:
        return None
    return key_result(app, ref.objective_id or "", ref.kr_id)


def open_checkin(app: OkrApp, objective: Objective, kr: KeyResult, index: int | None) -> None:
    """Add a check-in (`index` None) or edit the one at `index` in date order."""
    from okrtui.services.checkins import CheckInError, add_checkin, edit_checkin
    from okrtui.tui.screens.checkin import CheckInScreen

    ordered = sorted(kr.checkins, key=lambda c: c.date)
    editing = ordered[index] if index is not None and index < len(ordered) else None
    landed: list[tuple[Objective, KeyResult, int]] = []

    def submit(draft: CheckInDraft) -> str | None:
        # the objective may have been reloaded from disk while the dialog was open
        found = key_result(app, objective.id, kr.id)
        if found is None:
            return _("This key result is no longer in the workspace.")
        target, measured = found
        try:
            if editing is None or index is None:
                saved = add_checkin(
                    measured,
                    draft.value,
                    author=draft.author,
                    today=app.today,
                    date=draft.date,
                    confidence=draft.confidence,
                    note=draft.note,
                )
            else:
                # positions shift when check-ins arrive from disk: find the one being edited
                now = sorted(measured.checkins, key=lambda c: c.date)
                if editing not in now:
                    return _("This check-in changed on disk meanwhile; close and open it again.")
                saved = edit_checkin(
                    measured, now.index(editing), draft.to_checkin(), today=app.today
                )
        except CheckInError as exc:
            return str(exc)
        except ValidationError as exc:
            return str(exc.errors()[0]["msg"])
        landed.append((target, measured, [c.date for c in measured.checkins].index(saved.date)))
        return None

    def closed(applied: bool | None) -> None:
        # the main screen is back: its tree and editor can be refreshed now
        if applied and landed:
            checkin_changed(app, *landed[-1])

    screen = CheckInScreen(
        kr,
        submit,
        calendar=app.store.settings.calendar,
        today=app.today,
        author=app.checkin_author or "",
        editing=editing,
    )
    app.push_screen(screen, closed)
    if app.checkin_author is None and editing is None:
        app.run_worker(
            partial(_look_up_author, app, screen),
            thread=True,
            exclusive=True,
            group="okr-author",
        )


def _look_up_author(app: OkrApp, screen: CheckInScreen) -> None:
    """In a worker thread: git runs here, never on the UI thread."""
    from okrtui.store.git import default_author

    name = default_author(app.store.root)
    app.call_from_thread(_author_found, app, screen, name)


def _author_found(app: OkrApp, screen: CheckInScreen, name: str) -> None:
    app.checkin_author = name
    screen.suggest_author(name)


def checkin_changed(app: OkrApp, objective: Objective, kr: KeyResult, index: int | None) -> None:
    """After a check-in changed: dirty, tree labels, editor, history cursor."""
    from okrtui.tui.widgets.key_result_form import KeyResultForm
    from okrtui.tui.widgets.kr_history import CheckInTable

    app.mark_dirty(objective.id)
    app.objective_tree.refresh_objective(objective.id)
    ref = app.editor.current
    if ref is not None and ref.objective_id == objective.id and ref.kr_id == kr.id:
        app.editor.query_one(KeyResultForm).refresh_values()
        if index is not None:
            app.editor.query_one(CheckInTable).select_index(index)
    else:
        app.editor.show(ref)


def confirm_delete_checkin(app: OkrApp, index: int) -> None:
    """Ask, then delete the check-in at `index` (date order) of the editor's key result."""
    from okrtui.services.checkins import delete_checkin
    from okrtui.tui.screens.dialogs import ConfirmScreen

    found = editor_key_result(app)
    if found is None:
        return
    objective, kr = found
    ordered = sorted(kr.checkins, key=lambda c: c.date)
    if not 0 <= index < len(ordered):
        return
    question = _("Delete the check-in of {date} ({value})?").format(
        date=format_date(ordered[index].date, app.store.settings.calendar),
        value=format_value(ordered[index].value, kr.metric),
    )

    def answered(confirmed: bool | None) -> None:
        current = key_result(app, objective.id, kr.id) if confirmed else None
        if current is None:
            return
        now = sorted(current[1].checkins, key=lambda c: c.date)
        if index >= len(now) or now[index] != ordered[index]:
            # the objective was reloaded from disk while the question was open
            app.notify(_("The check-ins changed meanwhile: nothing deleted."))
            return
        delete_checkin(current[1], index)
        checkin_changed(app, *current, min(index, len(current[1].checkins) - 1))

    app.push_screen(ConfirmScreen(question, _("Delete")), answered)
