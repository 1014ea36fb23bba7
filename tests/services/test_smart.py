"""The SMART coach: every rule on goals that pass and goals that fail, in English and Persian."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from okrtui.model import (
    CheckIn,
    Cycle,
    KeyResult,
    Metric,
    Objective,
    ObjectiveKind,
    SmartAnswer,
    SmartChecklist,
    SmartCriterion,
    WorkspaceSettings,
)
from okrtui.model.rules import Severity, SmartRules
from okrtui.services.smart import (
    PlanQuality,
    SmartVerdict,
    evaluate_key_result,
    plan_quality,
    rule_verdicts,
)

TODAY = dt.date(2026, 11, 27)
Q4 = Cycle(name="2026-Q4", start=dt.date(2026, 10, 1), end=dt.date(2026, 12, 31))

GOOD_EN = "Grow organic traffic from 40,000 to 54,000 visits a month by December"
GOOD_FA = "ترافیک ارگانیک وبلاگ را از ۴۰٬۰۰۰ به ۵۴٬۰۰۰ بازدید در ماه برسانیم"


def settings(**smart: Any) -> WorkspaceSettings:
    return WorkspaceSettings(cycles=[Q4], smart=SmartRules(**smart))


def key_result(title: str = GOOD_EN, **changes: Any) -> KeyResult:
    """A key result that passes every rule unless `changes` break one."""
    metric: dict[str, Any] = {"type": "count", "unit": "visits/month", "start": 40000}
    metric.update({"target": 54000, **changes.pop("metric", {})})
    fields: dict[str, Any] = {
        "id": "kr",
        "title": title,
        "due": dt.date(2026, 12, 31),
        "confidence": 0.7,
        "metric": Metric(**metric),
        **changes,
    }
    return KeyResult(**fields)


def objective(kr: KeyResult | None = None, **changes: Any) -> Objective:
    fields: dict[str, Any] = {
        "id": "objective",
        "title": "Become the leading source of marketing education",
        "cycle": "2026-Q4",
        "parent": "company",
        "key_results": [kr or key_result()],
        **changes,
    }
    return Objective(**fields)


def verdicts(kr: KeyResult, obj: Objective | None = None, **smart: Any) -> dict[str, SmartVerdict]:
    """Every rule's verdict by code."""
    obj = obj or objective(kr)
    return {v.code: v for v in rule_verdicts(kr, obj, settings(**smart), TODAY)}


def failing(kr: KeyResult, obj: Objective | None = None, **smart: Any) -> set[str]:
    return {code for code, v in verdicts(kr, obj, **smart).items() if not v.holds}


# ------------------------------------------------------------------ the whole coach
@pytest.mark.parametrize("title", [GOOD_EN, GOOD_FA])
def test_a_smart_key_result_passes_every_rule(title: str) -> None:
    assert failing(key_result(title)) == set()


def test_evaluate_returns_one_verdict_per_letter_then_outcome() -> None:
    result = evaluate_key_result(key_result(), objective(), settings(), TODAY)
    assert [v.criterion for v in result] == [*SmartCriterion, None]
    assert [v.letter for v in result] == ["S", "M", "A", "R", "T", "O"]
    assert [v.code for v in result] == ["S100", "S200", "S300", "S400", "S500", "S600"]
    assert all(v.holds and v.reason for v in result)


def test_a_failing_letter_carries_its_first_error_rule() -> None:
    kr = key_result("Improve the blog", metric={"unit": "", "start": 5, "target": 5})
    letters = evaluate_key_result(kr, objective(kr), settings(), TODAY)
    specific, measurable = letters[0], letters[1]
    assert (specific.code, specific.holds) == ("S101", False)
    # S201 (warning) and S204 (error) both fail: the error is shown
    assert (measurable.code, measurable.severity, measurable.holds) == (
        "S204",
        Severity.ERROR,
        False,
    )


