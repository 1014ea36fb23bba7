"""The whole workspace as one JSON document, and the JSON Schemas okrtui publishes.

The document is the settings and every objective exactly as stored, each
objective and key result with a `computed` object added (progress, health,
score, ...). Its schema comes from the pydantic models below, which extend the
file models, so the schema and the files cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from okrtui import __version__
from okrtui.model import KeyResult, Objective, WorkspaceSettings
from okrtui.model.review import Review
from okrtui.services.export_figures import KeyResultFigures, ObjectiveFigures
from okrtui.services.health import Health
from okrtui.services.scoring import StretchFlag

EXPORT_FORMAT: Literal["okrtui-export"] = "okrtui-export"
EXPORT_VERSION: Literal[1] = 1


class KeyResultComputed(BaseModel):
    """What okrtui computes for a key result; never stored in the files."""

    model_config = ConfigDict(extra="forbid")

    current: float | None
    progress: float | None
    """0.0 at the start value, 1.0 at the target; may leave 0..1."""
    score: float | None
    """Progress clamped to 0..1."""
    health: Health
    health_reason: str
    confidence: float | None
    due: dt.date | None
    stale: bool
    smart_holding: str
    """The SMART letters the coach finds holding, e.g. "SMT"."""


class ObjectiveComputed(BaseModel):
    """What okrtui computes for an objective (rolled up per the workspace's `rollup`)."""

    model_config = ConfigDict(extra="forbid")

    progress: float | None
    score: float | None
    health: Health
    health_reason: str
    stretch: StretchFlag | None


class ExportedKeyResult(KeyResult):
    computed: KeyResultComputed


class ExportedObjective(Objective):
    key_results: list[ExportedKeyResult]  # type: ignore[assignment]
    computed: ObjectiveComputed


class ExportDocument(BaseModel):
    """`okrtui export --format json`."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["okrtui-export"] = EXPORT_FORMAT
    version: Literal[1] = EXPORT_VERSION
    okrtui: str
    """The okrtui version that wrote it."""
    as_of: dt.date
    """The day health and staleness were judged on."""
    settings: WorkspaceSettings
    objectives: list[ExportedObjective]


def _kr_computed(kf: KeyResultFigures) -> KeyResultComputed:
    return KeyResultComputed(
        current=kf.current,
        progress=kf.progress,
        score=kf.score,
        health=kf.health.health,
        health_reason=kf.health.reason,
        confidence=kf.confidence,
        due=kf.due,
        stale=kf.stale,
        smart_holding=kf.smart_holding,
    )


def _objective(of: ObjectiveFigures) -> ExportedObjective:
    data = of.objective.model_dump()
    data["key_results"] = [
        {**kf.kr.model_dump(), "computed": _kr_computed(kf)} for kf in of.key_results
    ]
    data["computed"] = ObjectiveComputed(
        progress=of.progress,
        score=of.score,
        health=of.health.health,
        health_reason=of.health.reason,
        stretch=of.stretch,
    )
    return ExportedObjective.model_validate(data)


def export_document(
    settings: WorkspaceSettings, figures: list[ObjectiveFigures], today: dt.date
) -> dict[str, Any]:
    """The JSON-ready document (dates as ISO strings)."""
    document = ExportDocument(
        okrtui=__version__,
        as_of=today,
        settings=settings,
        objectives=[_objective(of) for of in figures],
    )
    return document.model_dump(mode="json")


SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"

#: `okrtui schema NAME` -> model and title.
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "objective": (Objective, "okrtui objective file (objectives/<cycle>/<id>.toml)"),
    "settings": (WorkspaceSettings, "okrtui workspace settings (okrtui.toml)"),
    "review": (Review, "okrtui monthly review (reviews/<YYYY-MM-DD>.toml)"),
    "export": (ExportDocument, "okrtui export --format json"),
}


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `name`, one of `SCHEMAS`."""
    model, title = SCHEMAS[name]
    mode: Literal["validation", "serialization"] = (
        "serialization" if name == "export" else "validation"
    )
    schema = model.model_json_schema(mode=mode)
    return {
        "$schema": SCHEMA_URI,
        "title": title,
        **{k: v for k, v in schema.items() if k != "title"},
    }
