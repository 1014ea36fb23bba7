"""The field-level merge rules, on texts (and files for the driver's entry point)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from okrtui.model import CheckIn, KeyResult, Objective, ObjectiveKind
from okrtui.store import render_objective
from okrtui.store.merge import (
    OURS_MARKER,
    THEIRS_MARKER,
    merge_files,
    merge_objective_texts,
    parse_objective,
)
from tests.git.conftest import make_objective, okrtui


def _variant(**changes: object) -> Objective:
    objective = make_objective()
    for name, value in changes.items():
        setattr(objective, name, value)
    return objective


def _merge(base: Objective | None, ours: Objective, theirs: Objective):  # type: ignore[no-untyped-def]
    outcome = merge_objective_texts(
        render_objective(base) if base is not None else "",
        render_objective(ours),
        render_objective(theirs),
    )
    assert outcome is not None
    return outcome


def _sides(text: str) -> tuple[str, str]:
    """The two texts a conflict-marked file holds: every hunk taken one way."""
    ours: list[str] = []
    theirs: list[str] = []
    state = "both"
    for line in text.splitlines(keepends=True):
        if line.startswith(OURS_MARKER):
            state = "ours"
        elif line.startswith("=======") and state == "ours":
            state = "theirs"
        elif line.startswith(THEIRS_MARKER):
            state = "both"
        else:
            if state in ("both", "ours"):
                ours.append(line)
            if state in ("both", "theirs"):
                theirs.append(line)
    return "".join(ours), "".join(theirs)


def test_key_result_added_on_one_side_and_deleted_on_the_other() -> None:
    base = make_objective()
    ours = make_objective()
    ours.key_results = [
        *ours.key_results,
        KeyResult(id="webinar-signups", title="400 webinar sign-ups"),
    ]
    theirs = make_objective()
    theirs.key_results = [kr for kr in theirs.key_results if kr.id != "ebook-downloads"]
    outcome = _merge(base, ours, theirs)
    assert outcome.clean
    merged = parse_objective(outcome.text)
    assert merged is not None
    assert [kr.id for kr in merged.key_results] == ["organic-traffic", "webinar-signups"]


def test_deleted_on_one_side_and_edited_on_the_other_is_a_conflict() -> None:
    base = make_objective()
    ours = make_objective()
    ours.key_results = [kr for kr in ours.key_results if kr.id != "ebook-downloads"]
    theirs = make_objective()
    theirs.key_results[1].owner = "Sara"
    outcome = _merge(base, ours, theirs)
    assert not outcome.clean
    assert [c.path for c in outcome.conflicts] == ["key_results[ebook-downloads]"]
    assert "ours (deleted)" in outcome.conflicts[0].describe()
    ours_text, theirs_text = _sides(outcome.text)
    assert ours_text == render_objective(ours)
    assert theirs_text == render_objective(theirs)  # nothing of either side is lost


def test_different_fields_of_one_key_result_merge_and_updated_takes_the_later_date() -> None:
    base = make_objective()
    ours = make_objective()
    ours.key_results[0].owner = "Sara"
    ours.updated = dt.date(2026, 11, 27)
    theirs = make_objective()
    theirs.key_results[0].metric.unit = "visits/month"
    theirs.updated = dt.date(2026, 11, 25)
    merged = parse_objective(_merge(base, ours, theirs).text)
    assert merged is not None
    assert merged.key_results[0].owner == "Sara"
    assert merged.key_results[0].metric.unit == "visits/month"
    assert merged.updated == dt.date(2026, 11, 27)


def test_tags_merge_as_a_set() -> None:
    base = make_objective()
    ours = _variant(tags=["marketing", "q4"])  # removed "brand", added "q4"
    theirs = _variant(tags=["marketing", "brand", "seo"])
    merged = parse_objective(_merge(base, ours, theirs).text)
    assert merged is not None
    assert merged.tags == ["marketing", "q4", "seo"]


def test_a_conflict_on_a_check_in_note_names_the_check_in() -> None:
    base = make_objective()
    ours = make_objective()
    ours.key_results[0].checkins[1].note = "Two guides ranked"
    theirs = make_objective()
    theirs.key_results[0].checkins[1].note = "Core update dip"
    outcome = _merge(base, ours, theirs)
    assert [c.path for c in outcome.conflicts] == [
        "key_results[organic-traffic].checkins[check-in 2026-11-23 Reza].note"
    ]
    assert parse_objective(outcome.text) is None


def test_both_sides_correcting_one_check_in_value_is_a_conflict() -> None:
    """Not two check-ins on one day: the same measurement, corrected differently."""
    base = make_objective()
    ours = make_objective()
    ours.key_results[0].checkins[1].value = 48600
    theirs = make_objective()
    theirs.key_results[0].checkins[1].value = 48700
    outcome = _merge(base, ours, theirs)
    assert [c.path for c in outcome.conflicts] == [
        "key_results[organic-traffic].checkins[check-in 2026-11-23 Reza].value"
    ]
    assert "48600" in outcome.text and "48700" in outcome.text
    assert parse_objective(outcome.text) is None


def test_both_sides_added_the_file_without_a_base() -> None:
    ours = make_objective()
    ours.key_results[0].checkins = [
        *ours.key_results[0].checkins,
        CheckIn(date=dt.date(2026, 11, 27), value=49000),
    ]
    theirs = _variant(title="Lead marketing education in Iran")
    outcome = _merge(None, ours, theirs)
    assert [c.path for c in outcome.conflicts] == ["title"]  # no base: a difference is a conflict
    assert "checkins" not in " ".join(c.path for c in outcome.conflicts)


def test_an_invalid_merge_result_falls_back_to_a_text_merge(tmp_path: Path) -> None:
    """One side makes it a standalone SMART goal, the other adds a second key result."""
    base = make_objective()
    base.key_results = base.key_results[:1]
    ours = base.model_copy(deep=True)
    ours.kind = ObjectiveKind.SMART
    theirs = base.model_copy(deep=True)
    theirs.key_results = [*theirs.key_results, KeyResult(id="b", title="B")]
    texts = [render_objective(o) for o in (base, ours, theirs)]
    assert merge_objective_texts(*texts) is None
    paths = []
    for name, text in zip(("base", "ours", "theirs"), texts, strict=True):
        (tmp_path / name).write_text(text)
        paths.append(tmp_path / name)
    outcome = merge_files(*paths)
    assert outcome.textual
    assert 'kind = "smart"' in outcome.text and 'id = "b"' in outcome.text


def test_unparsable_input_falls_back_to_git_merge_file(tmp_path: Path) -> None:
    base_text = render_objective(make_objective())
    ours_text = base_text.replace('owner = "Sara"', 'owner = "Sara"\nbroken = [')
    theirs_text = base_text.replace("target = 1500", "target = 1800")
    paths = []
    for name, text in (("base", base_text), ("ours", ours_text), ("theirs", theirs_text)):
        path = tmp_path / name
        path.write_text(text)
        paths.append(path)
    outcome = merge_files(*paths)
    assert outcome.textual and outcome.clean
    result = paths[1].read_text()
    assert "broken = [" in result and "target = 1800" in result  # both sides kept


def test_merge_file_command_reports_the_conflict_and_exits_1(tmp_path: Path) -> None:
    base = make_objective()
    ours = make_objective()
    ours.key_results[0].metric.target = 60000
    theirs = make_objective()
    theirs.key_results[0].metric.target = 58000
    names = []
    for name, objective in (("base", base), ("ours", ours), ("theirs", theirs)):
        (tmp_path / name).write_text(render_objective(objective))
        names.append(str(tmp_path / name))
    result = okrtui("merge-file", *names, "objectives/2026-Q4/education-leader.toml")
    assert result.returncode == 1
    assert (
        "conflict in objectives/2026-Q4/education-leader.toml: "
        "key_results[organic-traffic].metric.target: ours 60000, theirs 58000"
    ) in result.stderr
    assert "<<<<<<< ours" in (tmp_path / "ours").read_text()
