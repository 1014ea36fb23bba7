"""Findings over whole workspaces: the sample (clean of errors) and one broken on purpose."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from okrtui.model.rules import Severity
from okrtui.services.workspace_check import CheckReport, check_workspace
from okrtui.store import WorkspaceStore

TODAY = dt.date(2026, 11, 27)
BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "broken_workspace"

E, W = Severity.ERROR, Severity.WARNING
Q4 = "objectives/2026-Q4/"

#: Every finding in tests/fixtures/broken_workspace: (path, line, column, code, severity).
BROKEN_FINDINGS = [
    (Q4 + "loop-a.toml", 2, 1, "S207", W),
    (Q4 + "loop-a.toml", 4, 1, "R003", E),
    (Q4 + "loop-b.toml", 4, 1, "R003", E),
    (Q4 + "misplaced.toml", 3, 1, "E005", E),
    (Q4 + "no-relevance.toml", 8, 1, "S401", E),  # raised to an error in okrtui.toml
    (Q4 + "orphan.toml", 4, 1, "R001", E),
    (Q4 + "schema-error.toml", 4, 1, "E002", E),
    (Q4 + "schema-error.toml", 9, 1, "E002", E),
    (Q4 + "smart-en.toml", 10, 1, "S101", W),
    (Q4 + "smart-en.toml", 10, 1, "S102", W),
    (Q4 + "smart-en.toml", 10, 1, "S201", W),
    (Q4 + "smart-en.toml", 10, 1, "S202", W),
    (Q4 + "smart-en.toml", 10, 1, "S501", W),
    (Q4 + "smart-en.toml", 17, 1, "S302", W),
    (Q4 + "smart-en.toml", 17, 1, "S502", E),
    (Q4 + "smart-en.toml", 17, 1, "S601", W),
    (Q4 + "smart-en.toml", 26, 1, "S204", E),
    (Q4 + "smart-en.toml", 38, 1, "S206", E),
    (Q4 + "smart-en.toml", 50, 1, "S205", E),
    (Q4 + "smart-en.toml", 59, 1, "S203", E),
    (Q4 + "smart-en.toml", 69, 1, "S301", W),  # check-ins too slow
    (Q4 + "smart-en.toml", 85, 1, "S301", W),  # above max_growth_per_cycle
    (Q4 + "smart-en.toml", 97, 1, "S601", W),  # "roll out", an extra activity word
    (Q4 + "smart-fa.toml", 8, 1, "S101", W),
    (Q4 + "smart-fa.toml", 8, 1, "S102", W),
    (Q4 + "smart-fa.toml", 19, 1, "S601", W),
    (Q4 + "smart-fa.toml", 28, 1, "S601", W),
    (Q4 + "smart-fa.toml", 40, 1, "S102", W),  # Arabic yeh and kaf
    (Q4 + "smart-fa.toml", 51, 1, "S102", W),  # ZWNJ
    (Q4 + "syntax-error.toml", 2, 48, "E001", E),
    (Q4 + "twin.toml", 1, 1, "E004", E),
    (Q4 + "wrong-name.toml", 1, 1, "E003", E),
    ("objectives/2027-Q1/future.toml", 3, 1, "R002", E),
]


def run_check(root: Path) -> CheckReport:
    return check_workspace(WorkspaceStore.open(root), TODAY)


def rows(report: CheckReport) -> list[tuple[str, int | None, int | None, str, Severity]]:
    return [
        (f.relative_path(report.root), f.line, f.column, f.code, f.severity)
        for f in report.findings
    ]


@pytest.fixture
def broken_workspace(tmp_path: Path) -> Path:
    target = tmp_path / "broken"
    shutil.copytree(BROKEN, target)
    return target


# ------------------------------------------------------------------ the sample workspace
def test_sample_workspace_has_no_errors(sample_workspace: Path) -> None:
    report = run_check(sample_workspace)
    assert report.errors == 0
    assert report.exit_code == 0
    assert report.files_checked == 6
    # warnings the sample earns honestly: a slow e-book, a behind-pace engagement rate and
    # subscriber count, a low confidence, and a Q3 goal that never says why it mattered
    found = {(f.objective, f.key_result, f.code) for f in report.findings}
    assert found == {
        ("blog-traffic-q3", "blog-traffic", "S401"),
        ("marketing-education-leader", "ebook-downloads", "S301"),
        ("marketing-education-leader", "ebook-downloads", "S302"),
        ("marketing-education-leader", "social-engagement", "S301"),
        ("newsletter-fa", "subscribers", "S301"),
    }
    assert all(f.severity is Severity.WARNING for f in report.findings)


# ------------------------------------------------------------------ the broken workspace
def test_broken_workspace_every_finding(broken_workspace: Path) -> None:
    report = run_check(broken_workspace)
    assert rows(report) == BROKEN_FINDINGS
    assert report.exit_code == 1
    assert (report.errors, report.warnings) == (16, 17)
    assert report.files_checked == 14


def test_smart_findings_name_the_key_result_and_letter(broken_workspace: Path) -> None:
    report = run_check(broken_workspace)
    finding = next(f for f in report.findings if f.code == "S502")
    assert (finding.objective, finding.key_result) == ("smart-en", "pricing-page")
    assert finding.field == "key_results[1].title"
    assert finding.message.startswith("Time-bound: Due 2027-01-15 is outside 2026-Q4")


def test_reference_findings_explain_themselves(broken_workspace: Path) -> None:
    findings = run_check(broken_workspace).findings
    messages = {(f.code, f.objective): f.message for f in findings}
    assert "'no-such-objective'" in messages["R001", "orphan"]
    assert "'2027-Q1'" in messages["R002", "future"]
    assert messages["R003", "loop-a"].endswith("loop-a -> loop-b -> loop-a")
    assert messages["R003", "loop-b"].endswith("loop-b -> loop-a -> loop-b")
    assert "'2026-Q3'" in messages["E005", "misplaced"]
    assert "'2026-Q4'" in messages["E005", "misplaced"]


def test_a_loop_above_an_objective_is_reported_by_its_members_only(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(BROKEN, root)
    child = root / "objectives" / "2026-Q4" / "loop-child.toml"
    child.write_text(
        'id = "loop-child"\ntitle = "Hangs under the loop"\ncycle = "2026-Q4"\nparent = "loop-a"\n',
        encoding="utf-8",
    )
    loops = [f.objective for f in run_check(root).findings if f.code == "R003"]
    assert loops == ["loop-a", "loop-b"]


def test_a_parent_in_a_broken_file_is_not_reported_twice(broken_workspace: Path) -> None:
    orphan = broken_workspace / "objectives" / "2026-Q4" / "orphan.toml"
    orphan.write_text(
        orphan.read_text(encoding="utf-8").replace("no-such-objective", "syntax-error"),
        encoding="utf-8",
    )
    codes = [f.code for f in run_check(broken_workspace).findings]
    assert "R001" not in codes
    assert "E001" in codes


def test_severities_from_settings(broken_workspace: Path) -> None:
    settings = broken_workspace / "okrtui.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text + 'outcome = "off"\nS302 = "error"\n', encoding="utf-8")
    report = run_check(broken_workspace)
    codes = {f.code: f.severity for f in report.findings}
    assert "S601" not in codes
    assert codes["S302"] is Severity.ERROR


def test_dropped_objectives_are_not_coached(broken_workspace: Path) -> None:
    path = broken_workspace / "objectives" / "2026-Q4" / "smart-fa.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('parent = "smart-en"', 'parent = "smart-en"\nstatus = "dropped"'))
    assert not [f for f in run_check(broken_workspace).findings if f.objective == "smart-fa"]


def test_a_broken_settings_file_is_reported_and_defaults_apply(broken_workspace: Path) -> None:
    settings = broken_workspace / "okrtui.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('S303 = "off"', 'S999 = "off"'), encoding="utf-8")
    report = run_check(broken_workspace)
    (settings_finding,) = [f for f in report.findings if f.path.name == "okrtui.toml"]
    assert (settings_finding.code, settings_finding.line) == ("E002", 17)
    assert "S999" in settings_finding.message
    codes = {f.code for f in report.findings}
    assert "S303" in codes  # no longer turned off
    assert "R002" not in codes  # cycles are unknown when okrtui.toml did not load


def test_a_clean_workspace_has_no_findings(tmp_path: Path) -> None:
    root = tmp_path / "clean"
    (root / "objectives" / "2026-Q4").mkdir(parents=True)
    shutil.copy(BROKEN / "okrtui.toml", root / "okrtui.toml")
    shutil.copy(BROKEN / "objectives" / "2026-Q4" / "orphan.toml", root / "objectives" / "2026-Q4")
    orphan = root / "objectives" / "2026-Q4" / "orphan.toml"
    text = orphan.read_text(encoding="utf-8").replace('parent = "no-such-objective"\n', "")
    relevance = '[smart.relevant]\nanswer = "Demos sell"\n\n[[key_results]]'
    orphan.write_text(text.replace("[[key_results]]", relevance), encoding="utf-8")
    report = run_check(root)
    assert report.findings == []
    assert (report.exit_code, report.files_checked) == (0, 2)
