"""`okrtui schema` and the editor set-up `okrtui init` writes (.taplo.toml + schemas)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from okrtui.cli.init_command import SCHEMA_DIR, TAPLO_FILE
from okrtui.cli.main import main

TAPLO = shutil.which("taplo", path=str(Path(sys.executable).parent)) or shutil.which("taplo")


def _as_json(value: Any) -> Any:
    """TOML data as taplo hands it to a JSON Schema: dates become ISO strings."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _schema(capsys: pytest.CaptureFixture[str], name: str) -> dict[str, Any]:
    assert main(["schema", name]) == 0
    schema: dict[str, Any] = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_objective_and_settings_schemas_accept_the_sample_and_refuse_mistakes(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    objective = _schema(capsys, "objective")
    settings = _schema(capsys, "settings")
    files = sorted((sample_workspace / "objectives").rglob("*.toml"))
    assert files
    for path in files:
        jsonschema.validate(_as_json(tomllib.loads(path.read_text("utf-8"))), objective)
    data = _as_json(tomllib.loads((sample_workspace / "okrtui.toml").read_text("utf-8")))
    jsonschema.validate(data, settings)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "calendar": "mayan"}, settings)
    first = _as_json(tomllib.loads(files[0].read_text("utf-8")))
    first["key_results"][0]["weight"] = "heavy"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(first, objective)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {**_as_json(tomllib.loads(files[0].read_text("utf-8"))), "x": 1}, objective
        )


def test_all_schemas_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert set(json.loads(capsys.readouterr().out)) == {"objective", "settings", "review", "export"}


def test_init_writes_schemas_and_a_taplo_config(tmp_path: Path) -> None:
    root = tmp_path / "okrs"
    assert main(["init", str(root)]) == 0
    taplo = tomllib.loads((root / TAPLO_FILE).read_text("utf-8"))
    paths = {rule["schema"]["path"]: rule["include"] for rule in taplo["rule"]}
    assert paths["./.okrtui/schema/objective.json"] == ["objectives/**/*.toml"]
    assert paths["./.okrtui/schema/settings.json"] == ["okrtui.toml"]
    for path in paths:
        jsonschema.Draft202012Validator.check_schema(json.loads((root / path).read_text("utf-8")))


def test_install_keeps_an_existing_taplo_config(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (sample_workspace / TAPLO_FILE).write_text("# mine\n", encoding="utf-8")
    assert main(["schema", "--install", str(sample_workspace)]) == 0
    assert "kept the existing .taplo.toml" in capsys.readouterr().out
    assert (sample_workspace / TAPLO_FILE).read_text("utf-8") == "# mine\n"
    assert (sample_workspace / SCHEMA_DIR / "objective.json").is_file()


@pytest.mark.skipif(TAPLO is None, reason="taplo (test extra) is not installed")
def test_taplo_checks_objective_files_with_the_schema(sample_workspace: Path) -> None:
    assert TAPLO is not None
    assert main(["schema", "--install", str(sample_workspace)]) == 0

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [TAPLO, "check"], cwd=sample_workspace, capture_output=True, text=True, timeout=60
        )

    assert check().returncode == 0, check().stderr
    path = sample_workspace / "objectives" / "2026-Q4" / "email-ctr.toml"
    path.write_text(path.read_text("utf-8").replace("weight = 1\n", 'weight = "heavy"\n'), "utf-8")
    result = check()
    assert result.returncode != 0
    assert '"heavy" is not of type "number"' in result.stderr
