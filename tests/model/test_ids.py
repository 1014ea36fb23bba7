"""Ids and cycle names: safe as file names, readable, unique."""

from __future__ import annotations

import pytest

from okrtui.model import is_cycle_name, is_slug, slugify

UNSAFE = ["../x", "/etc/passwd", "a/b", "..", ".", "", "my id", "a\\b", "x\n", "-x", "x-"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Grow organic blog traffic by 30% by Q3", "grow-organic-blog-traffic-by-30-by-q3"),
        ("  Launch the NEW website!  ", "launch-the-new-website"),
        ("Café crème — Straße", "cafe-creme-strasse"),
        ("خبرنامه بسازیم", "khbrname-bsazim"),
        ("نرخ باز شدن را به ۳۵٪ برسانیم", "nrkh-baz-shdn-ra-be-35-brsanim"),
        ("یادگیری و آموزش", "yadgiri-v-amuzsh"),
        ("کتاب‌خوانی تیم", "ktabkhuani-tim"),  # the zero-width non-joiner keeps one word
        ("Q4 ۱۴۰۵ فروش", "q4-1405-frush"),
    ],
)
def test_slugify_spells_english_and_persian_titles_in_ascii(title: str, expected: str) -> None:
    assert slugify(title) == expected
    assert is_slug(expected)


def test_slugify_makes_ids_unique_among_taken() -> None:
    taken: set[str] = set()
    made = []
    for _ in range(3):
        slug = slugify("Ship v2", taken=taken)
        taken.add(slug)
        made.append(slug)
    assert made == ["ship-v2", "ship-v2-2", "ship-v2-3"]


def test_slugify_two_persian_titles_give_two_ids() -> None:
    first = slugify("افزایش فروش")
    second = slugify("کاهش هزینه", taken={first})
    assert first != second
    assert first == "afzaish-frush"


def test_slugify_falls_back_when_nothing_is_left() -> None:
    assert slugify("🚀 ✨") == "objective"
    assert slugify("🚀", taken={"objective"}) == "objective-2"
    assert slugify("", fallback="Key result") == "key-result"


def test_slugify_keeps_ids_short_and_cuts_at_a_word() -> None:
    slug = slugify("Raise the number of weekly active readers of the newsletter by a lot")
    assert slug == "raise-the-number-of-weekly-active-readers-of-the"
    assert slugify("x" * 200) == "x" * 48
    assert is_slug(slugify("x" * 200, taken={"x" * 48}))


def test_slugify_avoids_names_windows_reserves() -> None:
    assert slugify("Con") == "con-2"
    assert slugify("NUL") == "nul-2"
    assert not is_slug("con")
    assert not is_cycle_name("aux")
    assert not is_cycle_name("AUX.2026")


@pytest.mark.parametrize("value", UNSAFE)
def test_unsafe_names_are_neither_ids_nor_cycles(value: str) -> None:
    assert not is_slug(value)
    assert not is_cycle_name(value)


@pytest.mark.parametrize("value", ["2026-Q4", "H1.2026", "sprint_12", "q"])
def test_cycle_names(value: str) -> None:
    assert is_cycle_name(value)


def test_cycle_names_refuse_double_dots_and_uppercase_ids_are_refused() -> None:
    assert not is_cycle_name("a..b")
    assert not is_slug("Grow")
    assert is_slug("grow-2")