def test_the_coach_never_changes_the_users_answers() -> None:
    answers = SmartChecklist(specific=SmartAnswer(done=True, answer="my own words"))
    kr = key_result("Improve the blog", smart=answers)
    before = kr.model_dump()
    evaluate_key_result(kr, objective(kr), settings(), TODAY)
    assert kr.model_dump() == before


# ------------------------------------------------------------------ Specific
@pytest.mark.parametrize(
    ("title", "min_words", "fails"),
    [
        ("Grow traffic", 4, True),
        ("Grow blog traffic to 50,000", 4, False),
        ("افزایش فروش", 4, True),
        # a ZWNJ joins a word: this is three words, not five
        ("راه‌اندازی صفحه‌ی فرود", 4, True),
        ("فروش ماهانه را به ۵۰ میلیون برسانیم", 4, False),
        ("Grow blog traffic to 50,000", 6, True),
    ],
)
def test_title_length(title: str, min_words: int, fails: bool) -> None:
    assert ("S101" in failing(key_result(title), min_title_words=min_words)) is fails


@pytest.mark.parametrize(
    ("title", "word"),
    [
        ("Improve the onboarding experience for new customers", "improve"),
        ("Make the blog better for our readers", "better"),
        ("Get more newsletter subscribers from the blog", "more"),
        ("Optimise the checkout flow for mobile visitors", "optimise"),
        ("بهبود تجربه‌ی ثبت‌نام مشتریان جدید در سایت", "بهبود"),
        ("خبرنامه‌ای بهتر برای مشترکان فارسی‌زبان بسازیم", "بهتر"),
        ("مشترکان بیشتری برای خبرنامه‌ی هفتگی جذب کنیم", "بیشتر"),
        # ZWNJ, a space, or nothing at all between بهینه and سازی
        ("بهینه‌سازی صفحه‌های فرود برای کاربران موبایل", "بهینه"),
        ("بهینه سازی صفحه‌های فرود برای کاربران موبایل", "بهینه"),
        ("بهینهسازی صفحه‌های فرود برای کاربران موبایل", "بهینه‌سازی"),
        # Arabic yeh and kaf are read as Persian ones
        ("كيفيت بيشتر براي مشتريان كوچك", "بیشتر"),
    ],
)
def test_vague_wording_without_a_number_fails(title: str, word: str) -> None:
    verdict = verdicts(key_result(title))["S102"]
    assert not verdict.holds
    assert word in verdict.reason


@pytest.mark.parametrize(
    "title",
    [
        "Improve the trial conversion rate from 3% to 5%",
        "Get more newsletter subscribers: 8,000 to 12,000",
        "رضایت بیشتر مشتریان از ۷۰٪ به ۸۵٪ تا پایان آذر",
        "رضایت بیشتر مشتریان از ٧٠ به ٨٥ درصد",  # Arabic-Indic digits are numbers too
        "Track the moreover quirks in the onboarding copy",  # "moreover" is not "more"
    ],
)
def test_vague_wording_with_a_number_or_no_vague_word_passes(title: str) -> None:
    assert verdicts(key_result(title))["S102"].holds


def test_extra_vague_words_come_from_settings() -> None:
    title = "Deliver a world-class onboarding experience for customers"
    assert verdicts(key_result(title))["S102"].holds
    assert not verdicts(key_result(title), extra_vague_words=["world-class"])["S102"].holds


# ------------------------------------------------------------------ Measurable
@pytest.mark.parametrize(
    ("metric", "code"),
    [
        ({"unit": ""}, "S201"),
        ({"start": None}, "S202"),
        ({"target": None}, "S203"),
        ({"start": 54000}, "S204"),
        ({"type": "checklist"}, "S205"),
        ({"direction": "decrease"}, "S206"),
        ({"target": 30000}, "S206"),
    ],
)
def test_measurable_rules_fail(metric: dict[str, Any], code: str) -> None:
    assert code in failing(key_result(metric=metric))


