"""The monthly review: snapshot, what changed, applying decisions."""

from __future__ import annotations

import datetime as dt

import pytest

from okrtui.model import CheckIn, Cycle, KeyResult, Metric, Objective
from okrtui.model.review import Decision, KeyResultReview, ObjectiveReview, Review
from okrtui.services.review import apply_review, build_review, what_changed

Q4 = Cycle(name="2026-Q4", start=dt.date(2026, 10, 1), end=dt.date(2026, 12, 31))


def objectives() -> list[Objective]:
    return [
        Objective(
            id="blog",
            title="Blog",
            cycle="2026-Q4",
            key_results=[
                KeyResult(
                    id="visits",
                    title="Visits",
                    metric=Metric(start=100, target=200),
                    checkins=[
                        CheckIn(date=dt.date(2026, 9, 28), value=95),  # before the cycle
                        CheckIn(date=dt.date(2026, 10, 10), value=120),
                        CheckIn(date=dt.date(2026, 10, 31), value=140),
                        CheckIn(date=dt.date(2026, 11, 20), value=170),
                    ],
                ),
                KeyResult(id="bounce", title="Bounce", metric=Metric(start=60, target=40)),
            ],
        )
    ]


def test_build_review_snapshots_every_key_result() -> None:
    review = build_review(objectives(), None, dt.date(2026, 10, 31))
    assert review.date == dt.date(2026, 10, 31)
    blog = review.objective("blog")
    assert blog is not None
    visits = blog.key_result("visits")
    assert visits is not None
    # the snapshot is taken from the objectives as passed (values up to now)
    assert (visits.value, visits.target, visits.progress) == (170, 200, 0.7)
    assert visits.decision is Decision.KEEP
    assert blog.progress == pytest.approx(0.35)


def test_what_changed_without_a_previous_review_counts_from_the_cycle_start() -> None:
    changes = what_changed(objectives(), None, {"2026-Q4": Q4})
    visits, bounce = changes
    assert visits.since == Q4.start
    assert (visits.previous_value, visits.value, visits.delta) == (100, 170, 70)
    assert visits.progress_delta == pytest.approx(0.7)
    assert [c.value for c in visits.new_checkins] == [120, 140, 170]
    assert not visits.in_previous_review
    assert (bounce.delta, bounce.new_checkins) == (0, ())


def test_what_changed_since_the_previous_review() -> None:
    previous = Review(
        date=dt.date(2026, 10, 31),
        objectives=[
            ObjectiveReview(
                id="blog", key_results=[KeyResultReview(id="visits", value=140, progress=0.4)]
            )
        ],
    )
    visits, bounce = what_changed(objectives(), previous, {"2026-Q4": Q4})
    assert visits.since == dt.date(2026, 10, 31)
    assert (visits.previous_value, visits.delta) == (140, 30)
    assert visits.progress_delta == pytest.approx(0.3)
    assert [c.value for c in visits.new_checkins] == [170]  # the one on the review day is old
    assert visits.in_previous_review
    # not in the previous review: measured from its start
    assert (bounce.previous_value, bounce.in_previous_review) == (60, False)


def test_unknown_values_give_no_delta() -> None:
    previous = Review(
        date=dt.date(2026, 10, 31),
        objectives=[ObjectiveReview(id="blog", key_results=[KeyResultReview(id="visits")])],
    )
    visits = what_changed(objectives(), previous)[0]
    assert (visits.delta, visits.progress_delta) == (None, None)


def test_apply_review_revises_targets_and_drops_key_results() -> None:
    objs = {o.id: o for o in objectives()}
    review = build_review(objs.values(), None, dt.date(2026, 11, 27))
    blog = review.objective("blog")
    assert blog is not None
    visits, bounce = blog.key_results
    visits.decision, visits.new_target = Decision.REVISE_TARGET, 180
    bounce.decision = Decision.DROP
    dropped = objs["blog"].key_results[1].model_copy(deep=True)
    assert apply_review(review, objs) == ["blog"]
    assert objs["blog"].key_results[0].metric.target == 180
    assert [k.id for k in objs["blog"].key_results] == ["visits"]
    assert bounce.removed == dropped
    assert visits.target == 200  # the snapshot keeps the target before the revision
    assert review.applied
    assert apply_review(review, objs) == []  # applying again changes nothing
    assert bounce.removed == dropped


def test_apply_review_skips_objectives_that_are_gone() -> None:
    review = Review(
        date=dt.date(2026, 11, 27),
        objectives=[
            ObjectiveReview(
                id="gone", key_results=[KeyResultReview(id="x", decision=Decision.DROP)]
            )
        ],
    )
    assert apply_review(review, {}) == []


def test_reopening_todays_review_keeps_notes_and_decisions() -> None:
    objs = {o.id: o for o in objectives()}
    today = dt.date(2026, 11, 27)
    review = build_review(objs.values(), None, today)
    review.note = "monthly"
    blog = review.objective("blog")
    assert blog is not None
    blog.note = "slow month"
    blog.key_results[0].decision = Decision.REVISE_TARGET
    blog.key_results[0].new_target = 180
    blog.key_results[1].decision = Decision.DROP
    apply_review(review, objs)
    objs["blog"].key_results[0].checkins.append(CheckIn(date=today, value=175))
    again = build_review(objs.values(), review, today)
    again_blog = again.objective("blog")
    assert again_blog is not None
    assert (again.note, again.applied, again_blog.note) == ("monthly", True, "slow month")
    visits = again_blog.key_result("visits")
    bounce = again_blog.key_result("bounce")
    assert visits is not None and bounce is not None
    assert (visits.decision, visits.new_target, visits.value) == (Decision.REVISE_TARGET, 180, 175)
    assert bounce.removed is not None  # the dropped key result is still on record
    older = build_review(objs.values(), review, today + dt.timedelta(days=30))
    older_blog = older.objective("blog")
    assert older_blog is not None and older_blog.note == ""
