"""Right-to-left text in the order and letter forms a terminal must draw it.

A terminal that neither reorders nor joins Arabic-script letters draws
characters left to right in stored order, each letter in its isolated form.
For those terminals okrtui does both itself:

1. shaping: arabic-reshaper swaps each letter for its joined presentation
   form (initial, medial, final). Ligatures are off, so every character
   still takes one cell and columns stay where they are;
2. reordering: the Unicode bidirectional algorithm (python-bidi's reference
   implementation, which also mirrors brackets) gives the visual order.
   Its character-level form is used so each character keeps its own style.

The paragraph direction of a piece of text is right-to-left when it has at
least as many right-to-left letters as left-to-right ones, so a Persian
title that starts with `KR1:` still reads from the right.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from arabic_reshaper import ArabicReshaper
from bidi import algorithm as uba

RTL_CHARS = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")
_RTL_LETTER = re.compile(
    r"[\u0590-\u05FF\u0620-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]"
)
_LTR_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")
_IN_LATIN_TOKEN = re.compile(r"\^(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])[-+_./](?=[A-Za-z0-9])")
"""The caret of a key name (`^s` is ctrl+s) and the joiner inside a Latin token
(`ctrl+p`, `1405-paeez`, `tmux/screen`). To the bidi algorithm they are
neutrals or separators, so between Persian words the caret went to the key's
right (`s^`) and `1405-paeez` came out as `paeez-1405`; read as left-to-right
letters instead, a key or an id keeps its order."""
_JOINERS = "\u200c\u200d"
"""Zero-width (non-)joiners: once letters are shaped they have done their work."""

_reshaper = ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": False})


def has_rtl(text: str) -> bool:
    return bool(RTL_CHARS.search(text))


def is_rtl_paragraph(text: str) -> bool:
    """True when `text` reads right to left: at least as many RTL letters as LTR ones."""
    rtl = len(_RTL_LETTER.findall(text))
    return rtl > 0 and rtl >= len(_LTR_LETTER.findall(text))


@lru_cache(maxsize=8192)
def shape(text: str) -> str:
    """Joined letter forms, one character for each character of `text`."""
    shaped: str = _reshaper.reshape(text)
    return shaped if len(shaped) == len(text) else text


@lru_cache(maxsize=8192)
def visual_order(text: str, rtl: bool | None = None) -> tuple[tuple[str, int], ...]:
    """`text` shaped and in display order: (character, index in `text`) pairs.

    Zero-width joiners are dropped (they have no cell to draw). `rtl` forces
    the paragraph direction; by default it is `is_rtl_paragraph(text)`.
    """
    if rtl is None:
        rtl = is_rtl_paragraph(text)
    shaped = shape(text)
    storage = uba.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    uba.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    for joiner in _IN_LATIN_TOKEN.finditer(text):
        storage["chars"][joiner.start()]["type"] = "L"
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    uba.apply_mirroring(storage, False)
    out = []
    for char in storage["chars"]:
        index = char["index"]
        if text[index] in _JOINERS:
            continue
        mirrored = char["ch"] != text[index]  # a bracket turned round for right to left
        out.append((char["ch"] if mirrored else shaped[index], index))
    return tuple(_marks_after_their_letters(out))


def _marks_after_their_letters(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A combining mark (the hamza of «خبرنامهٔ», a vowel sign) drawn after its letter.

    Reversing a right-to-left run puts each mark before its letter; a
    terminal draws a mark on the cell before it, so it goes back after.
    """
    at = 0
    while at < len(chars) - 1:
        mark, mark_index = chars[at]
        _letter, letter_index = chars[at + 1]
        if unicodedata.combining(mark) and letter_index == mark_index - 1:
            chars[at], chars[at + 1] = chars[at + 1], chars[at]
            at += 2
        else:
            at += 1
    return chars


def visual(text: str, rtl: bool | None = None) -> str:
    """`text` as a terminal that does no bidi must draw it (one line)."""
    if not has_rtl(text):
        return text
    return "".join(char for char, _index in visual_order(text, rtl))


def visual_lines(text: str, rtl: bool | None = None) -> str:
    """Every line of `text` reordered on its own."""
    return "\n".join(visual(line, rtl) for line in text.split("\n"))
