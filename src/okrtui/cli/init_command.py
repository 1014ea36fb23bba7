"""`okrtui init PATH`: create an empty workspace, with editor schemas.

Besides `okrtui.toml` it writes the JSON Schemas of okrtui's files into
`.okrtui/schema/` and a `.taplo.toml` that associates them with the files, so
editors using taplo (Even Better TOML in VS Code, Helix, Neovim) complete and
check objective files. `okrtui schema --install PATH` does the same for an
existing workspace.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from okrtui.cli.output import say
from okrtui.store import StoreError, init_workspace

SCHEMA_DIR = Path(".okrtui") / "schema"
TAPLO_FILE = ".taplo.toml"
#: schema name -> the workspace files it describes (taplo globs, relative to the workspace)
SCHEMA_FILES: dict[str, list[str]] = {
    "objective": ["objectives/**/*.toml"],
    "settings": ["okrtui.toml"],
    "review": ["reviews/*.toml"],
}


def taplo_config() -> str:
    """`.taplo.toml`: each okrtui file type with its schema (paths relative to this file)."""
    lines = [
        "# Written by okrtui: editors that use taplo (Even Better TOML, Helix, Neovim)",
        "# complete and check okrtui's files with the schemas in .okrtui/schema/.",
        "# Refresh them after upgrading okrtui: okrtui schema --install .",
        "# Format with `okrtui fmt` (canonical form), not with the editor's formatter.",
        'include = ["okrtui.toml", "objectives/**/*.toml", "reviews/*.toml"]',
    ]
    for name, globs in SCHEMA_FILES.items():
        patterns = ", ".join(f'"{g}"' for g in globs)
        lines += [
            "",
            "[[rule]]",
            f"include = [{patterns}]",
            "",
            "[rule.schema]",
            f'path = "./{(SCHEMA_DIR / f"{name}.json").as_posix()}"',
        ]
    return "\n".join(lines) + "\n"


def install_editor_schemas(root: Path) -> list[Path]:
    """Write the schemas and, unless one exists, `.taplo.toml`; return the files written."""
    from okrtui.services.export_json import json_schema

    folder = root / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_FILES:
        path = folder / f"{name}.json"
        text = json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    taplo = root / TAPLO_FILE
    if not taplo.exists():
        taplo.write_text(taplo_config(), encoding="utf-8")
        written.append(taplo)
    return written


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=".", help="folder to create it in")
    parser.add_argument("--name", help="workspace name (default: the folder's name)")
    parser.add_argument(
        "--guided",
        action="store_true",
        help="ask for the name, calendar, language and cycles (the default at a terminal)",
    )


def run(args: argparse.Namespace) -> int:
    guided = args.guided or (args.name is None and sys.stdin.isatty() and sys.stdout.isatty())
    try:
        if guided:
            from okrtui.cli.guided_init import guided_init

            root = guided_init(Path(args.path))
        else:
            root = init_workspace(args.path, name=args.name)
        install_editor_schemas(root)
    except (StoreError, OSError) as exc:
        say(f"okrtui: {exc}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        say("\nokrtui: nothing created.", file=sys.stderr)
        return 1
    say(f"Created an okrtui workspace in {root}")
    say(f"Editors using taplo check its files with the schemas in {SCHEMA_DIR}/ ({TAPLO_FILE})")
    say(f"Open it with: okrtui {args.path}")
    return 0
