"""argparse's own words follow --lang, and a usage error is one line and a hint."""

from __future__ import annotations

import subprocess
import sys

import pytest

from okrtui.cli.main import main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    code = exit_info.value.code
    assert isinstance(code, int)
    return code, out, err


def test_help_is_persian_throughout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(["--lang", "fa", "check", "--help"], capsys)
    assert code == 0
    assert out.startswith("استفاده: okrtui check")
    assert "\nگزینه‌ها:\n" in out and "\nآرگومان‌ها:\n" in out
    assert "نمایش این راهنما و خروج" in out
    for english in ("usage:", "options:", "positional arguments", "show this help"):
        assert english not in out


def test_top_help_translates_version_too(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(["--help", "--lang", "fa"], capsys)
    assert "نمایش نسخهٔ برنامه و خروج" in out and "show program's" not in out


def test_english_help_stays_english(capsys: pytest.CaptureFixture[str]) -> None:
    run(["--lang", "fa", "check", "--help"], capsys)  # argparse is pointed at our catalog
    _code, out, _err = run(["check", "--help"], capsys)
    assert out.startswith("usage: okrtui check") and "show this help message and exit" in out


def test_a_usage_error_is_one_persian_line_and_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["--lang", "fa", "check", "--bogus"], capsys)
    assert code == 2
    assert out == ""
    assert err.splitlines() == [
        "okrtui check: خطا: آرگومان‌های ناشناخته: --bogus",
        "برای دیدن گزینه‌ها 'okrtui check --help' را اجرا کنید.",
    ]


def test_a_usage_error_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(["list", "--format", "xml"], capsys)
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 2 and "usage:" not in err
    assert lines[0].startswith("okrtui list: error: argument --format: invalid choice: 'xml'")
    assert lines[1] == "Run 'okrtui list --help' to see its options."


def test_an_unknown_language_is_refused_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(["--lang", "xx"], capsys)
    assert code == 2
    assert err.splitlines()[0].startswith("okrtui: error: argument --lang: invalid choice")
    assert len(err.splitlines()) == 2


def test_control_characters_in_a_bad_argument_are_shown_not_sent(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _code, _out, err = run(["check", "--bogus\x1b[2J"], capsys)
    assert "\x1b" not in err and "\\x1b" in err


def test_check_still_starts_without_textual(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = (
        "import sys\n"
        "from okrtui.cli.main import main\n"
        "try:\n"
        "    main(['--lang', 'fa', 'check', '--bogus'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert not any(m.startswith('textual') for m in sys.modules)\n"
        "print('clean')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "clean" in result.stdout, result.stderr
