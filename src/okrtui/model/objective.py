"""Objectives, key results, metrics and check-ins."""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from okrtui.model.compact import CompactModel
from okrtui.model.ids import CYCLE_PATTERN, SLUG_PATTERN, is_cycle_name, is_slug
from okrtui.model.smart import SmartChecklist
from okrtui.model.text import TEXT_ERROR_MESSAGES, MultiLine, OneLine, check_one_line

ERROR_MESSAGES: dict[str, str] = {
    "invalid_id": (
        "'{value}' is not a valid id: use 1-64 lower-case letters, digits and '-', "
        "starting and ending with a letter or digit (not a Windows device name)"
    ),
    "invalid_cycle_name": (
        "'{value}' is not a valid cycle name: use 1-32 letters, digits, '.', '_' and '-', "
        "starting and ending with a letter or digit, without '..'"
    ),
    **TEXT_ERROR_MESSAGES,
    "duplicate_key_result_id": "duplicate key result id '{value}' (also key_results[{first}])",
    "own_parent": "an objective cannot be its own parent",
    "smart_goal_one_key_result": (
        "a standalone SMART goal has exactly one metric (one key result), not {count}"
    ),
}
"""English templates of the model's own errors, by pydantic error type.

The store translates a template and fills it from the error's context.
"""


def _error(kind: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, ERROR_MESSAGES[kind], context)


def _check_slug(value: str) -> str:
    if not is_slug(value):
        raise _error("invalid_id", value=value)
    return value


def _check_cycle_name(value: str) -> str:
    if not is_cycle_name(value):
        raise _error("invalid_cycle_name", value=value)
    return value


Slug = Annotated[
    str,
    AfterValidator(_check_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN}),
]
CycleName = Annotated[
    str,
    AfterValidator(_check_cycle_name),
    WithJsonSchema({"type": "string", "pattern": CYCLE_PATTERN}),
]
Title = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(check_one_line),
]
Tag = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=60),
    AfterValidator(check_one_line),
]
# Numbers are strict: in a TOML file `target = "5"` or `target = true` is a
# mistake to report, not a value to guess. NaN and infinity break progress.
Number = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-1e15, le=1e15)]
"""Finite and within ±10^15: beyond that no metric is meant, and charts and percentages break."""
Confidence = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=0.0, le=1.0)]
Weight = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=0.0)]
Date = Annotated[dt.date, Field(strict=True)]
Flag = Annotated[bool, Field(strict=True)]


class ObjectiveKind(StrEnum):
    """`okr`: an inspiring objective with several key results.
    `smart`: a standalone, tactical SMART goal with exactly one metric."""

    OKR = "okr"
    SMART = "smart"


class Level(StrEnum):
    ORGANIZATION = "organization"
    TEAM = "team"
    INDIVIDUAL = "individual"


