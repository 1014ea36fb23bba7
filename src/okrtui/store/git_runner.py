"""Running the `git` command line, and one clear line when it fails.

Git never gets a terminal: prompts are disabled, the child runs in its own
session with no stdin, and every call has a timeout, so a missing credential
fails fast with a clear `GitError` instead of hanging.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from okrtui.i18n import _
from okrtui.store.errors import StoreError

LOCAL_TIMEOUT = 120.0  # commit runs hooks such as `okrtui check`


class GitError(StoreError):
    """A git command failed; `str(error)` is one line meant for the user."""


@dataclass(frozen=True, slots=True)
class GitResult:
    """What a finished git command returned: its status, raw stdout and decoded stderr."""

    returncode: int
    stdout: bytes
    stderr: str

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8", errors="replace")


def git_environment() -> dict[str, str]:
    """The environment git runs in: C locale for parsing, no prompts of any kind."""
    env = dict(os.environ)
    env.update(
        LC_ALL="C",
        LANGUAGE="C",
        GIT_TERMINAL_PROMPT="0",
        GIT_ASKPASS="",
        SSH_ASKPASS="",
        GCM_INTERACTIVE="never",
        GIT_EDITOR=":",
        GIT_MERGE_AUTOEDIT="no",
        GIT_PAGER="cat",
        GIT_OPTIONAL_LOCKS="0",  # `git status` must not rewrite the index: the app watches it
    )
    return env


def run_git(
    args: Sequence[str],
    cwd: Path,
    *,
    timeout: float = LOCAL_TIMEOUT,
    stdin: bytes | None = None,
    action: str = "git",
) -> GitResult:
    """Run `git ARGS` in `cwd`; raise `GitError` only when git cannot run at all."""
    try:
        proc = subprocess.Popen(
            ["git", *args],
            cwd=cwd,
            env=git_environment(),
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # no controlling terminal: ssh cannot ask for a password
        )
    except FileNotFoundError as exc:
        if not cwd.is_dir():
            raise GitError(
                _("{action} failed: {path} is not a folder").format(action=action, path=cwd)
            ) from None
        raise GitError(_("git is not installed (or not on PATH)")) from exc
    try:
        out, err = proc.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        # Kill the whole group: an ssh grandchild would otherwise keep the pipes open.
        with contextlib.suppress(ProcessLookupError):  # it may have just ended
            if hasattr(os, "killpg"):
                os.killpg(proc.pid, signal.SIGKILL)
            else:  # pragma: no cover - Windows
                proc.kill()
        proc.communicate()
        raise GitError(
            _("{action} timed out after {seconds:.0f} s").format(action=action, seconds=timeout)
        ) from None
    return GitResult(proc.returncode, out, err.decode("utf-8", errors="replace"))


def explain_failure(action: str, result: GitResult) -> str:
    """One clear line for a failed git command, from what git printed."""
    text = f"{result.stderr}\n{result.text}"
    low = text.lower()
    # Substrings of git's (C locale) messages -> the reason shown to the user.
    reasons = [
        (
            "could not read username|could not read password|authentication failed|"
            "permission denied (publickey|terminal prompts disabled|host key verification",
            _("authentication required (set up an SSH key or a credential helper)"),
        ),
        (
            "repository not found|does not appear to be a git repository",
            _("the remote repository was not found"),
        ),
        (
            "could not resolve host|connection timed out|network is unreachable|"
            "connection refused|failed to connect|unable to access|"
            "could not read from remote repository",
            _("cannot reach the remote"),
        ),
        ("not a git repository", _("not a git repository")),
        (
            "please tell me who you are|empty ident|unable to auto-detect email",
            _("tell git who you are: git config user.name 'Your Name' and user.email"),
        ),
        (
            "[rejected]|non-fast-forward|fetch first",
            _("the remote has commits you do not have; pull first"),
        ),
        (
            "would be overwritten by merge|would be overwritten by checkout",
            _("commit or discard your local changes to the same files first"),
        ),
        (
            "divergent branches|not possible to fast-forward",
            _("the branches have diverged and git is set to fast-forward only"),
        ),
        ("nothing to commit|no changes added to commit", _("nothing to commit")),
    ]
    for needles, reason in reasons:
        if any(n in low for n in needles.split("|")):
            return _("{action} failed: {reason}").format(action=action, reason=reason)
    lines = [ln.strip() for ln in result.stderr.splitlines() if ln.strip()]
    lines = [ln for ln in lines if not ln.lower().startswith(("hint:", "warning:"))] or lines
    detail = (
        lines[-1] if lines else _("git exited with status {code}").format(code=result.returncode)
    )
    for prefix in ("fatal: ", "error: "):
        detail = detail.removeprefix(prefix)
    return _("{action} failed: {reason}").format(action=action, reason=detail)
