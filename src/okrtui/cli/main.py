"""`okrtui [WORKSPACE]` and its sub-commands.

Each sub-command lives in its own module with `add_arguments(parser)` and
`run(args) -> int`, imported only when it runs, so `okrtui check` never pays
for importing Textual.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from okrtui import __version__

#: name -> (module, one-line help). Modules are imported lazily.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("okrtui.cli.init_command", "create an empty workspace"),
    "demo": ("okrtui.cli.open_command", "open a temporary copy of the sample workspace"),
    "check": ("okrtui.cli.check_command", "check files and SMART rules (for git hooks and CI)"),
    "fmt": ("okrtui.cli.git_commands", "rewrite workspace files in canonical form"),
    "merge-file": ("okrtui.cli.git_commands", "git merge driver for objective files"),
    "git-setup": ("okrtui.cli.git_commands", "install the merge driver in this repository"),
    "export": ("okrtui.cli.export_command", "export as CSV tables, JSON or a Markdown report"),
    "schema": ("okrtui.cli.schema_command", "print the JSON Schema of a file okrtui reads"),
    "checkin": ("okrtui.cli.checkin_command", "record a check-in of a key result"),
    "import": ("okrtui.cli.import_command", "import check-ins from a CSV file"),
    "list": ("okrtui.cli.list_command", "list objectives and key results (text or JSON)"),
    "serve": ("okrtui.cli.serve_command", "serve the app in a web browser"),
}


def _epilog() -> str:
    width = max(len(n) for n in COMMANDS)
    rows = "\n".join(f"  {name:<{width}}  {help_}" for name, (_m, help_) in COMMANDS.items())
    return f"commands:\n{rows}\n\nRun 'okrtui COMMAND --help' for a command's options."


def _top_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="okrtui",
        description="OKRs with SMART key results, in the terminal. "
        "Opens the workspace in WORKSPACE (default: the current folder).",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"okrtui {__version__}")
    parser.add_argument("workspace", nargs="?", default=".", help="workspace folder")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in COMMANDS:
        name = args_list[0]
        module_name, help_ = COMMANDS[name]
        module = importlib.import_module(module_name)
        parser = argparse.ArgumentParser(prog=f"okrtui {name}", description=help_)
        module.add_arguments(parser)
        args = parser.parse_args(args_list[1:])
        result: int = module.run(args)
        return result
    args = _top_parser().parse_args(args_list)
    from okrtui.cli import open_command

    return open_command.open_workspace(args.workspace)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
