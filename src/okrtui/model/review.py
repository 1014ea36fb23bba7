"""A monthly review: notes, decisions per key result, and a snapshot of values.

One review is one file in the workspace: `reviews/<YYYY-MM-DD>.toml`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from okrtui.model.objective import KeyResult, Slug
from okrtui.model.text import MultiLine, OneLine

# NaN or infinity in a snapshot would poison every later delta
Value = Annotated[float, Field(allow_inf_nan=False)]


class Decision(StrEnum):
    """What the review decided for a key result."""

    KEEP = "keep"
    REVISE_TARGET = "revise_target"
    DROP = "drop"


class KeyResultReview(BaseModel):
    """One key result in a review: its values then, and what was decided."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: Slug
    title: OneLine = ""
    decision: Decision = Decision.KEEP
    new_target: Value | None = None
    """The revised target; `revise_target` needs one (checked when the file is read or
    written, not on assignment, so the UI may set the two in either order)."""
    note: MultiLine = ""
    value: Value | None = None
    """Snapshot: the key result's value on the review date."""
    target: Value | None = None
    """Snapshot: its target on the review date (before any revision)."""
    progress: Value | None = None
    """Snapshot: its raw progress on the review date."""
    removed: KeyResult | None = None
    """The key result as it was when a `drop` decision removed it, so nothing is lost."""


class ObjectiveReview(BaseModel):
    """One objective in a review."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: Slug
    title: OneLine = ""
    note: MultiLine = ""
    progress: Value | None = None
    """Snapshot: the objective's progress on the review date."""
    key_results: list[KeyResultReview] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> Self:
        ids = [k.id for k in self.key_results]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate key result id: {', '.join(dupes)}")
        return self

    def key_result(self, kr_id: str) -> KeyResultReview | None:
        return next((k for k in self.key_results if k.id == kr_id), None)


class Review(BaseModel):
    """A review of the workspace's objectives on one date."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    date: dt.date
    note: MultiLine = ""
    applied: bool = False
    """True once the decisions were applied to the objectives."""
    objectives: list[ObjectiveReview] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> Self:
        ids = [o.id for o in self.objectives]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate objective id: {', '.join(dupes)}")
        return self

    def objective(self, objective_id: str) -> ObjectiveReview | None:
        return next((o for o in self.objectives if o.id == objective_id), None)
