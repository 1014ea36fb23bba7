"""Hypothesis strategies for okrtui's data: any text, any objective the model accepts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st
from pydantic import ValidationError

from okrtui.model import Objective, is_slug

# Every Unicode category but lone surrogates, which no UTF-8 file can hold.
any_char = st.characters(exclude_categories=["Cs"])
any_text = st.text(any_char, max_size=40)
# Where the writer must take care: quotes, backslashes, controls, bidi marks, line breaks.
tricky_char = st.sampled_from(
    list("\"\\'\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x1f\x7f\x80\x85\x9f\u00a0")
    + list("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    + list("\u2028\u2029\ufeff\ufffe\uffff\U0010ffff#=[]{}.,")
)
text = st.text(st.one_of(any_char, tricky_char), max_size=40)
one_line_text = text.filter(
    lambda s: not any(c in s for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
)
title = one_line_text.map(str.strip).filter(lambda s: 1 <= len(s) <= 300)
slug = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,14}[a-z0-9])?", fullmatch=True).filter(is_slug)
cycle = st.sampled_from(["2026-Q3", "2026-Q4", "2027.H1", "fy_2027"])
number = st.one_of(
    st.integers(-(10**15), 10**15).map(float),
    st.floats(-1e15, 1e15, allow_nan=False, allow_infinity=False),
)
unit_interval = st.floats(0, 1, allow_nan=False)
date = st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


smart_answer = st.fixed_dictionaries({"done": st.booleans(), "answer": text})
smart = st.dictionaries(
    st.sampled_from(["specific", "measurable", "achievable", "relevant", "time_bound"]),
    smart_answer,
    max_size=5,
)
checkin = st.fixed_dictionaries(
    {"date": date, "value": number},
    optional={"confidence": unit_interval, "note": text, "author": one_line_text},
)
metric = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from(
            ["number", "percent", "currency", "count", "milestone", "checklist"]
        ),
        "direction": st.sampled_from(["increase", "decrease", "stay_above", "stay_below"]),
        "unit": one_line_text,
        "start": number,
        "target": number,
        "current": number,
        "milestones": st.lists(
            st.fixed_dictionaries({"title": title}, optional={"done": st.booleans()}), max_size=3
        ),
    },
)
key_result = st.fixed_dictionaries(
    {"id": slug, "title": title},
    optional={
        "description": text,
        "owner": one_line_text,
        "due": date,
        "confidence": unit_interval,
        "weight": st.floats(0, 1e6, allow_nan=False),
        "metric": metric,
        "smart": smart,
        "checkins": st.lists(checkin, max_size=4),
    },
)
objective_data = st.fixed_dictionaries(
    {"id": slug, "title": title, "cycle": cycle},
    optional={
        "description": text,
        "kind": st.sampled_from(["okr", "smart"]),
        "level": st.sampled_from(["organization", "team", "individual"]),
        "owner": one_line_text,
        "parent": slug,
        "tags": st.lists(title.filter(lambda s: len(s) <= 60), max_size=3),
        "status": st.sampled_from(["draft", "active", "done", "dropped"]),
        "created": date,
        "updated": date,
        "smart": smart,
        "key_results": st.lists(key_result, max_size=3, unique_by=lambda kr: kr["id"]),
    },
)


def _accepted(data: dict[str, Any]) -> Objective | None:
    try:
        return Objective.model_validate(data)
    except ValidationError:
        return None


objectives = objective_data.map(_accepted).filter(lambda o: o is not None)
"""Any objective the model accepts (drawn as file data, validated by the model)."""
