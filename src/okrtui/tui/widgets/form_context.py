"""What the editor forms are given besides the model, kept apart from the form widgets.

The app builds these at start; the forms themselves load just after the
first frame, so this module must stay free of widget imports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from okrtui.model import KeyResult, Objective, SmartCriterion, WorkspaceSettings


@dataclass(frozen=True, slots=True)
class Verdict:
    """The app's own judgement of one criterion, shown beside the user's."""

    holds: bool | None  # None: not judged
    reason: str = ""


VerdictProvider = Callable[[Objective, KeyResult | None], dict[SmartCriterion, Verdict]]


@dataclass(slots=True)
class FormContext:
    """What the forms need besides the model: settings, today, and every objective."""

    settings: WorkspaceSettings
    today: dt.date
    objectives: Mapping[str, Objective] = field(default_factory=dict)
    """All loaded objectives, for progress that rolls up aligned children."""
