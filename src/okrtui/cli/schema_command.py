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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "name",
        nargs="?",
        choices=sorted(SCHEMAS),
        default=None,
        help=_("which schema (default: all three, as one JSON object by name)"),
    )
    parser.add_argument(
        "--output-dir",
        help=_("write <name>.json files into this folder instead of printing"),
    )


def run(args: argparse.Namespace) -> int:
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
