"""Ask for the folder an export is written to."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from okrtui.i18n import N_, _
from okrtui.tui.focus_keys import FOCUS_KEYS
from okrtui.tui.widgets.ordered_input import OrderedInput


class ExportFolderScreen(ModalScreen[Path | None]):
    """A folder name, prefilled; `enter` exports there, `escape` cancels."""

    DEFAULT_CSS = """
    ExportFolderScreen .dialog { width: 72; max-width: 100%; }
    ExportFolderScreen Input { width: 1fr; margin: 1 0; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,  # keys typed right after tab follow it
        Binding("escape", "cancel", N_("Cancel"), id="export.cancel"),
    ]

    def __init__(self, what: str, folder: Path) -> None:
        super().__init__(classes="dialog-screen")
        self.what = what
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                _("Export {what} into which folder?").format(what=self.what),
                classes="dialog-question",
                markup=False,
            )
            yield OrderedInput(str(self.folder), id="export-folder")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Export"), variant="primary", id="export", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _submit(self) -> None:
        text = self.query_one(Input).value.strip()
        if text:
            self.dismiss(Path(text).expanduser())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
