"""A question with a few answers as buttons, each also reachable by its own key."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static
from textual.widgets.button import ButtonVariant

from okrtui.i18n import N_
from okrtui.tui.screens.button_dialog import ButtonDialog


class ChoiceScreen(ButtonDialog[str | None]):
    """A question with a few answers as buttons; each answer also has a key. escape: None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose", N_("Cancel"), id="choice.cancel"),
    ]

    def __init__(self, question: str, choices: list[tuple[str, str, str]]) -> None:
        """`choices`: (answer id, button label, key) in order; the first is focused."""
        super().__init__(classes="dialog-screen")
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for index, (answer, label, key) in enumerate(self.choices):
                    variant: ButtonVariant = "primary" if index == 0 else "default"
                    yield Button(
                        f"{label} ({key})", id=f"choice-{answer}", variant=variant, compact=True
                    )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_key(self, event: events.Key) -> None:
        for answer, _label, key in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(answer)

    def action_choose(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-") or None)
