"""Reading wording in English and Persian: digits, ZWNJ, Arabic letters."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.services.smart_wording import (
    activity_term,
    has_number,
    normalize_text,
    vague_term,
    word_count,
)


def test_normalize_text_unifies_letters_and_digits() -> None:
    assert normalize_text("كيفيت") == "کیفیت"  # Arabic kaf and yeh
    assert normalize_text("۱۲٬۰۰۰٫۵٪") == "12,000.5%"
    assert normalize_text("٣٤") == "34"
    assert normalize_text("خبرنامهٔ") == "خبرنامه"  # the ezafe mark is not a letter
    assert normalize_text("Improve") == "improve"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("from ۳٪ to ۵٪", True), ("از ٣ به ٥", True), ("to 5%", True), ("سه برابر", False)],
)
def test_has_number_in_any_script(text: str, expected: bool) -> None:
    assert has_number(text) is expected


def test_word_count_keeps_zwnj_words_whole() -> None:
    assert word_count("بهینه‌سازی صفحه‌های فرود") == 3
    assert word_count("Grow traffic to 40,000 (+35%) — fast") == 6  # the dash is no word


def test_vague_term_reports_the_listed_word() -> None:
    assert vague_term("مشترکان بیشتری جذب کنیم") == "بیشتر"  # with the indefinite suffix
    assert vague_term("Help customers succeed", extra=["succeed"]) == "succeed"
    assert vague_term("A plain sentence") is None


def test_activity_term_position_depends_on_the_language() -> None:
    assert activity_term("Launch the site") == "launch"
    assert activity_term("Downloads within 60 days of launch") is None
    assert activity_term("سایت جدید را راه‌اندازی کنیم") == "راه‌اندازی کنیم"
    assert activity_term("دانلودها پس از راه‌اندازی") is None


_BLANKS_AND_WORDS = "ab_1 \t\n\u200c\u00a0\u2028\u3000-.,؟،۱ك يـ\u064b%\x1c\x85"


@given(st.text(alphabet=_BLANKS_AND_WORDS) | st.text())
def test_word_count_counts_the_runs_split_cuts_that_hold_a_letter_or_digit(text: str) -> None:
    """`word_count`'s one regex gives the count of its definition, run by run."""
    expected = sum(1 for run in normalize_text(text).split() if any(c.isalnum() for c in run))
    assert word_count(text) == expected


def test_every_character_split_cuts_at_is_a_regex_blank() -> None:
    blank = re.compile(r"\s")
    assert all(
        chr(code).isspace() == bool(blank.match(chr(code))) for code in range(sys.maxunicode + 1)
    )


def test_a_zwnj_inside_a_word_is_also_read_as_joining_it() -> None:
    """The text is read both ways (ZWNJ as a space, as nothing), whatever the term."""
    assert vague_term("تقو\u200cیت برند") == "تقویت"
    assert activity_term("تو\u200cلید محتوا") == "تولید"
    assert activity_term("محتوا را تو\u200cلید کنیم") == "تولید کنیم"
