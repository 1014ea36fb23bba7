"""The SMART coach's rules: their codes, default severities and workspace settings.

Each rule has a stable code (used by `okrtui check`, in `okrtui.toml` and in
the docs), the SMART letter it belongs to (None for the outcome rule and for
references), and a default severity that the `[smart]` table can override.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
)

from okrtui.model.smart import SmartCriterion
from okrtui.model.text import OneLine


class Severity(StrEnum):
    """How a broken rule is reported: an error fails `okrtui check`, a warning does not."""

    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the SMART coach or of the workspace references."""

    code: str
    name: str
    criterion: SmartCriterion | None
    severity: Severity
    summary: str


OUTCOME = "outcome"
"""The settings key that names the outcome rule family (it has no SMART letter)."""

_E, _W = Severity.ERROR, Severity.WARNING
_S, _M, _A, _R, _T = (
    SmartCriterion.SPECIFIC,
    SmartCriterion.MEASURABLE,
    SmartCriterion.ACHIEVABLE,
    SmartCriterion.RELEVANT,
    SmartCriterion.TIME_BOUND,
)

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("R001", "unknown-parent", None, _E, "the parent objective does not exist"),
        Rule("R002", "unknown-cycle", None, _E, "the cycle is not defined in okrtui.toml"),
        Rule("R003", "circular-alignment", None, _E, "parents form a loop"),
        Rule("S101", "title-too-short", _S, _W, "the title is too short to say what changes"),
        Rule("S102", "vague-wording", _S, _W, "vague wording with no number"),
        Rule("S201", "no-unit", _M, _W, "the metric has no unit"),
        Rule("S202", "no-start", _M, _W, "the metric has no start value"),
        Rule("S203", "no-target", _M, _E, "the metric has no target"),
        Rule("S204", "start-equals-target", _M, _E, "start and target are the same"),
        Rule("S205", "no-milestones", _M, _E, "a checklist metric lists no milestones"),
        Rule("S206", "target-against-direction", _M, _E, "the target lies the wrong way"),
        Rule("S207", "no-key-results", _M, _W, "an objective has no key result to measure it"),
        Rule("S301", "pace-too-fast", _A, _W, "the target needs a faster pace than observed"),
        Rule("S302", "low-confidence", _A, _W, "confidence is below the threshold"),
        Rule("S303", "no-confidence", _A, _W, "no confidence is stated"),
        Rule("S401", "no-relevance", _R, _W, "not aligned and its relevance not answered"),
        Rule("S501", "no-due-date", _T, _W, "no due date"),
        Rule("S502", "due-outside-cycle", _T, _E, "the due date lies outside its cycle"),
        Rule("S601", "activity-wording", None, _W, "describes work rather than a result"),
    )
}

#: Settings keys that set the severity of a whole letter's rules at once.
FAMILIES: dict[str, str] = {**{c.value: f"S{i}" for i, c in enumerate(SmartCriterion, 1)}}
FAMILIES[OUTCOME] = "S6"

Fraction = Annotated[float, Field(ge=0.0, le=1.0)]


def _known_rule(key: str) -> str:
    if key not in RULES and key not in FAMILIES:
        raise ValueError(
            f"unknown rule {key!r}: use a code such as S102 or a letter such as specific"
        )
    return key


RuleKey = Annotated[str, AfterValidator(_known_rule)]


class SmartRules(BaseModel):
    """The `[smart]` table of `okrtui.toml`: thresholds, extra words and severities.

    Only values that differ from the defaults are written back, so a
    workspace that never touched the table keeps an `okrtui.toml` without it.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    min_title_words: Annotated[int, Field(ge=1, le=50)] = 4
    extra_vague_words: list[OneLine] = Field(default_factory=list)
    extra_activity_words: list[OneLine] = Field(default_factory=list)
    min_confidence: Fraction = 0.5
    max_growth_per_cycle: Annotated[float, Field(gt=0.0)] | None = None
    """Largest change a cycle can bring, as a fraction of the start (0.5 = 50 %)."""
    pace_tolerance: Annotated[float, Field(ge=1.0, le=10.0)] = 1.2
    """How much faster than the observed pace a target may need before it is flagged."""
    severity: dict[RuleKey, Severity] = Field(default_factory=dict)
    """Rule code (`S102`) or letter (`specific`, ..., `outcome`) -> severity."""

    @model_serializer(mode="wrap")
    def _only_changed(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        defaults = SmartRules.model_construct()
        return {k: v for k, v in data.items() if getattr(self, k) != getattr(defaults, k)}

    def severity_of(self, code: str) -> Severity:
        """The severity of rule `code`: its own setting, else its letter's, else the default."""
        if code in self.severity:
            return self.severity[code]
        for family, prefix in FAMILIES.items():
            if family in self.severity and code.startswith(prefix):
                return self.severity[family]
        rule = RULES.get(code)
        return rule.severity if rule is not None else Severity.ERROR
