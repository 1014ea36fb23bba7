"""The monthly review: what changed, a note per objective, a decision per key result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from okrtui.i18n import N_, _, digits, nformat
from okrtui.model import Calendar, KeyResult, Metric, Objective, Status
from okrtui.model.review import Decision, KeyResultReview, ObjectiveReview, Review
from okrtui.services.dashboard import alignment_order
from okrtui.services.review import KeyResultChange, apply_review, build_review, what_changed
from okrtui.store import WorkspaceStore
from okrtui.store.reviews import (
    file_digest,
    latest_review,
    load_review,
    review_path,
    save_review,
)
from okrtui.tui.focus_keys import FOCUS_KEYS
from okrtui.tui.formatting import (
    display_text,
    format_date,
    format_number,
    format_percent,
    format_value,
    parse_number,
)
from okrtui.tui.screens.checkin import editable_number
from okrtui.tui.screens.dashboard import short_value
from okrtui.tui.screens.dialogs import ConfirmScreen
from okrtui.tui.widgets.ordered_input import OrderedInput
from okrtui.tui.widgets.translated_footer import TranslatedFooter
from okrtui.tui.widgets.typing_preview import TypingPreview

DECISION_LABELS = {
    Decision.KEEP: N_("Keep"),
    Decision.REVISE_TARGET: N_("Revise target"),
    Decision.DROP: N_("Drop"),
}

ReviewSave = Callable[[Review], str | None]
"""Saves and applies a review; returns why it could not, or None once done."""


@dataclass(slots=True)
class ReviewSession:
    """What the review screen shows: the review being written and what changed since."""

    review: Review
    objectives: Mapping[str, Objective]
    changes: Mapping[tuple[str, str], KeyResultChange]
    cycle_name: str | None
    previous_date: dt.date | None
    """The date of the review before this one; None: changes count from the cycle start."""
    since: dt.date | None
    saved: Review | None = None
    """Today's review as saved before, when it is re-opened."""
    opened_as: str | None = None
    """The sha256 of today's review file when the screen opened (None: no file yet)."""


def open_review(store: WorkspaceStore, cycle_name: str | None, today: dt.date) -> ReviewSession:
    """Today's review of a cycle's objectives (not dropped), re-opened if saved before.

    Raises `ReviewLoadError` when the last review or today's does not load,
    `SaveRefusedError` when the reviews folder leads outside the workspace.
    """
    in_cycle = [
        o
        for o in store.objectives.values()
        if o.cycle == cycle_name and o.status is not Status.DROPPED
    ]
    objectives = [o for o, _depth in alignment_order(in_cycle)]
    previous = latest_review(store.root, before=today)
    path = review_path(store.root, today)
    opened_as = file_digest(path)
    saved = load_review(path) if path.is_file() else None
    cycles = {c.name: c for c in store.settings.cycles}
    cycle = cycles.get(cycle_name or "")
    return ReviewSession(
        review=build_review(objectives, saved, today),
        objectives={o.id: o for o in objectives},
        changes={(c.objective_id, c.kr_id): c for c in what_changed(objectives, previous, cycles)},
        cycle_name=cycle_name,
        previous_date=previous.date if previous is not None else None,
        since=cycle.start if cycle is not None else None,
        saved=saved,
        opened_as=opened_as,
    )


def save_and_apply(
    store: WorkspaceStore,
    review: Review,
    saved: Review | None,
    opened_as: str | bool | None = False,
) -> tuple[Path, list[str]]:
    """Write `reviews/<date>.toml` and apply its decisions to the objectives in memory.

    The decisions are applied to copies first, so a review file that cannot
    be written changes nothing (the error propagates: `StoreError`, `OSError`).
    Entries of today's saved review that this one does not cover (another
    cycle's) stay in the file. Returns the path and the ids of the changed
    objectives, which the caller marks dirty.
    """
    found = {entry.id: store.objectives.get(entry.id) for entry in review.objectives}
    copies = {oid: o.model_copy(deep=True) for oid, o in found.items() if o is not None}
    changed = apply_review(review, copies)
    if saved is not None:
        ours = {entry.id for entry in review.objectives}
        review.objectives = [
            *review.objectives,
            *(entry for entry in saved.objectives if entry.id not in ours),
        ]
    path = save_review(store.root, review, opened_as=opened_as)
    for oid in changed:
        store.objectives[oid] = copies[oid]
    return path, changed


def signed(value: float) -> str:
    """`+8,500`, `-0.2`, `±0`."""
    if value == 0:
        return "±0"
    return ("+" if value > 0 else "-") + format_number(abs(value))


