"""`okrtui checkin` and `okrtui import checkins` on real workspace files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from okrtui.cli.console import save_objectives
from okrtui.cli.main import main
from okrtui.store import WorkspaceStore, render_objective

FA_FILE = Path("objectives") / "2026-Q4" / "newsletter-fa.toml"
CTR_FILE = Path("objectives") / "2026-Q4" / "email-ctr.toml"


def _checkins(workspace: Path, objective_id: str, kr_id: str) -> list[tuple[dt.date, float]]:
    kr = WorkspaceStore.open(workspace).objectives[objective_id].key_result(kr_id)
    assert kr is not None
    return [(c.date, c.value) for c in kr.checkins]


def _jalali(workspace: Path) -> None:
    settings = workspace / "okrtui.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('calendar = "gregorian"', 'calendar = "jalali"'), "utf-8")


def test_checkin_writes_canonically_and_reads_back(sample_workspace: Path) -> None:
    before = (sample_workspace / CTR_FILE).read_text(encoding="utf-8")
    args = ["checkin", "email-ctr/email-ctr", "4.3", "--date", "2026-11-24"]
    args += ["--confidence", "0.7", "--note", "after the A/B test", "--author", "Mina"]
    assert main([*args, "--workspace", str(sample_workspace)]) == 0
    after = (sample_workspace / CTR_FILE).read_text(encoding="utf-8")
    line = (
        "    { date = 2026-11-24, value = 4.3, confidence = 0.7, "
        'note = "after the A/B test", author = "Mina" },\n'
    )
    assert line in after and after.replace(line, "") == before  # one line added, nothing else
    store = WorkspaceStore.open(sample_workspace)
    assert render_objective(store.objectives["email-ctr"]) == after  # canonical form
    assert (dt.date(2026, 11, 24), 4.3) in _checkins(sample_workspace, "email-ctr", "email-ctr")


def test_a_second_checkin_that_day_replaces_it_and_says_so(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = ["checkin", "email-ctr/email-ctr", "4.4", "--date", "2026-11-24", "--author", "Mina"]
    first += ["--confidence", "0.9", "--note", "after the A/B test"]
    assert main([*first, "--workspace", str(sample_workspace)]) == 0
    assert capsys.readouterr().out == "email-ctr/email-ctr: 4.4 on 2026-11-24\n"
    second = ["checkin", "email-ctr/email-ctr", "4", "--date", "2026-11-24", "--author", "Mina"]
    assert main([*second, "--workspace", str(sample_workspace)]) == 0
    out = capsys.readouterr().out
    assert out == "email-ctr/email-ctr: 4 on 2026-11-24 (replaces that day's check-in)\n"
    kr = WorkspaceStore.open(sample_workspace).objectives["email-ctr"].key_result("email-ctr")
    assert kr is not None
    (day,) = [c for c in kr.checkins if c.date == dt.date(2026, 11, 24)]
    # the day's value is the new one; what was not given again is kept, not dropped
    assert (day.value, day.confidence, day.note) == (4, 0.9, "after the A/B test")


def test_a_file_changed_on_disk_is_not_overwritten(sample_workspace: Path) -> None:
    store = WorkspaceStore.open(sample_workspace)
    objective = store.objectives["email-ctr"].model_copy(deep=True)
    objective.title = "Changed here"
    theirs = (sample_workspace / CTR_FILE).read_text(encoding="utf-8") + "# edited elsewhere\n"
    (sample_workspace / CTR_FILE).write_text(theirs, encoding="utf-8")
    problem = save_objectives(store, [objective])
    assert problem is not None and "changed on disk" in problem
    assert (sample_workspace / CTR_FILE).read_text(encoding="utf-8") == theirs


def test_checkin_reads_persian_digits_and_jalali_dates(sample_workspace: Path) -> None:
    _jalali(sample_workspace)
    args = ["checkin", "newsletter-fa/subscribers", "۱۰٬۴۰۰", "--date", "۱۴۰۵-۰۹-۰۳"]
    assert main([*args, "--author", "مینا", "-w", str(sample_workspace)]) == 0
    assert (dt.date(2026, 11, 24), 10400.0) in _checkins(
        sample_workspace, "newsletter-fa", "subscribers"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["email-ctr/email-ctr", "abc"], "'abc' is not a number"),
        (["email-ctr/nope", "4"], "has no key result 'nope'"),
        (["nope/email-ctr", "4"], "no objective 'nope'"),
        (["email-ctr", "4"], "expected OBJECTIVE_ID/KR_ID"),
        (["email-ctr/email-ctr", "4", "--date", "2999-01-01"], "in the future"),
        (["email-ctr/email-ctr", "4", "--confidence", "3"], "between 0 and 1"),
        (["email-ctr/email-ctr", "4", "--date", "yesterday"], "--date"),
    ],
)
def test_bad_checkin_is_one_line_and_writes_nothing(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = (sample_workspace / CTR_FILE).read_bytes()
    assert main(["checkin", *args, "-w", str(sample_workspace)]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert (sample_workspace / CTR_FILE).read_bytes() == before


def test_checkin_refuses_a_file_that_does_not_load(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = 'id = "email-ctr"\ntitle = = broken\n'
    (sample_workspace / CTR_FILE).write_text(broken, encoding="utf-8")
    assert main(["checkin", "email-ctr/email-ctr", "4", "-w", str(sample_workspace)]) == 1
    err = capsys.readouterr().err
    assert "objectives/2026-Q4/email-ctr.toml did not load; fix it first" in err
    assert (sample_workspace / CTR_FILE).read_text(encoding="utf-8") == broken
    source = sample_workspace.parent / "rows.csv"
    source.write_text("key_result,date,value\nemail-ctr/email-ctr,2026-11-24,4\n", "utf-8")
    assert main(["import", "checkins", str(source), "-w", str(sample_workspace)]) == 1
    assert "email-ctr.toml did not load" in capsys.readouterr().err
    assert (sample_workspace / CTR_FILE).read_text(encoding="utf-8") == broken


GA_EXPORT = """\
# ----------------------------------------
# Blog
# Date range: 20261101-20261125
# ----------------------------------------

