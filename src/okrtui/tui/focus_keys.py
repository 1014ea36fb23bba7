"""`tab` and `shift+tab` that move the focus before the keys typed after them are handled.

Textual hands a key to the focused widget's queue, and `tab` moves the focus
only when that widget gets round to it. Keys arriving in the same read (a
fast typist over SSH, a script, a paste) were by then already queued for the
widget being left: a title typed straight after `tab` from the tree ran as
tree commands (`H` opened the history), and text typed after `tab` in the
editor went into the field behind. As priority bindings these move the focus
as the app receives them, so every later key goes where the screen says.
The tree binds its own pair, which first shows the node under the cursor
(`ObjectiveTree.action_leave`). The dialogs with fields (review, git panel,
history, export folder, picker, search) use the same pair; the check-in dialog
and the guided writer bind their own tab actions with priority, for the same
reason.
"""

from __future__ import annotations

from textual.binding import Binding

FOCUS_KEYS = [
    Binding("tab", "app.focus_next", show=False, priority=True, id="focus.next"),
    Binding("shift+tab", "app.focus_previous", show=False, priority=True, id="focus.previous"),
]
