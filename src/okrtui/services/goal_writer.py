"""The guided writer: turn a vague goal into a SMART key result, one question at a time.

The wizard asks the five key questions in SMART order and keeps the answers
in a `GoalDraft`. `draft_sentence` shows the goal as one sentence before it is
saved; `draft_to_key_result` builds the key result (or `draft_to_smart_goal` a
standalone SMART goal). The sentence becomes the goal's title, which is the
user's data, so its language is chosen per goal rather than by the UI language.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from okrtui.i18n import _
from okrtui.model import (
    Direction,
    KeyResult,
    Metric,
    MetricType,
    Objective,
    ObjectiveKind,
    SmartAnswer,
    SmartChecklist,
    SmartCriterion,
    slugify,
)
from okrtui.services.smart_wording import normalize_text, persian_digits

GREGORIAN_MONTHS_FA = (
    "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
    "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر",
)  # fmt: skip
JALALI_MONTHS_FA = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
JALALI_MONTHS_EN = (
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
)  # fmt: skip


@dataclass
class GoalDraft:
    """The answers to the five key questions, as the wizard collects them."""

    idea: str = ""
    """The vague goal the user started from; kept as the key result's description."""
    # Specific: what exactly will change, and for whom?
    what: str = ""
    for_whom: str = ""
    # Measurable: which number tells us how far we are?
    unit: str = ""
    start: float | None = None
    target: float | None = None
    direction: Direction = Direction.INCREASE
    metric_type: MetricType = MetricType.NUMBER
    # Achievable: do we have the people, budget and time for it?
    resources: str = ""
    confidence: float | None = None
    """0.0 to 1.0."""
    # Relevant: why does this matter to the business now?
    why: str = ""
    parent: str | None = None
    # Time-bound: by which date must it be reached?
    due: dt.date | None = None
    owner: str = ""


WIZARD_STEPS: dict[SmartCriterion, tuple[str, ...]] = {
    SmartCriterion.SPECIFIC: ("what", "for_whom"),
    SmartCriterion.MEASURABLE: ("unit", "start", "target", "direction", "metric_type"),
    SmartCriterion.ACHIEVABLE: ("resources", "confidence"),
    SmartCriterion.RELEVANT: ("why", "parent"),
    SmartCriterion.TIME_BOUND: ("due",),
}
"""The wizard's steps in order: each SMART question and the draft fields it fills."""


def missing_answers(draft: GoalDraft) -> list[SmartCriterion]:
    """The questions whose answers are still too thin to build a SMART key result."""
    measurable = draft.target is not None and (
        draft.start is not None
        or draft.direction in (Direction.STAY_ABOVE, Direction.STAY_BELOW)
        or draft.metric_type is MetricType.MILESTONE
    )
    answered = {
        SmartCriterion.SPECIFIC: bool(draft.what.strip()),
        SmartCriterion.MEASURABLE: measurable or draft.metric_type is MetricType.MILESTONE,
        SmartCriterion.ACHIEVABLE: draft.confidence is not None or bool(draft.resources.strip()),
        SmartCriterion.RELEVANT: bool(draft.why.strip()) or bool(draft.parent),
        SmartCriterion.TIME_BOUND: draft.due is not None,
    }
    return [criterion for criterion, ok in answered.items() if not ok]


# ------------------------------------------------------------------ parsing answers
def parse_amount(text: str) -> float | None:
    """A number as people type it: "12,000", "۱۲٬۰۰۰", "3.5%", "۳٫۵٪". None if it is not one."""
    cleaned = normalize_text(text).replace(",", "").replace("%", "").replace(" ", "").strip()
    try:
        return float(cleaned)
    except ValueError:
        return None


def parse_confidence(text: str) -> float:
    """70%, 70 or 0.7 as 0.7; raises ValueError for anything else."""
    cleaned = normalize_text(text).replace("٪", "%").replace(" ", "")
    try:
        value = float(cleaned.rstrip("%"))
    except ValueError:
        raise ValueError(_("Type a confidence from 0 to 100%, e.g. 70%")) from None
    if "%" in cleaned or value > 1:
        value /= 100
    if not 0.0 <= value <= 1.0:
        raise ValueError(_("Type a confidence from 0 to 100%, e.g. 70%"))
    return value


_DATE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$")


def parse_due(text: str, calendar: str = "gregorian") -> dt.date | None:
    """A date typed as Y-M-D or Y/M/D, in any digits; a Jalali date when `calendar` is jalali."""
    match = _DATE.match(normalize_text(text))
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        if calendar == "jalali":
            import jdatetime  # only the Jalali calendar needs it

            gregorian: dt.date = jdatetime.date(year, month, day).togregorian()
            return gregorian
        return dt.date(year, month, day)
    except ValueError:
        return None


