"""Reading a goal's wording: vague words, activity words, numbers, in English and Persian.

Text is normalised before any comparison: Persian and Arabic digits become
ASCII digits, Arabic yeh and kaf become their Persian forms, diacritics and
tatweel go, and a zero-width non-joiner (U+200C) joins a word rather than
splitting it, so "بهینه‌سازی", "بهینه سازی" and "بهینهسازی" all read alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

VAGUE_WORDS: tuple[str, ...] = (
    "improve", "improves", "improved", "improving", "improvement", "improvements",
    "better", "more", "optimise", "optimize", "optimised", "optimized", "optimising",
    "optimizing", "optimisation", "optimization", "enhance", "enhanced", "boost",
    "maximise", "maximize", "strengthen", "as much as possible",
    "بهبود", "بهتر", "بیشتر", "بهینه", "بهینه‌سازی", "ارتقا", "ارتقاء", "تقویت", "حداکثر",
)  # fmt: skip
"""Words that promise change without saying how much (flagged only with no number)."""

ACTIVITY_WORDS_AT_START: tuple[str, ...] = (
    "launch", "write", "hold", "publish", "run", "organise", "organize", "create", "build",
    "develop", "implement", "send", "attend", "conduct", "complete", "finish",
    "ship", "deliver", "start", "design", "produce", "host", "prepare", "set up", "kick off",
    "راه‌اندازی", "نوشتن", "برگزاری", "انتشار", "ایجاد", "ساخت", "ساختن", "طراحی", "تهیه",
    "اجرای", "ارسال", "تولید", "تکمیل",
)  # fmt: skip
"""Work, not results: English imperatives and Persian verbal nouns that open a title."""

ACTIVITY_WORDS_AT_END: tuple[str, ...] = (
    "بنویسیم", "راه‌اندازی کنیم", "برگزار کنیم", "منتشر کنیم", "بسازیم", "ایجاد کنیم",
    "طراحی کنیم", "تهیه کنیم", "اجرا کنیم", "ارسال کنیم", "تولید کنیم", "تکمیل کنیم",
    "برگزار شود", "راه‌اندازی شود", "منتشر شود",
)  # fmt: skip
"""Work, not results: Persian verbs that close a title (Persian puts the verb last)."""

_NORMAL = str.maketrans(
    {
        "\u064a": "\u06cc",  # Arabic yeh -> Persian yeh
        "\u0649": "\u06cc",  # alef maksura -> Persian yeh
        "\u0643": "\u06a9",  # Arabic kaf -> Persian kaf
        "\u06c0": "\u0647",  # heh with yeh above -> heh (the yeh is an ezafe mark)
        "\u06d5": "\u0647",
        "\u0640": None,  # tatweel
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        "\u066b": ".",
        "\u066c": ",",
        "\u066a": "%",
        **{chr(c): None for c in range(0x064B, 0x0660)},  # harakat, hamza above
        "\u0670": None,
    }
)
_ZWNJ = "\u200c"
_WORD = re.compile(r"\w+(?:-\w+)*")  # "run-rate" and "e-book" are one word
_PERSIAN_SUFFIXES = ("", "ی", "ای", "ین", "ها", "های", "تر", "ترین")
_FILLER = frozenset({"we", "will", "to", "shall", "ll", "i", "let", "s", "us"})


_TO_PERSIAN = str.maketrans("0123456789.,%", "۰۱۲۳۴۵۶۷۸۹٫٬٪")


def persian_digits(text: str) -> str:
    """Digits, separators and percent signs in their Persian forms: 12,000.5% -> ۱۲٬۰۰۰٫۵٪."""
    return text.translate(_TO_PERSIAN)


@lru_cache(maxsize=4096)  # each rule reads the same title again
def normalize_text(text: str) -> str:
    """Comparable text: digits in ASCII, Persian yeh and kaf, no diacritics, case folded."""
    return unicodedata.normalize("NFKC", text).translate(_NORMAL).casefold()


_DECIMAL = re.compile(r"\d")
"""A decimal digit in any script; `str.isdigit` also takes a few more (superscripts...)."""


_WORDY_CHUNK = re.compile(r"\S*[^\W_]\S*")
"""A run of non-blanks (as `str.split` cuts them) holding a letter or digit (`[^\\W_]`:
`str.isalnum`), matched whole: `\\s` and `str.isspace` agree on every character."""


def word_count(text: str) -> int:
    """Words as a reader counts them (a ZWNJ joins, it does not split)."""
    # one pass in C: the runs of `split()` holding a letter or digit, without a loop
    return len(_WORDY_CHUNK.findall(normalize_text(text)))


def has_number(text: str) -> bool:
    """True when the text holds a digit, in any script."""
    normal = normalize_text(text)
    if _DECIMAL.search(normal) is not None:  # the usual answer, found without a loop
        return True
    return not normal.isascii() and any(ch.isdigit() for ch in normal)


@lru_cache(maxsize=8192)
def _tokens(text: str, joined: bool = False) -> tuple[str, ...]:
    return tuple(_WORD.findall(normalize_text(text).replace(_ZWNJ, "" if joined else " ")))


@lru_cache(maxsize=1024)
def _term_forms(term: str) -> frozenset[tuple[str, ...]]:
    """A term with its ZWNJ as a space and as nothing: people type both."""
    return frozenset(form for form in (_tokens(term), _tokens(term, joined=True)) if form)


@lru_cache(maxsize=1024)
def _is_persian(word: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in word)


def _same_word(token: str, word: str) -> bool:
    if token == word:
        return True
    return _is_persian(word) and token.startswith(word) and token[len(word) :] in _PERSIAN_SUFFIXES


def _same_words(tokens: tuple[str, ...], form: tuple[str, ...]) -> bool:
    if tokens == form:
        return True
    if len(tokens) != len(form) or not _form_is_persian(form):
        return False  # only Persian words take suffixes; anything else must be equal
    return all(_same_word(t, w) for t, w in zip(tokens, form, strict=True))


@lru_cache(maxsize=1024)
def _form_is_persian(form: tuple[str, ...]) -> bool:
    return any(_is_persian(word) for word in form)


def _without_filler(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The words after a leading "we will", "let's" and the like."""
    start = 0
    while start < len(tokens) and tokens[start] in _FILLER:
        start += 1
    return tokens[start:]


