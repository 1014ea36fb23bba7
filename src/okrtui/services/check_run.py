"""`okrtui check` on a whole folder: both cores for the files, a cache for the unchanged ones.

The findings are `workspace_check`'s, in the same order, without loading a
`WorkspaceStore`: each objective file is read, validated and judged on its
own (`file_findings`) in a pool of processes (one per core; `fork` where the
platform has it, so a worker starts without importing anything), and its
result is remembered by digest (`store.check_cache`). What spans files —
duplicate ids, parents that do not exist or loop, undefined cycles — is
worked out afterwards from each file's id, parent and cycle, which are
cached too. An unchanged workspace is then a `stat` per file and one JSON read.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from okrtui.i18n import _, language
from okrtui.model import WorkspaceSettings
from okrtui.model.rules import Severity
from okrtui.services import check_reader
from okrtui.services.check_reader import read_objective
from okrtui.services.workspace_check import (
    CheckReport,
    Finding,
    Linked,
    file_findings,
    finish_report,
    leftover_findings,
    reference_findings,
    settings_findings,
    store_finding,
)
from okrtui.store import WorkspaceError, WorkspaceStore, crash
from okrtui.store.check_cache import (
    CachedCheck,
    CheckStamp,
    check_context,
    check_stamp,
    read_checks,
    read_output,
    write_checks,
    write_output,
)
from okrtui.store.errors import field_error
from okrtui.store.links import LinkGuard
from okrtui.store.toml_io import TomlSyntaxError, decode_text, read_limited
from okrtui.store.workspace import digest

POOL_FROM = 200
"""Fewer files to check than this are checked in this process (a pool costs more)."""

_Task = tuple[Path, str | None]
"""A file to check, with the digest its cached findings hold for (None: none cached)."""

Result = dict[str, Any]
"""One file's outcome as JSON: {"findings": [...]} plus "id", "parent", "cycle" if it loaded."""


def _encode(finding: Finding) -> list[Any]:
    return [
        finding.code,
        finding.message,
        finding.severity.value,
        finding.line,
        finding.column,
        finding.field,
        finding.objective,
        finding.key_result,
    ]


_SEVERITIES = {severity.value: severity for severity in Severity}


def _decode(path: Path, row: list[Any]) -> Finding:
    code, message, severity, line, column, field, objective, key_result = row
    return Finding(
        path, code, message, _SEVERITIES[severity], line, column, field, objective, key_result
    )


# ---------------------------------------------------------------------- one file (in a worker)
_worker: tuple[Path, WorkspaceSettings, dt.date] | None = None
_links: LinkGuard | None = None


def _start_worker(root: Path, settings: WorkspaceSettings, today: dt.date) -> None:
    global _worker, _links
    _worker = (root, settings, today)
    _links = LinkGuard(root)  # one lstat per file rather than resolving each path


def _check_files(
    tasks: Sequence[_Task],
) -> list[tuple[Path, CheckStamp | None, str | None, Result | None]]:
    """(path, stamp, digest, result) per file; result None: same bytes as the cached digest."""
    assert _worker is not None
    root, settings, today = _worker
    store = WorkspaceStore(root=root)  # only its file reader is used
    done: list[tuple[Path, CheckStamp | None, str | None, Result | None]] = []
    for path, known in tasks:
        raw: bytes | None = None
        stamp: CheckStamp | None = None
        # a link leading outside is never read; a file over the size limit is not read
        # whole: both go to the store's reader below, which names the problem
        st = _links.stat_inside(path) if _links is not None else None
        if st is not None:
            try:
                stamp = check_stamp(st)
                raw = read_limited(path)
            except (OSError, TomlSyntaxError):
                stamp, raw = None, None
        file_digest = digest(raw) if raw is not None else None
        if known is not None and file_digest == known:
            done.append((path, stamp, file_digest, None))
            continue
        try:
            text = decode_text(raw) if raw is not None else None
        except TomlSyntaxError:
            text = None
        plain = text is not None and check_reader.is_plain(text)  # one pass for both uses
        loaded = read_objective(path, text, plain=plain) if text is not None else None
        if loaded is None or loaded.objective is None:
            # the store's reader names what kept the file from loading, as an open does
            errors = loaded.errors if loaded is not None else _read_problems(store, path)
            found = [_encode(store_finding(e)) for e in errors]
            done.append(
                (path, stamp if raw is not None else None, file_digest, {"findings": found})
            )
            continue
        objective = loaded.objective
        local = file_findings(objective, path, text or "", settings, today, plain=plain)
        result = {
            "id": objective.id,
            "parent": objective.parent,
            "cycle": objective.cycle,
            "findings": [_encode(f) for f in local],
        }
        done.append((path, stamp, file_digest, result))
    return done


