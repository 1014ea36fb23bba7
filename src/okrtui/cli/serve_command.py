"""`okrtui serve [WORKSPACE] [--host 127.0.0.1] [--port 8000]`: the app in a web browser.

textual-serve runs a web server whose page connects over a websocket; each
connection (each browser tab) starts its own `okrtui WORKSPACE` process, so
every tab is its own session on the same folder and the store's no-clobber
rule keeps concurrent editors safe. There is no login: it binds to loopback
by default and warns when told to bind anywhere else. Textual itself is
imported only by the served processes, never by this command.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path

from okrtui.cli.console import echo, fail
from okrtui.i18n import _
from okrtui.store import SETTINGS_FILE, NotAWorkspaceError

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1: reachable from this machine only."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_command(workspace: Path) -> str:
    """The shell command textual-serve starts per browser tab: this okrtui on `workspace`."""
    return shlex.join([sys.executable, "-m", "okrtui", str(workspace)])


def exposure_warning(host: str, port: int) -> str:
    return _(
        "okrtui: warning: okrtui serve has no login: anyone who can reach {host}:{port} "
        "can read and change every objective in this workspace. Prefer the default "
        "127.0.0.1 and an SSH tunnel (ssh -L {port}:127.0.0.1:{port} server), see the README."
    ).format(host=host, port=port)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", nargs="?", default=".", help=_("workspace folder"))
    parser.add_argument(
        "--host", default="127.0.0.1", help=_("address to bind (default: 127.0.0.1)")
    )
    parser.add_argument("--port", type=int, default=8000, help=_("port (default: 8000)"))
    parser.add_argument(
        "--public-url",
        help=_("the URL browsers use, when it differs from http://HOST:PORT (a proxy, a tunnel)"),
    )


def run(args: argparse.Namespace) -> int:
    workspace = Path(args.workspace).resolve()
    if not (workspace / SETTINGS_FILE).is_file():
        return fail(str(NotAWorkspaceError(workspace)))
    if not 0 < args.port < 65536:
        return fail(_("--port must be 1 to 65535"))
    if not is_loopback(args.host):
        echo(exposure_warning(args.host, args.port), err=True)
        if args.host in ("0.0.0.0", "::") and not args.public_url:
            hint = _("okrtui: browsers on other machines also need --public-url http://NAME:{port}")
            echo(hint.format(port=args.port), err=True)
    from textual_serve.server import Server

    host = f"[{args.host}]" if ":" in args.host else args.host
    server = Server(
        app_command(workspace),
        host=args.host,
        port=args.port,
        title=f"okrtui · {workspace.name}",
        public_url=args.public_url or f"http://{host}:{args.port}",
    )
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the address is not this machine's
        return fail(f"{args.host}:{args.port}: {exc.strerror or exc}")
    return 0
