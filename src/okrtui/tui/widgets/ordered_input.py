"""Text fields whose bound keys apply in order with the characters typed around them."""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Input, TextArea


async def run_own_binding(widget: Widget, event: events.Key) -> bool:
    """Run `widget`'s own non-priority binding of `event`'s key now; True if one ran."""
    for binding in widget._bindings.key_to_bindings.get(event.key, ()):
        if not binding.priority and await widget.app.run_action(binding.action, widget):
            event.stop()
            event.prevent_default()
            return True
    return False


class OrderedInput(Input):
    """An `Input` that runs its own bound keys (end, backspace, arrows, ctrl+k) in its key
    handler, where it types characters, so they apply in the order they came.

    Textual types a character in the field's key handler but runs a bound key
    only once the key has bubbled up to the app: `end` followed by text in the
    same read (a fast typist over SSH, a paste, a script) typed the text first
    and moved the cursor after it; `a backspace b` deleted the wrong letter
    (Textual issue 6605, open). Priority bindings (tab) ran before the key
    came here. Every text field of okrtui is one of these.
    """

    async def _on_key(self, event: events.Key) -> None:
        if not await run_own_binding(self, event):
            await super()._on_key(event)


class OrderedTextArea(TextArea):
    """A `TextArea` whose bound keys apply in order with the text typed around them (see
    `OrderedInput`)."""

    async def _on_key(self, event: events.Key) -> None:
        if not await run_own_binding(self, event):
            await super()._on_key(event)
