"""An outline scanned from a file's head is the outline of the whole file, for any objective."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given

from okrtui.model import Objective
from okrtui.store.outline import Outline, scan_outline
from okrtui.store.workspace import objective_from_text, render_objective
from tests.property.strategies import objectives


@given(objectives)
def test_the_head_of_a_canonical_file_gives_the_full_outline(objective: Objective) -> None:
    path = Path("objectives") / objective.cycle / f"{objective.id}.toml"
    text = render_objective(objective)
    loaded = objective_from_text(path, text).objective
    assert loaded is not None
    scanned = scan_outline(path, text)
    # None only sends the file to a full read; an outline given is never wrong
    assert scanned is None or scanned == Outline.of(loaded)
