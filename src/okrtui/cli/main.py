"""`okrtui [WORKSPACE]` and its sub-commands.

Each sub-command lives in its own module with `add_arguments(parser)` and
`run(args) -> int`, imported only when it runs, so `okrtui check` never pays
for importing Textual.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence
from typing import Any

from okrtui import __version__
from okrtui.cli.parser import Parser, parser
from okrtui.i18n import N_, _, choose_language, request_language, set_language

#: name -> (module, one-line help). Modules are imported lazily.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("okrtui.cli.init_command", N_("create an empty workspace")),
    "demo": ("okrtui.cli.open_command", N_("open a temporary copy of the sample workspace")),
    "check": ("okrtui.cli.check_command", N_("check files and SMART rules (for git hooks and CI)")),
    "fmt": ("okrtui.cli.git_commands", N_("rewrite workspace files in canonical form")),
    "merge-file": ("okrtui.cli.git_commands", N_("git merge driver for objective files")),
    "git-setup": ("okrtui.cli.git_commands", N_("install the merge driver in this repository")),
    "export": ("okrtui.cli.export_command", N_("export as CSV tables, JSON or a Markdown report")),
    "schema": ("okrtui.cli.schema_command", N_("print the JSON Schema of a file okrtui reads")),
    "checkin": ("okrtui.cli.checkin_command", N_("record a check-in of a key result")),
    "import": ("okrtui.cli.import_command", N_("import check-ins from a CSV file")),
    "list": ("okrtui.cli.list_command", N_("list objectives and key results (text or JSON)")),
    "serve": ("okrtui.cli.serve_command", N_("serve the app in a web browser")),
}


def _epilog() -> str:
    width = max(len(n) for n in COMMANDS)
    rows = "\n".join(f"  {name:<{width}}  {_(help_)}" for name, (_m, help_) in COMMANDS.items())
    return _("commands:\n{rows}\n\nRun 'okrtui COMMAND --help' for a command's options.").format(
        rows=rows
    )


def _top_parser() -> argparse.ArgumentParser:
    top = parser(
        prog="okrtui",
        description=_(
            "OKRs with SMART key results, in the terminal. "
            "Opens the workspace in WORKSPACE (default: the current folder)."
        ),
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument(
        "--version",
        action="version",
        version=f"okrtui {__version__}",
        help=_("show program's version number and exit"),  # argparse's msgid, not marked there
    )
    top.add_argument("workspace", nargs="?", default=".", help=_("workspace folder"))
    add_display_options(top)
    return top


def add_display_options(parser: argparse.ArgumentParser) -> None:
    """`--lang` and `--bidi`, accepted before or after any sub-command."""
    parser.add_argument(
        "--lang", choices=("en", "fa"), help=_("interface language (default: the workspace's)")
    )
    parser.add_argument(
        "--bidi",
        choices=("auto", "app", "terminal"),
        help=_("who reorders and joins right-to-left text (default: auto, or OKRTUI_BIDI)"),
    )


def _take_display_options(args: list[str]) -> list[str]:
    """Apply `--lang`/`--bidi` wherever they are given and return the other arguments."""
    pre = Parser(prog="okrtui", add_help=False)
    pre.add_argument("--lang", choices=("en", "fa"))
    pre.add_argument("--bidi", choices=("auto", "app", "terminal"))
    known, rest = pre.parse_known_args(args)
    request_language(known.lang)
    set_language(choose_language())
    if known.bidi:
        from okrtui.i18n.bidi_mode import request_bidi

        request_bidi(known.bidi)
    return rest


def main(argv: Sequence[str] | None = None) -> int:
    args_list = _take_display_options(list(sys.argv[1:] if argv is None else argv))
    if args_list and args_list[0] in COMMANDS:
        name = args_list[0]
        module_name, help_ = COMMANDS[name]
        module = _import_command(module_name)
        command = parser(prog=f"okrtui {name}", description=_(help_))
        module.add_arguments(command)
        add_display_options(command)
        args = command.parse_args(args_list[1:])
        result: int = module.run(args)
        return result
    args = _top_parser().parse_args(args_list)
    open_command = _import_command("okrtui.cli.open_command")
    return open_command.open_workspace(args.workspace)  # type: ignore[no-any-return]


def _import_command(name: str) -> Any:
    """Import a command's module with Python's garbage collection paused meanwhile.

    It brings in the store, the models and pydantic (Textual too, for the
    app): tens of thousands of objects that all stay. The collections Python
    would run among them free nothing; skipping them starts `okrtui` about
    5 ms sooner (issue 9: first frame). Collection is as it was afterwards.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return importlib.import_module(name)
    finally:
        if collecting:
            gc.enable()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
