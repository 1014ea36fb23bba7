"""`okrtui checkin` on bad input: one line that starts with the field it is about."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrtui.cli.main import main
from tests.cli.test_checkin_import_commands import CTR_FILE, _jalali

PERCENT = "email-ctr/email-ctr"  # a percent key result, from 3% to 5%
COUNT = "marketing-education-leader/organic-traffic"


def _refused(workspace: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    before = {p: p.read_bytes() for p in (workspace / "objectives").rglob("*.toml")}
    assert main(["checkin", "-w", str(workspace), *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("okrtui: ") and err.count("\n") == 1 and "Traceback" not in err
    assert {p: p.read_bytes() for p in (workspace / "objectives").rglob("*.toml")} == before
    return err.removeprefix("okrtui: ").strip()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [PERCENT, "4", "--date", "1405-12-30"],
            "--date: 1405-12-30 looks like a Jalali date, but this workspace uses the "
            "Gregorian calendar: type it as YYYY-MM-DD in the Gregorian calendar",
        ),
        (
            [PERCENT, "4", "--date", "2026-02-30"],
            "--date: 2026-02-30 is not a day of the Gregorian calendar: "
            "month 2 of 2026 has 28 days",
        ),
        ([PERCENT, "4", "--date", "2026-13-01"], "--date: 2026-13-01: there is no month 13"),
        ([PERCENT, "4", "--date", "2999-01-01"], "--date: 2999-01-01 is in the future"),
        ([PERCENT, "4", "--date", "soon"], "--date: 'soon' is not a date as YYYY-MM-DD"),
        ([PERCENT, "--", "-5"], "value: -5 is not a percent between 0 and 100"),
        ([PERCENT, "101"], "value: 101 is not a percent between 0 and 100"),
        ([PERCENT, "lots"], "value: 'lots' is not a number"),
        ([COUNT, "1e400"], "value: '1e400' is not a number"),
        ([COUNT, "1e16"], "value: 1e16 is too large a number"),
        (
            [PERCENT, "4", "--confidence", "1.5"],
            "--confidence: 1.5 is not between 0 and 1, e.g. 0.7",
        ),
        ([PERCENT, "4", "--confidence", "high"], "--confidence: 'high' is not a number"),
        ([PERCENT, "4", "--author", "Mina\nReza"], "--author: must be a single line"),
        ([PERCENT, "4", "--note", "a\x1bb"], "--note: contains the control character \\x1b"),
    ],
)
def test_bad_input_names_the_field(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert _refused(sample_workspace, capsys, *args).startswith(message)


def test_a_jalali_day_that_does_not_exist_this_year(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _jalali(sample_workspace)
    said = _refused(sample_workspace, capsys, PERCENT, "4", "--date", "1405-12-30")
    assert said == (
        "--date: 1405-12-30 is not a day of the Jalali calendar: month 12 of 1405 has 29 days"
    )
    # a leap year has the 30th of Esfand
    assert main(["checkin", PERCENT, "4", "--date", "1403-12-30", "-w", str(sample_workspace)]) == 0
    assert "2025-03-20" in capsys.readouterr().out
    assert "2025-03-20" in (sample_workspace / CTR_FILE).read_text("utf-8")


def test_a_negative_percent_is_fine_when_the_key_result_measures_a_fall_below_zero(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sample_workspace / CTR_FILE
    text = path.read_text("utf-8")
    assert "start = 3\n" in text
    path.write_text(text.replace("start = 3\n", "start = -10\n", 1), "utf-8")
    assert main(["checkin", "-w", str(sample_workspace), PERCENT, "--", "-5"]) == 0
    assert "-5 on" in capsys.readouterr().out
