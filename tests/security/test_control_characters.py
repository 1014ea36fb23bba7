"""Terminal escape injection: control characters in data are refused or shown as escapes."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from okrtui.model import CheckIn, Cycle, KeyResult, Metric, Objective, WorkspaceSettings
from okrtui.model.text import has_bidi_controls, printable
from okrtui.store import WorkspaceStore

INJECT = r"Inject \u001b]52;c;aGVsbG8=\u0007"  # as written in TOML: OSC 52 sets the clipboard
INJECTED = "Inject \x1b]52;c;aGVsbG8=\x07"

HOSTILE = f'''id = "hostile"
title = "{INJECT}"
owner = "Mina"
cycle = "2026-Q4"

[[key_results]]
id = "kr"
title = "Signups from 10 to 20 by December"
checkins = [
    {{ date = 2026-10-26, value = 12, note = "fine", author = "{INJECT}" }},
    {{ date = 2026-11-02, value = 14, note = "Line one\\nline two\\u001b[2J" }},
]

[key_results.metric]
unit = "sign\\u009bups"
start = 10
target = 20
'''


def test_one_line_fields_refuse_every_control_character() -> None:
    for bad in ["\x00", "\x07", "\t", "\x1b", "\x7f", "\x85", "\x9b"]:
        with pytest.raises(ValidationError, match=r"control character|single line"):
            Objective(id="o", title=f"A{bad}B", cycle="Q1")
        with pytest.raises(ValidationError):
            Objective(id="o", title="Fine", cycle="Q1", owner=f"x{bad}")
        with pytest.raises(ValidationError):
            CheckIn(date=dt.date(2026, 1, 1), value=1, author=f"x{bad}")
        with pytest.raises(ValidationError):
            Metric(unit=f"x{bad}")
        with pytest.raises(ValidationError):
            Cycle(name="Q1", start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 1), label=f"x{bad}")
        with pytest.raises(ValidationError):
            WorkspaceSettings(name=f"x{bad}")
    objective = Objective(id="o", title="Fine", cycle="Q1", tags=["ok"])
    with pytest.raises(ValidationError, match=r"control character \\x1b"):
        objective.tags = ["a\x1bb"]
    assert objective.tags == ["ok"]  # a refused assignment changes nothing


def test_multi_line_fields_keep_line_feeds_and_tabs_only() -> None:
    kr = KeyResult(id="kr", title="Fine", description="one\n\ttwo\r\nthree")
    assert kr.description == "one\n\ttwo\r\nthree"
    for bad in ["\x1b", "\x07", "\r", "\x08", "\x7f", "\x9b", "\u2028"]:
        with pytest.raises(ValidationError, match="control character"):
            KeyResult(id="kr", title="Fine", description=f"a{bad}b")
        with pytest.raises(ValidationError, match="control character"):
            CheckIn(date=dt.date(2026, 1, 1), value=1, note=f"a{bad}b")


def test_bidi_controls_are_data_not_errors() -> None:
    """Persian needs direction marks; embedding controls are warned about by `okrtui check`."""
    objective = Objective(id="o", title="abc\u202edcba", cycle="Q1")
    assert has_bidi_controls(objective.title)
    assert printable(objective.title) == "abcdcba"


def test_printable_shows_controls_as_escapes() -> None:
    assert printable(INJECTED) == r"Inject \x1b]52;c;aGVsbG8=\x07"
    assert printable("a\nb\tc") == r"a\nb\tc"
    assert printable("a\r\nb\tc\x1b", multiline=True) == "a\nb\tc\\x1b"
    assert printable("\u2066x\u2069\u200cy\u200f") == "x\u200cy\u200f"  # ZWNJ and RLM stay
    assert printable("nothing to do") == "nothing to do"


@pytest.fixture
def hostile_workspace(sample_workspace: Path) -> Path:
    (sample_workspace / "objectives" / "2026-Q4" / "hostile.toml").write_text(HOSTILE)
    return sample_workspace


def test_the_store_names_file_line_and_field(hostile_workspace: Path) -> None:
    store = WorkspaceStore.open(hostile_workspace)
    lines = [e.describe(store.root) for e in store.errors]
    where = "objectives/2026-Q4/hostile.toml"
    esc = "contains the control character \\x1b, which a terminal would obey; remove it"
    csi = esc.replace("x1b", "x9b")
    assert lines == [
        f"{where}:2:1: {esc} [title]",
        f"{where}:15:1: {csi} [key_results[0].metric.unit]",
        f"{where}:10:53: {esc} [key_results[0].checkins[0].author]",
        f"{where}:11:38: {esc} [key_results[0].checkins[1].note]",
    ]
    assert "hostile" not in store.objectives


def _check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "okrtui", "check", str(root), "--today", "2026-11-25", *args],
        capture_output=True,
        text=True,
    )


def test_okrtui_check_reports_them_and_prints_no_control_character(
    hostile_workspace: Path,
) -> None:
    result = _check(hostile_workspace)
    assert result.returncode == 1
    assert "objectives/2026-Q4/hostile.toml:2:1: E002 contains the control character" in (
        result.stdout
    )
    assert "\x1b" not in result.stdout + result.stderr
    assert "\x07" not in result.stdout + result.stderr
    findings = json.loads(_check(hostile_workspace, "--format", "json").stdout)["findings"]
    fields = {f["field"] for f in findings if f["path"].endswith("hostile.toml")}
    assert "key_results[0].checkins[0].author" in fields


def test_okrtui_check_warns_about_bidi_controls(sample_workspace: Path) -> None:
    path = sample_workspace / "objectives" / "2026-Q4" / "email-ctr.toml"
    text = path.read_text().replace('owner = "Mina"\ncycle', 'owner = "Mi\\u202Ena"\ncycle', 1)
    path.write_text(text)
    result = _check(sample_workspace)
    line = next(x for x in result.stdout.splitlines() if "W001" in x)
    assert line.startswith("objectives/2026-Q4/email-ctr.toml:5:1: W001 ")
    assert "[owner]" in line
    assert "\u202e" not in result.stdout


def test_okrtui_fmt_prints_a_hostile_file_name_as_escapes(sample_workspace: Path) -> None:
    hostile = sample_workspace / "objectives" / "2026-Q4" / "\x1b]0;pwned\x07.toml"
    hostile.write_text('id = "x"\n')
    result = subprocess.run(
        [sys.executable, "-m", "okrtui", "fmt", str(sample_workspace)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert r"\x1b]0;pwned\x07.toml" in result.stderr
    assert "\x1b" not in result.stdout + result.stderr
