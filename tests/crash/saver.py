"""Kill machine for the crash tests: run with `python saver.py ROOT MODE ROUNDS SEED`.

Imports okrtui once, then for each round forks a child that opens the
workspace and saves one objective in a loop (MODE `save`: a new title and
check-in each time; `move`: also to the other cycle), writing the number of
each save to a pipe once `save_objective` returned. After a random delay the
parent kills the child with SIGKILL and prints one JSON line: the last
acknowledged save, the files on disk right after the kill, and what the next
open made of them. The test judges; this only records. A fork from a
single-threaded process keeps a round to a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import signal
import sys
import time
from pathlib import Path

from okrtui.model import CheckIn
from okrtui.store import WorkspaceStore
from okrtui.store.crash import leftovers

OBJECTIVE = "email-ctr"
CYCLES = ("2026-Q3", "2026-Q4")
VERSION = re.compile(r"Version (\d+)")


def version_of(title: str) -> int:
    match = VERSION.search(title)
    return int(match[1]) if match else 0


def save_loop(root: Path, mode: str, ack: int) -> None:
    """The child: save forever, acknowledging each save that returned."""
    store = WorkspaceStore.open(root)
    while True:
        objective = store.objectives[OBJECTIVE]
        seq = version_of(objective.title) + 1
        kr = objective.key_results[0]
        checkin = CheckIn(date=dt.date(2026, 10, 1) + dt.timedelta(days=seq % 60), value=seq)
        new_kr = kr.model_copy(update={"checkins": [*kr.checkins[-3:], checkin]})
        update: dict[str, object] = {
            "title": f"Version {seq}",
            "key_results": [new_kr, *objective.key_results[1:]],
        }
        if mode == "move":
            update["cycle"] = CYCLES[seq % 2]
        store.save_objective(objective.model_copy(update=update))
        os.write(ack, f"{seq}\n".encode())


def snapshot(root: Path) -> dict[str, str]:
    """Every file under objectives/ (and stray dot-files), by relative path."""
    out = {}
    for path in sorted((root / "objectives").rglob("*")):
        if path.is_file():
            out[path.relative_to(root).as_posix()] = path.read_text("utf-8", errors="replace")
    return out


def one_round(root: Path, mode: str, rng: random.Random) -> dict[str, object]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        try:
            save_loop(root, mode, write_end)
        finally:
            os._exit(1)
    os.close(write_end)
    # half the rounds wait for a first acknowledged save, then a random moment
    chunks = [os.read(read_end, 1)] if rng.random() < 0.5 else []
    deadline = time.monotonic() + rng.uniform(0, 0.012)
    while time.monotonic() < deadline:
        pass
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    text = b"".join(chunks).decode()
    acks = [int(n) for n in text.split("\n")[:-1] if n]  # a line without "\n" was cut short
    after_kill = snapshot(root)
    store = WorkspaceStore.open(root)  # the next open: settles what the kill left
    found = store.objectives.get(OBJECTIVE)
    return {
        "acked": max(acks, default=None),
        "after_kill": after_kill,
        "after_open": {
            "title": found.title if found is not None else None,
            "cycle": found.cycle if found is not None else None,
            "broken": sorted(str(store.relative(p)) for p in store.broken),
            "tidied": store.tidied,
            "leftovers": [str(store.relative(p)) for p in leftovers(root)],
            "files": sorted(snapshot(root)),
        },
    }


def main() -> None:
    root, mode, rounds, seed = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    for _ in range(rounds):
        print(json.dumps(one_round(root, mode, rng)), flush=True)


if __name__ == "__main__":
    main()
