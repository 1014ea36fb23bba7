"""Themes shipped in `themes/*.toml` (and the user's own), turned into Textual themes."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from textual.app import App
from textual.color import ColorParseError
from textual.theme import Theme

from okrtui.store.errors import WorkspaceError


class ThemeFile(BaseModel):
    """A theme file: a name and the base colours Textual derives the rest from."""

    model_config = ConfigDict(extra="forbid")

    name: str
    primary: str
    secondary: str | None = None
    accent: str | None = None
    foreground: str | None = None
    background: str | None = None
    surface: str | None = None
    panel: str | None = None
    success: str | None = None
    warning: str | None = None
    error: str | None = None
    boost: str | None = None
    dark: bool = True
    ansi: bool = False
    """True: colours are the terminal's own ANSI names (`ansi_blue`), for 16-colour consoles."""
    variables: dict[str, str] = {}
    """Textual CSS variables to set (e.g. `block-cursor-background`)."""

    def to_theme(self, *, check: bool = False) -> Theme:
        """The Textual theme; with `check`, a colour that does not parse raises here."""
        theme = Theme(**self.model_dump())
        if check:  # parses every colour now (about 5 ms), not when the theme is applied
            theme.to_color_system().generate()
        return theme


def bundled_themes_dir() -> Path:
    packaged = Path(str(resources.files("okrtui"))) / "data" / "themes"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "themes"


def load_theme_files(
    folder: Path, *, check: bool = False
) -> tuple[list[Theme], list[WorkspaceError]]:
    """Every theme in `folder`, and the problems of those that did not load.

    `check` parses every colour too (for the user's own files; ours are tested).
    """
    themes: list[Theme] = []
    errors: list[WorkspaceError] = []
    if not folder.is_dir():
        return themes, errors
    for path in sorted(folder.glob("*.toml")):
        try:
            themes.append(
                ThemeFile.model_validate(tomllib.loads(path.read_text("utf-8"))).to_theme(
                    check=check
                )
            )
        except (
            tomllib.TOMLDecodeError,
            ValidationError,
            OSError,
            ValueError,
            ColorParseError,
        ) as exc:
            errors.append(WorkspaceError(path, f"theme not loaded: {_first_line(exc)}"))
    return themes, errors


def register_bundled_themes(app: App[Any]) -> list[WorkspaceError]:
    themes, errors = load_theme_files(bundled_themes_dir())
    for theme in themes:
        app.register_theme(theme)
    return errors


def _first_line(exc: Exception) -> str:
    """The one line that says what is wrong (pydantic's second line names the field)."""
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "file"
        return f"{where}: {error['msg']}"
    return str(exc).splitlines()[0]
