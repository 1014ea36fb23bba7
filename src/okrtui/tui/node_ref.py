"""What a tree node stands for."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class NodeKind(StrEnum):
    PROBLEMS = "problems"
    CYCLE = "cycle"
    OBJECTIVE = "objective"
    KEY_RESULT = "key_result"


@dataclass(frozen=True, slots=True)
class NodeRef:
    """A stable reference to a cycle, objective or key result, kept across tree rebuilds."""

    kind: NodeKind
    cycle: str | None = None
    objective_id: str | None = None
    kr_id: str | None = None
