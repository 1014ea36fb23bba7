"""The check's quick locator answers as the full one does, on real and tricky files."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest

from okrtui.store.locate import locate
from okrtui.store.quick_locate import _HEADER, _header_starts, quick_locate
from okrtui.store.toml_io import TomlSyntaxError, parse_toml

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "broken_workspace"
SAMPLE = Path(__file__).resolve().parents[2] / "sample_workspace"
LOCS = [
    ("cycle",),
    ("parent",),
    ("title",),
    ("id",),
    *[("key_results", i, "title") for i in range(6)],
]


def texts() -> list[str]:
    files = sorted([*BROKEN.rglob("*.toml"), *SAMPLE.rglob("objectives/**/*.toml")])
    found = []
    for path in files:  # the check locates fields only in files that parsed
        with contextlib.suppress(TomlSyntaxError):
            parse_toml(path.read_text("utf-8"))
            found.append(path.read_text("utf-8"))
    found.append(
        'id = "x"\nnote = [\n  [1, 2],\n]\ntitle = "late"\n\n'
        '[[key_results]]  # first\nid = "a"\n[key_results.metric]\ntitle = "not this"\n'
        '[[key_results]]\n  title = "second"\ncheckins = [{ title = "no" }]\n'
    )
    found.append('title = """\ncycle = "inside a string"\n"""\ncycle = "2026-Q4"\n')
    assert len(found) > 10
    return found


@pytest.mark.parametrize("loc", LOCS)
def test_same_answer_as_locate(loc: tuple[str | int, ...]) -> None:
    for text in texts():
        assert quick_locate(text, loc) == locate(text, loc), (loc, text[:80])


def test_generated_files_agree(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    try:
        from open import generate  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    generate(tmp_path / "ws", 12)
    for path in sorted((tmp_path / "ws").rglob("objectives/**/*.toml")):
        text = path.read_text("utf-8")
        for loc in LOCS:
            assert quick_locate(text, loc) == locate(text, loc), (path.name, loc)


def test_header_starts_are_the_pattern_matches() -> None:
    samples = [
        *texts(),
        "[a]\n  [[b]]\nx = [1]\n\t[c]\r\n[",
        "",
        "x = 1",
        " \t[\n[[key_results]]\r\n[key_results]",
    ]
    for text in samples:
        assert _header_starts(text) == [m.start() for m in _HEADER.finditer(text)], text[:80]
