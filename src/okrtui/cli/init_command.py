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
from okrtui.i18n import _
from okrtui.model import Calendar
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
    parser.add_argument("path", nargs="?", default=".", help=_("folder to create it in"))
    parser.add_argument("--name", help=_("workspace name (default: the folder's name)"))
    parser.add_argument(
        "--calendar",
        choices=("gregorian", "jalali"),
        default=None,
        help=_("gregorian: this quarter as a cycle; jalali: this Jalali year's four seasons"),
    )
    parser.add_argument(
        "--guided",
        action="store_true",
        help=_("ask for the name, calendar, language and cycles (the default at a terminal)"),
    )


def run(args: argparse.Namespace) -> int:
    asked = args.name is None and args.calendar is None
    guided = args.guided or (asked and sys.stdin.isatty() and sys.stdout.isatty())
    cycles = None
    calendar = Calendar(args.calendar or "gregorian")
    if calendar is Calendar.JALALI and not guided:
        import datetime as dt

        from okrtui.services.jalali_cycles import jalali_year, season_cycles

        cycles = season_cycles(jalali_year(dt.date.today()))
    try:
        if guided:
            from okrtui.cli.guided_init import guided_init

            root = guided_init(Path(args.path))
        else:
            root = init_workspace(args.path, name=args.name, cycles=cycles, calendar=calendar)
        install_editor_schemas(root)
    except (StoreError, OSError) as exc:
        say(f"okrtui: {exc}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        say("\n" + _("okrtui: nothing created."), file=sys.stderr)
        return 1
    say(_("Created an okrtui workspace in {root}").format(root=root))
    if cycles:
        say(_("Cycles: {names}").format(names=", ".join(f"{c.name} ({c.label})" for c in cycles)))
    say(
        _("Editors using taplo check its files with the schemas in {folder}/ ({file})").format(
            folder=SCHEMA_DIR, file=TAPLO_FILE
        )
    )
    say(_("Open it with: okrtui {path}").format(path=args.path))
    return 0
