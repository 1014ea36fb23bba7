"""`okrtui check`: output, exit status, JSON, and a fast start without Textual."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from okrtui.cli.main import main
from tests.services.test_workspace_check import BROKEN, BROKEN_FINDINGS

REPO_ROOT = Path(__file__).resolve().parents[2]
TODAY = ["--today", "2026-11-27"]


@pytest.fixture
def broken_workspace(tmp_path: Path) -> Path:
    target = tmp_path / "broken"
    shutil.copytree(BROKEN, target)
    return target


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_broken_workspace_text_output(
    broken_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, _err = run(capsys, str(broken_workspace), *TODAY)
    assert code == 1
    *findings, summary = lines
    assert summary == "16 errors, 17 warnings in 14 files"
    expected = [f"{path}:{line}:{col}: {code}" for path, line, col, code, _s in BROKEN_FINDINGS]
    assert [line.split(" ", 2)[0] + " " + line.split(" ", 2)[1] for line in findings] == expected
    assert findings[0] == (
        "objectives/2026-Q4/loop-a.toml:2:1: S207 "
        "Measurable: add a key result that measures this objective"
    )
    assert (
        "objectives/2026-Q4/smart-fa.toml:8:1: S102 Specific: 'بهبود' with no number is vague: "
        "say by how much, e.g. from 3% to 5%"
    ) in findings


def test_broken_workspace_json_output(
    broken_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, _err = run(capsys, str(broken_workspace), "--format", "json", *TODAY)
    assert code == 1
    document = json.loads("\n".join(lines))
    assert (document["errors"], document["warnings"], document["files"]) == (16, 17, 14)
    assert document["workspace"] == str(broken_workspace.resolve())
    assert [
        (f["path"], f["line"], f["column"], f["code"], f["severity"]) for f in document["findings"]
    ] == [(p, line, col, c, s.value) for p, line, col, c, s in BROKEN_FINDINGS]
    pricing = next(f for f in document["findings"] if f["code"] == "S502")
    assert pricing["objective"] == "smart-en"
    assert pricing["key_result"] == "pricing-page"
    assert pricing["field"] == "key_results[1].title"
    assert pricing["message"].startswith("Time-bound: Due 2027-01-15")


def test_sample_workspace_passes_with_warnings(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, _err = run(capsys, str(sample_workspace), *TODAY)
    assert code == 0
    assert lines[-1] == "0 errors, 5 warnings in 6 files"
    assert all(": S" in line for line in lines[:-1])


def test_warnings_only_exit_zero_and_errors_exit_one(
    broken_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in (broken_workspace / "objectives").rglob("*.toml"):
        if path.stem not in {"smart-en", "smart-fa"}:
            path.unlink()
    settings = broken_workspace / "okrtui.toml"
    errors_off = settings.read_text(encoding="utf-8") + 'measurable = "warning"\nS502 = "off"\n'
    settings.write_text(errors_off, encoding="utf-8")
    code, lines, _err = run(capsys, str(broken_workspace), *TODAY)
    assert lines[-1] == "0 errors, 20 warnings in 3 files"
    assert code == 0
    settings.write_text(errors_off.replace('S502 = "off"', 'S502 = "error"'), encoding="utf-8")
    code, lines, _err = run(capsys, str(broken_workspace), *TODAY)
    assert lines[-1] == "1 error, 20 warnings in 3 files"
    assert code == 1


def test_all_checks_passed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path / "empty")]) == 0
    capsys.readouterr()
    code, lines, _err = run(capsys, str(tmp_path / "empty"))
    assert (code, lines) == (0, ["All checks passed"])


def test_not_a_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = run(capsys, str(tmp_path))
    assert code == 2
    assert lines == []
    assert "not an okrtui workspace" in err


def test_a_bad_date_is_a_usage_error(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(sample_workspace), "--today", "27/11/2026"])
    assert exit_info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_check_runs_without_importing_textual(broken_workspace: Path) -> None:
    code = (
        "import sys\n"
        "from okrtui.cli.main import main\n"
        f"status = main(['check', {str(broken_workspace)!r}, '--today', '2026-11-27'])\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print('textual modules:', loaded)\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr  # the check ran and found errors
    assert "16 errors, 17 warnings in 14 files" in result.stdout
    assert "textual modules: []" in result.stdout


def test_pre_commit_hook_definition() -> None:
    text = (REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hook = {
        key.strip(" -"): value.strip()
        for key, _sep, value in (line.partition(":") for line in text.splitlines())
        if not key.lstrip().startswith("#") and value.strip()
    }
    assert hook["id"] == "okrtui-check"
    assert hook["entry"] == "okrtui check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] == "false"