Date,Sessions,CTR
20261124,"49,100",4.4
20261125,49600,
20261123,48500,4.1
"""


def test_wide_import_adds_then_skips_on_the_second_run(
    sample_workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "ga.csv"
    source.write_text(GA_EXPORT, encoding="utf-8")
    args = ["import", "checkins", str(source), "-w", str(sample_workspace)]
    args += ["--map", "Sessions=marketing-education-leader/organic-traffic"]
    args += ["--map", "CTR=email-ctr/email-ctr", "--author", "GA"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "3 added, 0 updated, 2 skipped" in out  # 48500 and 4.1 on the 23rd are recorded
    traffic = _checkins(sample_workspace, "marketing-education-leader", "organic-traffic")
    assert (dt.date(2026, 11, 24), 49100.0) in traffic
    assert (dt.date(2026, 11, 25), 49600.0) in traffic
    assert (dt.date(2026, 11, 24), 4.4) in _checkins(sample_workspace, "email-ctr", "email-ctr")
    files = {p: p.read_bytes() for p in sample_workspace.rglob("*.toml")}
    assert main(args) == 0
    assert "0 added, 0 updated, 5 skipped" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in sample_workspace.rglob("*.toml")} == files


def test_long_import_with_persian_digits_in_a_jalali_workspace(
    sample_workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _jalali(sample_workspace)
    source = tmp_path / "long.csv"
    source.write_text(
        "key_result,date,value,note\n"
        "newsletter-fa/open-rate,۱۴۰۵-۰۹-۰۳,۳۱٫۵,هفتهٔ خوب\n"
        "newsletter-fa/subscribers,2026-11-24,10400,\n",
        encoding="utf-8",
    )
    args = ["import", "checkins", str(source), "-w", str(sample_workspace)]
    assert main(args) == 0
    assert "2 added" in capsys.readouterr().out
    open_rate = WorkspaceStore.open(sample_workspace).objectives["newsletter-fa"].key_results[0]
    latest = open_rate.latest_checkin()
    assert latest is not None
    assert (latest.date, latest.value, latest.note) == (dt.date(2026, 11, 24), 31.5, "هفتهٔ خوب")
    assert (dt.date(2026, 11, 24), 10400.0) in _checkins(
        sample_workspace, "newsletter-fa", "subscribers"
    )
    assert main(args) == 0
    assert "0 added, 0 updated, 2 skipped" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("rows", "where"),
    [
        (
            "email-ctr/email-ctr,2026-11-24,4.4\nemail-ctr/email-ctr,2026-11-25,lots\n",
            ":3: column 'value'",
        ),
        (
            "email-ctr/email-ctr,2026-11-24,4.4\nemail-ctr/email-ctr,24.11.2026,4\n",
            ":3: column 'date'",
        ),
        (
            "email-ctr/email-ctr,2026-11-24,4.4\nemail-ctr/nope,2026-11-24,4\n",
            ":3: column 'key_result'",
        ),
        ("email-ctr/email-ctr,2026-11-24,4.4\nemail-ctr,2026-11-24,4\n", ":3: column 'key_result'"),
        (
            "email-ctr/email-ctr,2026-11-24,4.4\nemail-ctr/email-ctr,2999-01-01,4\n",
            ":3: column 'date'",
        ),
        (
            "email-ctr/email-ctr,2026-11-24,4.4\nemail-ctr/email-ctr,2026-11-24,4.5\n",
            ":3: column 'value'",
        ),
    ],
)
def test_a_bad_row_names_line_and_column_and_nothing_is_written(
    sample_workspace: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    rows: str,
    where: str,
) -> None:
    source = tmp_path / "bad.csv"
    source.write_text("key_result,date,value\n" + rows, encoding="utf-8")
    files = {p: p.read_bytes() for p in sample_workspace.rglob("*.toml")}
    assert main(["import", "checkins", str(source), "-w", str(sample_workspace)]) == 1
    err = capsys.readouterr().err
    assert f"{source}{where}" in err and err.count("\n") == 1
    assert {p: p.read_bytes() for p in sample_workspace.rglob("*.toml")} == files


def test_dry_run_writes_nothing(
    sample_workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "long.csv"
    source.write_text("key_result,date,value\nemail-ctr/email-ctr,2026-11-24,4.4\n", "utf-8")
    files = {p: p.read_bytes() for p in sample_workspace.rglob("*.toml")}
    args = ["import", "checkins", str(source), "--dry-run", "-w", str(sample_workspace)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "would add: email-ctr/email-ctr 2026-11-24 4.4" in out and "dry run" in out
    assert {p: p.read_bytes() for p in sample_workspace.rglob("*.toml")} == files


def test_wide_import_with_an_unknown_mapped_column(
    sample_workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "ga.csv"
    source.write_text(GA_EXPORT, encoding="utf-8")
    args = ["import", "checkins", str(source), "-w", str(sample_workspace)]
    assert main([*args, "--map", "Users=email-ctr/email-ctr"]) == 1
    assert "column 'Users'" in capsys.readouterr().err
