"""Unsaved edits kept aside when the app stops on an unexpected error.

They are written as canonical objective files into a folder of their own in
the user's state folder (`OKRTUI_RECOVERY_DIR` overrides it), never into the
workspace: the workspace keeps exactly what was last saved, and the user
decides what to copy back.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

from okrtui.model import Objective, is_cycle_name, is_slug, slugify
from okrtui.store.toml_io import atomic_write
from okrtui.store.workspace import render_objective

RECOVERY_ENV = "OKRTUI_RECOVERY_DIR"


def recovery_root() -> Path:
    """Where recovered edits go: `OKRTUI_RECOVERY_DIR`, else the user's state folder."""
    override = os.environ.get(RECOVERY_ENV)
    if override:
        return Path(override)
    from platformdirs import user_state_dir

    return Path(user_state_dir("okrtui", appauthor=False)) / "recovery"


def keep_unsaved(
    workspace: Path, objectives: Iterable[Objective], now: dt.datetime | None = None
) -> Path | None:
    """Write `objectives` under a new recovery folder; return it (None if nothing was kept).

    Each objective goes to `objectives/<cycle>/<id>.toml`, as in a workspace,
    so a file can be copied back as it is. One that cannot be written is
    skipped; the others are still kept.
    """
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = recovery_root() / f"{slugify(workspace.name)}-{stamp}"
    kept = 0
    for objective in objectives:
        if not (is_slug(objective.id) and is_cycle_name(objective.cycle)):
            continue
        try:
            text = render_objective(objective)
            atomic_write(folder / "objectives" / objective.cycle / f"{objective.id}.toml", text)
        except (OSError, ValueError):
            continue
        kept += 1
    return folder if kept else None