@pytest.mark.parametrize(
    "metric",
    [
        {"type": "percent", "unit": "", "start": 3, "target": 5},  # percent needs no unit
        {"type": "milestone", "unit": "", "start": None, "target": None},  # 0 -> 1
        {"type": "checklist", "unit": "", "milestones": [{"title": "Brief the agency"}]},
        {"direction": "stay_above", "start": None, "target": 40000},  # a level: no start
        {"direction": "decrease", "start": 62, "target": 45, "unit": "%"},
        {"unit": "نفر", "start": 8000, "target": 12000},
    ],
)
def test_measurable_rules_pass(metric: dict[str, Any]) -> None:
    assert not {c for c in failing(key_result(metric=metric)) if c.startswith("S2")}


def test_measurable_reason_shows_the_range() -> None:
    verdict = evaluate_key_result(key_result(), objective(), settings(), TODAY)[1]
    assert verdict.reason == "From 40,000 to 54,000 visits/month"


# ------------------------------------------------------------------ Achievable
def weekly(start: float, step: float, weeks: int) -> list[CheckIn]:
    first = dt.date(2026, 10, 5)
    return [
        CheckIn(date=first + dt.timedelta(weeks=w), value=start + step * w) for w in range(weeks)
    ]


def test_pace_holds_when_check_ins_keep_up() -> None:
    # +1,200 a week observed; 54,000 - 48,400 = 5,600 left in 38 days: 1,032 a week
    kr = key_result(checkins=weekly(40000, 1200, 8))
    verdict = verdicts(kr)["S301"]
    assert verdict.holds
    assert verdict.reason == "On pace: needs 1,032 a week, check-ins show 1,200"


def test_pace_fails_when_the_target_needs_more_than_observed() -> None:
    kr = key_result(checkins=weekly(40000, 200, 8))  # +200 a week, 12,600 left in 38 days
    verdict = verdicts(kr)["S301"]
    assert not verdict.holds
    assert "needs 2,321 a week but check-ins show 200" in verdict.reason


def test_pace_tolerance_is_a_setting() -> None:
    # 1,400 left in 38 days (258 a week) against 200 a week observed: 1.29 times faster
    kr = key_result(metric={"target": 42800}, checkins=weekly(40000, 200, 8))
    assert not verdicts(kr)["S301"].holds
    assert verdicts(kr, pace_tolerance=1.5)["S301"].holds


def test_pace_fails_when_check_ins_go_backwards() -> None:
    kr = key_result(checkins=weekly(40000, -100, 4))
    assert not verdicts(kr)["S301"].holds


def test_a_single_check_in_is_measured_from_the_cycle_start() -> None:
    slow = key_result(checkins=[CheckIn(date=dt.date(2026, 11, 26), value=40500)])
    fast = key_result(checkins=[CheckIn(date=dt.date(2026, 11, 26), value=50000)])
    assert not verdicts(slow)["S301"].holds
    assert verdicts(fast)["S301"].holds


def test_a_single_check_in_is_measured_from_the_key_results_own_start() -> None:
    # +3,000 in 6 days since it was added: fast enough, though slow since 1 October
    day = dt.date(2026, 11, 26)
    added = key_result(start_date=dt.date(2026, 11, 20), checkins=[CheckIn(date=day, value=43000)])
    assert verdicts(added)["S301"].holds
    assert not verdicts(added.model_copy(update={"start_date": None}))["S301"].holds


def test_pace_is_not_judged_after_the_due_date_or_once_done() -> None:
    late = key_result(due=dt.date(2026, 11, 1), checkins=weekly(40000, 10, 4))
    assert verdicts(late)["S301"].holds
    slow = key_result(checkins=weekly(40000, 10, 8))
    assert verdicts(slow, objective(slow, status="done"))["S301"].holds


def test_growth_limit_applies_without_check_ins() -> None:
    kr = key_result()  # 40,000 -> 54,000 is +35 %
    assert verdicts(kr)["S301"].holds  # no limit set
    assert verdicts(kr, max_growth_per_cycle=0.5)["S301"].holds
    verdict = verdicts(kr, max_growth_per_cycle=0.2)["S301"]
    assert not verdict.holds
    assert "35%" in verdict.reason and "20%" in verdict.reason


