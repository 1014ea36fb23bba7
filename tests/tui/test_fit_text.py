"""One way to cut text to a width: with an ellipsis, right-to-left text cut at its end."""

from __future__ import annotations

from okrtui.tui.formatting import cut_text, fit_text
from okrtui.tui.rtl_text import visual


def test_text_that_fits_is_left_alone() -> None:
    assert cut_text("Grow traffic", 12) == "Grow traffic"
    assert fit_text("Grow traffic", 12) == "Grow traffic"


def test_longer_text_ends_in_an_ellipsis_within_the_width() -> None:
    assert cut_text("Grow organic traffic", 10) == "Grow orga…"
    assert cut_text("anything", 0) == "…"


def test_persian_is_cut_at_the_end_of_its_sentence_then_reordered() -> None:
    title = "خبرنامه‌ای بسازیم که مشترکان منتظرش باشند"
    cut = fit_text(title, 12)
    assert cut == title[:11] + "…"  # cut in stored order; reordered when drawn
    assert visual(cut).startswith("…")  # the end of a right-to-left sentence is on the left
