"""Any objective the model accepts survives render -> parse -> validate unchanged."""

from __future__ import annotations

import tomllib
from pathlib import Path

import rtoml
from hypothesis import given

from okrtui.model import Objective
from okrtui.store import objective_from_text, render_objective
from tests.property.strategies import objectives


@given(objective=objectives)
def test_render_then_parse_gives_the_same_objective(objective: Objective) -> None:
    text = render_objective(objective)
    assert Objective.model_validate(tomllib.loads(text)) == objective
    assert Objective.model_validate(rtoml.loads(text)) == objective
    # what the store reads (rtoml, file name check, BOM handling) agrees
    loaded = objective_from_text(Path(f"{objective.id}.toml"), text)
    assert loaded.errors == []
    assert loaded.objective == objective
    assert render_objective(loaded.objective) == text  # byte-identical re-render
