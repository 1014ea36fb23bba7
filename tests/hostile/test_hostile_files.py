"""Hostile objective files: one message naming file, line and field; nothing overwritten.

Each case is written into a copy of the sample workspace and then read by
the store, by `okrtui check` and `okrtui fmt` (through `cli.main`, as a user
runs them), and saved over with `save_all`. Every case must give exactly one
finding for its file with a line (and a field where the file has one), no
traceback, and leave the file's bytes as they were.
(Control characters in fields and symlinks are tested with their own features.)
"""

from __future__ import annotations

import json
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest

from okrtui.cli.main import main
from okrtui.store import SaveRefusedError, WorkspaceStore
from okrtui.store.toml_io import MAX_FILE_BYTES

HEAD = 'id = "x"\ntitle = "Grow"\ncycle = "2026-Q4"\n'
NAME = "objectives/2026-Q4/x.toml"


@dataclass(frozen=True)
class Case:
    data: bytes
    line: int | None
    field: str | None
    message: str
    name: str = NAME


def head(**replace: str) -> str:
    text = HEAD
    for key, value in replace.items():
        text = text.replace(f'{key} = "{"x" if key == "id" else "Grow"}"', f"{key} = {value}")
    return text


CASES: dict[str, Case] = {
    "wrong type": Case(head(title="5").encode(), 2, "title", "valid string"),
    "unknown key": Case((HEAD + 'colour = "red"\n').encode(), 4, "colour", "unknown field"),
    "id with ..": Case(head(id='"../x"').encode(), 1, "id", "'../x' is not a valid id"),
    "id with /": Case(head(id='"a/x"').encode(), 1, "id", "'a/x' is not a valid id"),
    "id with a space": Case(head(id='"a x"').encode(), 1, "id", "'a x' is not a valid id"),
    "reserved id": Case(
        head(id='"con"').encode(), 1, "id", "'con' is not a valid id", "objectives/2026-Q4/con.toml"
    ),
    "reserved id nul": Case(head(id='"nul"').encode(), 1, "id", "'nul' is not a valid id"),
    "own parent": Case((HEAD + 'parent = "x"\n').encode(), 4, "parent", "its own parent"),
    "1 MB title": Case(
        head(title='"' + "a" * 1_000_000 + '"').encode(), 2, "title", "at most 300 characters"
    ),
    "raw NUL byte": Case(head(title='"a\0b"').encode(), 2, "title", "TOML syntax error"),
    "deeply nested array": Case(
        (HEAD + "deep = " + "[" * 5000 + "]" * 5000 + "\n").encode(), 4, "deep", "recurse"
    ),
    "deeply nested inline table": Case(
        (HEAD + "deep = " + "{ a = " * 3000 + "1" + " }" * 3000 + "\n").encode(),
        4,
        "deep",
        "recurse",
    ),
    "deeply nested table headers": Case(
        (HEAD + "[" + ".".join(["a"] * 3000) + "]\nb = 1\n").encode(), 4, "a", "unknown field"
    ),
    "invalid UTF-8": Case(
        (HEAD + 'description = "caf\xe9"\n').encode("latin-1"), 4, "description", "not UTF-8"
    ),
    "UTF-16 with a BOM": Case(
        HEAD.encode("utf-16"), 1, None, "the file is UTF-16 text (it starts with a UTF-16 byte"
    ),
}


