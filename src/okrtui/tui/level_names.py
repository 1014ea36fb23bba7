"""The names of objective levels, as the editor's Level select and the filters show them."""

from __future__ import annotations

from okrtui.i18n import N_, _
from okrtui.model import Level

LEVEL_LABELS = {
    "organization": N_("Organisation"),
    "team": N_("Team"),
    "individual": N_("Individual"),
}
"""Stored value -> label (marked for the catalog; translated where shown)."""


def level_label(level: Level | str) -> str:
    """`organization` -> "Organisation" (Persian «سازمان»); an unknown value as it is."""
    value = level.value if isinstance(level, Level) else level
    label = LEVEL_LABELS.get(value)
    return _(label) if label else value