def test_growth_limit_counts_a_decrease_as_change() -> None:
    kr = key_result(metric={"direction": "decrease", "start": 62, "target": 31, "unit": "%"})
    assert not verdicts(kr, max_growth_per_cycle=0.3)["S301"].holds


def test_confidence_threshold() -> None:
    assert verdicts(key_result(confidence=0.5))["S302"].holds
    assert not verdicts(key_result(confidence=0.4))["S302"].holds
    assert verdicts(key_result(confidence=0.4), min_confidence=0.3)["S302"].holds
    # the latest check-in's confidence wins over the key result's
    latest = CheckIn(date=dt.date(2026, 11, 23), value=45000, confidence=0.3)
    assert not verdicts(key_result(confidence=0.8, checkins=[latest]))["S302"].holds


def test_missing_confidence() -> None:
    assert not verdicts(key_result(confidence=None))["S303"].holds
    assert verdicts(key_result())["S303"].holds


# ------------------------------------------------------------------ Relevant
def test_relevance_from_parent_or_answer() -> None:
    kr = key_result()
    assert verdicts(kr, objective(kr))["S401"].holds
    orphan = objective(kr, parent=None)
    assert not verdicts(kr, orphan)["S401"].holds
    answered_kr = key_result(smart=SmartChecklist(relevant=SmartAnswer(answer="Leads")))
    assert verdicts(answered_kr, objective(answered_kr, parent=None))["S401"].holds
    answered_objective = objective(
        kr, parent=None, smart=SmartChecklist(relevant=SmartAnswer(answer="برای جذب مشتری"))
    )
    assert verdicts(kr, answered_objective)["S401"].holds
    # a tick without an answer says nothing about why
    ticked = objective(kr, parent=None, smart=SmartChecklist(relevant=SmartAnswer(done=True)))
    assert not verdicts(kr, ticked)["S401"].holds


# ------------------------------------------------------------------ Time-bound
def test_due_date_rules() -> None:
    assert not verdicts(key_result(due=None))["S501"].holds
    outside = verdicts(key_result(due=dt.date(2027, 1, 15)))["S502"]
    assert not outside.holds
    assert "2026-12-31" in outside.reason
    assert verdicts(key_result(due=dt.date(2026, 10, 1)))["S502"].holds


def test_due_dates_read_in_jalali_when_the_workspace_uses_it() -> None:
    kr = key_result(due=dt.date(2027, 1, 15))
    jalali = WorkspaceSettings(cycles=[Q4], calendar="jalali")
    verdict = {v.code: v for v in rule_verdicts(kr, objective(kr), jalali, TODAY)}["S502"]
    assert "1405/10/25" in verdict.reason  # 2027-01-15


# ------------------------------------------------------------------ outcome, not activity
@pytest.mark.parametrize(
    ("title", "word"),
    [
        ("Launch the new pricing page for small businesses", "launch"),
        ("Write 10 guides about email marketing", "write"),
        ("Hold weekly meetings with the sales team", "hold"),
        ("We will publish a case study every month", "publish"),
        ("راه‌اندازی سایت جدید برای مشتریان کوچک", "راه‌اندازی"),
        ("راهاندازی سایت جدید برای مشتریان کوچک", "راه‌اندازی"),
        ("نوشتن ۱۰ مقاله‌ی آموزشی برای وبلاگ", "نوشتن"),
        ("برگزاری جلسه‌ی هفتگی با تیم فروش", "برگزاری"),
        ("ده مقاله‌ی آموزشی برای وبلاگ شرکت بنویسیم", "بنویسیم"),
        ("جلسه‌ی ماهانه با مشتریان کلیدی برگزار کنیم", "برگزار کنیم"),
    ],
)
def test_activity_wording_fails(title: str, word: str) -> None:
    verdict = verdicts(key_result(title))["S601"]
    assert not verdict.holds
    assert word in verdict.reason


