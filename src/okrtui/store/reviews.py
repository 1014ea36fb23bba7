"""Review files: `reviews/<YYYY-MM-DD>.toml` in the workspace.

A review's file name is its date, so nothing read from a file can name a
path. A review file that does not load is never overwritten, and no review
is read or written through a link that leads outside the workspace.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from okrtui.model.review import Decision, Review
from okrtui.store.errors import ConflictError, SaveRefusedError, StoreError, WorkspaceError
from okrtui.store.locate import locate_line
from okrtui.store.toml_io import TomlSyntaxError, atomic_write, dumps_canonical, parse_toml
from okrtui.store.workspace import digest, validation_errors

REVIEWS_DIR = "reviews"
_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})\.toml$")


class ReviewLoadError(StoreError):
    """A review file that did not load; `errors` say where and why."""

    def __init__(self, path: Path, errors: list[WorkspaceError]) -> None:
        self.path = path
        self.errors = errors
        super().__init__(errors[0].describe() if errors else f"{path}: cannot load")


def review_date(path: Path) -> dt.date | None:
    """The date a review file's name stands for, or None if it is not a review file."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match[1])
    except ValueError:
        return None


def _inside(root: Path, path: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def review_path(root: Path, day: dt.date) -> Path:
    """Where the review of `day` lives; refuses a reviews folder leading outside `root`."""
    path = Path(root) / REVIEWS_DIR / f"{day.isoformat()}.toml"
    if not _inside(Path(root), path):
        raise SaveRefusedError(path, "path lies outside the workspace")
    return path


def list_reviews(root: Path) -> list[Path]:
    """Review files of the workspace, oldest first. Other files are ignored."""
    folder = Path(root) / REVIEWS_DIR
    if not folder.is_dir() or not _inside(Path(root), folder):
        return []
    found = [
        (day, path)
        for path in folder.iterdir()
        if (day := review_date(path)) is not None and path.is_file() and _inside(Path(root), path)
    ]
    return [path for _day, path in sorted(found)]


def review_from_text(path: Path, text: str) -> Review:
    """Parse and validate one review file; raise `ReviewLoadError`."""
    try:
        data: dict[str, Any] = parse_toml(text)
    except TomlSyntaxError as exc:
        error = WorkspaceError(path, f"TOML syntax error: {exc.message}", exc.line, exc.column)
        raise ReviewLoadError(path, [error]) from None
    try:
        review = Review.model_validate(data)
    except ValidationError as exc:
        raise ReviewLoadError(path, validation_errors(path, text, exc)) from None
    missing = _revisions_without_target(review)
    if missing:
        objective_index, kr_index = missing[0]
        loc = ("objectives", objective_index, "key_results", kr_index, "new_target")
        error = WorkspaceError(
            path,
            "a revise_target decision needs a new_target",
            locate_line(text, loc),
            field=f"objectives[{objective_index}].key_results[{kr_index}].new_target",
        )
        raise ReviewLoadError(path, [error])
    expected = review_date(path)
    if expected is not None and review.date != expected:
        message = f"date {review.date} does not match the file name {path.name!r}"
        error = WorkspaceError(path, message, locate_line(text, ("date",)), field="date")
        raise ReviewLoadError(path, [error])
    return review


def _revisions_without_target(review: Review) -> list[tuple[int, int]]:
    """(objective index, key result index) of each `revise_target` with no new target."""
    return [
        (i, j)
        for i, objective in enumerate(review.objectives)
        for j, entry in enumerate(objective.key_results)
        if entry.decision is Decision.REVISE_TARGET and entry.new_target is None
    ]


def load_review(path: Path) -> Review:
    """Load one review file; raise `ReviewLoadError` with the file's problems."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ReviewLoadError(
            path, [WorkspaceError(path, f"cannot read: {exc.strerror}")]
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        error = WorkspaceError(path, f"not UTF-8 text: {exc.reason}")
        raise ReviewLoadError(path, [error]) from None
    return review_from_text(path, text)


def render_review(review: Review) -> str:
    """Canonical TOML text of a review."""
    data = review.model_dump()
    for objective in data["objectives"]:
        for entry in objective["key_results"]:
            removed = entry.get("removed")
            if removed is not None:
                # unanswered SMART criteria are noise, as in objective files
                removed["smart"] = {
                    criterion: answer
                    for criterion, answer in removed["smart"].items()
                    if answer["done"] or answer["answer"]
                }
    return dumps_canonical(data)


def file_digest(path: Path) -> str | None:
    """The sha256 of a review file as it is now; None when there is none."""
    try:
        return digest(path.read_bytes())
    except FileNotFoundError:
        return None


def save_review(root: Path, review: Review, *, opened_as: str | bool | None = False) -> Path:
    """Write `review` to `reviews/<date>.toml` and return the path.

    Raises `SaveRefusedError` when a file already there does not load (it
    would be lost) or the path leads outside the workspace. With `opened_as`
    (the file's `file_digest` when the review was opened, None if there was
    no file), raises `ConflictError` when the file changed since: a
    teammate's review of the same day is never silently replaced.
    """
    path = review_path(Path(root), review.date)
    if opened_as is not False and file_digest(path) != opened_as:
        raise ConflictError(path)
    if _revisions_without_target(review):
        # it would not load again, and a file that does not load is never overwritten
        raise SaveRefusedError(path, "a revise_target decision needs a new_target")
    if path.exists():
        try:
            load_review(path)
        except ReviewLoadError:
            raise SaveRefusedError(
                path, "the review file on disk did not load; fix it first"
            ) from None
    atomic_write(path, render_review(review))
    return path


def latest_review(root: Path, before: dt.date | None = None) -> Review | None:
    """The most recent review (strictly before `before` when given), or None.

    Raises `ReviewLoadError` when that review's file does not load, rather
    than quietly comparing against an older one.
    """
    for path in reversed(list_reviews(root)):
        day = review_date(path)
        if before is None or (day is not None and day < before):
            return load_review(path)
    return None
