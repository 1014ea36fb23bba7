"""The guided `okrtui init`: four questions, answered as a person would type them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from okrtui.cli.guided_init import guided_init
from okrtui.cli.open_command import offer_init
from okrtui.model import Calendar, Locale
from okrtui.store import WorkspaceStore

TODAY = dt.date(2026, 11, 27)


def _answers(*typed: str):  # type: ignore[no-untyped-def]
    queue = list(typed)

    def ask(prompt: str) -> str:
        return queue.pop(0)

    return ask


def test_gregorian_quarters_of_the_year(tmp_path: Path) -> None:
    said: list[str] = []
    # name, calendar (enter: Gregorian), a wrong answer then language, cycles
    root = guided_init(
        tmp_path / "team",
        ask=_answers("Growth team", "", "7", "1", "2"),
        say=said.append,
        today=TODAY,
    )
    settings = WorkspaceStore.open(root).settings
    assert settings.name == "Growth team"
    assert settings.calendar is Calendar.GREGORIAN and settings.locale is Locale.EN
    assert [c.name for c in settings.cycles] == [f"2026-Q{i}" for i in range(1, 5)]
    assert settings.default_cycle == "2026-Q4"
    assert any("Please type one of" in line for line in said)
    assert sorted(p.name for p in (root / "objectives").iterdir()) == [
        f"2026-Q{i}" for i in range(1, 5)
    ]


def test_jalali_persian_this_season(tmp_path: Path) -> None:
    root = guided_init(
        tmp_path / "fa", ask=_answers("", "2", "", ""), say=lambda _line: None, today=TODAY
    )
    settings = WorkspaceStore.open(root).settings
    assert settings.calendar is Calendar.JALALI and settings.locale is Locale.FA
    (cycle,) = settings.cycles
    assert cycle.name == "1405-paeez"  # autumn 1405: 1 Mehr (23 Sep) to 30 Azar (21 Dec)
    assert cycle.label == "پاییز ۱۴۰۵"
    assert cycle.start == dt.date(2026, 9, 23) and cycle.end == dt.date(2026, 12, 21)
    assert [p.name for p in (root / "objectives").iterdir()] == ["1405-paeez"]


def test_no_offer_without_a_terminal_or_in_a_workspace(tmp_path: Path) -> None:
    # pytest's stdin is not a terminal: the CLI then says "not a workspace" as before
    assert offer_init(tmp_path / "empty", ask=_answers("y")) is None
    assert not (tmp_path / "empty").exists()


def test_the_questions_are_asked_in_persian(tmp_path: Path) -> None:
    from okrtui.i18n import set_language

    set_language("fa")
    said: list[str] = []
    asked: list[str] = []
    answers = _answers("", "۲", "", "۲")  # Persian digits answer as well as ASCII ones

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return answers(prompt)

    root = guided_init(tmp_path / "fa", ask=ask, say=said.append, today=TODAY)
    settings = WorkspaceStore.open(root).settings
    assert settings.calendar is Calendar.JALALI and len(settings.cycles) == 4
    assert asked[0].startswith("نام [")
    assert "تقویم:" in said and "زبان:" in said and "دوره‌ها:" in said
    assert "  2) جلالی (شمسی)" in said
    assert said[-1].endswith("با ۴ دوره ساخته شد.")
    assert not any("Calendar" in line or "cycle(s)" in line for line in said)
