"""The guided writer: sentences in English and Persian, and the key result it builds."""

from __future__ import annotations

import datetime as dt

import pytest

from okrtui.model import (
    Cycle,
    Direction,
    MetricType,
    Objective,
    ObjectiveKind,
    SmartCriterion,
    WorkspaceSettings,
)
from okrtui.services.goal_writer import (
    WIZARD_STEPS,
    GoalDraft,
    draft_from_key_result,
    draft_sentence,
    draft_to_key_result,
    draft_to_smart_goal,
    missing_answers,
    parse_amount,
    parse_due,
)
from okrtui.services.smart import evaluate_key_result

DUE = dt.date(2026, 12, 31)  # 10 Dey 1405


def traffic_draft() -> GoalDraft:
    return GoalDraft(
        idea="Get more people to read the blog",
        what="organic traffic",
        unit="visits a month",
        start=12000,
        target=16200,
        resources="Two writers and an SEO contractor",
        confidence=0.7,
        why="Organic visitors sign up for courses",
        due=DUE,
        owner="Reza",
    )


def persian_draft() -> GoalDraft:
    return GoalDraft(
        idea="خوانندگان بیشتر برای وبلاگ",
        what="ترافیک ارگانیک",
        for_whom="وبلاگ",
        unit="بازدید در ماه",
        start=12000,
        target=16200,
        resources="دو نویسنده و یک مشاور سئو",
        confidence=0.7,
        why="بازدیدکنندگان ارگانیک در دوره‌ها ثبت‌نام می‌کنند",
        due=DUE,
    )


# ------------------------------------------------------------------ sentences
def test_english_sentence() -> None:
    assert draft_sentence(traffic_draft()) == (
        "Increase organic traffic from 12,000 to 16,200 visits a month by 2026-12-31"
    )


def test_english_sentence_with_a_jalali_date() -> None:
    sentence = draft_sentence(traffic_draft(), "en", "jalali")
    assert sentence.endswith("by 10 Dey 1405")


def test_persian_sentence_with_jalali_date_and_persian_digits() -> None:
    assert draft_sentence(persian_draft(), "fa", "jalali") == (
        "تا ۱۰ دی ۱۴۰۵، ترافیک ارگانیک برای وبلاگ را از ۱۲٬۰۰۰ به ۱۶٬۲۰۰ بازدید در ماه افزایش دهیم"
    )


def test_persian_sentence_with_a_gregorian_date() -> None:
    sentence = draft_sentence(persian_draft(), "fa", "gregorian")
    assert sentence.startswith("تا ۳۱ دسامبر ۲۰۲۶، ")
    assert not any(ch.isascii() and ch.isdigit() for ch in sentence)


@pytest.mark.parametrize(
    ("changes", "english", "persian"),
    [
        (
            {"direction": Direction.DECREASE, "what": "bounce rate", "unit": "%", "start": 62,
             "target": 45.5},
            "Reduce bounce rate from 62% to 45.5% by 2026-12-31",
            "تا ۳۱ دسامبر ۲۰۲۶، bounce rate را از ۶۲٪ به ۴۵٫۵٪ کاهش دهیم",
        ),
        (
            {"direction": Direction.STAY_ABOVE, "what": "uptime", "unit": "%", "start": None,
             "target": 99.9, "due": None},
            "Keep uptime at or above 99.9%",
            "uptime را دست‌کم روی ۹۹٫۹٪ نگه داریم",
        ),
        (
            {"start": None, "due": None},
            "Increase organic traffic to 16,200 visits a month",
            "organic traffic را به ۱۶٬۲۰۰ visits a month برسانیم",
        ),
    ],
)  # fmt: skip
def test_sentence_shapes(changes: dict[str, object], english: str, persian: str) -> None:
    draft = traffic_draft()
    for name, value in changes.items():
        setattr(draft, name, value)
    assert draft_sentence(draft) == english
    assert draft_sentence(draft, "fa") == persian


# ------------------------------------------------------------------ the key result
def test_draft_to_key_result_fills_every_field() -> None:
    kr = draft_to_key_result(traffic_draft(), {"organic-traffic"})
    assert kr.id == "organic-traffic-2"
    assert kr.title == draft_sentence(traffic_draft())
    assert kr.description == "Get more people to read the blog"
    assert (kr.due, kr.confidence, kr.owner) == (DUE, 0.7, "Reza")
    assert (kr.metric.unit, kr.metric.start, kr.metric.target) == ("visits a month", 12000, 16200)
    assert kr.metric.direction is Direction.INCREASE
    answers = {c: (kr.smart.get(c).done, kr.smart.get(c).answer) for c in SmartCriterion}
    assert answers == {
        SmartCriterion.SPECIFIC: (True, "organic traffic"),
        SmartCriterion.MEASURABLE: (True, "from 12,000 to 16,200 visits a month"),
        SmartCriterion.ACHIEVABLE: (True, "Two writers and an SEO contractor"),
        SmartCriterion.RELEVANT: (True, "Organic visitors sign up for courses"),
        SmartCriterion.TIME_BOUND: (True, "by 2026-12-31"),
    }


