"""Importing the app loads only what its first frame needs.

Dialogs, the goal wizard, git, the watcher and the services behind them load
when first used: each module-level import of one of them in the app's mixins
costs start-up time before anything is drawn.
"""

from __future__ import annotations

import subprocess
import sys

LOADED_ON_DEMAND = [
    # screens opened by a key or from the palette
    "okrtui.tui.screens.checkin",
    "okrtui.tui.screens.choice",
    "okrtui.tui.screens.coach_report",
    "okrtui.tui.screens.dashboard",
    "okrtui.tui.screens.dialogs",
    "okrtui.tui.screens.git_panel",
    "okrtui.tui.screens.goal_wizard",
    "okrtui.tui.screens.help",
    "okrtui.tui.screens.kr_history",
    "okrtui.tui.screens.picker",
    "okrtui.tui.screens.review",
    "okrtui.tui.screens.sync_conflict",
    "okrtui.tui.screens.export_folder",
    # the editor's forms are mounted just after the first frame
    "okrtui.tui.widgets.editor_forms",
    "okrtui.tui.widgets.objective_form",
    "okrtui.tui.widgets.key_result_form",
    "okrtui.tui.widgets.kr_history",
    "okrtui.tui.widgets.kr_status",
    "okrtui.tui.widgets.smart_checklist",
    "textual.widgets._data_table",
    "textual.widgets._text_area",
    # the SMART coach and its wizard
    "okrtui.tui.smart_coach",
    "okrtui.tui.widgets.wizard_steps",
    "okrtui.services.goal_rewrite",
    "okrtui.services.goal_writer",
    "okrtui.services.workspace_check",
    # dashboard, review, moves, history
    "okrtui.services.alignment",
    "okrtui.services.commit_message",
    "okrtui.services.dashboard",
    "okrtui.services.history",
    "okrtui.services.review",
    "okrtui.model.review",
    "okrtui.store.reviews",
    # exports load when one is chosen from the palette
    "okrtui.services.export",
    "okrtui.services.export_figures",
    # git and the disk watcher start after the first frame
    "okrtui.store.git",
    "okrtui.store.merge",
    "okrtui.store.watch",
]


def modules_loaded_by(statement: str) -> set[str]:
    """The modules in `sys.modules` after running `statement` in a fresh interpreter."""
    code = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_importing_the_app_leaves_dialogs_git_and_services_unloaded() -> None:
    loaded = modules_loaded_by("import okrtui.tui.app")
    assert [m for m in LOADED_ON_DEMAND if m in loaded] == []


def test_the_probe_sees_what_the_first_frame_needs() -> None:
    """Guard against a check that cannot fail: the same probe lists the first frame's widgets,
    and flags a heavy module as soon as something imports it."""
    loaded = modules_loaded_by("import okrtui.tui.app")
    assert {"okrtui.tui.widgets.objective_tree", "okrtui.tui.widgets.git_status"} <= loaded
    loaded = modules_loaded_by("import okrtui.tui.app, okrtui.tui.screens.git_panel")
    assert "okrtui.tui.screens.git_panel" in loaded
    assert "okrtui.store.git" in loaded


def test_a_first_start_of_a_small_workspace_loads_no_process_pool(sample_workspace) -> None:  # type: ignore[no-untyped-def]
    """Without an outline cache every file is scanned; under 2,000 files in this process,
    without importing multiprocessing (~15 ms); from 2,000, `os.fork` (no pool either)."""
    opened = (
        "import os; os.environ['OKRTUI_CACHE_DIR'] = ''\n"
        "from okrtui.store import WorkspaceStore\n"
        f"store = WorkspaceStore.open({str(sample_workspace)!r}, lazy=True)\n"
        "assert store.objectives.deferred > 0  # outlines were scanned\n"
    )
    loaded = modules_loaded_by(opened)
    assert "okrtui.store.outline" in loaded
    assert "multiprocessing" not in loaded
    assert "concurrent.futures.process" not in loaded
