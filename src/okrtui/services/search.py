"""Search every cycle: titles, descriptions, owners, tags, SMART answers, check-in notes.

Text is compared in a normal form that ignores case, the zero-width non-joiner
Persian writes inside words (می‌خواهم / میخواهم), kashida, Arabic diacritics and
the Arabic and Persian variants of the same letter (ي/ی, ك/ک, ة/ه, أ/ا), and
reads Persian and Arabic digits as ASCII ones. Every word of the query must
appear in the objective or key result (in any of its fields).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from okrtui.i18n import _
from okrtui.model import KeyResult, Objective
from okrtui.model.smart import SmartChecklist

_LETTERS = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic digits
        "\u200c": "",  # zero-width non-joiner
        "\u200d": "",  # zero-width joiner
        "\u200f": "",  # right-to-left mark
        "\u200e": "",  # left-to-right mark
        "ـ": "",  # kashida
        **{chr(c): "" for c in range(0x064B, 0x0660)},  # harakat
        "\u0670": "",
    }
)


def normalize(text: str) -> str:
    """`text` in the form searches compare: case, ZWNJ and letter variants ignored."""
    return text.translate(_LETTERS).casefold()


@dataclass(frozen=True, slots=True)
class SearchHit:
    """Where a query matched: the objective (and key result), the field, a bit of text."""

    objective_id: str
    cycle: str
    kr_id: str | None
    title: str
    field: str
    excerpt: str


def _smart_fields(smart: SmartChecklist) -> Iterator[tuple[str, str]]:
    for name in ("specific", "measurable", "achievable", "relevant", "time_bound"):
        answer = getattr(smart, name).answer
        if answer:
            yield _("SMART answer"), answer


def _objective_fields(objective: Objective) -> Iterator[tuple[str, str]]:
    yield _("title"), objective.title
    yield _("description"), objective.description
    yield _("owner"), objective.owner
    yield _("tags"), " ".join(objective.tags)
    yield from _smart_fields(objective.smart)


def _kr_fields(kr: KeyResult) -> Iterator[tuple[str, str]]:
    yield _("title"), kr.title
    yield _("description"), kr.description
    yield _("owner"), kr.owner
    yield from _smart_fields(kr.smart)
    for checkin in kr.checkins:
        if checkin.note:
            yield _("check-in note"), checkin.note


def _excerpt(text: str, start: int, width: int = 60) -> str:
    line = " ".join(text.split())
    if len(line) <= width:
        return line
    begin = max(0, min(start - width // 3, len(line) - width))
    return ("…" if begin else "") + line[begin : begin + width - 1] + "…"


def _match(fields: list[tuple[str, str]], words: list[str]) -> tuple[str, str] | None:
    """The field to show for a node whose fields hold every word, or None."""
    normal = [(name, text, normalize(text)) for name, text in fields if text]
    everything = " ".join(n for _name, _text, n in normal)
    if not all(word in everything for word in words):
        return None
    phrase = " ".join(words)
    for wanted in (phrase, words[0]):  # the field holding the whole query, else its first word
        for name, text, norm in normal:
            if wanted in norm:
                # positions in the normal form match the text's closely enough for an excerpt
                return name, _excerpt(text, norm.index(wanted))
    return None


def search(objectives: Iterable[Objective], query: str, limit: int = 200) -> list[SearchHit]:
    """Objectives and key results matching every word of `query`, titles first."""
    words = normalize(query).split()
    if not words:
        return []
    hits: list[SearchHit] = []
    for objective in objectives:
        found = _match(list(_objective_fields(objective)), words)
        if found:
            hits.append(SearchHit(objective.id, objective.cycle, None, objective.title, *found))
        for kr in objective.key_results:
            found = _match(list(_kr_fields(kr)), words)
            if found:
                hits.append(SearchHit(objective.id, objective.cycle, kr.id, kr.title, *found))
    title = _("title")
    hits.sort(key=lambda h: h.field != title)  # stable: the workspace's order within
    return hits[:limit]
