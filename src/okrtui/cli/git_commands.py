"""The git-facing commands: `okrtui fmt`, `okrtui merge-file` and `okrtui git-setup`.

One module serves the three; which one runs is read from the parser's
`prog` ("okrtui fmt", ...), which `okrtui.cli.main` sets.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from okrtui.cli.output import say
from okrtui.i18n import _, count
from okrtui.store import (
    SETTINGS_FILE,
    NotAWorkspaceError,
    SaveRefusedError,
    StoreError,
    WorkspaceStore,
    render_objective,
    render_settings,
)
from okrtui.store.git import GitError, GitRepo
from okrtui.store.merge import merge_files
from okrtui.store.toml_io import atomic_write
from okrtui.store.workspace import digest

DRIVER_NAME = "okrtui"
ATTRIBUTES_FILE = ".gitattributes"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    command = parser.prog.split()[-1]
    parser.set_defaults(command=command)
    if command == "fmt":
        parser.add_argument("workspace", nargs="?", default=".", help=_("workspace folder"))
        parser.add_argument(
            "--check", action="store_true", help=_("only list the files that would change")
        )
    elif command == "merge-file":
        parser.add_argument("base", help=_("the common ancestor (git's %%O)"))
        parser.add_argument("ours", help=_("our version; the result is written here (%%A)"))
        parser.add_argument("theirs", help=_("their version (%%B)"))
        parser.add_argument("path", nargs="?", help=_("the file's path in the repository (%%P)"))
    else:
        parser.add_argument("workspace", nargs="?", default=".", help=_("workspace folder"))
        parser.add_argument(
            "--command",
            dest="driver_command",
            metavar="COMMAND",
            help=_("merge driver command for git (default: this Python running okrtui)"),
        )


def run(args: argparse.Namespace) -> int:
    commands = {"fmt": run_fmt, "merge-file": run_merge_file, "git-setup": run_git_setup}
    try:
        return commands[args.command](args)
    except (StoreError, OSError) as exc:
        say(f"okrtui {args.command}: {exc}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as exc:  # a file read outside the store's own checks
        message = _("a file is not UTF-8 text ({reason})").format(reason=exc.reason)
        say(f"okrtui {args.command}: {message}", file=sys.stderr)
        return 2


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------- fmt
def run_fmt(args: argparse.Namespace) -> int:
    """Rewrite files canonically; files that do not load are listed, never touched."""
    try:
        store = WorkspaceStore.open(args.workspace)
    except NotAWorkspaceError as exc:
        say(f"okrtui fmt: {exc}", file=sys.stderr)
        return 2
    root = store.root
    targets: list[tuple[Path, str, str]] = []  # (path, digest when loaded, canonical text)
    if store.settings_state is not None and store.settings_state.path not in store.broken:
        state = store.settings_state
        targets.append((state.path, state.digest, render_settings(store.settings)))
    for objective_id, state in sorted(store.files.items(), key=lambda item: item[1].path):
        targets.append((state.path, state.digest, render_objective(store.objectives[objective_id])))
    changed = 0
    for path, loaded_digest, text in targets:
        if digest(text.encode("utf-8")) == loaded_digest:
            continue
        changed += 1
        if args.check:
            say(_("would reformat {path}").format(path=_relative(path, root)))
            continue
        if digest(path.read_bytes()) != loaded_digest:
            say(_("skipped {path}: it changed while fmt ran").format(path=_relative(path, root)))
            continue
        atomic_write(path, text)  # in place: fmt never moves a file to another cycle
        say(_("reformatted {path}").format(path=_relative(path, root)))
    for path, errors in sorted(store.broken.items()):
        say(
            _("not formatted (does not load): {error}").format(error=errors[0].describe(root))
            if errors
            else _("not formatted (does not load): {path}").format(path=_relative(path, root)),
            file=sys.stderr,
        )
    if store.broken or (args.check and changed):
        return 1
    if not changed:
        say(_("all {count} files are canonical").format(count=count(len(targets))))
    return 0


# ---------------------------------------------------------------------- merge-file
def run_merge_file(args: argparse.Namespace) -> int:
    """git's merge driver: exit 0 when the merge is clean, 1 on a conflict."""
    ours = Path(args.ours)
    name = args.path or args.ours
    outcome = merge_files(Path(args.base), ours, Path(args.theirs))
    if outcome.textual:
        say(
            _("okrtui merge-file: {path} did not load on one side; merged line by line").format(
                path=name
            ),
            file=sys.stderr,
        )
    for conflict in outcome.conflicts:
        say(
            _("okrtui merge-file: conflict in {path}: {detail}").format(
                path=name, detail=conflict.describe()
            ),
            file=sys.stderr,
        )
    return 0 if outcome.clean else 1


# ---------------------------------------------------------------------- git-setup
def default_driver_command() -> str:
    """This very interpreter running okrtui, so the driver works from hooks and GUIs too."""
    return f"{shlex.quote(sys.executable)} -m okrtui merge-file %O %A %B %P"


def attributes_line(workspace: Path, top: Path) -> str:
    """The `.gitattributes` line that gives the workspace's objective files the driver."""
    relative = workspace.relative_to(top).as_posix()
    pattern = "objectives/**/*.toml" if relative == "." else f"{relative}/objectives/**/*.toml"
    if any(ch.isspace() or ch == '"' for ch in pattern):
        pattern = '"' + pattern.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{pattern} merge={DRIVER_NAME}"


def ensure_attributes(path: Path, line: str) -> bool:
    """Add `line` to the attributes file unless it is there; True when written."""
    try:
        existing = path.read_text("utf-8") if path.exists() else ""
    except UnicodeDecodeError as exc:  # never rewrite a file we cannot read whole
        raise SaveRefusedError(
            path, _("not UTF-8 text: {reason}").format(reason=exc.reason)
        ) from None
    if line in (ln.strip() for ln in existing.splitlines()):
        return False
    if existing and not existing.endswith("\n"):
        existing += "\n"
    atomic_write(path, existing + line + "\n")
    return True


def run_git_setup(args: argparse.Namespace) -> int:
    """Install the field-level merge driver for this workspace's repository."""
    workspace = Path(args.workspace).resolve()
    if not (workspace / SETTINGS_FILE).is_file():
        raise NotAWorkspaceError(workspace)
    repo = GitRepo(workspace)
    if not repo.is_repo():
        message = _("{path} is not in a git repository; run git init first")
        raise GitError(message.format(path=workspace))
    top = repo.top
    line = attributes_line(workspace, top)
    if ensure_attributes(top / ATTRIBUTES_FILE, line):
        say(_("added to {file}: {line}").format(file=ATTRIBUTES_FILE, line=line))
    else:
        say(_("{file} already has: {line}").format(file=ATTRIBUTES_FILE, line=line))
    command = args.driver_command or default_driver_command()
    repo.set_config(f"merge.{DRIVER_NAME}.name", "okrtui field-level merge of objective files")
    repo.set_config(f"merge.{DRIVER_NAME}.driver", command)
    say(_("set merge.{name}.driver = {command}").format(name=DRIVER_NAME, command=command))
    hint = _("commit {file}; every clone runs okrtui git-setup once (git config is not shared)")
    say(hint.format(file=ATTRIBUTES_FILE))
    return 0
