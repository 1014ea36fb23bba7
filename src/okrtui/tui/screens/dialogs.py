"""Small modal dialogs: confirm, and the unsaved-changes prompt on quit."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from okrtui.i18n import N_, _, nformat
from okrtui.tui.screens.button_dialog import ButtonDialog


class ConfirmScreen(ButtonDialog[bool]):
    """Ask a yes/no question. `y` confirms, `n`/`escape` cancel; ←/→ or tab choose a
    button and `enter` presses it (the focus starts on Cancel)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Yes"), id="confirm.yes"),
        Binding("n,escape", "answer(False)", N_("No"), id="confirm.no"),
    ]

    def __init__(self, question: str, confirm_label: str | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.confirm_label = confirm_label or _("Yes")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.confirm_label, variant="error", id="yes", compact=True)
                yield Button(_("Cancel"), id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class QuitScreen(ButtonDialog[str]):
    """Unsaved changes on quit: save, discard or stay. Returns "save", "discard" or "cancel"."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "choose('save')", N_("Save and quit"), id="quit.save"),
        Binding("d", "choose('discard')", N_("Quit without saving"), id="quit.discard"),
        Binding("escape,c", "choose('cancel')", N_("Cancel"), id="quit.cancel"),
    ]

    def __init__(self, count: int) -> None:
        super().__init__(classes="dialog-screen")
        self.count = count

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                nformat(
                    "{n} objective has unsaved changes.",
                    "{n} objectives have unsaved changes.",
                    self.count,
                ),
                classes="dialog-question",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save and quit"), variant="primary", id="save", compact=True)
                yield Button(_("Discard"), variant="error", id="discard", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")
