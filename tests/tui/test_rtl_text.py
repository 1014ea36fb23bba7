"""Golden tests, on code points, of Persian text as a terminal without bidi must draw it.

`visual()` output is compared character by character: shaped letters
(presentation forms), reading order, mirrored brackets, digits and `٪`.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from okrtui.tui.rtl_pass import visual_strip, visual_strip_again
from okrtui.tui.rtl_text import is_rtl_paragraph, shape, visual


def points(text: str) -> str:
    return " ".join(f"{ord(c):04X}" for c in text)


def test_letters_are_joined_one_cell_each() -> None:
    # بلاگ: beh initial, lam medial, alef final (no lam-alef ligature: same cell
    # count), gaf isolated (alef does not join to the next letter)
    assert points(shape("بلاگ")) == "FE91 FEE0 FE8E FB92"
    assert points(visual("بلاگ")) == "FB92 FE8E FEE0 FE91"


def test_a_persian_word_reads_from_the_right() -> None:
    # ترافیک: teh initial ... keheh final, drawn last letter first
    assert points(visual("ترافیک")) == "FB8F FBFF FED3 FE8D FEAE FE97"


def test_persian_digits_and_percent_after_a_word() -> None:
    # «افزایش ۳۵٪ ترافیک»: the number follows an Arabic-script letter, so it is an
    # Arabic number and ٪ falls on its left, as a browser draws it
    assert points(visual("افزایش ۳۵٪ ترافیک")) == (
        "FB8F FBFF FED3 FE8D FEAE FE97 0020 066A 06F3 06F5 0020 FEB6 FBFE FE8D FEB0 FED3 FE8D"
    )


def test_a_title_that_starts_with_its_number() -> None:
    # «۳۵٪ افزایش ترافیک ارگانیک»: the number reads first, at the right, left to right
    shown = visual("۳۵٪ افزایش ترافیک ارگانیک")
    assert shown.endswith("\u06f3\u06f5\u066a")
    assert points(shown[:7]) == "FB8F FBFF FEE7 FE8E FB94 FEAD FE8D"  # ارگانیک, the last word


def test_mixed_persian_english_and_digits() -> None:
    shown = visual("KR1: افزایش ترافیک (SEO) تا ۹۰ روز")
    assert shown.endswith("KR1")  # the first word reads first, on the right
    assert ":KR1" in shown
    assert "(SEO)" in shown  # English in a Persian sentence keeps its own order
    assert "\u06f9\u06f0" in shown  # ۹۰ left to right
    assert points(shown) == (
        "FEAF FEED FEAD 0020 06F9 06F0 0020 FE8E FE97 0020 0028 0053 0045 004F 0029 0020 "
        "FB8F FBFF FED3 FE8D FEAE FE97 0020 FEB6 FBFE FE8D FEB0 FED3 FE8D 0020 003A 004B 0052 0031"
    )


def test_brackets_are_mirrored_in_right_to_left_text() -> None:
    shown = visual("افزایش (ترافیک)")
    # stored: ( ... ) ; drawn: the opening bracket of the reader is at the right
    assert shown.startswith("(") and shown.endswith(" ﺶﯾﺍﺰﻓﺍ")
    assert shown[len("(ﮏﯿﻓﺍﺮﺗ")] == ")"


def test_zero_width_non_joiner_breaks_the_join_then_goes() -> None:
    shown = visual("می\u200cخواهیم")
    assert "\u200c" not in shown
    assert points(shown) == "FEE2 FBFF FEEB FE8D FEEE FEA7 FBFD FEE3"  # ی final, خ initial


def test_a_combining_mark_stays_after_its_letter() -> None:
    shown = visual("دورهٔ بعد")
    assert shown.index("\u0654") == shown.index("\ufee9") + 1


def test_paragraph_direction_follows_the_majority_of_letters() -> None:
    assert is_rtl_paragraph("KR1: افزایش ترافیک")
    assert not is_rtl_paragraph("Grow traffic to 54k (افزایش)")
    assert visual("Grow 35%") == "Grow 35%"


def _strip(*parts: tuple[str, Style | None]) -> Strip:
    return Strip([Segment(text, style) for text, style in parts])


def test_a_persian_cell_is_right_aligned_and_keeps_its_width() -> None:
    strip = _strip(("│", None), ("هدف‌ها", None), ("      ", None), ("│", None))
    shown = visual_strip(strip)
    assert shown.cell_length == strip.cell_length
    assert shown.text == "│     " + visual("هدف‌ها") + " │"  # one space kept off the border


def test_each_character_keeps_its_style() -> None:
    dim, bold = Style(dim=True), Style(bold=True)
    shown = visual_strip(_strip(("مسئول: ", dim), ("مینا", bold)))
    styled = [(seg.text, seg.style) for seg in shown if seg.text.strip()]
    assert styled[0] == (visual("مینا"), bold)  # the value, read last, is on the left
    assert styled[-1][1] == dim


def test_a_key_stays_before_its_persian_description() -> None:
    key, desc = Style(bold=True), Style(dim=True)
    shown = visual_strip(_strip((" ^s ", key), ("ذخیره ", desc)))
    assert shown.text.startswith(" ^s ")


def test_the_progress_column_stays_and_the_title_is_right_aligned() -> None:
    line = "└ ▶  ۳۵٪ ● افزایش ترافیک" + " " * 8
    shown = visual_strip(_strip((line, None))).text
    assert shown.startswith("└ ▶  ۳۵٪ ● ")
    assert shown.endswith(visual("افزایش ترافیک") + " ")


def test_a_long_title_is_wrapped_first_then_reordered_line_by_line() -> None:
    title = "نرخ باز شدن خبرنامه را از ۲۲٪ به ۳۵٪ برسانیم"
    lines = Text(title).wrap(_console(), 20)
    shown = [visual_strip(Strip(line.render(_console()))).text for line in lines]
    # the first line holds the title's first words, in reading order; the last its end
    assert visual("نرخ باز شدن خبرنامه") in shown[0]
    assert visual("را از ۲۲٪ به ۳۵٪") in shown[1]
    assert visual("برسانیم") in shown[-1]


def test_parts_of_a_sentence_between_dots_read_in_its_direction() -> None:
    # the check-in dialog's summary: "now" is read first, so it is on the right
    line = "اکنون ۴۹٬۱۰۰ بازدید در ماه · مقدار هدف ۵۴٬۰۰۰ بازدید در"
    shown = visual_strip(_strip((line + "    ", None))).text
    assert shown == "   " + visual(line) + " "
    assert shown.index(visual("اکنون")) > shown.index(visual("مقدار هدف"))


def test_dots_of_a_bar_and_of_the_smart_badge_still_end_a_cell() -> None:
    line = "██████▌···  ۶۵٪  " + "بازدید در ماه" + "   "
    shown = visual_strip(_strip((line, None))).text
    assert shown.startswith("██████▌···  ۶۵٪")
    badge = visual_strip(_strip(("دانلود ۱٬۵۰۰ ", None), ("SM·RT", Style(bold=True)))).text
    assert badge == visual("دانلود ۱٬۵۰۰") + " SM·RT"


def test_a_key_keeps_its_caret_before_it_between_persian_words() -> None:
    # "enter or ^s: save": a neutral caret between Persian and Latin went to the key's right
    shown = visual("enter یا ^s: ذخیره")
    assert "^s" in shown and "s^" not in shown
    assert points(shown) == points("ﻩﺮﯿﺧﺫ :^s ﺎﯾ enter")
    assert visual("۲ ^ ۳ تا") == "ﺎﺗ ۳ ^ ۲"  # a caret that is no key stays a neutral


def test_an_id_with_digits_and_a_hyphen_keeps_its_order() -> None:
    # the dashboard's title: "Dashboard · 1405-paeez" came out as "paeez-1405 · ..."
    assert visual("داشبورد · 1405-paeez") == "1405-paeez · " + visual("داشبورد")
    assert visual("کلیدها: ctrl+p") == "ctrl+p :" + visual("کلیدها")
    assert visual("از 2026-11-25 تا") == visual("تا") + " 2026-11-25 " + visual("از")


def _console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(width=20, color_system=None)


def test_a_date_wrapped_onto_a_line_of_its_own_is_right_aligned() -> None:
    # "آخرین ثبت پیشرفت ۱۴۰۵-۰۹-۰۲" wrapped in a narrow pane: the date sits
    # right, under the words above it, in its own (left-to-right) order
    lines = Text("آخرین ثبت پیشرفت ۱۴۰۵-۰۹-۰۲").wrap(_console(), 18)
    drawn = [Strip(line.render(_console())).adjust_cell_length(18) for line in lines]
    shown = [visual_strip(strip).text for strip in drawn]
    assert shown[-1] == " " * 7 + "۱۴۰۵-۰۹-۰۲ "
    assert len(shown[-1]) == 18
    framed = visual_strip(_strip(("│ ", None), ("۱۴۰۵-۰۹-۰۲", None), (" " * 8, None), ("│", None)))
    assert framed.text == "│        ۱۴۰۵-۰۹-۰۲ │"


def test_numbers_among_other_text_keep_their_place() -> None:
    # a number in a row with other cells (a table, the tree) is not moved
    line = "۴۹٬۱۰۰      Reza    "
    assert visual_strip(_strip((line, None))).text == line
    assert visual_strip(_strip(("۱۴۰۵-۰۷-۰۱ → ۱۴۰۵-۰۹-۳۰    ", None))).text.startswith("۱۴۰۵")


def test_health_state_reads_before_its_reason_right_to_left() -> None:
    """The editor's health line (kr_status): state, then why, read from the right."""
    import datetime as dt

    from okrtui.cli.open_command import sample_workspace_path
    from okrtui.i18n import set_language
    from okrtui.services.health import health_label, kr_health
    from okrtui.store import WorkspaceStore
    from okrtui.tui.widgets.kr_status import status_text

    set_language("fa")
    store = WorkspaceStore.open(sample_workspace_path("fa"))
    today = dt.date(2026, 11, 25)
    objective = store.objectives["amoozesh-marja"]
    kr = objective.key_results[0]
    report = kr_health(kr, store.settings.cycle(objective.cycle), today, cadence_days=7)
    text = status_text(kr, objective, store.settings, today, width=100)
    line = next(ln for ln in text.plain.splitlines() if health_label(report.health) in ln)
    shown = visual_strip(_strip((line + " " * 4, None))).text
    state, reason = visual(health_label(report.health)), visual(report.reason)
    assert state in shown and reason in shown
    assert shown.index(state) > shown.index(reason)  # the state is read first, on the right