_Entry = tuple[int, str, tuple[str, ...]]
"""A term's place in its list, the term, and one of its forms (its words)."""


@lru_cache(maxsize=64)
def _term_index(terms: tuple[str, ...], anchor_last: bool) -> dict[str, list[_Entry]]:
    """The forms of `terms` by their first word (or last, for matches at the end)."""
    index: dict[str, list[_Entry]] = {}
    for order, term in enumerate(terms):
        for form in _term_forms(term):
            index.setdefault(form[-1] if anchor_last else form[0], []).append((order, term, form))
    return index


def _anchors(token: str) -> tuple[str, ...]:
    """The words `token` can stand for: itself and, in Persian, itself less a suffix."""
    if not token or not _is_persian(token[-1]):
        return (token,)
    return (
        token,
        *(
            token[: -len(suffix)]
            for suffix in _PERSIAN_SUFFIXES
            if suffix and token.endswith(suffix)
        ),
    )


@lru_cache(maxsize=8192)
def _find(text: str, terms: tuple[str, ...], where: str) -> str | None:
    """The first of `terms` found in `text` at its start, its end, or anywhere.

    Forms are looked up by their anchor word rather than tried one by one:
    this runs for every key result of every objective on screen.
    """
    index = _term_index(terms, where == "end")
    best: _Entry | None = None
    # a ZWNJ read as a space and as nothing: the same words when the text has none
    joins = _ZWNJ in normalize_text(text)
    for tokens in {_tokens(text), _tokens(text, joined=True)} if joins else (_tokens(text),):
        if where == "start":
            tokens = _without_filler(tokens)
            positions: range = range(min(1, len(tokens)))
        elif where == "end":
            positions = range(len(tokens) - 1, len(tokens) - 2, -1) if tokens else range(0)
        else:
            positions = range(len(tokens))
        for i in positions:
            for anchor in _anchors(tokens[i]):
                for entry in index.get(anchor, ()):
                    form = entry[2]
                    if where == "end":
                        window = tokens[max(0, i - len(form) + 1) : i + 1]
                    else:
                        window = tokens[i : i + len(form)]
                    if (best is None or entry[0] < best[0]) and _same_words(window, form):
                        best = entry
    return best[1] if best is not None else None


def vague_term(text: str, extra: Iterable[str] = ()) -> str | None:
    """The vague word (improve, بهبود, ...) the text uses, if any."""
    return _find(text, (*VAGUE_WORDS, *extra), "anywhere")


def activity_term(text: str, extra: Iterable[str] = ()) -> str | None:
    """The activity word the text is built on: leading in English, leading or final in Persian."""
    at_start, at_end = _activity_terms(tuple(extra))
    return _find(text, at_start, "start") or _find(text, at_end, "end")


@lru_cache(maxsize=64)
def _activity_terms(extra: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (*ACTIVITY_WORDS_AT_START, *extra), (*ACTIVITY_WORDS_AT_END, *extra)
