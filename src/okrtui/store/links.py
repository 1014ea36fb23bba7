"""Symbolic links that lead out of the workspace are refused, unread.

A workspace is shared through git, and git stores symbolic links: a teammate
(or anyone who can push) could commit `objectives/2026-Q4/x.toml -> /etc/passwd`
or a cycle folder pointing at a home directory. okrtui reads and writes only
what lies inside the workspace folder once every link is followed; links that
stay inside (a cycle folder linked to another one, say) are followed like the
files they point to.
"""

from __future__ import annotations

from pathlib import Path

from okrtui.i18n import _


def leads_outside(root: Path, path: Path) -> bool:
    """True when `path`, with every symbolic link followed, lies outside `root`.

    `root` must already be resolved (the store resolves it when it opens).
    """
    try:
        return not path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop, or a folder that cannot be searched
        return True


def outside_message() -> str:
    """The one message for such a link."""
    return _("a symbolic link that leads outside the workspace: refused, not read")
