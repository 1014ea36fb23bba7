"""`okrtui list`: the cycle at a glance, one entry per objective and key result.

For scripts and chat bots: each entry has the key (`OBJECTIVE_ID` or
`OBJECTIVE_ID/KR_ID`), progress, health and owner. With `stale_only`, only key
results with no check-in within the workspace's cadence are kept, with the
date of their last check-in, so a cron job can remind their owners.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from okrtui.services.export_figures import ObjectiveFigures


@dataclass(frozen=True, slots=True)
class ListEntry:
    kind: str
    """"objective" or "key_result"."""
    key: str
    cycle: str
    title: str
    owner: str
    progress: float | None
    health: str
    stale: bool
    last_checkin: str | None
    """ISO date of the latest check-in (key results only)."""

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def list_entries(
    figures: list[ObjectiveFigures], *, stale_only: bool = False, owner: str | None = None
) -> list[ListEntry]:
    """Objectives each followed by their key results.

    `stale_only` keeps only stale key results; `owner` only the key results
    that person owns (their own owner, else their objective's).
    """
    wanted = owner.strip().casefold() if owner else None
    entries = []
    for of in figures:
        objective = of.objective
        if not stale_only:
            entries.append(
                ListEntry(
                    kind="objective",
                    key=objective.id,
                    cycle=objective.cycle,
                    title=objective.title,
                    owner=objective.owner,
                    progress=of.progress,
                    health=of.health.health.value,
                    stale=any(kf.stale for kf in of.key_results),
                    last_checkin=None,
                )
            )
        for kf in of.key_results:
            if stale_only and not kf.stale:
                continue
            if wanted is not None and kf.owner.strip().casefold() != wanted:
                continue
            last = kf.last_checkin
            entries.append(
                ListEntry(
                    kind="key_result",
                    key=f"{objective.id}/{kf.kr.id}",
                    cycle=objective.cycle,
                    title=kf.kr.title,
                    owner=kf.owner,
                    progress=kf.progress,
                    health=kf.health.health.value,
                    stale=kf.stale,
                    last_checkin=last.date.isoformat() if last else None,
                )
            )
    return entries


def entry_line(entry: ListEntry, key_width: int, owner_width: int = 0) -> str:
    """`email-ctr/email-ctr  55%  at_risk  Mina  Email click-through ...` (one line)."""
    progress = "–" if entry.progress is None else f"{round(entry.progress * 100)}%"
    indent = "  " if entry.kind == "key_result" else ""
    key = (indent + entry.key).ljust(key_width)
    owner = (entry.owner or "–").ljust(owner_width)
    extra = ""
    if entry.stale and entry.kind == "key_result":
        extra = f"  (last check-in {entry.last_checkin or 'never'})"
    title = " ".join(entry.title.split())
    return f"{entry.cycle}  {key}  {progress:>5}  {entry.health:<9}  {owner}  {title}{extra}"


def list_text(entries: list[ListEntry]) -> str:
    if not entries:
        return ""
    width = max(len(e.key) + (2 if e.kind == "key_result" else 0) for e in entries)
    owners = max(len(e.owner or "–") for e in entries)  # titles start in one column
    return "\n".join(entry_line(e, width, owners) for e in entries)
