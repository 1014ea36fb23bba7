"""Objectives, key results, metrics and check-ins."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from okrtui.model.ids import CYCLE_PATTERN, SLUG_PATTERN
from okrtui.model.smart import SmartChecklist

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
CycleName = Annotated[str, StringConstraints(pattern=CYCLE_PATTERN)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Confidence = Annotated[float, Field(ge=0.0, le=1.0)]


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


class Milestone(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    title: Title
    done: bool = False


class Metric(BaseModel):
    """What a key result measures and where it should land."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    type: MetricType = MetricType.NUMBER
    direction: Direction = Direction.INCREASE
    unit: str = ""
    start: float | None = None
    target: float | None = None
    current: float | None = None
    milestones: list[Milestone] = Field(default_factory=list)

    @model_validator(mode="after")
    def _milestone_defaults(self) -> Self:
        if self.type is MetricType.MILESTONE:
            if self.start is None:
                object.__setattr__(self, "start", 0.0)
            if self.target is None:
                object.__setattr__(self, "target", 1.0)
        return self


class CheckIn(BaseModel):
    """A dated measurement of a key result."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    date: dt.date
    value: float
    confidence: Confidence | None = None
    note: str = ""
    author: str = ""


class KeyResult(BaseModel):
    """A measurable result, written as a SMART goal."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: Slug
    title: Title
    description: str = ""
    owner: str = ""
    due: dt.date | None = None
    confidence: Confidence | None = None
    weight: Annotated[float, Field(ge=0.0)] = 1.0
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


class Objective(BaseModel):
    """An objective (or standalone SMART goal) with its key results.

    One objective is one file in the workspace: `objectives/<cycle>/<id>.toml`.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: Slug
    title: Title
    description: str = ""
    kind: ObjectiveKind = ObjectiveKind.OKR
    level: Level = Level.TEAM
    owner: str = ""
    cycle: CycleName
    parent: Slug | None = None
    tags: list[str] = Field(default_factory=list)
    status: Status = Status.ACTIVE
    created: dt.date | None = None
    updated: dt.date | None = None
    smart: SmartChecklist = Field(default_factory=SmartChecklist)
    key_results: list[KeyResult] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_structure(self) -> Self:
        ids = [kr.id for kr in self.key_results]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate key result id: {', '.join(dupes)}")
        if self.parent is not None and self.parent == self.id:
            raise ValueError("an objective cannot be its own parent")
        if self.kind is ObjectiveKind.SMART and len(self.key_results) > 1:
            raise ValueError("a standalone SMART goal has exactly one metric (one key result)")
        return self

    def key_result(self, kr_id: str) -> KeyResult | None:
        return next((kr for kr in self.key_results if kr.id == kr_id), None)
