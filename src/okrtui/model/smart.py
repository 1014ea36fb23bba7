"""The SMART checklist: five criteria, each with its key question."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field

from okrtui.i18n import N_
from okrtui.model.compact import CompactModel
from okrtui.model.text import MultiLine


class SmartCriterion(StrEnum):
    """One letter of SMART, in the order the acronym spells."""

    SPECIFIC = "specific"
    MEASURABLE = "measurable"
    ACHIEVABLE = "achievable"
    RELEVANT = "relevant"
    TIME_BOUND = "time_bound"

    @property
    def letter(self) -> str:
        return self.value[0].upper()

    @property
    def label(self) -> str:
        """English name; the UI passes it through the translation function."""
        return CRITERION_LABELS[self]

    @property
    def question(self) -> str:
        """The key question a goal must answer for this criterion."""
        return KEY_QUESTIONS[self]


CRITERION_LABELS: dict[SmartCriterion, str] = {
    SmartCriterion.SPECIFIC: N_("Specific"),
    SmartCriterion.MEASURABLE: N_("Measurable"),
    SmartCriterion.ACHIEVABLE: N_("Achievable"),
    SmartCriterion.RELEVANT: N_("Relevant"),
    SmartCriterion.TIME_BOUND: N_("Time-bound"),
}

KEY_QUESTIONS: dict[SmartCriterion, str] = {
    SmartCriterion.SPECIFIC: N_("What exactly will change, and for whom?"),
    SmartCriterion.MEASURABLE: N_("Which number tells us how far we are?"),
    SmartCriterion.ACHIEVABLE: N_("Do we have the people, budget and time for it?"),
    SmartCriterion.RELEVANT: N_("Why does this matter to the business now?"),
    SmartCriterion.TIME_BOUND: N_("By which date must it be reached?"),
}


class SmartAnswer(CompactModel):
    """The user's own judgement of one criterion: a tick and a short answer."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    done: Annotated[bool, Field(strict=True)] = False
    answer: MultiLine = ""


class SmartChecklist(CompactModel):
    """The five SMART criteria of a goal, as the user answered them."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    specific: SmartAnswer = Field(default_factory=SmartAnswer)
    measurable: SmartAnswer = Field(default_factory=SmartAnswer)
    achievable: SmartAnswer = Field(default_factory=SmartAnswer)
    relevant: SmartAnswer = Field(default_factory=SmartAnswer)
    time_bound: SmartAnswer = Field(default_factory=SmartAnswer)

    def get(self, criterion: SmartCriterion) -> SmartAnswer:
        answer: SmartAnswer = getattr(self, criterion.value)
        return answer

    def done_count(self) -> int:
        return sum(self.get(c).done for c in SmartCriterion)