def change_text(change: KeyResultChange | None, metric: Metric, calendar: Calendar) -> Text:
    """`40,000 → 48,500 visits/month (+8,500, +61 pts) · 8 new check-ins`."""
    text = Text(style="dim")
    if change is None:
        return text
    text.append(short_value(change.previous_value, metric) + " → ")
    text.append(format_value(change.value, metric), style="bold")
    deltas = []
    if change.delta is not None:
        deltas.append(signed(change.delta))
    if change.progress_delta is not None:
        points = round(change.progress_delta * 100)
        deltas.append(_("{points} pts").format(points=digits(f"{points:+d}") if points else "±0"))
    if deltas:
        text.append(f" ({', '.join(deltas)})")
    count = len(change.new_checkins)
    text.append(" · " + nformat("{n} new check-in", "{n} new check-ins", count))
    if change.new_checkins:
        latest = change.new_checkins[-1]
        text.append(" · " + _("last {date}").format(date=format_date(latest.date, calendar)))
    return text


class ReviewScreen(ModalScreen[bool]):
    """Write the review; ctrl+s saves it (and applies it), escape leaves (asks if edited)."""

    DEFAULT_CSS = """
    ReviewScreen { background: $background; }
    ReviewScreen #review { height: 1fr; border: round $primary; padding: 0 1;
        border-title-color: $primary; border-title-style: bold; }
    ReviewScreen #review-body { height: 1fr; scrollbar-size-vertical: 1; }
    ReviewScreen .review-head { height: auto; color: $text-muted; margin-bottom: 1; }
    ReviewScreen .review-objective { margin-top: 1; height: auto; }
    ReviewScreen .review-kr { height: auto; padding-left: 2; margin-top: 1; }
    ReviewScreen .review-change { padding-left: 2; height: auto; }
    ReviewScreen .review-row { height: auto; padding-left: 2; }
    ReviewScreen .review-row Label { width: 11; color: $text-muted; }
    ReviewScreen .review-row .review-target-label { width: auto; padding: 0 1 0 2; }
    ReviewScreen .review-row Select { width: 20; }
    ReviewScreen .review-row .review-target { width: 14; }
    ReviewScreen .review-row .-revise-only { display: none; }
    ReviewScreen .review-row.-revising .-revise-only { display: block; }
    ReviewScreen .review-row .review-note { width: 1fr; }
    ReviewScreen Input:focus { background: $boost; }
    ReviewScreen .review-dropped { color: $text-muted; padding-left: 2; }
    ReviewScreen .review-error { color: $error; display: none; height: auto; }
    ReviewScreen .review-error.-shown { display: block; }
    ReviewScreen .dialog-buttons { height: auto; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,  # keys typed right after tab follow it
        Binding("ctrl+s", "save", N_("Save review"), id="review.save"),
        Binding("escape", "leave", N_("Close"), id="review.close"),
    ]

    def __init__(self, session: ReviewSession, save: ReviewSave, *, calendar: Calendar) -> None:
        super().__init__()
        self.session = session
        self.save = save
        self.calendar = calendar
        self.slots: dict[str, tuple[int, int | None]] = {}
        """Widget id -> (objective entry index, key result entry index or None)."""
        self.loaded: tuple[str, ...] = ()

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        review = self.session.review
        with Vertical(id="review"):
            with VerticalScroll(id="review-body"):
                yield Static(self._head(), classes="review-head")
                with Horizontal(classes="review-row"):
                    yield Label(_("Summary"))
                    yield OrderedInput(
                        review.note,
                        placeholder=_("the month in one line"),
                        id="review-summary",
                        classes="review-note",
                        compact=True,
                    )
                yield TypingPreview("review-summary", classes="review-preview")
                for i, entry in enumerate(review.objectives):
                    yield from self._objective(i, entry)
            yield Static("", id="review-error", classes="review-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save review"), variant="primary", id="save", compact=True)
                yield Button(_("Close"), id="close", compact=True)
        yield TranslatedFooter()

    def _head(self) -> Text:
        session = self.session
        text = Text()
        if session.previous_date is not None:
            since = _("Changes since the review of {date}.").format(
                date=format_date(session.previous_date, self.calendar)
            )
        elif session.since is not None:
            since = _("Changes since the cycle started ({date}).").format(
                date=format_date(session.since, self.calendar)
            )
        else:
            since = _("Changes since the first check-in.")
        text.append(since)
        if session.saved is not None:
            text.append(" " + _("Today's review was saved before: its notes are shown."))
        text.append(
            "\n" + _("Keep a key result, revise its target, or drop it; ctrl+s saves the review.")
        )
        return text

    def _objective(self, i: int, entry: ObjectiveReview) -> ComposeResult:
        objective = self.session.objectives.get(entry.id)
        title = objective.title if objective is not None else entry.title
        heading = Text("━ ", style="bold")
        heading.append(display_text(title), style="bold")
        heading.append(f"  {format_percent(entry.progress).strip()}", style="bold")
        yield Static(heading, classes="review-objective")
        note_id = f"note-{i}"
        self.slots[note_id] = (i, None)
        with Horizontal(classes="review-row"):
            yield Label(_("Note"))
            yield OrderedInput(
                entry.note,
                placeholder=_("what we learned, what changes"),
                id=note_id,
                classes="review-note",
                compact=True,
            )
        yield TypingPreview(note_id, classes="review-preview")
        for j, kr_entry in enumerate(entry.key_results):
            kr = objective.key_result(kr_entry.id) if objective is not None else None
            if kr is None:
                if kr_entry.removed is not None:
                    yield Static(
                        Text("✗ " + display_text(kr_entry.title) + "  ")
                        + Text(_("dropped in this review"), style="italic"),
                        classes="review-dropped",
                    )
                continue
            yield from self._key_result(i, j, kr, kr_entry)

    def _key_result(self, i: int, j: int, kr: KeyResult, entry: KeyResultReview) -> ComposeResult:
        change = self.session.changes.get((self.session.review.objectives[i].id, kr.id))
        title = Text("▸ ")
        title.append(display_text(kr.title))
        title.append(f"  {format_percent(entry.progress).strip()}", style="bold")
        with Vertical(classes="review-kr"):
            yield Static(title)
            yield Static(change_text(change, kr.metric, self.calendar), classes="review-change")
            decision_id, target_id = f"decision-{i}-{j}", f"target-{i}-{j}"
            self.slots[decision_id] = self.slots[target_id] = (i, j)
            revising = entry.decision is Decision.REVISE_TARGET
            target = entry.new_target if revising else None
            with Horizontal(classes="review-row -revising" if revising else "review-row"):
                yield Label(_("Decision"))
                yield Select[str](
                    [(_(label), d.value) for d, label in DECISION_LABELS.items()],
                    value=entry.decision.value,
                    allow_blank=False,
                    compact=True,
                    id=decision_id,
                )
                yield Label(_("New target"), classes="review-target-label -revise-only")
                yield OrderedInput(
                    "" if target is None else editable_number(target),
                    placeholder=_("now {value}").format(value=format_number(kr.metric.target)),
                    id=target_id,
                    classes="review-target -revise-only",
                    compact=True,
                )

    def on_mount(self) -> None:
        session = self.session
        title = _("Monthly review") + " · " + format_date(session.review.date, self.calendar)
        if session.cycle_name:
            title += f" · {session.cycle_name}"
        self.query_one("#review").border_title = title
        self.loaded = self._values()
        first = self.query(".review-note").first(Input)
        first.focus()

    # ------------------------------------------------------------------ editing
    def _values(self) -> tuple[str, ...]:
        values: list[str] = []
        for widget in self.query("Input, Select"):
            if isinstance(widget, Input):
                values.append(widget.value)
            elif isinstance(widget, Select):
                values.append(str(widget.value))
        return tuple(values)

    def on_select_changed(self, event: Select.Changed) -> None:
        select_id = event.select.id or ""
        if not select_id.startswith("decision-"):
            return
        event.stop()
        target = self.query_one("#target-" + select_id.removeprefix("decision-"), Input)
        revising = event.value == Decision.REVISE_TARGET.value
        if target.parent is not None:
            target.parent.set_class(revising, "-revising")
        if revising:
            target.focus()

    def collect(self) -> Review | None:
        """The review as typed; None (with the problem shown) when a target does not parse."""
        review = self.session.review.model_copy(deep=True)
        review.note = self.query_one("#review-summary", Input).value.strip()
        problems: list[str] = []
        for widget_id, (i, j) in self.slots.items():
            entry = review.objectives[i]
            if j is None:
                entry.note = self.query_one(f"#{widget_id}", Input).value.strip()
                continue
            if not widget_id.startswith("decision-"):
                continue
            kr_entry = entry.key_results[j]
            value = self.query_one(f"#{widget_id}", Select).value
            kr_entry.decision = Decision(str(value))
            kr_entry.new_target = None
            if kr_entry.decision is Decision.REVISE_TARGET:
                text = self.query_one(f"#target-{i}-{j}", Input).value
                try:
                    kr_entry.new_target = parse_number(text)
                except ValueError:
                    problems.append(
                        _("“{title}”: type the new target as a number").format(title=kr_entry.title)
                    )
        error = self.query_one("#review-error", Static)
        if problems:
            error.update(problems[0])
            error.add_class("-shown")
            return None
        error.remove_class("-shown")
        return review

    def action_save(self) -> None:
        review = self.collect()
        if review is None:
            return
        problem = self.save(review)
        if problem is not None:
            error = self.query_one("#review-error", Static)
            error.update(problem)
            error.add_class("-shown")
            return
        self.dismiss(True)

    def action_leave(self) -> None:
        if self._values() == self.loaded:
            self.dismiss(False)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(False)

        question = _(
            "Close the review without saving? The notes and decisions typed here are lost."
        )
        self.app.push_screen(ConfirmScreen(question, _("Close")), answered)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_leave()