@pytest.mark.parametrize(
    "title",
    [
        GOOD_EN,
        GOOD_FA,
        "Reach 1,500 downloads of the new e-book within 60 days of launch",
        "Run-rate revenue from 1.2M to 1.5M euros by December",
        "دانلود کتاب الکترونیکی در ۶۰ روز پس از راه‌اندازی به ۱۵۰۰ برسد",
        "تعداد مشترکان فعال را از ۸٬۰۰۰ به ۱۲٬۰۰۰ نفر افزایش دهیم",
    ],
)
def test_outcome_wording_passes(title: str) -> None:
    assert verdicts(key_result(title))["S601"].holds


def test_extra_activity_words_come_from_settings() -> None:
    title = "Roll out the partner portal to 3 regions"
    assert verdicts(key_result(title))["S601"].holds
    assert not verdicts(key_result(title), extra_activity_words=["roll out"])["S601"].holds


# ------------------------------------------------------------------ severities
def test_rules_turned_off_are_not_evaluated() -> None:
    kr = key_result("Improve the blog")
    assert {"S101", "S102"} <= failing(kr)
    assert "S102" not in verdicts(kr, severity={"S102": "off"})
    letter = evaluate_key_result(kr, objective(kr), settings(severity={"specific": "off"}), TODAY)[
        0
    ]
    assert (letter.holds, letter.code, letter.severity) == (True, "S100", Severity.OFF)


def test_severity_by_code_beats_severity_by_letter() -> None:
    kr = key_result("Improve the blog")
    found = verdicts(kr, severity={"specific": "error", "S101": "warning"})
    assert found["S101"].severity is Severity.WARNING
    assert found["S102"].severity is Severity.ERROR


# ------------------------------------------------------------------ plan quality
def test_plan_quality_counts_letters_over_key_results() -> None:
    good = key_result()
    weak = key_result("Improve the blog", id="weak", due=None)  # S and T fail
    obj = objective(good, key_results=[good, weak])
    quality = plan_quality(obj, settings(), TODAY)
    assert quality == PlanQuality(holding=8, total=10)
    assert quality.ratio == pytest.approx(0.8)


def test_plan_quality_of_a_standalone_smart_goal() -> None:
    kr = key_result(confidence=0.2)  # A fails
    goal = objective(kr, kind=ObjectiveKind.SMART, parent=None)
    assert plan_quality(goal, settings(), TODAY) == PlanQuality(holding=3, total=5)


def test_plan_quality_without_key_results_has_no_ratio() -> None:
    quality = plan_quality(objective(key_results=[]), settings(), TODAY)
    assert (quality.total, quality.ratio) == (0, None)


def test_reasons_use_persian_digits_in_a_persian_ui() -> None:
    from okrtui.i18n import set_language

    metric = {"type": "percent", "unit": "%", "start": 2.5, "target": 5}
    kr = key_result(confidence=0.4, metric=metric)
    set_language("fa")
    try:
        found = verdicts(kr)
    finally:
        set_language("en")
    assert "۴۰٪" in found["S302"].reason and "۵۰٪" in found["S302"].reason
    assert found["S203"].reason == "از ۲٫۵٪ به ۵٪"  # and in Persian words


# ------------------------------------------------------------------ the [smart] settings table
def test_smart_settings_are_written_only_when_changed() -> None:
    from okrtui.store import render_settings
    from okrtui.store.toml_io import parse_toml

    assert "[smart" not in render_settings(WorkspaceSettings(cycles=[Q4]))
    changed = settings(min_title_words=6, severity={"S102": "error", "outcome": "off"})
    text = render_settings(changed)
    assert "[smart]\nmin_title_words = 6\n" in text
    assert WorkspaceSettings.model_validate(parse_toml(text)) == changed


def test_smart_settings_reject_unknown_rules() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as error:
        SmartRules.model_validate({"severity": {"S999": "off"}})
    assert error.value.errors()[0]["loc"][:2] == ("severity", "S999")
    with pytest.raises(ValidationError):
        SmartRules.model_validate({"severity": {"S101": "loud"}})
