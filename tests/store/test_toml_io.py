"""The canonical writer, the parser's error positions, and atomic writes."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import rtoml

from okrtui.store.toml_io import TomlSyntaxError, atomic_write, dumps_canonical, parse_toml

TRICKY_STRINGS = [
    "",
    "plain",
    'quote " and backslash \\ and \\n literally',
    "tab\there",
    "line one\nline two\n",
    "\nstarts with a newline",
    "windows\r\nline ends",
    'ends with a quote"',
    'three quotes """ inside',
    "control \x00 \x01 \x1f \x7f chars",
    "خبرنامه‌ای بسازیم که مشترکان منتظرش باشند",
    "emoji 🚀 and \u2028 line separator",
    "trailing backslash \\",
    "trailing backslash on a line \\\nnext",
    "\u200f right-to-left mark",
]


@pytest.mark.parametrize("text", TRICKY_STRINGS)
def test_strings_read_back_exactly_wherever_they_sit(text: str) -> None:
    data = {
        "top": text,
        "table": {"value": text},
        "items": [{"note": text, "n": 1}],
        "words": [text, text],
        text or "empty": 1,
    }
    written = dumps_canonical(data)
    for parse in (tomllib.loads, rtoml.loads, parse_toml):
        back = parse(written)
        expected_top = text if text else None
        assert back.get("top") == expected_top
        assert back["items"][0].get("note") == (text or None)
        assert back["words"] == [text, text]
        assert back[text or "empty"] == 1


def test_numbers_dates_and_booleans_read_back() -> None:
    data = {
        "values": [-3.5, 0.1, 1e-7, 2.0**60, 12000.0, -0.0, 7, True, False],
        "due": dt.date(2026, 12, 31),
        "when": dt.datetime(2026, 11, 27, 9, 30, 5),
    }
    written = dumps_canonical(data)
    assert "due = 2026-12-31\n" in written  # a native TOML date, not a string
    assert "    12000,\n" in written  # whole floats are written without noise
    back = tomllib.loads(written)
    assert back["values"] == [-3.5, 0.1, 1e-7, 2.0**60, 12000, 0, 7, True, False]
    assert back["due"] == dt.date(2026, 12, 31)
    assert back["when"] == dt.datetime(2026, 11, 27, 9, 30, 5)


def test_empty_values_are_left_out() -> None:
    data = {"a": "", "b": None, "c": [], "d": {}, "e": {"f": None}, "g": 0, "h": False}
    assert dumps_canonical(data) == "g = 0\nh = false\n"


def test_layout_follows_the_shape_not_the_length_of_the_data() -> None:
    short = {"id": "x", "metric": {"type": "count"}}
    long = {"id": "y" * 150, "metric": {"type": "count"}}
    note = "a very long note " * 10
    checkins = [{"date": dt.date(2026, 1, 1), "value": 1, "note": note}, {"value": 2}]
    written = dumps_canonical({"key_results": [short, long], "checkins": checkins})
    assert written.count("[[key_results]]") == 2
    assert written.count("[key_results.metric]") == 2
    lines = written.splitlines()
    assert lines[0] == "checkins = ["
    assert lines[1] == f'    {{ date = 2026-01-01, value = 1, note = "{note}" }},'
    assert lines[2] == "    { value = 2 },"


def test_keys_that_are_not_bare_are_quoted() -> None:
    written = dumps_canonical({"odd key": 1, "table.with.dots": {"x": 1}})
    assert written == '"odd key" = 1\n\n["table.with.dots"]\nx = 1\n'
    assert tomllib.loads(written) == {"odd key": 1, "table.with.dots": {"x": 1}}


def test_same_data_same_bytes() -> None:
    data = {"b": 1, "a": {"z": [1, 2], "y": "x\ny"}, "c": [{"k": 1}, {"k": 2}]}
    assert dumps_canonical(data) == dumps_canonical(tomllib.loads(dumps_canonical(data)))


def test_a_value_toml_cannot_hold_is_refused() -> None:
    with pytest.raises(TypeError, match="set"):
        dumps_canonical({"tags": {"a", "b"}})


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ('id = "x"\ntitle = "open\ncycle = "q"\n', 2, 14, "invalid basic string"),
        ("a = 1\ndue = 2026-13-01\n", 2, 7, "invalid date"),
        ("a = 1\na = 2\n", 2, 1, "duplicate key"),
        ('t = "سلام" x\n', 1, 12, "unexpected key or value"),
    ],
)
def test_syntax_errors_have_line_and_column(
    text: str, line: int, column: int, message: str
) -> None:
    with pytest.raises(TomlSyntaxError) as info:
        parse_toml(text)
    assert (info.value.line, info.value.column) == (line, column)
    assert info.value.message.startswith(message)


# ---------------------------------------------------------------- atomic writes
def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_atomic_write_replaces_the_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "x.toml"
    atomic_write(target, "a = 1\n")
    atomic_write(target, "a = 2\n")
    assert target.read_bytes() == b"a = 2\n"
    assert leftovers(target.parent) == []
    assert target.stat().st_mode & 0o777 == 0o644


def test_atomic_write_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "x.toml"
    target.write_text("a = 1\n")
    target.chmod(0o600)
    atomic_write(target, "a = 2\n")
    assert target.stat().st_mode & 0o777 == 0o600


def test_text_that_cannot_be_encoded_leaves_the_file_alone(tmp_path: Path) -> None:
    target = tmp_path / "x.toml"
    target.write_bytes(b"a = 1\n")
    with pytest.raises(UnicodeEncodeError):
        atomic_write(target, 'a = "\ud800"\n')
    assert target.read_bytes() == b"a = 1\n"
    assert leftovers(tmp_path) == []


def test_a_failed_rename_removes_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "x.toml"
    (target / "inside").mkdir(parents=True)  # a folder in the way: the rename must fail
    with pytest.raises(OSError):
        atomic_write(target, "a = 1\n")
    assert target.is_dir()
    assert leftovers(tmp_path) == []


def test_a_write_cut_short_by_a_full_disk_leaves_the_original(tmp_path: Path) -> None:
    """The file size limit makes the write fail halfway, as a full disk would."""
    target = tmp_path / "x.toml"
    target.write_bytes(b"original = true\n")
    script = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from okrtui.store.toml_io import atomic_write\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
        "try:\n"
        "    atomic_write(Path(sys.argv[1]), 'x = \"' + 'y' * 100_000 + '\"\\n')\n"
        "except OSError as exc:\n"
        "    print('failed', exc.errno)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(target)], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("failed"), result.stdout + result.stderr
    assert target.read_bytes() == b"original = true\n"
    assert leftovers(tmp_path) == []