def test_persian_key_result_has_persian_answers() -> None:
    kr = draft_to_key_result(persian_draft(), set(), language="fa", calendar="jalali")
    assert kr.title.startswith("تا ۱۰ دی ۱۴۰۵")
    assert kr.smart.specific.answer == "ترافیک ارگانیک برای وبلاگ"
    assert kr.smart.measurable.answer == "از ۱۲٬۰۰۰ به ۱۶٬۲۰۰ بازدید در ماه"
    assert kr.smart.time_bound.answer == "تا ۱۰ دی ۱۴۰۵"
    assert kr.metric.start == 12000  # numbers stay numbers; only the text is Persian


def test_unanswered_questions_stay_unticked() -> None:
    draft = GoalDraft(what="trial signups", unit="trials", start=10, target=20)
    kr = draft_to_key_result(draft, [])
    assert not kr.smart.achievable.done
    assert not kr.smart.relevant.done
    assert not kr.smart.time_bound.done
    assert kr.due is None


@pytest.mark.parametrize(("draft", "language"), [(traffic_draft(), "en"), (persian_draft(), "fa")])
def test_a_completed_draft_satisfies_the_coach(draft: GoalDraft, language: str) -> None:
    kr = draft_to_key_result(draft, [], language=language)
    q4 = Cycle(name="2026-Q4", start=dt.date(2026, 10, 1), end=DUE)
    objective = Objective(id="blog", title="Blog readers", cycle="2026-Q4", key_results=[kr])
    settings = WorkspaceSettings(cycles=[q4])
    verdicts = evaluate_key_result(kr, objective, settings, dt.date(2026, 11, 27))
    assert [(v.code, v.holds) for v in verdicts if not v.holds] == []


def test_draft_to_smart_goal() -> None:
    draft = traffic_draft()
    draft.parent = "marketing-education-leader"
    goal = draft_to_smart_goal(draft, "2026-Q4", {"organic-traffic"}, today=dt.date(2026, 11, 27))
    assert goal.kind is ObjectiveKind.SMART
    assert goal.id == "organic-traffic-2"
    assert goal.parent == "marketing-education-leader"
    assert goal.title == goal.key_results[0].title
    assert goal.created == dt.date(2026, 11, 27)


def test_draft_from_key_result_round_trips_the_metric() -> None:
    kr = draft_to_key_result(traffic_draft(), [])
    again = draft_to_key_result(draft_from_key_result(kr), [])
    assert again.metric == kr.metric
    assert (again.due, again.confidence) == (kr.due, kr.confidence)
    assert again.description == kr.title  # the old title is the idea being rewritten


# ------------------------------------------------------------------ wizard helpers
def test_wizard_steps_follow_smart_order() -> None:
    assert list(WIZARD_STEPS) == list(SmartCriterion)
    fields = {name for names in WIZARD_STEPS.values() for name in names}
    assert fields <= set(GoalDraft.__dataclass_fields__)


def test_missing_answers() -> None:
    assert missing_answers(traffic_draft()) == []
    assert missing_answers(GoalDraft()) == list(SmartCriterion)
    level = GoalDraft(what="uptime", direction=Direction.STAY_ABOVE, target=99.9)
    assert SmartCriterion.MEASURABLE not in missing_answers(level)
    milestone = GoalDraft(what="pricing page live", metric_type=MetricType.MILESTONE)
    assert SmartCriterion.MEASURABLE not in missing_answers(milestone)


@pytest.mark.parametrize(
    ("text", "value"),
    [("12,000", 12000.0), ("۱۲٬۰۰۰", 12000.0), ("3.5%", 3.5), ("۳٫۵٪", 3.5), ("٤٥", 45.0),
     ("lots", None), ("", None)],
)  # fmt: skip
def test_parse_amount(text: str, value: float | None) -> None:
    assert parse_amount(text) == value


def test_parse_due() -> None:
    assert parse_due("2026-12-31") == DUE
    assert parse_due("۱۴۰۵/۱۰/۱۰", "jalali") == DUE
    assert parse_due("1405-10-10", "jalali") == DUE
    assert parse_due("2026-02-30") is None
    assert parse_due("next week") is None


def test_a_new_key_result_starts_on_the_day_it_is_written() -> None:
    """Its plan counts from that day, not from the cycle's start (services.health)."""
    today = dt.date(2026, 11, 20)
    kr = draft_to_key_result(traffic_draft(), (), today=today)
    assert kr.start_date == today
    goal = draft_to_smart_goal(traffic_draft(), "2026-Q4", (), today=today)
    assert goal.key_results[0].start_date == today
    assert draft_to_key_result(traffic_draft(), ()).start_date is None