def test_a_strip_drawn_again_is_reordered_once_and_the_same() -> None:
    """Textual hands an unchanged widget's strips back every frame: reordered once, remembered."""
    strip = _strip(("│", None), ("هدف‌ها", None), ("      ", None), ("│", None))
    first = visual_strip_again(strip, True)
    assert first.text == visual_strip(strip).text
    assert visual_strip_again(strip, True) is first
    assert visual_strip_again(strip, False).text == visual_strip(strip, False).text
    twin = _strip(("│", None), ("هدف‌ها", None), ("      ", None), ("│", None))
    assert visual_strip_again(twin, True) is not first  # another strip: worked out itself
    assert visual_strip_again(twin, True).text == first.text


def test_a_line_before_a_scrollbar_drawn_again_is_reordered_once() -> None:
    """A tall tree or form has a scrollbar: each frame handed back every line of it, and
    each was reordered again up to the bar (issue 9); now once per strip Textual keeps."""
    from okrtui.tui.rtl_pass import _before_scrollbar

    strip = _strip(("│", None), ("هدف‌ها", None), ("      ", None), ("▐", None))
    edge = strip.cell_length - 1
    first = _before_scrollbar(strip, edge, True)
    assert first.text == visual_strip(strip.crop(0, edge)).text + "▐"
    assert _before_scrollbar(strip, edge, True) is first
    assert _before_scrollbar(strip, edge - 1, True) is not first  # another edge: its own
    plain = _strip(("│ goals  ", None), ("▐", None))
    assert _before_scrollbar(plain, plain.cell_length - 1, True) is plain  # nothing to turn


def test_a_table_line_drawn_again_is_reordered_once() -> None:
    from okrtui.tui.rtl_pass import _cells_apart

    strip = _strip((" 2026-11-01 ", None), (" بالا ", None), (" یادداشت کوتاه ", None))
    edges = [0, 12, 18, strip.cell_length]
    first = _cells_apart(strip, edges, True)
    assert _cells_apart(strip, edges, True) is first
    assert _cells_apart(strip, [0, 12, strip.cell_length], True) is not first
    assert first.text.startswith(" 2026-11-01 ")  # the date's cell as it was
