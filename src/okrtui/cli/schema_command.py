"""`okrtui schema [objective|settings|export]`: JSON Schemas from the pydantic models.

Editors that read JSON Schema (taplo: Even Better TOML, Helix, Neovim)
complete and check objective files and `okrtui.toml` with them; `okrtui init`
writes them into the workspace. Never imports Textual.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from okrtui.cli.console import echo, fail
from okrtui.i18n import _
from okrtui.services.export_json import SCHEMAS, json_schema


def schema_text(name: str) -> str:
    return json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n"


def _install(root: Path) -> int:
    from okrtui.cli.init_command import TAPLO_FILE, install_editor_schemas
    from okrtui.store import SETTINGS_FILE, NotAWorkspaceError

    if not (root / SETTINGS_FILE).is_file():
        return fail(str(NotAWorkspaceError(root.resolve())))
    try:
        written = install_editor_schemas(root)
    except OSError as exc:
        return fail(f"{exc.filename or root}: {exc.strerror}")
    for path in written:
        echo(_("wrote {path}").format(path=path))
    if root / TAPLO_FILE not in written:
        echo(
            _("kept the existing {file}: see the README to add the schemas to it").format(
                file=TAPLO_FILE
            )
        )
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "name",
        nargs="?",
        choices=sorted(SCHEMAS),
        default=None,
        help=_("which schema (default: all, as one JSON object by name)"),
    )
    parser.add_argument(
        "--install",
        metavar="WORKSPACE",
        help=_("write the schemas into WORKSPACE/.okrtui/schema and a .taplo.toml (if none)"),
    )
    parser.add_argument(
        "--output-dir",
        help=_("write <name>.json files into this folder instead of printing"),
    )


def run(args: argparse.Namespace) -> int:
    if args.install:
        return _install(Path(args.install))
    names = [args.name] if args.name else sorted(SCHEMAS)
    if args.output_dir:
        folder = Path(args.output_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name in names:
                (folder / f"{name}.json").write_text(schema_text(name), encoding="utf-8")
                echo(_("wrote {path}").format(path=folder / f"{name}.json"))
        except OSError as exc:
            return fail(f"{exc.filename or folder}: {exc.strerror}")
        return 0
    if args.name:
        print(schema_text(args.name), end="")
    else:
        print(json.dumps({n: json_schema(n) for n in names}, ensure_ascii=False, indent=2))
    return 0
