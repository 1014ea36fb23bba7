"""A modal dialog whose row of buttons answers ←/→ as well as tab.

enter presses the focused button (Textual's `Button` does that); ←/→ move the
focus along the row and stop at its ends, so a held arrow cannot wrap onto
the other answer.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Button

from okrtui.i18n import N_

ResultT = TypeVar("ResultT")


class ButtonDialog(ModalScreen[ResultT]):
    """A modal screen with buttons: ←/→ move between them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move_button(-1)", N_("Previous button"), show=False, id="dialog.left"),
        Binding("right", "move_button(1)", N_("Next button"), show=False, id="dialog.right"),
    ]

    def action_move_button(self, step: int) -> None:
        buttons = [b for b in self.query(Button) if b.focusable]
        if not buttons:
            return
        focused = self.focused
        if not isinstance(focused, Button) or focused not in buttons:
            buttons[0].focus()
            return
        index = max(0, min(len(buttons) - 1, buttons.index(focused) + step))
        buttons[index].focus()
