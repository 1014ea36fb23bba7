"""`okrtui list`: one line per objective and key result; --stale, --owner, --cycle, json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from okrtui.cli.main import main
from okrtui.services.progress import kr_progress
from okrtui.store import WorkspaceStore


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(["list", *args, "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert not any(0x7F <= ord(ch) <= 0x9F or ord(ch) < 0x0A for ch in out)
    result: list[dict[str, object]] = json.loads(out)
    return result


def test_json_lists_the_current_cycle_with_computed_progress(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = _json(capsys, str(sample_workspace), "--today", "2026-11-25")
    store = WorkspaceStore.open(sample_workspace)
    q4 = [o for o in store.objectives.values() if o.cycle == "2026-Q4"]
    expected = {o.id for o in q4} | {f"{o.id}/{kr.id}" for o in q4 for kr in o.key_results}
    assert {e["key"] for e in entries} == expected
    for objective in q4:
        for kr in objective.key_results:
            entry = next(e for e in entries if e["key"] == f"{objective.id}/{kr.id}")
            assert entry["progress"] == kr_progress(kr)
            assert entry["owner"] == (kr.owner or objective.owner)
            assert entry["stale"] is False  # every key result checked in on 2026-11-23


def test_stale_keeps_key_results_silent_longer_than_the_cadence(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = _json(capsys, str(sample_workspace), "--today", "2026-11-30", "--stale")
    assert fresh == []  # 7 days after the last check-in: within the cadence
    stale = _json(capsys, str(sample_workspace), "--today", "2026-12-01", "--stale")
    assert stale and all(e["kind"] == "key_result" and e["stale"] for e in stale)
    assert all(e["last_checkin"] == "2026-11-23" for e in stale)
    mina = _json(
        capsys, str(sample_workspace), "--today", "2026-12-01", "--stale", "--owner", "mina"
    )
    assert {e["key"] for e in mina} == {
        "email-ctr/email-ctr",
        "marketing-education-leader/ebook-downloads",
    }


def test_text_lines_and_other_cycles(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list", str(sample_workspace), "--cycle", "2026-Q3", "--today", "2026-11-25"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["2026-Q3", "blog-traffic-q3"]
    assert lines[1].split()[:3] == ["2026-Q3", "blog-traffic-q3/blog-traffic", "90%"]
    assert main(["list", str(sample_workspace), "--cycle", "all"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 5 + 9
    assert main(["list", str(sample_workspace), "--cycle", "nope"]) == 1
    assert "no cycle named 'nope'" in capsys.readouterr().err


def test_help_lists_the_data_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("export", "schema", "checkin", "import", "list", "serve"):
        assert f"  {command} " in out


def test_control_characters_from_files_never_reach_the_terminal(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sample_workspace / "objectives" / "2026-Q4" / "email-ctr.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('owner = "Mina"', 'owner = "Mi\\u009b2Jna\\u001b[2J"', 1), "utf-8")
    assert main(["list", str(sample_workspace), "--today", "2026-11-25"]) == 0
    captured = capsys.readouterr()
    # The model refuses the file (one-line fields hold no controls): it is left out, named.
    assert "\x9b" not in captured.out + captured.err and "\x1b" not in captured.out + captured.err
    assert "email-ctr" not in captured.out
    assert "1 file did not load" in captured.err


def test_bidi_overrides_from_files_are_dropped_on_the_terminal_kept_in_json(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sample_workspace / "objectives" / "2026-Q4" / "email-ctr.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('owner = "Mina"', 'owner = "Mi\\u202ena"', 1), "utf-8")
    assert main(["list", str(sample_workspace), "--today", "2026-11-25"]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out and " Mina " in out
    entries = _json(capsys, str(sample_workspace), "--today", "2026-11-25")
    assert any(e["owner"] == "Mi\u202ena" for e in entries)  # JSON keeps the data exact


def test_titles_start_in_one_column(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list", str(sample_workspace), "--today", "2026-11-25"]) == 0
    lines = capsys.readouterr().out.splitlines()
    ali = next(line for line in lines if "Cut the blog bounce rate" in line)  # owner Ali
    reza = next(line for line in lines if "Rank in the top 3" in line)  # owner Reza
    assert ali.index("Cut the blog") == reza.index("Rank in the top 3")
