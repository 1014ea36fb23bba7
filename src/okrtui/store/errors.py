"""Errors the store reports. Each names the file, and where known the line and field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class WorkspaceError:
    """One problem found in one file, shown to the user as one line."""

    path: Path
    message: str
    line: int | None = None
    column: int | None = None
    field: str | None = None
    code: str = "E001"

    def location(self, root: Path | None = None) -> str:
        path = self.path
        if root is not None:
            try:
                path = self.path.relative_to(root)
            except ValueError:
                pass
        where = str(path)
        if self.line is not None:
            where += f":{self.line}"
            where += f":{self.column if self.column is not None else 1}"
        return where

    def describe(self, root: Path | None = None) -> str:
        field = f" [{self.field}]" if self.field else ""
        return f"{self.location(root)}: {self.message}{field}"


class StoreError(Exception):
    """Base class of the store's exceptions."""


class NotAWorkspaceError(StoreError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"{path} is not an okrtui workspace (no okrtui.toml). "
            f"Create one with: okrtui init {path}"
        )


class SaveRefusedError(StoreError):
    """A save that would lose data was refused; nothing was written."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: not saved: {reason}")


class ConflictError(SaveRefusedError):
    """The file changed on disk since it was loaded."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "the file changed on disk since it was loaded")