TEXT_ANSWERS = ("idea", "what", "for_whom", "unit", "resources", "why", "owner")
"""The draft fields whose answer is the text as typed."""


def apply_answer(draft: GoalDraft, name: str, text: str, calendar: str = "gregorian") -> None:
    """Put one typed answer into the draft field `name`; ValueError when it cannot be read.

    A number, confidence or date that cannot be read leaves its field unanswered.
    """
    if name in TEXT_ANSWERS:
        setattr(draft, name, text)
    elif name in ("start", "target"):
        setattr(draft, name, None)  # unanswered while what was typed cannot be read
        if text.strip():
            value = parse_amount(text)
            if value is None:
                raise ValueError(_("Type a number, e.g. 12,000"))
            setattr(draft, name, value)
    elif name == "confidence":
        draft.confidence = None
        if text.strip():
            draft.confidence = parse_confidence(text)
    elif name == "due":
        draft.due = None
        if text.strip():
            draft.due = parse_due(text, calendar)
            if draft.due is None:
                if calendar == "jalali":
                    raise ValueError(_("Type a Jalali date as YYYY-MM-DD, e.g. 1405-10-10"))
                raise ValueError(_("Type a date as YYYY-MM-DD, e.g. 2026-12-31"))
    elif name == "metric_type":
        draft.metric_type = MetricType(text)
    elif name == "direction":
        draft.direction = Direction(text)
    elif name == "parent":
        draft.parent = text or None


# ------------------------------------------------------------------ writing the sentence
def _number(value: float, language: str) -> str:
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    return persian_digits(text) if language == "fa" else text


def _quantity(value: float, unit: str, language: str) -> str:
    number = _number(value, language)
    if unit == "%":
        return number + ("٪" if language == "fa" else "%")
    return f"{number} {unit}" if unit else number


def _date(day: dt.date, language: str, calendar: str) -> str:
    if calendar == "jalali":
        import jdatetime  # only the Jalali calendar needs it

        jalali = jdatetime.date.fromgregorian(date=day)
        year, month, dom = int(jalali.year), int(jalali.month), int(jalali.day)
        if language == "fa":
            return persian_digits(f"{dom} {JALALI_MONTHS_FA[month - 1]} {year}")
        return f"{dom} {JALALI_MONTHS_EN[month - 1]} {year}"
    if language == "fa":
        return persian_digits(f"{day.day} {GREGORIAN_MONTHS_FA[day.month - 1]} {day.year}")
    return day.isoformat()


def _subject(draft: GoalDraft, language: str) -> str:
    what = draft.what.strip() or draft.idea.strip()
    if draft.for_whom.strip():
        joiner = " برای " if language == "fa" else " for "
        return f"{what}{joiner}{draft.for_whom.strip()}"
    return what


def _range(draft: GoalDraft, language: str) -> str:
    """ "from 12,000 to 16,200 visits a month", or its Persian form."""
    if draft.target is None:
        return ""
    target = _quantity(draft.target, draft.unit, language)
    if draft.start is None:
        return f"به {target}" if language == "fa" else f"to {target}"
    start = _quantity(draft.start, "%" if draft.unit == "%" else "", language)
    return f"از {start} به {target}" if language == "fa" else f"from {start} to {target}"


def _sentence_en(draft: GoalDraft, calendar: str) -> str:
    subject = _subject(draft, "en")
    target = "" if draft.target is None else _quantity(draft.target, draft.unit, "en")
    if draft.metric_type in (MetricType.MILESTONE, MetricType.CHECKLIST):
        text = f"Have {subject} done"
    elif draft.direction is Direction.STAY_ABOVE:
        text = f"Keep {subject} at or above {target}"
    elif draft.direction is Direction.STAY_BELOW:
        text = f"Keep {subject} at or below {target}"
    else:
        verb = "Increase" if draft.direction is Direction.INCREASE else "Reduce"
        text = f"{verb} {subject} {_range(draft, 'en')}"
    if draft.due is not None:
        text += f" by {_date(draft.due, 'en', calendar)}"
    return " ".join(text.split())


