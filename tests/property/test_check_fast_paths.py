"""`okrtui check`'s shortcuts give the answers of the plain code they stand for."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from okrtui.model import Cycle, Objective, WorkspaceSettings
from okrtui.model.rules import Severity, SmartRules
from okrtui.services.smart import rule_verdicts
from okrtui.services.smart_wording import has_number, normalize_text, word_count
from okrtui.services.workspace_check import _BIDI_IN_TOML, _may_hold_bidi_controls
from okrtui.store.quick_locate import _HEADER, _header_starts
from tests.property.strategies import any_text, objectives, text

Q4 = Cycle(name="2026-Q4", start=dt.date(2026, 10, 1), end=dt.date(2026, 12, 31))
WORDS = ["grow", "improve", "launch", "traffic", "by", "40%", "۱۲", "بهبود", "راه‌اندازی کنیم", "x"]
NEAR_Q4 = st.dates(dt.date(2026, 8, 1), dt.date(2027, 2, 28))
amount = st.one_of(st.none(), st.integers(-5, 5), st.floats(-1e4, 1e4, allow_nan=False))
# goals that pass and fail every rule (random objectives mostly carry no key result)
goal = st.builds(
    lambda kr_title, metric, due, confidence, checkins, parent, status, why: Objective(
        id="o",
        title="An objective",
        cycle=Q4.name,
        parent=parent,
        status=status,
        smart={"relevant": {"answer": why}},
        key_results=[
            {
                "id": "kr",
                "title": kr_title,
                "due": due,
                "confidence": confidence,
                "metric": metric,
                "checkins": [
                    {"date": d, "value": v, "confidence": c}
                    for d, v, c in checkins
                    if v is not None
                ],
            }
        ],
    ),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join),
    st.fixed_dictionaries(
        {
            "type": st.sampled_from(["number", "percent", "count", "milestone", "checklist"]),
            "direction": st.sampled_from(["increase", "decrease", "stay_above", "stay_below"]),
            "unit": st.sampled_from(["", "visits", "%"]),
            "start": amount,
            "target": amount,
            "milestones": st.lists(st.just({"title": "m"}), max_size=2),
        }
    ),
    st.one_of(st.none(), NEAR_Q4),
    st.one_of(st.none(), st.floats(0, 1)),
    st.lists(st.tuples(NEAR_Q4, amount, st.one_of(st.none(), st.floats(0, 1))), max_size=4),
    st.one_of(st.none(), st.just("parent")),
    st.sampled_from(["draft", "active", "done", "dropped"]),
    st.sampled_from(["", "it matters"]),
)
SEVERITIES = st.dictionaries(
    st.sampled_from(["S101", "S203", "S301", "S502", "measurable", "outcome", "achievable"]),
    st.sampled_from(list(Severity)),
    max_size=3,
)


@given(
    st.one_of(goal, objectives),
    st.dates(dt.date(2026, 1, 1), dt.date(2027, 6, 30)),
    SEVERITIES,
    st.sampled_from(["gregorian", "jalali"]),
)
def test_failing_only_is_the_failing_part_of_every_verdict(
    objective: Objective, today: dt.date, severity: dict[str, Severity], calendar: str
) -> None:
    rules = SmartRules(severity=severity, min_confidence=0.6, max_growth_per_cycle=0.5)
    settings = WorkspaceSettings(cycles=[Q4], calendar=calendar, smart=rules)
    for kr in objective.key_results:
        full = rule_verdicts(kr, objective, settings, today)
        assert rule_verdicts(kr, objective, settings, today, failing_only=True) == [
            verdict for verdict in full if not verdict.holds
        ]


@given(st.one_of(any_text, text, st.text(st.sampled_from("12٣۴²①𐩀 a_-‌.\u0660"))))
def test_word_count_and_has_number_read_as_the_plain_definitions(value: str) -> None:
    normal = normalize_text(value)
    assert word_count(value) == sum(any(ch.isalnum() for ch in w) for w in normal.split())
    assert has_number(value) is any(ch.isdigit() for ch in normal)


@given(st.one_of(text, st.text(st.sampled_from("ab\\uU0202Ee6789\u202e\u2069\u2028"))))
def test_the_bidi_pretest_agrees_with_the_pattern(value: str) -> None:
    assert _may_hold_bidi_controls(value) is (_BIDI_IN_TOML.search(value) is not None)


@given(st.text(st.sampled_from("[] \t\n\r#=kx")))
def test_header_starts_are_where_the_header_pattern_matches(value: str) -> None:
    assert _header_starts(value) == [m.start() for m in _HEADER.finditer(value)]
