"""The okrtui data model (pydantic v2). Imports nothing else of okrtui."""

from okrtui.model.ids import is_cycle_name, is_slug, slugify
from okrtui.model.objective import (
    CheckIn,
    Direction,
    KeyResult,
    Level,
    Metric,
    MetricType,
    Milestone,
    Objective,
    ObjectiveKind,
    Status,
)
from okrtui.model.smart import KEY_QUESTIONS, SmartAnswer, SmartChecklist, SmartCriterion
from okrtui.model.workspace import (
    SCHEMA_VERSION,
    Calendar,
    Cycle,
    Locale,
    Rollup,
    WorkspaceSettings,
)

__all__ = [
    "KEY_QUESTIONS",
    "SCHEMA_VERSION",
    "Calendar",
    "CheckIn",
    "Cycle",
    "Direction",
    "KeyResult",
    "Level",
    "Locale",
    "Metric",
    "MetricType",
    "Milestone",
    "Objective",
    "ObjectiveKind",
    "Rollup",
    "SmartAnswer",
    "SmartChecklist",
    "SmartCriterion",
    "Status",
    "WorkspaceSettings",
    "is_cycle_name",
    "is_slug",
    "slugify",
]
