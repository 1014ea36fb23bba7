"""Symbolic links that lead out of the workspace are refused, unread.

A workspace is shared through git, and git stores symbolic links: a teammate
(or anyone who can push) could commit `objectives/2026-Q4/x.toml -> /etc/passwd`
or a cycle folder pointing at a home directory. okrtui reads and writes only
what lies inside the workspace folder once every link is followed; links that
stay inside (a cycle folder linked to another one, say) are followed like the
files they point to.
"""

from __future__ import annotations

import os
import stat
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


class LinkGuard:
    """`leads_outside` for many files in a few folders, at one `lstat` per file.

    A file that is no link, in a folder found inside the workspace, lies
    inside too; links (and files that cannot be stat'ed) are resolved as
    `leads_outside` does. Folders are remembered: make one per pass over the
    workspace, not one for the app's life (a folder may become a link).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._folders: dict[str, bool] = {}

    def stat_inside(self, path: Path | str) -> os.stat_result | None:
        """`path`'s stat (links followed) when it lies inside; None when it leads outside
        or cannot be stat'ed. A string costs less than a `Path` (10,000 times at a start)."""
        try:
            st = os.lstat(path)
        except OSError:
            st = None
        if st is None or stat.S_ISLNK(st.st_mode):
            if leads_outside(self.root, Path(path)):
                return None
            try:
                return os.stat(path)  # noqa: PTH116
            except OSError:
                return None
        folder = os.path.dirname(path)  # noqa: PTH120  (pathlib costs more, 10,000 times)
        inside = self._folders.get(folder)
        if inside is None:
            inside = self._folders[folder] = not leads_outside(self.root, Path(folder))
        return st if inside else None
