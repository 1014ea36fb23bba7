"""Whether the screen is laid out right to left (Persian interface).

In a right-to-left interface the eye starts at the right: the objective tree
moves to the right and the editor to the left, and form labels sit right of
their fields. `OKRTUI_LAYOUT=ltr` keeps the left-to-right layout with a
Persian interface (some readers prefer the tree where their muscle memory
has it); `OKRTUI_LAYOUT=rtl` mirrors it in English too.
"""

from __future__ import annotations

import os

from okrtui.i18n import language


def mirrored_layout() -> bool:
    setting = os.environ.get("OKRTUI_LAYOUT", "").strip().lower()
    if setting in ("ltr", "rtl"):
        return setting == "rtl"
    return language() == "fa"
