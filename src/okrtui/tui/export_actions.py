"""Exports from the command palette: "export: CSV", "export: JSON", "export: Markdown report".

Each asks for a folder, then writes in a worker thread (from a copy of the
objectives as they are in the app, unsaved edits included) and says where the
files went. The services and the dialog load only when an export is chosen.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from okrtui.i18n import _

if TYPE_CHECKING:
    from okrtui.model import Objective, WorkspaceSettings
    from okrtui.tui.app import OkrApp
    from okrtui.tui.commands import Command

#: format -> (palette name, help, what the dialog calls it)
EXPORTS: dict[str, tuple[str, str, str]] = {
    "csv": (
        _("export: CSV"),
        _("key_results.csv and checkins.csv for Looker Studio or Google Sheets"),
        _("CSV tables"),
    ),
    "json": (_("export: JSON"), _("The whole workspace with progress and health"), _("JSON")),
    "md": (
        _("export: Markdown report"),
        _("This cycle's report for a wiki page or a pull request"),
        _("the Markdown report"),
    ),
}


def default_folder() -> Path:
    """Where exports go unless the user names another folder: outside the workspace."""
    return Path.cwd() / "okrtui-export"


def export_commands(app: OkrApp) -> list[Command]:
    return [
        (name, help_text, partial(ask_export, app, fmt))
        for fmt, (name, help_text, _what) in EXPORTS.items()
    ]


def ask_export(app: OkrApp, fmt: str) -> None:
    from okrtui.tui.screens.export_folder import ExportFolderScreen

    def chosen(folder: Path | None) -> None:
        if folder is not None:
            start_export(app, fmt, folder)

    app.push_screen(ExportFolderScreen(EXPORTS[fmt][2], default_folder()), chosen)


def start_export(app: OkrApp, fmt: str, folder: Path) -> None:
    """Copy what the export needs on the UI thread, then write it in a worker."""
    snapshot = app.store.snapshot()
    objectives = [o.model_copy(deep=True) for o in snapshot.objectives.values()]
    settings = app.store.settings.model_copy(deep=True)
    app.run_worker(
        partial(_write, app, fmt, folder, settings, objectives),
        thread=True,
        group="export",
        exit_on_error=False,
    )


def _write(
    app: OkrApp,
    fmt: str,
    folder: Path,
    settings: WorkspaceSettings,
    objectives: list[Objective],
) -> None:
    """In a worker thread: never touches a widget."""
    from okrtui.services.export import ExportFormat, write_export

    try:
        paths = write_export(ExportFormat(fmt), folder, settings, objectives, app.today)
    except OSError as exc:
        message = _("Export failed: {path}: {reason}").format(
            path=exc.filename or folder, reason=exc.strerror or exc
        )
        app.call_later(app.notify, message, severity="error")
        return
    names = ", ".join(p.name for p in paths)
    message = _("Exported {names} to {folder}").format(names=names, folder=folder.resolve())
    app.call_later(app.notify, message)
