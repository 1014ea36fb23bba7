"""Review files: real files in tmp_path, round trips, and refusals."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from okrtui.model import CheckIn, KeyResult, Metric, Objective
from okrtui.model.review import Decision, KeyResultReview, ObjectiveReview, Review
from okrtui.services.review import apply_review, build_review, what_changed
from okrtui.store import SaveRefusedError, WorkspaceStore
from okrtui.store.reviews import (
    REVIEWS_DIR,
    ReviewLoadError,
    latest_review,
    list_reviews,
    load_review,
    save_review,
)


def review(day: dt.date, value: float = 10.0) -> Review:
    return Review(
        date=day,
        note="Monthly review",
        objectives=[
            ObjectiveReview(
                id="blog",
                title="Blog",
                note="A slow month: the core update",
                progress=0.25,
                key_results=[
                    KeyResultReview(id="visits", value=value, target=200, progress=0.1234),
                    KeyResultReview(
                        id="bounce", decision=Decision.REVISE_TARGET, new_target=45, value=55.5
                    ),
                ],
            )
        ],
    )


def test_round_trip(tmp_path: Path) -> None:
    original = review(dt.date(2026, 11, 27))
    path = save_review(tmp_path, original)
    assert path == tmp_path / REVIEWS_DIR / "2026-11-27.toml"
    assert load_review(path) == original
    text = path.read_text(encoding="utf-8")
    assert "date = 2026-11-27" in text
    save_review(tmp_path, load_review(path))
    assert path.read_text(encoding="utf-8") == text  # canonical: same data, same bytes


def test_list_and_latest(tmp_path: Path) -> None:
    for day in (dt.date(2026, 9, 30), dt.date(2026, 11, 27), dt.date(2026, 10, 31)):
        save_review(tmp_path, review(day))
    folder = tmp_path / REVIEWS_DIR
    (folder / "notes.toml").write_text("x = 1\n", encoding="utf-8")
    (folder / "2026-13-01.toml").write_text("x = 1\n", encoding="utf-8")
    (folder / ".2026-12-01.toml.tmp").write_text("", encoding="utf-8")
    assert [p.name for p in list_reviews(tmp_path)] == [
        "2026-09-30.toml",
        "2026-10-31.toml",
        "2026-11-27.toml",
    ]
    latest = latest_review(tmp_path)
    assert latest is not None and latest.date == dt.date(2026, 11, 27)
    before = latest_review(tmp_path, before=dt.date(2026, 11, 27))
    assert before is not None and before.date == dt.date(2026, 10, 31)
    assert latest_review(tmp_path, before=dt.date(2026, 9, 30)) is None
    assert latest_review(tmp_path / "empty") is None


def test_a_broken_review_is_never_overwritten(tmp_path: Path) -> None:
    path = save_review(tmp_path, review(dt.date(2026, 11, 27)))
    broken = path.read_text(encoding="utf-8").replace(
        'decision = "revise_target"', 'decision = "maybe"'
    )
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ReviewLoadError) as caught:
        load_review(path)
    error = caught.value.errors[0]
    assert error.field is not None and "decision" in error.field
    assert error.line is not None and "maybe" in broken.splitlines()[error.line - 1]
    with pytest.raises(SaveRefusedError):
        save_review(tmp_path, review(dt.date(2026, 11, 27)))
    assert path.read_text(encoding="utf-8") == broken
    with pytest.raises(ReviewLoadError):
        latest_review(tmp_path)  # never silently compared against an older review


def test_syntax_errors_and_mismatched_dates(tmp_path: Path) -> None:
    folder = tmp_path / REVIEWS_DIR
    folder.mkdir()
    bad = folder / "2026-11-27.toml"
    bad.write_text("date = 2026-11-27\nnote = \n", encoding="utf-8")
    with pytest.raises(ReviewLoadError) as caught:
        load_review(bad)
    assert caught.value.errors[0].line == 2
    bad.write_text("date = 2026-11-26\n", encoding="utf-8")
    with pytest.raises(ReviewLoadError, match="does not match"):
        load_review(bad)


def test_invalid_ids_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / REVIEWS_DIR
    folder.mkdir()
    path = folder / "2026-11-27.toml"
    path.write_text('date = 2026-11-27\n[[objectives]]\nid = "../../etc"\n', encoding="utf-8")
    with pytest.raises(ReviewLoadError):
        load_review(path)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_reviews_folder_leading_outside_is_refused(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    outside = tmp_path / "outside"
    workspace.mkdir()
    outside.mkdir()
    (workspace / REVIEWS_DIR).symlink_to(outside, target_is_directory=True)
    with pytest.raises(SaveRefusedError):
        save_review(workspace, review(dt.date(2026, 11, 27)))
    assert list(outside.iterdir()) == []
    assert list_reviews(workspace) == []


def test_review_cycle_on_the_sample_workspace(sample_workspace: Path) -> None:
    """Build, save, apply and compare reviews over real workspace files."""
    store = WorkspaceStore.open(sample_workspace)
    q4 = [o for o in store.objectives.values() if o.cycle == "2026-Q4"]
    first = build_review(q4, latest_review(sample_workspace), dt.date(2026, 11, 24))
    save_review(sample_workspace, first)

    leader = store.objectives["marketing-education-leader"]
    downloads = leader.key_result("ebook-downloads")
    assert downloads is not None
    downloads.checkins = [*downloads.checkins, CheckIn(date=dt.date(2026, 11, 27), value=700)]

    previous = latest_review(sample_workspace, before=dt.date(2026, 11, 27))
    assert previous is not None and previous.date == dt.date(2026, 11, 24)
    changes = {(c.objective_id, c.kr_id): c for c in what_changed(q4, previous)}
    change = changes[("marketing-education-leader", "ebook-downloads")]
    assert change.previous_value == 560
    assert change.delta == 140
    assert [c.value for c in change.new_checkins] == [700]

    second = build_review(q4, previous, dt.date(2026, 11, 27))
    entry = second.objective("marketing-education-leader")
    assert entry is not None
    social = entry.key_result("social-engagement")
    assert social is not None
    social.decision = Decision.DROP
    changed = apply_review(second, store.objectives)
    assert changed == ["marketing-education-leader"]
    for oid in changed:
        store.save_objective(store.objectives[oid])
    path = save_review(sample_workspace, second)

    reopened = WorkspaceStore.open(sample_workspace)
    assert reopened.objectives["marketing-education-leader"].key_result("social-engagement") is None
    saved = load_review(path)
    saved_entry = saved.objective("marketing-education-leader")
    assert saved_entry is not None
    saved_social = saved_entry.key_result("social-engagement")
    assert saved_social is not None and saved_social.removed is not None
    assert saved_social.removed.title.startswith("Raise the social media engagement rate")
    assert len(saved_social.removed.checkins) == 8
    assert saved.applied


def test_a_removed_key_result_survives_the_round_trip(tmp_path: Path) -> None:
    kr = KeyResult(
        id="visits",
        title="Visits",
        metric=Metric(start=1, target=2),
        checkins=[CheckIn(date=dt.date(2026, 11, 1), value=1.5, note="n")],
    )
    objective = Objective(id="blog", title="Blog", cycle="2026-Q4", key_results=[kr])
    data = build_review([objective], None, dt.date(2026, 11, 27))
    data.objectives[0].key_results[0].decision = Decision.DROP
    apply_review(data, {"blog": objective})
    path = save_review(tmp_path, data)
    assert load_review(path).objectives[0].key_results[0].removed == kr
    assert "[objectives.key_results.removed.smart" not in path.read_text(encoding="utf-8")


def test_a_revision_without_a_target_is_neither_saved_nor_loaded(tmp_path: Path) -> None:
    data = review(dt.date(2026, 11, 27))
    data.objectives[0].key_results[0].decision = Decision.REVISE_TARGET  # no new_target
    with pytest.raises(SaveRefusedError):
        save_review(tmp_path, data)
    assert list_reviews(tmp_path) == []
    folder = tmp_path / REVIEWS_DIR
    folder.mkdir()
    path = folder / "2026-11-27.toml"
    path.write_text(
        'date = 2026-11-27\n\n[[objectives]]\nid = "blog"\n\n'
        '[[objectives.key_results]]\nid = "visits"\ndecision = "revise_target"\n',
        encoding="utf-8",
    )
    with pytest.raises(ReviewLoadError) as caught:
        load_review(path)
    assert caught.value.errors[0].line == 6


def test_a_review_file_changed_since_it_was_opened_is_not_replaced(tmp_path: Path) -> None:
    from okrtui.store import ConflictError
    from okrtui.store.reviews import file_digest, review_path

    day = dt.date(2026, 11, 27)
    path = review_path(tmp_path, day)
    assert file_digest(path) is None
    opened_as = file_digest(path)  # nothing there when the screen opened
    teammate = save_review(tmp_path, review(day, value=99))
    before = teammate.read_bytes()
    with pytest.raises(ConflictError):
        save_review(tmp_path, review(day, value=10), opened_as=opened_as)
    assert path.read_bytes() == before
    # opened after the teammate's save: saving over it is what the user chose
    save_review(tmp_path, review(day, value=10), opened_as=file_digest(path))
    assert load_review(path).objectives[0].key_results[0].value == 10
