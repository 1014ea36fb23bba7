"""`okrtui demo`'s copy as a git repository whose history follows the check-ins.

The first commit holds the objectives as planned (no check-ins); then one
commit per week adds that week's check-ins, dated that week
(GIT_AUTHOR_DATE / GIT_COMMITTER_DATE) and authored by who checked in; the
last commit makes the files exactly the sample's. So the git panel, the
history (`H`) and "changed since" have something real to show at once.
Without git the copy simply stays a folder.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections import Counter
from pathlib import Path

from okrtui.model import Objective
from okrtui.store import WorkspaceStore
from okrtui.store.git_runner import git_environment
from okrtui.store.workspace import render_objective

DEMO_EMAIL = "demo@okrtui.invalid"


class _Git:
    """git in one folder, isolated from the user's hooks, signing and identity."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def __call__(self, *args: str, when: dt.datetime | None = None, author: str = "") -> None:
        env = git_environment()
        env.update(GIT_CONFIG_NOSYSTEM="1")
        if when is not None:
            stamp = when.isoformat()
            env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
        name = author or "okrtui demo"
        settings = [
            "-c", f"user.name={name}",
            "-c", f"user.email={DEMO_EMAIL}",
            "-c", "commit.gpgsign=false",
            "-c", "core.hooksPath=/dev/null",
            "-c", "init.defaultBranch=main",
        ]  # fmt: skip
        subprocess.run(
            ["git", *settings, *args],
            cwd=self.root,
            env=env,
            check=True,
            capture_output=True,
            timeout=30,
        )


def _as_of(objective: Objective, cutoff: dt.date) -> Objective:
    """`objective` with only the check-ins up to `cutoff`."""
    copy = objective.model_copy(deep=True)
    for kr in copy.key_results:
        kr.checkins = [c for c in kr.checkins if c.date <= cutoff]
    dates = [c.date for kr in copy.key_results for c in kr.checkins]
    copy.updated = max(dates, default=copy.created)
    return copy


def _write(store: WorkspaceStore, objectives: list[Objective], cutoff: dt.date) -> None:
    for objective in objectives:
        path = store.objective_path(objective)
        text = render_objective(_as_of(objective, cutoff))
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")


def _noon(day: dt.date, hour: int = 17) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def _staged(root: Path) -> bool:
    """True when the index differs from the last commit (or there is none yet)."""
    head = subprocess.run(
        ["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=root, capture_output=True, check=False
    )
    if head.returncode != 0:
        return True
    diff = subprocess.run(["git", "diff", "--cached", "--quiet"], cwd=root, check=False)
    return diff.returncode == 1


def build_history(root: Path) -> int:
    """Make `root` a repository with a commit per week of check-ins; return the commits made.

    0 when git is not installed or fails (the folder is then left as it was).
    """
    store = WorkspaceStore.open(root)
    objectives = list(store.objectives.values())
    originals = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    checkins = sorted(
        (c.date, c.author) for o in objectives for kr in o.key_results for c in kr.checkins
    )
    weeks = sorted({day - dt.timedelta(days=day.weekday()) for day, _author in checkins})
    plans = sorted({o.created for o in objectives if o.created is not None})
    if not plans and weeks:
        plans = [weeks[0] - dt.timedelta(days=1)]
    # (cutoff, when, message, author): a commit per planning day and per week of check-ins
    points: list[tuple[dt.date, dt.datetime, str, str]] = []
    for day in plans:
        made_that_day = [o for o in objectives if o.created == day]
        owner = next((o.owner for o in made_that_day if o.owner), "")
        message = f"Plan {len(made_that_day)} objective(s)"
        points.append((day, _noon(day, 10), message, owner))
    for week in weeks:
        end = week + dt.timedelta(days=6)
        this_week = [(d, a) for d, a in checkins if week <= d <= end]
        authors = Counter(a for _d, a in this_week if a)
        author = authors.most_common(1)[0][0] if authors else ""
        last = max(d for d, _a in this_week)
        message = f"Check-ins for the week of {week.isoformat()} ({len(this_week)})"
        points.append((last, _noon(last), message, author))
    points.sort(key=lambda p: p[1])
    git = _Git(root)
    made = 0
    try:
        git("init", "-q")
        for objective in objectives:  # each appears in the commit of the day it was made
            store.objective_path(objective).unlink()
        for cutoff, when, message, author in points:
            _write(store, [o for o in objectives if (o.created or cutoff) <= cutoff], cutoff)
            git("add", "-A")
            if _staged(root):
                git("commit", "-q", "-m", message, when=when, author=author)
                made += 1
        for path, data in originals.items():
            if path.read_bytes() != data:
                path.write_bytes(data)
        git("add", "-A")
        if _staged(root):
            finished = _noon(checkins[-1][0], 18) if checkins else None
            git("commit", "-q", "-m", "Notes and reviews", when=finished)
            made += 1
    except (OSError, subprocess.SubprocessError):
        for path, data in originals.items():  # the sample, whatever git did
            path.write_bytes(data)
        return 0
    return made
