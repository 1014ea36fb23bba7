"""Two concurrent edits of one objective file, merged by the `okrtui merge-file` driver.

Whatever the two sides did (new check-ins, edited or added key results, a
changed title), the merge loses no check-in either side had, and its file
either loads or holds conflict markers whose every side loads.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from okrtui.model import CheckIn, Objective
from okrtui.store import objective_from_text, render_objective
from okrtui.store.merge import OURS_MARKER, SEPARATOR, THEIRS_MARKER, merge_files
from tests.property.strategies import key_result, number, objectives, title

# Few days and few people, so that the two sides often measure on the same day.
checkin = st.fixed_dictionaries(
    {
        "date": st.dates(dt.date(2026, 10, 1), dt.date(2026, 10, 4)),
        "value": number,
    },
    optional={"author": st.sampled_from(["", "sara", "ali"]), "note": st.sampled_from(["", "x"])},
)


@st.composite
def edited(draw: st.DrawFn, base: Objective) -> Objective:
    """One person's edit: check-ins added, maybe a title changed or a key result added."""
    data = base.model_dump()
    for kr in data["key_results"]:
        kr["checkins"] = kr["checkins"] + draw(st.lists(checkin, max_size=3))
        if draw(st.booleans()):
            kr["title"] = draw(title)
    if draw(st.booleans()):
        data["title"] = draw(title)
    if draw(st.booleans()) and data["kind"] == "okr":
        new = draw(key_result)
        if all(new["id"] != kr["id"] for kr in data["key_results"]):
            data["key_results"].append(new)
    try:
        return Objective.model_validate(data)
    except ValueError:
        return base


@st.composite
def three_versions(draw: st.DrawFn) -> tuple[Objective, Objective, Objective]:
    base = draw(objectives)
    data = base.model_dump()
    for kr in data["key_results"]:  # some check-ins already in the base
        kr["checkins"] = draw(st.lists(checkin, max_size=2))
    base = Objective.model_validate(data)
    return base, draw(edited(base)), draw(edited(base))


def side_of(text: str, ours: bool) -> str:
    """The file as it reads when every conflict is settled for one side."""
    out, where = [], "both"
    for line in text.splitlines(keepends=True):
        marker = line.rstrip("\n")
        if marker == OURS_MARKER:
            where = "ours"
        elif marker == SEPARATOR and where == "ours":
            where = "theirs"
        elif marker == THEIRS_MARKER and where == "theirs":
            where = "both"
        elif where == "both" or (where == "ours") == ours:
            out.append(line)
    assert where == "both", "unclosed conflict markers"
    return "".join(out)


def checkins(objective: Objective) -> list[tuple[str, CheckIn]]:
    return [(kr.id, c) for kr in objective.key_results for c in kr.checkins]


def assert_kept(merged: Objective, side: Objective) -> None:
    have = checkins(merged)
    for item in checkins(side):
        assert item in have, f"lost {item}"


def merge(base: Objective, ours: Objective, theirs: Objective) -> tuple[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / name for name in ("base", "ours", "theirs")]
        for path, version in zip(paths, (base, ours, theirs), strict=True):
            path.write_text(render_objective(version), "utf-8")
        outcome = merge_files(*paths)
        return paths[1].read_text("utf-8"), outcome


def _with_checkins(base: Objective, *values: float) -> Objective:
    data = base.model_dump()
    data["key_results"][0]["checkins"] = [
        {"date": dt.date(2026, 10, 1), "value": value} for value in values
    ]
    return Objective.model_validate(data)


_ONE_KR = Objective.model_validate(
    {"id": "o", "title": "o", "cycle": "2026-Q3", "key_results": [{"id": "k", "title": "k"}]}
)


@given(versions=three_versions())
@example(  # two check-ins one day by one author on one side: the second was dropped
    versions=(_ONE_KR, _with_checkins(_ONE_KR, 0), _with_checkins(_ONE_KR, 0, 1))
)
def test_merge_loses_no_checkin_and_never_writes_a_broken_file(
    versions: tuple[Objective, Objective, Objective],
) -> None:
    base, ours, theirs = versions
    text, outcome = merge(base, ours, theirs)
    path = Path(f"{base.id}.toml")
    assert not outcome.textual
    if outcome.clean:
        assert OURS_MARKER not in text
        loaded = objective_from_text(path, text)
        assert loaded.errors == [], text
        assert loaded.objective is not None
        assert_kept(loaded.objective, ours)
        assert_kept(loaded.objective, theirs)
        return
    assert OURS_MARKER in text  # not loadable, and visibly so
    for side, version in ((True, ours), (False, theirs)):
        loaded = objective_from_text(path, side_of(text, side))
        assert loaded.errors == [], side_of(text, side)
        assert loaded.objective is not None
        assert_kept(loaded.objective, version)
