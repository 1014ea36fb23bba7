"""Files on disk: TOML load/save, atomic writes, git. Never imports Textual."""

from okrtui.store.errors import (
    ConflictError,
    NotAWorkspaceError,
    SaveRefusedError,
    StoreError,
    WorkspaceError,
)
from okrtui.store.workspace import (
    OBJECTIVES_DIR,
    SETTINGS_FILE,
    WorkspaceStore,
    init_workspace,
    objective_from_text,
    render_objective,
    render_settings,
)

__all__ = [
    "OBJECTIVES_DIR",
    "SETTINGS_FILE",
    "ConflictError",
    "NotAWorkspaceError",
    "SaveRefusedError",
    "StoreError",
    "WorkspaceError",
    "WorkspaceStore",
    "init_workspace",
    "objective_from_text",
    "render_objective",
    "render_settings",
]
