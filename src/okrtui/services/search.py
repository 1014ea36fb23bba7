"""Search every cycle: titles, descriptions, owners, tags, SMART answers, check-in notes.

Text is compared in a normal form that ignores case, the zero-width non-joiner
Persian writes inside words (می‌خواهم / میخواهم), kashida, Arabic diacritics and
the Arabic and Persian variants of the same letter (ي/ی, ك/ک, ة/ه, أ/ا), and
reads Persian and Arabic digits as ASCII ones. Every word of the query must
appear in the objective or key result (in any of its fields).

`search_workspace` searches a store's objectives without reading a file again:
an objective the store let go (`WorkspaceStore.release`) is searched in the
`SearchText` its summary keeps (`search_text`: each node's fields in normal
form, and the text as written for the results it shows, both zlib'd), with
the same results as a search over the full models. The normal forms are
unpacked on each key, one objective at a time (keeping them unpacked for a
dialog's later keys was slower at 10,000 and held 30 MB more).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from okrtui.i18n import _
from okrtui.model import KeyResult, Objective
from okrtui.model.smart import SmartChecklist
from okrtui.store.objective_map import SearchText

if TYPE_CHECKING:
    from okrtui.store.objective_map import ObjectiveMap

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
    if text.isascii():  # nothing to translate; casefold is lower for ASCII (faster)
        return text.lower()
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


def _field_names() -> dict[str, str]:
    """The name shown for each field code (looked up now: the language may change)."""
    return {
        "t": _("title"),
        "d": _("description"),
        "o": _("owner"),
        "g": _("tags"),
        "s": _("SMART answer"),
        "n": _("check-in note"),
    }


def _smart_fields(smart: SmartChecklist) -> Iterator[tuple[str, str]]:
    for name in ("specific", "measurable", "achievable", "relevant", "time_bound"):
        answer = getattr(smart, name).answer
        if answer:
            yield "s", answer


def _objective_fields(objective: Objective) -> Iterator[tuple[str, str]]:
    """(field code, text): the title always first."""
    yield "t", objective.title
    yield "d", objective.description
    yield "o", objective.owner
    yield "g", " ".join(objective.tags)
    yield from _smart_fields(objective.smart)


def _kr_fields(kr: KeyResult) -> Iterator[tuple[str, str]]:
    """(field code, text): the title always first."""
    yield "t", kr.title
    yield "d", kr.description
    yield "o", kr.owner
    yield from _smart_fields(kr.smart)
    for checkin in kr.checkins:
        if checkin.note:
            yield "n", checkin.note


def _excerpt(text: str, start: int, width: int = 60) -> str:
    line = " ".join(text.split())
    if len(line) <= width:
        return line
    begin = max(0, min(start - width // 3, len(line) - width))
    return ("…" if begin else "") + line[begin : begin + width - 1] + "…"


def _match(
    fields: list[tuple[str, str]], words: list[str], names: dict[str, str]
) -> tuple[str, str] | None:
    """The field to show for a node whose fields hold every word, or None."""
    normal = [(code, text, normalize(text)) for code, text in fields if text]
    everything = " ".join(n for _code, _text, n in normal)
    if not all(word in everything for word in words):
        return None
    phrase = " ".join(words)
    for wanted in (phrase, words[0]):  # the field holding the whole query, else its first word
        for code, text, norm in normal:
            if wanted in norm:
                # positions in the normal form match the text's closely enough for an excerpt
                return names[code], _excerpt(text, norm.index(wanted))
    return None


def _nodes(objective: Objective) -> Iterator[tuple[str | None, str, list[tuple[str, str]]]]:
    """(key result id or None, title, fields) of the objective, then of each key result."""
    yield None, objective.title, list(_objective_fields(objective))
    for kr in objective.key_results:
        yield kr.id, kr.title, list(_kr_fields(kr))


def _hits(objective: Objective, words: list[str], names: dict[str, str]) -> Iterator[SearchHit]:
    for kr_id, title, fields in _nodes(objective):
        found = _match(fields, words, names)
        if found:
            yield SearchHit(objective.id, objective.cycle, kr_id, title, *found)


def search(objectives: Iterable[Objective], query: str, limit: int = 200) -> list[SearchHit]:
    """Objectives and key results matching every word of `query`, titles first."""
    words = normalize(query).split()
    if not words:
        return []
    names = _field_names()
    hits = [hit for objective in objectives for hit in _hits(objective, words, names)]
    title = names["t"]
    hits.sort(key=lambda h: h.field != title)  # stable: the workspace's order within
    return hits[:limit]


SEPARATOR = "\x1f"
"""Between the fields of a node in `SearchText.normal` (0x1e between nodes): no field may
hold either (`model.text`), and `str.split` splits a query there, so no word of a query
spans two fields."""


def search_text(objective: Objective) -> SearchText:
    """What `search_workspace` needs of `objective` once it is let go."""
    nodes = []
    packed = [objective.cycle]
    for kr_id, title, fields in _nodes(objective):
        rest = [code + text for code, text in fields[1:] if text]
        # one call per node: both steps go character by character, the separator stays
        nodes.append(normalize(SEPARATOR.join([title, *(text[1:] for text in rest)])))
        packed.append(SEPARATOR.join([kr_id or "", title, *rest]))
    return SearchText(
        zlib.compress("\x1e".join(nodes).encode()), zlib.compress("\x1e".join(packed).encode())
    )


def _unpack(text: SearchText) -> tuple[str, list[tuple[str | None, str, list[tuple[str, str]]]]]:
    """The cycle, and each node's key result id, title and (code, text) fields."""
    cycle, *nodes = zlib.decompress(text.packed).decode().split("\x1e")
    unpacked = []
    for index, node in enumerate(nodes):
        kr_id, title, *rest = node.split(SEPARATOR)
        fields = [("t", title), *((field[0], field[1:]) for field in rest)]
        unpacked.append((kr_id if index else None, title, fields))
    return cycle, unpacked


