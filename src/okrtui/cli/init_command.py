"""`okrtui init PATH`: create an empty workspace."""

from __future__ import annotations

import argparse
import sys

from okrtui.store import StoreError, init_workspace


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
            from pathlib import Path

            from okrtui.cli.guided_init import guided_init

            root = guided_init(Path(args.path))
        else:
            root = init_workspace(args.path, name=args.name)
    except (StoreError, OSError) as exc:
        print(f"okrtui: {exc}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nokrtui: nothing created.", file=sys.stderr)
        return 1
    print(f"Created an okrtui workspace in {root}")
    print(f"Open it with: okrtui {args.path}")
    return 0
