"""Search over released objectives (`search_workspace`): the same results as a search over
the full models, and not one file read. Real files: the sample workspace, and one grown
from it with Persian text spelled every which way (ZWNJ or not, Arabic letters, digits)."""

from __future__ import annotations

import gc
import random
import re
from pathlib import Path

import pytest

from okrtui.services.progress import objective_progress
from okrtui.services.search import (
    normalize,
    search,
    search_text,
    search_workspace,
)
from okrtui.store import WorkspaceStore

PERSIAN = [
    "خبرنامه‌ای برای مشتریان",
    "خبرنامهاي براي مشتريان",  # no ZWNJ, Arabic yeh
    "كتاب آموزش بازاریابی ۱۴۰۵",
    "کتاب اموزش بازاريابي 1405",
    "افزایش ترافیک وبلاگ از ۲۲٪ به ۳۵٪",
    "مینا و رضا می‌خواهند سئو را بهتر کنند",
    "گزارش ماهانهٔ کمپین ایمیلی",
    "پاسخ‌های سریع‌تر به پرسش‌ها",
]
_TEXT_LINE = re.compile(r'^(title|description|note|answer) = "', re.MULTILINE)


def _persian_workspace(root: Path, copies: int = 12, seed: int = 9) -> int:
    """Copies of each sample objective with Persian put in front of titles, descriptions,
    notes and SMART answers; return how many objective files there are."""
    rng = random.Random(seed)
    for path in sorted(root.glob("objectives/*/*.toml")):
        original = path.read_text("utf-8")
        for i in range(copies):
            new_id = f"{path.stem}-fa{i:02d}"
            text = original.replace(f'id = "{path.stem}"', f'id = "{new_id}"', 1)
            text = _TEXT_LINE.sub(lambda m: f"{m.group(0)}{rng.choice(PERSIAN)} ", text)
            (path.parent / f"{new_id}.toml").write_text(text, "utf-8")
    return len(list(root.glob("objectives/*/*.toml")))


def _queries(store: WorkspaceStore) -> list[str]:
    """Words, prefixes, phrases and single letters taken from the workspace itself."""
    words: list[str] = []
    phrases: list[str] = []  # two words in a row: the phrase in one field, a word in another
    for objective in store.objectives.values():
        for kr in objective.key_results:
            for text in (kr.description, *(c.note for c in kr.checkins)):
                pairs = zip(text.split(), text.split()[1:], strict=False)
                phrases += [f"{a} {b}" for a, b in pairs]
        for text in (objective.title, objective.description, objective.owner, *objective.tags):
            words += text.split()
        for kr in objective.key_results:
            words += kr.title.split() + kr.owner.split()
            words += [w for c in kr.checkins for w in c.note.split()]
    rng = random.Random(4)
    picked = sorted(set(words))
    queries = rng.sample(picked, min(60, len(picked)))
    queries += [w[:2] for w in queries[:20]] + [w.upper() for w in queries[:5]]
    queries += [" ".join(rng.sample(picked, 2)) for _ in range(15)]
    queries += rng.sample(sorted(set(phrases)), min(30, len(set(phrases))))
    queries += ["a", "e", "ی", "ا", "۳۵", "35", "خبرنامهاي", "مشتري", "كتاب", "reza", "zzzz"]
    queries += ["page one", "  ", "Mina", "مینا رضا", "نامه ای"]
    return queries


def _released(root: Path) -> tuple[WorkspaceStore, list[int]]:
    store = WorkspaceStore.open(root, lazy=True)
    store.load_all()
    store.release((), objective_progress, search_text)
    gc.collect()
    assert store.objectives.held == 0
    reads: list[int] = []
    store.objectives.on_read = lambda: reads.append(1)
    return store, reads


@pytest.mark.parametrize("grow", [False, True], ids=["sample", "persian"])
def test_released_objectives_are_searched_as_full_models_without_reading_a_file(
    sample_workspace: Path, grow: bool
) -> None:
    count = _persian_workspace(sample_workspace) if grow else 5
    eager = WorkspaceStore.open(sample_workspace)
    assert eager.errors == [] and len(eager.objectives) == count
    store, reads = _released(sample_workspace)
    queries = _queries(eager)
    everything = list(eager.objectives.values())
    some_found = 0
    for query in queries:
        expected = search(everything, query)
        assert search_workspace(store.objectives, query) == expected, query
        for limit in (1, 7):  # the same first ones when the list is cut short
            assert search_workspace(store.objectives, query, limit) == expected[:limit], query
        some_found += bool(expected)
    assert some_found > len(queries) // 2  # the comparison is not between empty lists
    assert reads == []  # not one file read
    assert store.objectives.held == 0


def test_a_persian_query_finds_what_is_spelled_otherwise_after_release(
    sample_workspace: Path,
) -> None:
    _persian_workspace(sample_workspace, copies=3)
    store, reads = _released(sample_workspace)
    hits = search_workspace(store.objectives, "خبرنامه‌ای براي")
    assert hits and all(
        "fa" in hit.objective_id or hit.objective_id == "newsletter-fa" for hit in hits
    )
    assert {normalize("خبرنامهای")} <= {normalize(w) for h in hits for w in h.excerpt.split()} | {
        normalize(w) for h in hits for w in h.title.split()
    }
    assert reads == []


def test_objectives_in_memory_or_changed_are_searched_as_they_are_now(
    sample_workspace: Path,
) -> None:
    store, reads = _released(sample_workspace)
    assert search_workspace(store.objectives, "quokka") == []
    objective = store.objectives["email-ctr"]  # read again: held, searched in full
    assert len(reads) == 1
    objective.title = "Quokka mail"  # edited in memory, not saved: its summary is not used
    hits = search_workspace(store.objectives, "quokka")
    assert [(h.objective_id, h.kr_id, h.field) for h in hits] == [("email-ctr", None, "title")]
    store.save_objective(objective)
    store.release((), objective_progress, search_text)  # saved, then let go again
    del objective
    gc.collect()
    assert store.objectives.peek("email-ctr") is None
    again = search_workspace(store.objectives, "quokka")  # the new text, not the old
    assert [h.title for h in again] == ["Quokka mail"]
    assert len(reads) == 1
