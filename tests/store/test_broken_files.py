"""Broken files are reported precisely, the rest still loads, and broken files are never written."""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from okrtui.model import Objective
from okrtui.store import SaveRefusedError, WorkspaceError, WorkspaceStore
from tests.conftest import SAMPLE

SAMPLE_IDS = {
    "blog-traffic-q3",
    "blog-first-answer",
    "email-ctr",
    "marketing-education-leader",
    "newsletter-fa",
}
Q4 = "objectives/2026-Q4"


@dataclass(frozen=True)
class Broken:
    """A broken file to write, and what the store must say about it."""

    name: str  # path relative to the workspace
    text: str
    line: int
    column: int | None
    field: str | None
    message: str


def sample_text(name: str) -> str:
    return (SAMPLE / name).read_text(encoding="utf-8")


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based number of the line holding the `occurrence`-th `fragment`."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if fragment in line]
    return hits[occurrence - 1]


def renamed(text: str, old: str, new: str) -> str:
    return text.replace(f'id = "{old}"', f'id = "{new}"', 1)


def broken_cases() -> list[Broken]:
    blog = renamed(sample_text(f"{Q4}/blog-first-answer.toml"), "blog-first-answer", "wrong-type")
    wrong_type = blog.replace("target = 45", 'target = "forty-five"')
    unknown = renamed(sample_text(f"{Q4}/email-ctr.toml"), "email-ctr", "unknown-field")
    unknown = unknown.replace('unit = "%"', 'unit = "%"\ncolour = "red"')
    checkin = renamed(sample_text(f"{Q4}/newsletter-fa.toml"), "newsletter-fa", "bad-checkin")
    checkin = checkin.replace("value = 25,", 'value = "25",')
    return [
        Broken(
            f"{Q4}/bad-syntax.toml",
            'id = "bad-syntax"\ntitle = "Unclosed\ncycle = "2026-Q4"\n',
            2,
            18,
            "title",  # the key of the line the syntax error is on
            "TOML syntax error: invalid basic string",
        ),
        Broken(
            f"{Q4}/wrong-type.toml",
            wrong_type,
            line_of(wrong_type, "forty-five"),
            1,
            "key_results[1].metric.target",
            "Input should be a valid number",
        ),
        Broken(
            f"{Q4}/unknown-field.toml",
            unknown,
            line_of(unknown, "colour"),
            1,
            "key_results[0].metric.colour",
            "unknown field",
        ),
        Broken(
            f"{Q4}/bad-checkin.toml",
            checkin,
            line_of(checkin, 'value = "25"'),
            checkin.splitlines()[line_of(checkin, 'value = "25"') - 1].index("value") + 1,
            "key_results[0].checkins[2].value",
            "Input should be a valid number",
        ),
        Broken(
            f"{Q4}/no-title.toml",
            'id = "no-title"\ncycle = "2026-Q4"\n',
            1,
            1,
            "title",
            "required field is missing",
        ),
        Broken(
            f"{Q4}/kr-no-title.toml",
            'id = "kr-no-title"\ntitle = "T"\ncycle = "2026-Q4"\n\n[[key_results]]\nid = "a"\n',
            5,
            1,
            "key_results[0].title",
            "required field is missing",
        ),
        Broken(
            f"{Q4}/impossible-date.toml",
            'id = "impossible-date"\ntitle = "T"\ncycle = "2026-Q4"\ncreated = 2026-02-30\n',
            4,
            11,
            "created",
            "TOML syntax error: invalid date",
        ),
        Broken(
            f"{Q4}/quoted-date.toml",
            'id = "quoted-date"\ntitle = "T"\ncycle = "2026-Q4"\ncreated = "yesterday"\n',
            4,
            1,
            "created",
            "Input should be a valid date",
        ),
        Broken(
            f"{Q4}/file-name.toml",
            'title = "T"\ncycle = "2026-Q4"\nid = "other-name"\n',
            3,
            1,
            "id",
            "id 'other-name' does not match the file name 'file-name.toml'",
        ),
        Broken(
            f"{Q4}/escape.toml",
            'id = "../../escape"\ntitle = "T"\ncycle = "2026-Q4"\n',
            1,
            1,
            "id",
            "'../../escape' is not a valid id",
        ),
        Broken(
            "objectives/misplaced.toml",
            'id = "misplaced"\ntitle = "T"\ncycle = "2026-Q4"\n',
            0,
            None,
            None,
            "objective files belong in a cycle folder",
        ),
    ]


