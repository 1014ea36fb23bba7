"""End-of-cycle scores and the stretch band."""

from __future__ import annotations

import datetime as dt

import pytest

from okrtui.model import CheckIn, KeyResult, Metric, Objective, Rollup
from okrtui.services.scoring import (
    StretchFlag,
    kr_score,
    objective_score,
    score_cycle,
    score_objective,
    stretch_flag,
    stretch_label,
)


def make_kr(kr_id: str, value: float, weight: float = 1.0) -> KeyResult:
    return KeyResult(
        id=kr_id,
        title=kr_id,
        weight=weight,
        metric=Metric(start=0, target=100),
        checkins=[CheckIn(date=dt.date(2026, 12, 30), value=value)],
    )


def make_objective(
    oid: str, *krs: KeyResult, cycle: str = "2026-Q4", parent: str | None = None
) -> Objective:
    return Objective(id=oid, title=oid, cycle=cycle, parent=parent, key_results=list(krs))


@pytest.mark.parametrize(("value", "score"), [(70, 0.7), (150, 1.0), (-20, 0.0), (0, 0.0)])
def test_kr_score_is_clamped_progress(value: float, score: float) -> None:
    assert kr_score(make_kr("a", value)) == pytest.approx(score)


def test_kr_score_of_an_unmeasurable_key_result() -> None:
    assert kr_score(KeyResult(id="a", title="a")) is None


def test_objective_score_is_weighted_and_clamped() -> None:
    objective = make_objective("o", make_kr("a", 200, weight=1), make_kr("b", 40, weight=3))
    assert objective_score(objective) == pytest.approx((1.0 + 0.4 * 3) / 4)


def test_objective_score_can_roll_up_children() -> None:
    parent = make_objective("p", make_kr("a", 20))
    child = make_objective("c", make_kr("b", 80), parent="p")
    by_id = {"p": parent, "c": child}
    assert objective_score(parent, by_id, Rollup.BOTH) == pytest.approx(0.5)
    assert objective_score(parent, by_id, Rollup.CHILDREN) == pytest.approx(0.8)


@pytest.mark.parametrize(
    ("score", "flag"),
    [
        (0.95, StretchFlag.SANDBAGGING),
        (0.81, StretchFlag.SANDBAGGING),
        (0.8, StretchFlag.HEALTHY),
        (0.7, StretchFlag.HEALTHY),
        (0.6, StretchFlag.HEALTHY),
        (0.45, StretchFlag.SHORT),
        (0.3, StretchFlag.SHORT),
        (0.29, StretchFlag.OVERREACH),
        (0.0, StretchFlag.OVERREACH),
        (None, None),
    ],
)
def test_stretch_band_default(score: float | None, flag: StretchFlag | None) -> None:
    assert stretch_flag(score) is flag


def test_stretch_band_and_far_are_parameters() -> None:
    assert stretch_flag(0.45, (0.5, 0.9), far_below=0.1) is StretchFlag.SHORT
    assert stretch_flag(0.35, (0.5, 0.9), far_below=0.1) is StretchFlag.OVERREACH
    assert stretch_flag(0.85, (0.5, 0.9)) is StretchFlag.HEALTHY


def test_score_objective_card() -> None:
    card = score_objective(make_objective("o", make_kr("a", 90), make_kr("b", 100)))
    assert card.score == pytest.approx(0.95)
    assert card.flag is StretchFlag.SANDBAGGING
    assert [kr_id for kr_id, _s in card.key_results] == ["a", "b"]
    assert dict(card.key_results) == pytest.approx({"a": 0.9, "b": 1.0})


def test_score_cycle_only_scores_that_cycle() -> None:
    cards = score_cycle(
        [
            make_objective("q4", make_kr("a", 70)),
            make_objective("q3", make_kr("a", 10), cycle="2026-Q3"),
        ],
        "2026-Q4",
    )
    assert [(c.objective_id, c.flag) for c in cards] == [("q4", StretchFlag.HEALTHY)]


def test_labels_are_distinct() -> None:
    assert len({stretch_label(f) for f in StretchFlag}) == len(StretchFlag)
