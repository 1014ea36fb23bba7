"""Errors the store reports. Each names the file, and where known the line and field."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from okrtui.i18n import _
from okrtui.model.objective import ERROR_MESSAGES
from okrtui.store.locate import locate

if TYPE_CHECKING:
    from okrtui.store.toml_io import TomlSyntaxError


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
        """`path:line:column`, the path relative to `root` when given."""
        path = self.path
        if root is not None:
            with contextlib.suppress(ValueError):
                path = self.path.relative_to(root)
        where = str(path)
        if self.line is not None:
            where += f":{self.line}"
            where += f":{self.column if self.column is not None else 1}"
        return where

    def describe(self, root: Path | None = None) -> str:
        """One line: `objectives/2026-Q4/x.toml:12:1: message [field]`."""
        field = f" [{self.field}]" if self.field else ""
        return f"{self.location(root)}: {self.message}{field}"


class StoreError(Exception):
    """Base class of the store's exceptions."""


class NotAWorkspaceError(StoreError):
    """The folder has no `okrtui.toml`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        message = _(
            "{path} is not an okrtui workspace (no okrtui.toml). "
            "Create one with: okrtui init {path}"
        )
        super().__init__(message.format(path=path))


class SaveRefusedError(StoreError):
    """A save that would lose data was refused; nothing was written."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(_("{path}: not saved: {reason}").format(path=path, reason=reason))


class ConflictError(SaveRefusedError):
    """The file changed on disk since it was loaded."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, _("the file changed on disk since it was loaded"))


def format_field(loc: tuple[str | int, ...]) -> str:
    """A pydantic location as a path: `key_results[1].metric.target`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def _message(err: ErrorDetails) -> str:
    """The error's message in the user's language."""
    template = ERROR_MESSAGES.get(err["type"])
    if template is not None:
        return _(template).format(**err.get("ctx", {}))
    if err["type"] == "extra_forbidden":
        return _("unknown field")
    if err["type"] == "missing":
        return _("required field is missing")
    return _(str(err["msg"]).removeprefix("Value error, "))


def validation_errors(
    path: Path, text: str, exc: ValidationError, prefix: tuple[str | int, ...] = ()
) -> list[WorkspaceError]:
    """One `WorkspaceError` per pydantic error, placed at its field in `text`."""
    errors = []
    for err in exc.errors():
        loc = tuple(p for p in (*prefix, *err["loc"]) if isinstance(p, str | int))
        position = locate(text, loc)
        errors.append(
            WorkspaceError(
                path=path,
                message=_message(err),
                line=position.line if position else None,
                column=position.column if position else None,
                field=format_field(loc) or None,
                code="E002",
            )
        )
    return errors


def syntax_error(path: Path, exc: TomlSyntaxError) -> WorkspaceError:
    """The error for a file that is not valid TOML."""
    message = _("TOML syntax error: {reason}").format(reason=exc.message)
    return WorkspaceError(path, message, exc.line, exc.column, field=exc.key)


def field_error(path: Path, text: str, field_name: str, message: str, code: str) -> WorkspaceError:
    """An error about a top-level field of the file `text` was read from."""
    position = locate(text, (field_name,))
    return WorkspaceError(
        path,
        message,
        position.line if position else None,
        position.column if position else None,
        field=field_name,
        code=code,
    )
