"""Search over the sample workspace: fields, every cycle, Persian spelled either way."""

from __future__ import annotations

from pathlib import Path

from okrtui.services.search import normalize, search
from okrtui.store import WorkspaceStore


def test_normalize_ignores_zwnj_and_letter_variants() -> None:
    assert normalize("خبرنامه‌ای") == normalize("خبرنامهای")
    assert normalize("مشتري") == normalize("مشتری")  # Arabic yeh
    assert normalize("كتاب") == normalize("کتاب")  # Arabic kaf
    assert normalize("۳۵٪") == "35٪"
    assert normalize("Organic") == "organic"


def test_search_finds_titles_owners_notes_in_every_cycle(sample_workspace: Path) -> None:
    objectives = list(WorkspaceStore.open(sample_workspace).objectives.values())
    # typed without the ZWNJ and with an Arabic yeh: still found
    hits = search(objectives, "خبرنامهاي")
    assert hits and hits[0].objective_id == "newsletter-fa" and hits[0].kr_id is None
    notes = search(objectives, "page one")
    assert any(h.kr_id == "organic-traffic" and h.field == "check-in note" for h in notes)
    cycles = {h.cycle for h in search(objectives, "reza")}
    assert {"2026-Q3", "2026-Q4"} <= cycles
    assert search(objectives, "reza zzzz") == []
    assert search(objectives, "  ") == []