class Status(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    DONE = "done"
    DROPPED = "dropped"


class MetricType(StrEnum):
    """How a metric's value reads."""

    NUMBER = "number"
    PERCENT = "percent"
    CURRENCY = "currency"
    COUNT = "count"
    MILESTONE = "milestone"  # done or not: 0 -> 1
    CHECKLIST = "checklist"  # a list of milestones; value = milestones done


class Direction(StrEnum):
    """Which way is good for a metric."""

    INCREASE = "increase"  # from start up to target
    DECREASE = "decrease"  # from start down to target
    STAY_ABOVE = "stay_above"  # keep value >= target
    STAY_BELOW = "stay_below"  # keep value <= target


class Milestone(CompactModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    title: Title
    done: Flag = False


class Metric(CompactModel):
    """What a key result measures and where it should land."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    type: MetricType = MetricType.NUMBER
    direction: Direction = Direction.INCREASE
    unit: OneLine = ""
    start: Number | None = None
    target: Number | None = None
    current: Number | None = None
    milestones: list[Milestone] = Field(default_factory=list)

    @model_validator(mode="after")
    def _milestone_defaults(self) -> Self:
        if self.type is MetricType.MILESTONE:
            if self.start is None:
                object.__setattr__(self, "start", 0.0)
            if self.target is None:
                object.__setattr__(self, "target", 1.0)
        return self


_SHARED_DATES: dict[dt.date, dt.date] = {}
"""One date object per distinct check-in date (dates are immutable)."""


class CheckIn(CompactModel):
    """A dated measurement of a key result."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    date: Date
    value: Number
    confidence: Confidence | None = None
    note: MultiLine = ""
    author: OneLine = ""

    def model_post_init(self, context: Any, /) -> None:
        super().model_post_init(context)
        # A workspace holds hundreds of thousands of check-ins with a few hundred
        # distinct dates and a handful of authors: hold one object of each.
        fields = self.__dict__
        fields["date"] = _SHARED_DATES.setdefault(fields["date"], fields["date"])
        fields["author"] = sys.intern(fields["author"])


class KeyResult(CompactModel):
    """A measurable result, written as a SMART goal."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: Slug
    title: Title
    description: MultiLine = ""
    owner: OneLine = ""
    start_date: Date | None = None
    """The day work on it began (set when it is added); plans count from here, not
    from the cycle's start, when it is later."""
    due: Date | None = None
    confidence: Confidence | None = None
    weight: Weight = 1.0
    metric: Metric = Field(default_factory=Metric)
    smart: SmartChecklist = Field(default_factory=SmartChecklist)
    checkins: list[CheckIn] = Field(default_factory=list)

    def latest_checkin(self) -> CheckIn | None:
        if not self.checkins:
            return None
        return max(self.checkins, key=lambda c: c.date)

    def current_value(self) -> float | None:
        """The latest check-in's value, else the metric's `current`, else its start."""
        if self.metric.type is MetricType.CHECKLIST and self.metric.milestones:
            return float(sum(m.done for m in self.metric.milestones))
        latest = self.latest_checkin()
        if latest is not None:
            return latest.value
        if self.metric.current is not None:
            return self.metric.current
        return self.metric.start

    def current_confidence(self) -> float | None:
        latest = self.latest_checkin()
        if latest is not None and latest.confidence is not None:
            return latest.confidence
        return self.confidence


class Objective(CompactModel):
    """An objective (or standalone SMART goal) with its key results.

    One objective is one file in the workspace: `objectives/<cycle>/<id>.toml`.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: Slug
    title: Title
    description: MultiLine = ""
    kind: ObjectiveKind = ObjectiveKind.OKR
    level: Level = Level.TEAM
    owner: OneLine = ""
    cycle: CycleName
    parent: Slug | None = None
    tags: list[Tag] = Field(default_factory=list)
    status: Status = Status.ACTIVE
    created: Date | None = None
    updated: Date | None = None
    smart: SmartChecklist = Field(default_factory=SmartChecklist)
    key_results: list[KeyResult] = Field(default_factory=list)

    @field_validator("parent")
    @classmethod
    def _not_own_parent(cls, parent: str | None, info: ValidationInfo) -> str | None:
        if parent is not None and parent == info.data.get("id"):
            raise _error("own_parent")
        return parent

    @field_validator("kind")
    @classmethod
    def _smart_goal_has_one_key_result(
        cls, kind: ObjectiveKind, info: ValidationInfo
    ) -> ObjectiveKind:
        count = len(info.data.get("key_results", ()))  # present on assignment only
        if kind is ObjectiveKind.SMART and count > 1:
            raise _error("smart_goal_one_key_result", count=count)
        return kind

    @field_validator("key_results")
    @classmethod
    def _check_key_results(
        cls, key_results: list[KeyResult], info: ValidationInfo
    ) -> list[KeyResult]:
        # Field validators, unlike model validators, leave the objective as it
        # was when an assignment fails. A ValidationError names the exact key
        # result (`key_results[2].id`), not just the list.
        problems: list[InitErrorDetails] = []
        first_index: dict[str, int] = {}
        for index, kr in enumerate(key_results):
            if kr.id in first_index:
                duplicate = _error("duplicate_key_result_id", value=kr.id, first=first_index[kr.id])
                problems.append(InitErrorDetails(type=duplicate, loc=(index, "id"), input=kr.id))
            first_index.setdefault(kr.id, index)
        if info.data.get("kind") is ObjectiveKind.SMART and len(key_results) > 1:
            too_many = _error("smart_goal_one_key_result", count=len(key_results))
            problems.append(InitErrorDetails(type=too_many, loc=(1,), input=len(key_results)))
        if problems:
            raise ValidationError.from_exception_data(cls.__name__, problems)
        return key_results

    def key_result(self, kr_id: str) -> KeyResult | None:
        return next((kr for kr in self.key_results if kr.id == kr_id), None)
