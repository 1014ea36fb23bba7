"""A checkbox whose box is empty until it is ticked."""

from __future__ import annotations

from textual.widgets import Checkbox


class TickBox(Checkbox):
    """A `Checkbox` that draws its `X` only when ticked.

    Textual's checkbox draws `▐X▌` either way and tells the states apart by
    colour alone, so an unticked box (black on grey) reads as ticked,
    worst of all in 16 colours. Here an unticked box holds a faint dot,
    `▐·▌`: empty, yet still a slot where the 16-colour box (black on a
    black terminal) cannot be seen.
    """

    TICKED = "X"
    UNTICKED = "·"

    @property  # Textual reads this class constant at each render: here it follows the value
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return self.TICKED if self.value else self.UNTICKED
