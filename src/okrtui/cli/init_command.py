"""`okrtui init PATH`: create an empty workspace."""

from __future__ import annotations

import argparse
import sys

from okrtui.cli.output import say
from okrtui.store import StoreError, init_workspace


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=".", help="folder to create it in")
    parser.add_argument("--name", help="workspace name (default: the folder's name)")


def run(args: argparse.Namespace) -> int:
    try:
        root = init_workspace(args.path, name=args.name)
    except (StoreError, OSError) as exc:
        say(f"okrtui: {exc}", file=sys.stderr)
        return 1
    say(f"Created an okrtui workspace in {root}")
    say(f"Open it with: okrtui {args.path}")
    return 0
