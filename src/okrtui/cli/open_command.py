"""Opening the TUI: `okrtui [WORKSPACE]` and `okrtui demo`."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from okrtui.cli.output import say
from okrtui.i18n import _, requested_language
from okrtui.store import StoreError, WorkspaceStore

FRAMES_PER_SECOND = 240
"""Textual's frame-rate cap for the app (`TEXTUAL_FPS`, unless the user set one)."""


def sample_workspace_path(language: str = "en") -> Path:
    """The bundled sample workspace (inside the wheel, or the source tree).

    `fa`: a Persian marketing team's workspace with Jalali seasons as cycles.
    """
    folder = "sample_workspace_fa" if language == "fa" else "sample_workspace"
    packaged = Path(str(resources.files("okrtui"))) / "data" / folder
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / folder


def open_workspace(path: str | Path, *, remember: bool = True) -> int:
    """Open the TUI on `path`; `remember=False` keeps no outline cache (a throw-away copy)."""
    # Start-up allocates a great deal and frees little: the app collects once,
    # after its first frame, instead of many times before it (about 8 % sooner).
    if offer_init(Path(path)) is False:
        return 2
    gc.disable()
    try:
        # stamps of cached outlines are compared after the first frame (OkrApp.on_mount)
        store = WorkspaceStore.open(path, lazy=True, remember=remember, verify_later=True)
    except (StoreError, OSError) as exc:  # not a workspace, or its folder cannot be read
        gc.enable()
        say(f"okrtui: {exc}", file=sys.stderr)
        return 2
    prepare_textual()
    from okrtui.tui.app import OkrApp

    app = OkrApp(store)
    app.run()
    if app.recovered_to is not None and app.save_failed:
        say(
            _(
                "okrtui: your unsaved changes could not be written to the workspace; they were "
                "kept in {path} (one file per objective, laid out as in the workspace)."
            ).format(path=app.recovered_to),
            file=sys.stderr,
        )
    elif app.recovered_to is not None and app.stopped_by is not None:
        with contextlib.suppress(OSError):  # after a SIGHUP no terminal may be left
            say(
                _(
                    "okrtui: it was stopped by {signal}; your unsaved changes were kept in "
                    "{path} (one file per objective, laid out as in the workspace)."
                ).format(signal=signal.Signals(app.stopped_by).name, path=app.recovered_to),
                file=sys.stderr,
            )
    elif app.recovered_to is not None:
        say(
            _(
                "okrtui: it stopped on an error, but your unsaved changes were kept in "
                "{path} (one file per objective, laid out as in the workspace; "
                "the workspace itself holds what was last saved)."
            ).format(path=app.recovered_to),
            file=sys.stderr,
        )
    return app.return_code or 0


def prepare_textual() -> None:
    """Settings Textual reads once, when it is imported: call before it is.

    Textual draws at most `TEXTUAL_FPS` frames a second (60 by default), and a
    frame asked for right after another waits one to two of its slots: 17-33 ms
    at 60. The form that follows the tree's cursor is such a frame
    (`EditorPane.follow_key`: the cursor is drawn first). At 240 it waits 4-8
    ms. The screen is still drawn only when something changed, so an idle app
    draws nothing. A `TEXTUAL_FPS` the user set is kept.
    """
    os.environ.setdefault("TEXTUAL_FPS", str(FRAMES_PER_SECOND))


def offer_init(path: Path, ask: Callable[[str], str] = input) -> bool | None:
    """A first run in a folder that is not a workspace: offer the guided `okrtui init`.

    None: nothing to offer (a workspace, or no terminal to ask at); True: one
    was created; False: the user declined or stopped.
    """
    from okrtui.store.workspace import SETTINGS_FILE

    if (path / SETTINGS_FILE).exists() or not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    if path.exists() and not path.is_dir():
        return None
    from okrtui.cli.guided_init import guided_init
    from okrtui.cli.init_command import install_editor_schemas

    print(f"There is no okrtui workspace in {path.resolve()} yet.")
    try:
        if ask("Create one here (okrtui init)? [Y/n] ").strip().lower() not in ("", "y", "yes"):
            print("Nothing created. 'okrtui demo' opens a sample to try.")
            return False
        install_editor_schemas(guided_init(path, ask=ask))
    except (EOFError, KeyboardInterrupt, OSError, StoreError) as exc:
        print(f"\nokrtui: nothing created. {exc}".rstrip(), file=sys.stderr)
        return False
    return True


def copy_sample(destination: Path, language: str = "en") -> Path:
    """Copy the sample workspace to `destination` (the installed copy is never modified)."""
    shutil.copytree(sample_workspace_path(language), destination)
    return destination


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--keep", action="store_true", help=_("keep the temporary copy on exit"))


STOP_SIGNALS: tuple[int, ...] = tuple(
    getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name)
)
"""A terminal closed (over SSH: SIGHUP) or a polite kill: the demo still cleans up, and
the app keeps unsaved edits aside (`tui.stop_signals`)."""


def _stop(signum: int, _frame: object) -> None:
    """Leave the way an error would, so `finally` blocks (the demo's clean-up) run."""
    raise SystemExit(128 + signum)


def run(args: argparse.Namespace) -> int:
    previous = {number: signal.signal(number, _stop) for number in STOP_SIGNALS}
    tmp = Path(tempfile.mkdtemp(prefix="okrtui-demo-"))
    workspace = tmp / "workspace"
    try:
        copy_sample(workspace, requested_language() or "en")
        from okrtui.cli.demo_history import build_history

        build_history(workspace)  # weeks of commits for the git panel and history (if git)
        return open_workspace(workspace, remember=False)
    finally:
        # the copy goes whichever way the demo ends: quit, error, SIGHUP or SIGTERM
        if args.keep:
            with contextlib.suppress(OSError):  # no terminal left after a SIGHUP
                say(_("The demo workspace was kept in {path}").format(path=workspace))
        else:
            shutil.rmtree(tmp, ignore_errors=True)
        for number, handler in previous.items():
            signal.signal(number, handler)