def _title_shown(node: bytes, phrase: bytes, first: bytes) -> bool:
    """Whether `_match` shows a matching node's title (the title is its first field)."""
    fields = node.split(SEPARATOR.encode())
    if phrase in fields[0]:
        return True
    return not any(phrase in field for field in fields[1:]) and first in fields[0]


def search_workspace(objectives: ObjectiveMap, query: str, limit: int = 200) -> list[SearchHit]:
    """`search` over a store's objectives: the ones let go are searched in their summary's
    `SearchText`, so no file is read again; the results are the same."""
    words = normalize(query).split()
    if not words:
        return []
    names = _field_names()
    title = names["t"]
    keys = [word.encode() for word in words]
    phrase = " ".join(words).encode()
    found: list[tuple[bool, SearchHit | tuple[str, SearchText, int]]] = []
    for objective_id in objectives:
        summary = objectives.summary(objective_id)
        text = summary.search if summary is not None else None
        if text is None:  # in memory (or not read yet: read now)
            objective = objectives.get(objective_id)
            if objective is not None:
                found += ((hit.field == title, hit) for hit in _hits(objective, words, names))
            continue
        for index, node in enumerate(zlib.decompress(text.normal).split(b"\x1e")):
            if all(key in node for key in keys):
                found.append((_title_shown(node, phrase, keys[0]), (objective_id, text, index)))
    found.sort(key=lambda f: not f[0])  # stable: the workspace's order within
    hits: list[SearchHit] = []
    for _title, item in found[:limit]:
        if isinstance(item, SearchHit):
            hits.append(item)
            continue
        objective_id, text, index = item
        cycle, written = _unpack(text)  # only for the hits shown
        kr_id, node_title, fields = written[index]
        shown = _match(fields, words, names)
        assert shown is not None  # every word is in its fields (checked above)
        hits.append(SearchHit(objective_id, cycle, kr_id, node_title, *shown))
    return hits
