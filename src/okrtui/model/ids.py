"""Identifiers that double as file and folder names.

Ids come from user data and end up in paths, so they are restricted to a
small, safe alphabet: nothing read from a file can point outside the
workspace, and no id is a name Windows reserves for a device.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
CYCLE_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,30}[A-Za-z0-9])?$"
SLUG_MAX_LENGTH = 64

_SLUG_RE = re.compile(SLUG_PATTERN)
_CYCLE_RE = re.compile(CYCLE_PATTERN)

# Opening `nul.toml` or `con/` on Windows reaches a device, not a file.
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{n}" for n in range(10)} | {f"lpt{n}" for n in range(10)}
)

# Persian and Arabic letters in the usual Finglish spelling. Short vowels are
# not written in the script, so they are not invented here either.
_PERSIAN: dict[str, str] = {
    "ا": "a",
    "آ": "a",
    "أ": "a",
    "إ": "e",
    "ء": "",
    "ؤ": "o",
    "ئ": "y",
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ث": "s",
    "ج": "j",
    "چ": "ch",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "z",
    "ر": "r",
    "ز": "z",
    "ژ": "zh",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "z",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "gh",
    "ف": "f",
    "ق": "gh",
    "ک": "k",
    "ك": "k",
    "گ": "g",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ة": "h",
    "ۀ": "h",
    "ى": "i",
    "\u200c": "",  # zero-width non-joiner: part of the word, not a space
    "\u0640": "",  # tatweel, a stretching stroke
}
# Latin letters that NFKD does not split into a base letter and a mark.
_LATIN: dict[str, str] = {
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ł": "l",
    "ı": "i",
}
_TRANSLITERATION = str.maketrans({**_PERSIAN, **_LATIN})
# Letters read differently at the start, inside and at the end of a word:
# (start, inside, end). "و" is a consonant first and a vowel after one.
_BY_POSITION: dict[str, tuple[str, str, str]] = {
    "و": ("v", "u", "u"),
    "ی": ("y", "i", "i"),
    "ي": ("y", "i", "i"),
    "ه": ("h", "h", "e"),
}
_BASE_LENGTH = 48  # leaves room for a "-NNN" suffix within SLUG_MAX_LENGTH


def is_slug(value: str) -> bool:
    """True when `value` is a valid objective or key-result id."""
    return bool(_SLUG_RE.fullmatch(value)) and value not in _RESERVED


def is_cycle_name(value: str) -> bool:
    """True when `value` is a valid cycle name (also a folder name)."""
    return (
        bool(_CYCLE_RE.fullmatch(value))
        and ".." not in value
        and value.split(".")[0].lower() not in _RESERVED
    )


def _by_position(text: str) -> str:
    """Spell the letters of `_BY_POSITION` by where they stand in their word."""
    out: list[str] = []
    for i, char in enumerate(text):
        forms = _BY_POSITION.get(char)
        if forms is None:
            out.append(char)
            continue
        starts = i == 0 or not _in_word(text[i - 1])
        ends = i + 1 == len(text) or not _in_word(text[i + 1])
        out.append(forms[0] if starts else forms[2] if ends else forms[1])
    return "".join(out)


def _in_word(char: str) -> bool:
    return char.isalnum() or char == "\u200c"


def _ascii_words(text: str) -> str:
    """`text` spelled in lower-case ASCII letters and digits, words joined by '-'."""
    text = _by_position(unicodedata.normalize("NFKC", text).lower()).translate(_TRANSLITERATION)
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        if char.isascii():
            out.append(char)
        elif unicodedata.category(char) == "Mn":
            continue  # accents and Arabic vowel marks belong to the letter before
        elif unicodedata.decimal(char, None) is not None:
            out.append(str(unicodedata.decimal(char)))  # Persian and Arabic digits
        else:
            out.append(" ")
    return re.sub(r"[^a-z0-9]+", "-", "".join(out)).strip("-")


def _shorten(base: str) -> str:
    """Cut `base` to the length limit at a word boundary where there is one."""
    if len(base) <= _BASE_LENGTH:
        return base
    cut = base[: _BASE_LENGTH + 1]
    head = cut.rsplit("-", 1)[0]
    if len(head) > _BASE_LENGTH or len(head) < _BASE_LENGTH // 2:
        head = cut[:_BASE_LENGTH]  # one long word, or a boundary too early to use
    return head.strip("-")


def slugify(text: str, *, fallback: str = "objective", taken: Container[str] | None = None) -> str:
    """Turn a title into a unique slug.

    Latin text loses its accents; Persian text is spelled in Latin letters
    (Finglish) and Persian digits become ASCII digits. Text with nothing
    left (only emoji, say) becomes `fallback`. A numeric suffix keeps the
    slug unique among `taken`.
    """
    base = _shorten(_ascii_words(text))
    if not base:
        base = _shorten(_ascii_words(fallback)) or "objective"
    used: Container[str] = taken if taken is not None else ()
    candidate, n = base, 2
    while candidate in used or not is_slug(candidate):
        candidate = f"{base}-{n}"
        n += 1
    return candidate
