"""The user's own settings: `config.toml` and theme files in the platform config folder.

```toml
theme = "okrtui-light"          # remembered when chosen in the palette ("theme: …")

[keys]                          # binding id = key(s), comma-separated
"app.save" = "ctrl+w"
"search.open" = "/,ctrl+f"
```

The folder is `platformdirs.user_config_dir("okrtui")` (`~/.config/okrtui` on
Linux); `OKRTUI_CONFIG_DIR` overrides it. Theme files (`themes/*.toml` or
`*.toml` beside `config.toml`, the format of the bundled ones) add themes. Every
problem (a file that does not read, an unknown binding id or key, two bindings
on one key, a bad theme file) is collected and said once at start; what is
wrong is skipped, the rest applies.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from textual.binding import Binding, BindingType
from textual.keys import Keys, _character_to_key

from okrtui.i18n import _

CONFIG_ENV = "OKRTUI_CONFIG_DIR"
CONFIG_FILE = "config.toml"
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


def config_dir() -> Path:
    """Where `config.toml` and the user's themes live."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("okrtui", appauthor=False))


@dataclass
class UserConfig:
    """What `config.toml` asks for, and what was wrong with it."""

    path: Path
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def load_config(folder: Path | None = None) -> UserConfig:
    """Read `config.toml` (a missing file is an empty config)."""
    path = (folder or config_dir()) / CONFIG_FILE
    config = UserConfig(path)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        config.problems.append(f"{path}: {exc}")
        return config
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        config.problems.append(f"{path}: theme: " + _("must be a theme's name"))
    elif theme:
        config.theme = theme
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        config.problems.append(f"{path}: keys: " + _("must be a table of binding id = key"))
        return config
    for binding_id, value in keys.items():
        if isinstance(value, str) and value.strip():
            config.keys[binding_id] = value
        else:
            config.problems.append(f"{path}: keys.{binding_id}: " + _("must be a key, e.g. ctrl+w"))
    return config


def remember_theme(name: str, folder: Path | None = None) -> Path:
    """Write `theme = "<name>"` into `config.toml`, keeping the rest of the file as it is."""
    path = (folder or config_dir()) / CONFIG_FILE
    line = f"theme = {_toml_string(name)}"
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        text = ""
    pattern = re.compile(r"^theme\s*=.*$", re.MULTILINE)
    head_end = re.search(r"^\s*\[", text, re.MULTILINE)
    head = text[: head_end.start()] if head_end else text
    if pattern.search(head):
        text = pattern.sub(line, head, count=1) + text[len(head) :]
    else:
        text = f"{line}\n{text}"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(path)
    return path


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------------- keys
_KEY_NAMES = frozenset(k.value for k in Keys)


def key_is_valid(key: str) -> bool:
    """True when Textual can bind `key` ("ctrl+w", "f5", "question_mark", "?", "x")."""
    *modifiers, name = key.strip().split("+")
    if not name or any(m not in MODIFIERS for m in modifiers):
        return False
    if len(name) == 1 or name in _KEY_NAMES or re.fullmatch(r"f([1-9]|1[0-9]|2[0-4])", name):
        return True
    try:
        unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return False
    return True


def _normal_key(key: str) -> str:
    key = key.strip()
    return _character_to_key(key) if len(key) == 1 else key


def check_keymap(
    keymap: dict[str, str], scopes: Iterable[Iterable[BindingType]], source: Path
) -> tuple[dict[str, str], list[str]]:
    """The keymap to apply and its problems: unknown ids or keys, two bindings on one key.

    `scopes` are groups of bindings active together (the app's, the tree's, each
    dialog's); a key taken twice within one scope is a conflict. Entries with a
    problem are left out, so the default keys stay.
    """
    problems: list[str] = []
    groups = [[b for b in scope if isinstance(b, Binding)] for scope in scopes]
    known = {b.id for group in groups for b in group if b.id}
    good: dict[str, str] = {}
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            problems.append(
                _("{file}: keys: unknown binding id “{id}”").format(file=source, id=binding_id)
            )
            continue
        bad = [k for k in keys.split(",") if not key_is_valid(k)]
        if bad:
            problems.append(
                _("{file}: keys.{id}: unknown key “{key}”").format(
                    file=source, id=binding_id, key=bad[0].strip()
                )
            )
            continue
        good[binding_id] = keys
    for group in groups:
        taken: dict[str, str] = {}
        for binding in group:
            keys = good.get(binding.id or "", binding.key)
            for key in {_normal_key(k) for k in keys.split(",")}:
                other = taken.setdefault(key, binding.id or binding.action)
                if other != (binding.id or binding.action) and (
                    binding.id in good or other in good
                ):
                    problems.append(
                        _("{file}: keys: “{key}” is given to both {a} and {b}").format(
                            file=source, key=key, a=other, b=binding.id or binding.action
                        )
                    )
                    for culprit in (binding.id, other):
                        good.pop(culprit or "", None)
    return good, problems


def binding_scopes(
    app_bindings: Iterable[BindingType], *, screens: bool
) -> list[list[BindingType]]:
    """The groups of bindings active together: the app's, the tree's, each dialog's and widget's.

    Dialogs and widgets are imported only with `screens` (when the keymap names
    an id the app and the tree do not have): they load when first used otherwise.
    """
    from textual.app import App
    from textual.dom import DOMNode
    from textual.widgets import Tree

    from okrtui.tui.widgets.objective_tree import ObjectiveTree

    scopes: list[list[BindingType]] = [
        [*App.BINDINGS, *app_bindings],
        [*Tree.BINDINGS, *ObjectiveTree.BINDINGS],
    ]
    if screens:
        import importlib
        import pkgutil

        import okrtui.tui.screens
        import okrtui.tui.widgets

        for package in (okrtui.tui.screens, okrtui.tui.widgets):
            for module_info in pkgutil.iter_modules(package.__path__):
                module = importlib.import_module(f"{package.__name__}.{module_info.name}")
                for value in vars(module).values():
                    if (
                        isinstance(value, type)
                        and issubclass(value, DOMNode)
                        and value.__module__ == module.__name__
                        and "BINDINGS" in vars(value)
                        and value is not ObjectiveTree
                    ):
                        scopes.append(list(value.BINDINGS))
    return scopes
