"""The user's keymap and themes applied to the app, and the chosen theme remembered.

A mixin of `OkrApp`; the reading and checking is `user_config`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, cast

from textual.binding import Binding

from okrtui.i18n import _
from okrtui.tui.themes import load_theme_files
from okrtui.tui.user_config import (
    binding_scopes,
    check_keymap,
    config_dir,
    load_config,
    remember_theme,
)

if TYPE_CHECKING:
    from okrtui.tui.app import OkrApp


def _app(mixin: UserSettings) -> OkrApp:
    return cast("OkrApp", mixin)


class UserSettings:
    user_keymap: dict[str, str]
    """The user's remapped keys by binding id (those that were valid)."""
    config_problems: list[str]
    _remembered_theme: str | None = None

    def apply_user_config(self) -> None:
        """Before the first frame: the user's themes and theme, and the keymap to check."""
        app = _app(self)
        folder = config_dir()
        config = load_config(folder)
        problems = list(config.problems)
        themes, errors = load_theme_files(folder / "themes", check=True)
        for theme in themes:
            app.register_theme(theme)
        problems += [e.describe(folder) for e in errors]
        if config.theme:
            if config.theme in app.available_themes:
                app.theme = config.theme
                self._remembered_theme = config.theme
            else:
                problems.append(
                    _("{file}: theme “{name}” is not installed").format(
                        file=config.path, name=config.theme
                    )
                )
        known = {
            b.id
            for scope in binding_scopes(app.BINDINGS, screens=False)
            for b in scope
            if isinstance(b, Binding)
        }
        everywhere = any(binding_id not in known for binding_id in config.keys)
        scopes = binding_scopes(app.BINDINGS, screens=everywhere)
        self.user_keymap, key_problems = check_keymap(config.keys, scopes, config.path)
        self.config_problems = problems + key_problems

    def start_user_config(self) -> None:
        """On mount: apply the keymap, say what was wrong once, remember theme changes."""
        app = _app(self)
        if self.user_keymap:
            app.set_keymap(dict(self.user_keymap))
        if self.config_problems:
            folder = str(config_dir())
            lines = [
                p.replace(folder + os.sep, "").replace(folder, ".") for p in self.config_problems
            ]
            app.notify(
                "\n".join(lines),
                title=_("Some settings were skipped ({folder})").format(folder=folder),
                severity="warning",
                timeout=15,
            )
        app.theme_changed_signal.subscribe(app, lambda theme: self._remember_theme(theme.name))

    def _remember_theme(self, name: str) -> None:
        if name == self._remembered_theme:
            return
        self._remembered_theme = name
        try:
            remember_theme(name)
        except OSError as exc:
            _app(self).notify(
                _("Theme not remembered: {reason}").format(reason=exc), severity="warning"
            )
