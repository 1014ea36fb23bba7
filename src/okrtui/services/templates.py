"""An objective duplicated as a template: same shape, nothing measured yet.

Unlike a carry-over (`services.cycles.carry_over`, which continues unfinished
work from its last value), a template starts fresh: every key result keeps
its metric, start, target, owner and SMART answers, but no check-ins, no
current value, no confidence and no milestone ticks. It goes to the next
cycle when there is one, else beside the original.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from okrtui.i18n import _
from okrtui.model import Cycle, Objective, Status
from okrtui.services.cycles import carried_over_id


def duplicate_objective(
    objective: Objective, to_cycle: Cycle, taken_ids: Collection[str], today: dt.date
) -> Objective:
    """A fresh copy of `objective` in `to_cycle`, with an id not in `taken_ids`."""
    copy = objective.model_copy(deep=True)
    copy.id = carried_over_id(objective, to_cycle.name, taken_ids)
    if to_cycle.name == objective.cycle:
        copy.title = _("{title} (copy)").format(title=objective.title)
    copy.cycle = to_cycle.name
    copy.status = Status.DRAFT
    copy.created = today
    copy.updated = today
    for kr in copy.key_results:
        kr.checkins = []
        kr.confidence = None
        kr.metric.current = None
        for milestone in kr.metric.milestones:
            milestone.done = False
        if kr.due is not None and not to_cycle.contains(kr.due):
            kr.due = None
    return Objective.model_validate(copy.model_dump())
