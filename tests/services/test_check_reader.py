"""`okrtui check`'s reader: the model's validation without its hooks, same results."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrtui.model import Objective
from okrtui.model.compact import CompactModel
from okrtui.services import check_reader
from okrtui.services.check_reader import read_objective
from okrtui.store.workspace import LoadResult, objective_from_text
from tests.services.test_workspace_check import BROKEN

REPO = Path(__file__).resolve().parents[2]
WORKSPACES = [REPO / "sample_workspace", REPO / "sample_workspace_fa", BROKEN]


def described(result: LoadResult) -> list[tuple[object, ...]]:
    return [(e.code, e.message, e.line, e.column, e.field) for e in result.errors]


def same_as_the_store(path: Path, text: str) -> LoadResult:
    fast, store = read_objective(path, text), objective_from_text(path, text)
    assert described(fast) == described(store)
    if store.objective is None:
        assert fast.objective is None
    else:
        assert fast.objective is not None
        assert fast.objective.model_dump() == store.objective.model_dump()
        assert fast.objective == store.objective
    return fast


@pytest.mark.parametrize("root", WORKSPACES, ids=lambda p: p.name)
def test_every_file_of_the_samples_reads_as_the_store_reads_it(root: Path) -> None:
    paths = sorted((root / "objectives").rglob("*.toml"))
    assert paths
    for path in paths:
        same_as_the_store(path, path.read_bytes().decode("utf-8", errors="replace"))


def test_the_hooks_are_left_out(tmp_path: Path) -> None:
    """The objective comes from the hook-free validator: its fields-set is its own, and a
    checklist the file leaves out is the one shared blank."""
    a = read_objective(*_file(tmp_path, "alpha")).objective
    b = read_objective(*_file(tmp_path, "beta")).objective
    assert a is not None and b is not None
    assert isinstance(a, Objective)
    store = objective_from_text(*_file(tmp_path, "gamma")).objective
    assert store is not None
    # model_post_init did not run: no fields-set shared with the store's objectives
    assert a.__pydantic_fields_set__ is not store.__pydantic_fields_set__
    assert a.smart is b.smart  # the shared blank checklist, read only
    assert store.smart is not a.smart  # the app's own objectives stay separate


def _file(tmp_path: Path, oid: str, title: str = '"Grow weekly active users"') -> tuple[Path, str]:
    text = (
        f'id = "{oid}"\ntitle = {title}\ncycle = "2026-Q4"\n\n'
        '[[key_results]]\nid = "kr-1"\ntitle = "Weekly users from 100 to 200"\n'
        'checkins = [{ date = 2026-10-01, value = 120, note = "ok", author = "sara" }]\n'
    )
    path = tmp_path / "objectives" / "2026-Q4" / f"{oid}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path, text


@pytest.mark.parametrize(
    "title",
    [
        '"Grow \\u001b[31m users"',  # an escaped ESC
        '"Grow\\nusers"',  # an escaped line break in a one-line field
        '"Grow\tusers"',  # a literal tab in a one-line field
        '"""Grow\nusers"""',  # a line break in a multi-line string
        '"Grow \u0085 users"',  # a C1 control (NEL), as itself
        '"Grow \u2028 users"',  # a line separator, as itself
        '"Grow users"  # a comment with a backslash \\ ',
    ],
)
def test_text_the_fields_refuse_is_still_refused(tmp_path: Path, title: str) -> None:
    path, text = _file(tmp_path, "alpha", title)
    same_as_the_store(path, text)


@pytest.mark.parametrize(
    "text",
    [
        'id = "alpha"\ntitle = \n',  # not TOML
        'id = "beta"\ntitle = "Grow"\ncycle = "2026-Q4"\n',  # id is not the file name
        'id = "alpha"\ncycle = "2026-Q4"\n',  # no title
        'id = "alpha"\ntitle = "Grow"\ncycle = "2026-Q4"\nstatus = "late"\n',
        'id = "alpha"\ntitle = "Grow"\ncycle = "2026-Q4"\n[[key_results]]\nid = "k"\n'
        'title = "A"\n[[key_results]]\nid = "k"\ntitle = "B"\n',  # duplicate key result
    ],
)
def test_a_file_that_does_not_load_is_reported_as_the_store_reports_it(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "objectives" / "2026-Q4" / "alpha.toml"
    assert same_as_the_store(path, text).objective is None


def test_an_unexpected_schema_falls_back_to_the_models_validator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(check_reader, "_validators", {True: None, False: None})
    fast = read_objective(*_file(tmp_path, "alpha")).objective
    assert fast is not None
    assert fast.__pydantic_fields_set__ is CompactModel._all_fields.get(Objective)


def test_plain_files_skip_the_text_validators_others_keep_them() -> None:
    persian = 'id = "a"\ntitle = "بهینه\u200cسازی صفحه\u200cهای فرود"\ncycle = "1405-paeez"\n'
    assert not check_reader._may_hold_refused(persian)
    for odd in ("\\", '"""', "'''", "\t", "\x1b", "\x85", "\u2028", "\r"):
        assert check_reader._may_hold_refused(persian + f"# {odd}\n")


def test_plain_text_has_no_control_bidi_control_escape_or_multi_line_string() -> None:
    persian = 'id = "a"\ntitle = "بهینه\u200cسازی صفحه\u200cهای فرود"\ncycle = "1405-paeez"\n'
    assert check_reader.is_plain(persian)
    for odd in ("\\", '"""', "'''", "\t", "\x1b", "\x85", "\u2028", "\r", "\u202e", "\u2067"):
        assert not check_reader.is_plain(persian + f"# {odd}\n")


def test_every_character_a_text_field_refuses_is_one_the_plain_test_looks_for() -> None:
    """The fast reader leaves out the text validators only for files `is_plain` passes: its
    patterns must cover whatever `model.text` refuses, or a bad file would check clean."""
    from pydantic_core import PydanticCustomError

    from okrtui.model.text import BIDI_CONTROLS, check_multi_line, check_one_line
    from okrtui.services.check_reader import _CONTROL, _SPECIAL

    for code in range(0x10000):
        character = chr(code)
        if character == "\n":  # in a value only through a multi-line string or an escape
            continue
        for validator in (check_one_line, check_multi_line):
            try:
                validator(character)
            except PydanticCustomError:
                assert _CONTROL.search(character), hex(code)
                assert _SPECIAL.search(character), hex(code)
    assert all(_SPECIAL.search(character) for character in BIDI_CONTROLS)
