"""A text field whose bound keys apply in order with the characters typed around them."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


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
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)