def _sentence_fa(draft: GoalDraft, calendar: str) -> str:
    subject = _subject(draft, "fa")
    target = "" if draft.target is None else _quantity(draft.target, draft.unit, "fa")
    if draft.metric_type in (MetricType.MILESTONE, MetricType.CHECKLIST):
        text = f"{subject} را به سرانجام برسانیم"
    elif draft.direction is Direction.STAY_ABOVE:
        text = f"{subject} را دست‌کم روی {target} نگه داریم"
    elif draft.direction is Direction.STAY_BELOW:
        text = f"{subject} را حداکثر روی {target} نگه داریم"
    elif draft.start is None:
        text = f"{subject} را {_range(draft, 'fa')} برسانیم"
    else:
        verb = "افزایش دهیم" if draft.direction is Direction.INCREASE else "کاهش دهیم"
        text = f"{subject} را {_range(draft, 'fa')} {verb}"
    if draft.due is not None:
        text = f"تا {_date(draft.due, 'fa', calendar)}، {text}"
    return " ".join(text.split())


def draft_sentence(draft: GoalDraft, language: str = "en", calendar: str = "gregorian") -> str:
    """The goal as one sentence, e.g. "Increase organic traffic from 12,000 to 16,200
    visits a month by 2026-12-31"; in Persian with Persian digits, and with a
    Jalali date when `calendar` is "jalali"."""
    if language == "fa":
        return _sentence_fa(draft, calendar)
    sentence = _sentence_en(draft, calendar)
    return sentence[:1].upper() + sentence[1:]


# ------------------------------------------------------------------ building the goal
def _answer(text: str) -> SmartAnswer:
    text = " ".join(text.split())
    return SmartAnswer(done=bool(text), answer=text)


def draft_answers(
    draft: GoalDraft, language: str = "en", calendar: str = "gregorian"
) -> SmartChecklist:
    """Each letter's answer in the wizard's words; a letter answered is ticked."""
    due = ""
    if draft.due is not None:
        day = _date(draft.due, language, calendar)
        due = f"تا {day}" if language == "fa" else f"by {day}"
    return SmartChecklist(
        specific=_answer(_subject(draft, language) if draft.what.strip() else ""),
        measurable=_answer(_range(draft, language)),
        achievable=_answer(draft.resources),
        relevant=_answer(draft.why),
        time_bound=_answer(due),
    )


def draft_to_key_result(
    draft: GoalDraft,
    taken_ids: set[str] | frozenset[str] | list[str] | tuple[str, ...],
    *,
    language: str = "en",
    calendar: str = "gregorian",
    today: dt.date | None = None,
) -> KeyResult:
    """A key result from the draft: title, metric, due, confidence, owner and SMART answers.

    The id is a slug of what changes, unique among `taken_ids`; the vague
    goal the user started from is kept as the description. `today` becomes its
    start date: its plan counts from the day it was added, not the cycle's start.
    """
    kr_id = slugify(draft.what or draft.idea, fallback="key-result", taken=set(taken_ids))
    metric = Metric(
        type=draft.metric_type,
        direction=draft.direction,
        unit=draft.unit.strip(),
        start=draft.start,
        target=draft.target,
    )
    return KeyResult(
        id=kr_id,
        title=draft_sentence(draft, language, calendar),
        description=draft.idea.strip(),
        owner=draft.owner.strip(),
        start_date=today,
        due=draft.due,
        confidence=draft.confidence,
        metric=metric,
        smart=draft_answers(draft, language, calendar),
    )


def draft_to_smart_goal(
    draft: GoalDraft,
    cycle: str,
    taken_ids: set[str] | frozenset[str] | list[str] | tuple[str, ...],
    *,
    language: str = "en",
    calendar: str = "gregorian",
    today: dt.date | None = None,
) -> Objective:
    """A standalone SMART goal (kind "smart") whose single key result carries the metric.

    `taken_ids` are the objective ids in use; the goal is aligned to the
    draft's parent when it has one.
    """
    kr = draft_to_key_result(draft, (), language=language, calendar=calendar, today=today)
    return Objective(
        id=slugify(draft.what or draft.idea, fallback="smart-goal", taken=set(taken_ids)),
        title=kr.title,
        kind=ObjectiveKind.SMART,
        owner=draft.owner.strip(),
        cycle=cycle,
        parent=draft.parent or None,
        created=today,
        updated=today,
        key_results=[kr],
    )


def draft_from_key_result(kr: KeyResult) -> GoalDraft:
    """A draft that rewrites an existing key result: its title becomes the idea to sharpen."""
    return GoalDraft(
        idea=kr.title,
        what=kr.smart.specific.answer,
        unit=kr.metric.unit,
        start=kr.metric.start,
        target=kr.metric.target,
        direction=kr.metric.direction,
        metric_type=kr.metric.type,
        resources=kr.smart.achievable.answer,
        confidence=kr.confidence,
        why=kr.smart.relevant.answer,
        due=kr.due,
        owner=kr.owner,
    )