def _read_problems(store: WorkspaceStore, path: Path) -> list[WorkspaceError]:
    store._read_objective(path)
    return store.broken.pop(path, [])


CHUNK = 200
"""Files per task handed to a worker: small enough that both end together (a machine
shared with others slows one worker more than the other), large enough to cost nothing."""


LAST_CHUNK = 25
"""The smallest task: the last ones are this small, so no worker waits long for another."""


def split_tasks(tasks: list[_Task], jobs: int) -> list[list[_Task]]:
    """`tasks` in order, in parts of at most `CHUNK` that shrink towards the end (a quarter
    of each worker's share of what is left), so the workers finish within a small part
    of each other instead of one waiting out the other's last 200 files."""
    parts: list[list[_Task]] = []
    start = 0
    while start < len(tasks):
        size = max(LAST_CHUNK, min(CHUNK, (len(tasks) - start) // (jobs * 4)))
        parts.append(tasks[start : start + size])
        start += size
    return parts


def _run(
    tasks: list[_Task],
    root: Path,
    settings: WorkspaceSettings,
    today: dt.date,
    jobs: int,
) -> Iterator[tuple[Path, CheckStamp | None, str | None, Result | None]]:
    """Each task's outcome, in the tasks' order, as the workers hand them back."""
    if jobs <= 1 or len(tasks) < POOL_FROM:
        _start_worker(root, settings, today)
        yield from _check_files(tasks)
        return
    check_reader.prepare()  # built once, before the fork: every worker has them
    methods = multiprocessing.get_all_start_methods()
    method = "fork" if "fork" in methods and sys.platform != "darwin" else None
    context = multiprocessing.get_context(method)
    chunks = split_tasks(tasks, jobs)
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(root, settings, today)
    ) as pool:
        # the caller works through each part while the workers go on with the next ones
        for part in pool.map(_check_files, chunks):
            yield from part


# ---------------------------------------------------------------------- the whole folder
@dataclass
class Survey:
    """The folder as listed and stat'ed, before any file is read."""

    store: WorkspaceStore
    context: str
    paths: list[Path]
    unreadable: list[WorkspaceError]
    rel: dict[Path, str]
    stamps: dict[Path, CheckStamp | None]
    leftovers: list[Path]
    """Temporary files and move notes of interrupted saves (T001)."""

    @cached_property  # asked for the remembered report, then for the new one
    def fingerprint(self) -> str | None:
        """One key for the whole folder as it is (None if a file could not be stat'ed)."""
        if any(stamp is None for stamp in self.stamps.values()):
            return None
        rows = [f"{self.rel[p]}\0{self.stamps[p]}" for p in self.paths]
        rows += [str(e.path) for e in self.unreadable]
        rows += [f"leftover\0{p}" for p in self.leftovers]
        return check_context(self.context, *rows)


def survey_folder(store: WorkspaceStore, today: dt.date) -> Survey:
    """List and stat the workspace of `store` (opened with `open_settings_only`) once:
    `remembered_output` and `check_folder` both start from it."""
    unreadable: list[WorkspaceError] = []
    prefix = len(str(store.root)) + 1
    # from strings: pathlib is slow 10,000 times
    rel = {p: str(p)[prefix:].replace(os.sep, "/") for p in store.objective_paths(unreadable)}
    # the store's order (by parts); every path starts with the same root
    paths = sorted(rel, key=lambda p: rel[p].split("/"))
    state = store.settings_state
    # findings are worded in the interface language: a cached one holds for that language
    context = check_context(today.isoformat(), state.digest if state else "-", language())
    stamps: dict[Path, CheckStamp | None] = {}
    for path in paths:
        try:
            stamps[path] = check_stamp(path.stat())
        except OSError:
            stamps[path] = None
    return Survey(store, context, paths, unreadable, rel, stamps, crash.leftovers(store.root))


def remembered_output(survey: Survey, kind: str) -> tuple[str, int] | None:
    """What `okrtui check` printed (and its exit code) when the folder was last exactly so."""
    fingerprint = survey.fingerprint
    if fingerprint is None:
        return None
    return read_output(survey.store.root, f"{kind}:{fingerprint}")


def remember_output(report: CheckReport, kind: str, text: str) -> None:
    """Keep the printed report for the next run over the same, unchanged folder."""
    if report.fingerprint is not None:
        write_output(report.root, f"{kind}:{report.fingerprint}", text, report.exit_code)


def check_folder(
    root: Path | str,
    today: dt.date,
    *,
    jobs: int | None = None,
    cache: bool = True,
    survey: Survey | None = None,
) -> CheckReport:
    """Every finding in the workspace at `root`: `check_workspace`'s, faster.

    `survey` is `survey_folder`'s, when the caller has one already. Raises
    `NotAWorkspaceError` when `root` has no `okrtui.toml`.
    """
    # Tens of thousands of findings, results and models, none in a reference cycle:
    # the collector's passes over them were a quarter of this process's own time (and
    # the workers, forked from here, inherit the pause)
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _check_folder(root, today, jobs, cache, survey)
    finally:
        if gc_was_enabled:
            gc.enable()


def _check_folder(
    root: Path | str, today: dt.date, jobs: int | None, cache: bool, survey: Survey | None
) -> CheckReport:
    if survey is None:
        survey = survey_folder(WorkspaceStore.open_settings_only(root), today)
    store, paths, rel, context = survey.store, survey.paths, survey.rel, survey.context
    root = store.root
    settings = store.settings
    broken: set[Path] = set(store.broken)
    findings = [store_finding(e) for e in store.errors]
    findings += settings_findings(store)
    findings += leftover_findings(survey.leftovers)
    for problem in survey.unreadable:
        broken.add(problem.path)
        findings.append(store_finding(problem))
    cached = read_checks(root, context) if cache else {}

    stamps: dict[Path, CheckStamp] = {}
    results: dict[Path, Result] = {}
    tasks: list[_Task] = []
    for path in paths:
        if rel[path].count("/") == 1:  # objectives/<name>.toml (by strings: 10,000 paths)
            message = _("objective files belong in a cycle folder: objectives/<cycle>/{name}")
            broken.add(path)
            findings.append(store_finding(WorkspaceError(path, message.format(name=path.name))))
            continue
        entry = cached.get(rel[path])
        stamp = survey.stamps[path]
        if stamp is None:
            tasks.append((path, None))
            continue
        if entry is not None and entry.stamp == stamp:
            stamps[path], results[path] = stamp, entry.result
        else:
            tasks.append((path, entry.digest if entry is not None else None))

    digests = {rel[p]: cached[rel[p]].digest for p in results}
    decoded: dict[Path, list[Finding]] = {}
    for path, new_stamp, file_digest, result in _run(
        tasks, root, settings, today, jobs or os.cpu_count() or 1
    ):
        if result is None:  # bytes unchanged: the cached findings hold
            result = cached[rel[path]].result
        results[path] = result
        decoded[path] = [_decode(path, row) for row in result["findings"]]
        if new_stamp is not None and file_digest is not None:
            stamps[path], digests[rel[path]] = new_stamp, file_digest

    linked: dict[str, Linked] = {}
    for path in paths:
        result = results.get(path)
        if result is None:
            continue
        found = decoded.get(path)
        if found is None:
            found = [_decode(path, row) for row in result["findings"]]
        oid = result.get("id")
        if oid is None:
            broken.add(path)
        elif oid in linked:
            broken.add(path)
            text = path.read_text(encoding="utf-8-sig", errors="replace")
            message = _("duplicate objective id '{id}' (also in {other})").format(
                id=oid, other=store.relative(linked[oid].path)
            )
            found = [store_finding(field_error(path, text, "id", message, "E004"))]
        else:
            linked[oid] = Linked(oid, result["parent"], result["cycle"], path)
        findings += found
    findings += reference_findings(
        linked,
        {path.stem for path in broken},
        settings,
        store.settings_path not in store.broken,
        lambda path: path.read_text(encoding="utf-8", errors="replace"),
    )
    if cache and (tasks or len(cached) != len(stamps)):
        entries = {
            rel[p]: CachedCheck(stamp, digests[rel[p]], results[p])
            for p, stamp in stamps.items()
            if rel[p] in digests
        }
        write_checks(root, context, entries)
    files = {store.settings_path, *broken, *(o.path for o in linked.values())}
    report = finish_report(root, findings, len(files))
    report.fingerprint = survey.fingerprint if cache else None
    return report