def write_case(root: Path, case: Case) -> Path:
    path = root / case.name
    path.write_bytes(case.data)
    return path


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file_gives_one_message_and_is_never_written(
    name: str, sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = CASES[name]
    path = write_case(sample_workspace, case)
    store = WorkspaceStore.open(sample_workspace)
    errors = store.broken[path]
    assert len(errors) == 1, [e.describe() for e in errors]
    error = errors[0]
    assert case.message in error.message
    assert (error.line, error.field) == (case.line, case.field)
    assert error.describe(sample_workspace).startswith(f"{case.name}:{case.line}:")
    assert store.save_all() == []  # the sample is canonical; the broken file is not touched
    assert path.read_bytes() == case.data

    assert main(["check", str(sample_workspace), "--format", "json"]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    findings = [f for f in json.loads(out)["findings"] if f["path"] == case.name]
    assert len(findings) == 1
    assert (findings[0]["line"], findings[0]["field"]) == (case.line, case.field)

    assert main(["fmt", str(sample_workspace)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert f"not formatted (does not load): {case.name}:{case.line}:" in err
    assert path.read_bytes() == case.data


def test_a_utf8_bom_is_accepted_and_kept_out_of_the_data(sample_workspace: Path) -> None:
    path = sample_workspace / NAME
    path.write_bytes(b"\xef\xbb\xbf" + HEAD.encode())
    store = WorkspaceStore.open(sample_workspace)
    assert store.broken == {}
    assert store.objectives["x"].id == "x"
    assert store.save_all() == ["x"]  # written canonically: without the BOM
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert WorkspaceStore.open(sample_workspace).objectives["x"].title == "Grow"


def test_a_50_mb_file_is_refused_unread(sample_workspace: Path, capsys) -> None:
    path = sample_workspace / NAME
    with path.open("wb") as handle:
        handle.write(HEAD.encode())
        handle.write(b'description = """' + b"x" * (50 * 1024 * 1024) + b'"""\n')
    tracemalloc.start()
    try:
        store = WorkspaceStore.open(sample_workspace)
        lazy = WorkspaceStore.open(sample_workspace, lazy=True)  # the app's way: outline first
        lazy.load_all()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * MAX_FILE_BYTES  # the file was never read whole
    for opened in (store, lazy):
        [error] = opened.broken[path]
        assert error.message == "the file is larger than 1024 KiB; okrtui does not read it"
    assert main(["check", str(sample_workspace)]) == 1
    out = capsys.readouterr().out
    assert f"{NAME}:1:1: E001 the file is larger than 1024 KiB" in out
    assert path.stat().st_size > 50 * 1024 * 1024


def test_a_file_just_under_the_limit_still_loads(sample_workspace: Path) -> None:
    path = sample_workspace / NAME
    text = HEAD + 'description = "' + "x" * (MAX_FILE_BYTES - len(HEAD) - 100) + '"\n'
    path.write_text(text, "utf-8")
    store = WorkspaceStore.open(sample_workspace)
    assert store.broken == {}
    assert len(store.objectives["x"].description) > 1_000_000 - 200


def test_duplicate_ids_across_cycles(sample_workspace: Path, capsys) -> None:
    first = sample_workspace / "objectives/2026-Q3/email-ctr.toml"
    original = (sample_workspace / "objectives/2026-Q4/email-ctr.toml").read_bytes()
    first.write_bytes(original)
    store = WorkspaceStore.open(sample_workspace)
    [error] = store.broken[sample_workspace / "objectives/2026-Q4/email-ctr.toml"]
    assert (error.code, error.line, error.field) == ("E004", 1, "id")
    assert "duplicate objective id 'email-ctr' (also in objectives/2026-Q3/email-ctr.toml)" in (
        error.message
    )
    with pytest.raises(SaveRefusedError, match="did not load; fix it first"):
        store.save_objective(store.objectives["email-ctr"])
    assert (sample_workspace / "objectives/2026-Q4/email-ctr.toml").read_bytes() == original
    main(["check", str(sample_workspace)])
    assert "objectives/2026-Q4/email-ctr.toml:1:1: E004 duplicate objective id" in (
        capsys.readouterr().out
    )


def test_parents_that_form_a_loop(sample_workspace: Path, capsys) -> None:
    folder = sample_workspace / "objectives/2026-Q4"
    (folder / "a.toml").write_text(HEAD.replace('"x"', '"a"') + 'parent = "b"\n', "utf-8")
    (folder / "b.toml").write_text(HEAD.replace('"x"', '"b"') + 'parent = "a"\n', "utf-8")
    assert main(["check", str(sample_workspace)]) == 1
    out = capsys.readouterr().out
    assert "objectives/2026-Q4/a.toml:4:1: R003 parents form a loop: a -> b -> a" in out
    assert "objectives/2026-Q4/b.toml:4:1: R003 parents form a loop: b -> a -> b" in out


def test_the_installed_check_command_reports_every_hostile_file(sample_workspace: Path) -> None:
    """All cases at once through the real `okrtui check` process: one line each, exit 1."""
    import subprocess
    import sys

    okrtui = Path(sys.executable).with_name("okrtui")
    if not okrtui.exists():
        pytest.skip("okrtui is not installed in this venv")
    folder = sample_workspace / "objectives" / "2026-Q4"
    expected = {}
    for number, (name, case) in enumerate(CASES.items()):
        if case.name != NAME:
            continue  # the file name is part of that case; the others take numbered names
        path = folder / f"case-{number}.toml"
        path.write_bytes(case.data)
        expected[f"objectives/2026-Q4/{path.name}"] = (name, case)
    done = subprocess.run(
        [str(okrtui), "check", str(sample_workspace), "--today", "2026-11-01"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    for relative, (name, case) in expected.items():
        lines = [line for line in done.stdout.splitlines() if line.startswith(f"{relative}:")]
        assert len(lines) == 1, (name, lines)
        assert lines[0].startswith(f"{relative}:{case.line}:"), (name, lines)
        assert case.message in lines[0], (name, lines)
