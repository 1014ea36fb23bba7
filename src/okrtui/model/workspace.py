"""Workspace-wide settings, stored in `okrtui.toml`."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from okrtui.model.objective import CycleName
from okrtui.model.rules import SmartRules
from okrtui.model.text import OneLine

SCHEMA_VERSION = 1


class Calendar(StrEnum):
    GREGORIAN = "gregorian"
    JALALI = "jalali"


class Locale(StrEnum):
    EN = "en"
    FA = "fa"


class Rollup(StrEnum):
    """What a parent objective's progress is made of."""

    KEY_RESULTS = "key_results"
    CHILDREN = "children"
    BOTH = "both"


class Cycle(BaseModel):
    """A named period, such as a quarter."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    name: CycleName
    start: dt.date
    end: dt.date
    label: OneLine = ""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"cycle {self.name} ends ({self.end}) before it starts ({self.start})")
        return self

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class WorkspaceSettings(BaseModel):
    """The contents of `okrtui.toml`."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    schema_version: int = SCHEMA_VERSION
    name: OneLine = "OKRs"
    locale: Locale = Locale.EN
    calendar: Calendar = Calendar.GREGORIAN
    default_cycle: CycleName | None = None
    checkin_cadence_days: Annotated[int, Field(ge=1, le=366)] = 7
    stretch_band: tuple[float, float] = (0.6, 0.8)
    rollup: Rollup = Rollup.KEY_RESULTS
    cycles: list[Cycle] = Field(default_factory=list)
    smart: SmartRules = Field(default_factory=SmartRules)
    """The `[smart]` table: the SMART coach's thresholds, extra words and severities."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        names = [c.name for c in self.cycles]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"duplicate cycle name: {', '.join(dupes)}")
        if self.default_cycle is not None and self.default_cycle not in names:
            raise ValueError(f"default_cycle {self.default_cycle!r} is not one of the cycles")
        if self.schema_version > SCHEMA_VERSION:
            raise ValueError(
                f"schema_version {self.schema_version} is newer than this okrtui "
                f"understands ({SCHEMA_VERSION}); upgrade okrtui"
            )
        low, high = self.stretch_band
        if not 0.0 <= low <= high <= 1.0:
            raise ValueError("stretch_band must be two numbers 0 <= low <= high <= 1")
        return self

    def cycle(self, name: str) -> Cycle | None:
        return next((c for c in self.cycles if c.name == name), None)

    def current_cycle(self, today: dt.date | None = None) -> Cycle | None:
        """The default cycle, else the one containing today, else the latest."""
        if self.default_cycle:
            return self.cycle(self.default_cycle)
        today = today or dt.date.today()
        for c in self.cycles:
            if c.contains(today):
                return c
        return max(self.cycles, key=lambda c: c.start, default=None)