CASES = {case.name: case for case in broken_cases()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_broken_file_is_reported_and_the_rest_loads(sample_workspace: Path, name: str) -> None:
    case = CASES[name]
    path = sample_workspace / case.name
    path.write_text(case.text, encoding="utf-8")
    store = WorkspaceStore.open(sample_workspace)
    assert set(store.objectives) == SAMPLE_IDS
    assert list(store.broken) == [path]
    (error,) = store.errors
    assert error.path == path
    assert (error.line or 0, error.column, error.field) == (case.line, case.column, case.field)
    assert error.message.startswith(case.message), error.message


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_broken_file_is_never_overwritten(canonical_workspace: Path, name: str) -> None:
    case = CASES[name]
    path = canonical_workspace / case.name
    path.write_text(case.text, encoding="utf-8")
    store = WorkspaceStore.open(canonical_workspace)
    before = path.read_bytes()
    cycle = path.parent.name if path.parent.name != "objectives" else "2026-Q4"
    replacement = Objective(id=path.stem, title="A fresh start", cycle=cycle)
    if path.parent.name != "objectives":
        with pytest.raises(SaveRefusedError):
            store.save_objective(replacement)
    else:
        # a misplaced file is not where any objective is saved, but its name is held
        with pytest.raises(SaveRefusedError, match="did not load"):
            store.save_objective(replacement)
    assert path.read_bytes() == before
    assert store.save_all() == []  # everything that did load is unchanged
    assert path.read_bytes() == before


def test_describe_reads_like_a_compiler_message(sample_workspace: Path) -> None:
    case = CASES[f"{Q4}/wrong-type.toml"]
    (sample_workspace / case.name).write_text(case.text, encoding="utf-8")
    store = WorkspaceStore.open(sample_workspace)
    (error,) = store.errors
    assert error.describe(sample_workspace) == (
        f"{Q4}/wrong-type.toml:{case.line}:1: Input should be a valid number "
        "[key_results[1].metric.target]"
    )


def test_describe_without_a_line_or_field() -> None:
    error = WorkspaceError(Path("/w/objectives/x.toml"), "cannot read: Permission denied")
    assert error.describe(Path("/w")) == "objectives/x.toml: cannot read: Permission denied"
    syntax = WorkspaceError(Path("/w/okrtui.toml"), "TOML syntax error: duplicate key", 3, 7)
    assert syntax.describe() == "/w/okrtui.toml:3:7: TOML syntax error: duplicate key"


def test_every_problem_of_one_file_is_listed(sample_workspace: Path) -> None:
    path = sample_workspace / Q4 / "many.toml"
    path.write_text(
        'id = "many"\ntitle = "T"\ncycle = "2026-Q4"\nstatus = "maybe"\n\n'
        '[[key_results]]\nid = "a"\ntitle = "A"\nweight = -1\n',
        encoding="utf-8",
    )
    store = WorkspaceStore.open(sample_workspace)
    found = [(e.line, e.field) for e in store.errors]
    assert found == [(4, "status"), (9, "key_results[0].weight")]


def test_duplicate_ids_in_two_files(sample_workspace: Path) -> None:
    original = sample_workspace / Q4 / "email-ctr.toml"
    copy = sample_workspace / "objectives/2026-Q3/email-ctr.toml"
    shutil.copyfile(original, copy)
    text = copy.read_text(encoding="utf-8").replace('cycle = "2026-Q4"', 'cycle = "2026-Q3"')
    copy.write_text(text, encoding="utf-8")
    original_bytes = original.read_bytes()

    store = WorkspaceStore.open(sample_workspace)

    assert set(store.objectives) == SAMPLE_IDS  # the first file (in path order) wins
    assert store.files["email-ctr"].path == copy
    (error,) = store.errors
    assert (error.path, error.line, error.column, error.field) == (original, 1, 1, "id")
    assert error.describe(sample_workspace) == (
        f"{Q4}/email-ctr.toml:1:1: duplicate objective id 'email-ctr' "
        "(also in objectives/2026-Q3/email-ctr.toml) [id]"
    )
    goal = store.objectives["email-ctr"]
    goal.cycle = "2026-Q4"  # moving onto the duplicate would overwrite it
    with pytest.raises(SaveRefusedError):
        store.save_objective(goal)
    assert original.read_bytes() == original_bytes
    assert copy.read_text(encoding="utf-8") == text


def test_a_broken_settings_file_is_reported_and_never_written(sample_workspace: Path) -> None:
    path = sample_workspace / "okrtui.toml"
    text = path.read_text(encoding="utf-8").replace("end = 2026-12-31", 'end = "New Year"')
    path.write_text(text, encoding="utf-8")
    store = WorkspaceStore.open(sample_workspace)
    assert set(store.objectives) == SAMPLE_IDS
    (error,) = store.errors
    line = line_of(text, "New Year")
    assert (error.line, error.field) == (line, "cycles[1].end")
    assert error.column == text.splitlines()[line - 1].index("end =") + 1
    with pytest.raises(SaveRefusedError):
        store.save_settings(store.settings)
    assert path.read_text(encoding="utf-8") == text


def test_a_file_that_is_not_utf8_is_reported(sample_workspace: Path) -> None:
    path = sample_workspace / Q4 / "latin1.toml"
    path.write_bytes('id = "latin1"\ntitle = "Café"\ncycle = "2026-Q4"\n'.encode("latin-1"))
    store = WorkspaceStore.open(sample_workspace)
    (error,) = store.errors
    assert error.path == path and error.message.startswith("not UTF-8 text")
    assert set(store.objectives) == SAMPLE_IDS


def test_a_byte_order_mark_is_not_an_error(sample_workspace: Path) -> None:
    path = sample_workspace / Q4 / "email-ctr.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    store = WorkspaceStore.open(sample_workspace)
    assert store.errors == []
    assert "email-ctr" in store.objectives


NOBODY = 65534


def _as_nobody(job: Callable[[], str]) -> str:
    """Run `job` in a forked child that dropped root for `nobody`; return what it returned.

    The child already has okrtui imported, so it reads nothing of the virtual
    environment or the clone: the test passes wherever they live (a 0700 home,
    a `mktemp -d` folder). Real permissions, no mock.
    """
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter(
            "ignore", DeprecationWarning
        )  # fork with threads: the child only reads
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_end)
        code = 0
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            answer = job()
        except BaseException as exc:
            answer, code = f"{type(exc).__name__}: {exc}", 1
        with os.fdopen(write_end, "w") as out:
            out.write(answer)
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end) as answer_in:
        answer = answer_in.read()
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, answer
    return answer


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or not hasattr(os, "fork"),
    reason="needs root (to drop to another user) and fork",
)
def test_a_cycle_folder_that_cannot_be_listed_is_reported(sample_workspace: Path) -> None:
    """Root reads everything, so the store runs as `nobody` in a forked child."""
    # /tmp is open to every user; the test's own tmp_path may sit in a 0700 folder
    shared = Path(tempfile.mkdtemp(dir="/tmp" if Path("/tmp").is_dir() else None))
    try:
        shared.chmod(0o755)
        root = Path(shutil.copytree(sample_workspace, shared / "ws"))
        (root / "objectives" / "2026-Q4").chmod(0)
        WorkspaceStore.open(root)  # warm up: everything the store imports is imported now

        def open_as_nobody() -> str:
            if not os.access(root / "okrtui.toml", os.R_OK):
                return "SKIP: nobody cannot reach " + str(shared)
            store = WorkspaceStore.open(root)
            return "|".join(e.describe(store.root) for e in store.errors)

        answer = _as_nobody(open_as_nobody)
        if answer.startswith("SKIP: "):
            pytest.skip(answer.removeprefix("SKIP: "))
        assert answer == "objectives/2026-Q4: cannot read: Permission denied"
    finally:
        (shared / "ws" / "objectives" / "2026-Q4").chmod(0o755)
        shutil.rmtree(shared)
