"""Findings over a whole workspace: file, schema, reference and SMART problems.

This is what `okrtui check` reports. Every finding names a file and, where it
can be found, the line of the field it is about, so editors and CI can jump
to it. Codes: E0xx files and schema, R0xx references, S1xx-S5xx the SMART
letters, S6xx outcome wording, T0xx leftovers of an interrupted save, W0xx
hidden text such as bidi controls (see docs/check.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from okrtui.i18n import _
from okrtui.model import Objective, Status, WorkspaceSettings
from okrtui.model.rules import RULES, Severity
from okrtui.model.text import has_bidi_controls
from okrtui.services.smart import enabled_rules, rule_verdicts
from okrtui.store import SETTINGS_FILE, WorkspaceError, WorkspaceStore, crash
from okrtui.store.errors import format_field
from okrtui.store.locate import Loc, Position, locate
from okrtui.store.outline import relative_key
from okrtui.store.quick_locate import quick_locate


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one file, reported as `path:line:col: CODE message`."""

    path: Path
    code: str
    message: str
    severity: Severity = Severity.ERROR
    line: int | None = None
    column: int | None = None
    field: str | None = None
    objective: str | None = None
    key_result: str | None = None

    def relative_path(self, root: Path) -> str:
        """The path relative to the workspace, with forward slashes on every platform."""
        # by strings first: a big workspace has tens of thousands of findings to sort
        return relative_key(root, self.path)

    def describe(self, root: Path) -> str:
        """The finding as one line, like ruff: `path:line:col: CODE message`."""
        where = f"{self.relative_path(root)}:{self.line or 1}:{self.column or 1}"
        return f"{where}: {self.code} {self.message}"


@dataclass
class CheckReport:
    """Every finding of one check, and how many files were looked at."""

    root: Path
    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    fingerprint: str | None = None
    """The folder's state when checked (`check_run`), to remember the printed report by."""

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    @property
    def exit_code(self) -> int:
        """1 when any finding is an error; warnings alone pass."""
        return 1 if self.errors else 0


def store_finding(error: WorkspaceError) -> Finding:
    message = error.message + (f" [{error.field}]" if error.field else "")
    return Finding(
        path=error.path,
        code=error.code,
        message=message,
        line=error.line,
        column=error.column,
        field=error.field,
        objective=None if error.path.name == SETTINGS_FILE else error.path.stem,
    )


class _Rules:
    """Adds findings at the severity the workspace's rules give them (OFF: not at all)."""

    def __init__(self, settings: WorkspaceSettings) -> None:
        self.rules = settings.smart
        self.findings: list[Finding] = []
        self._severity: dict[str, Severity] = {}

    def add(
        self, code: str, message: str, path: Path, at: Position | None, **where: str | None
    ) -> None:
        severity = self._severity.get(code)
        if severity is None:
            if code in RULES:
                severity = self.rules.severity_of(code)
            else:
                severity = Severity.WARNING if code.startswith("W") else Severity.ERROR
            self._severity[code] = severity
        if severity is Severity.OFF:
            return
        line, column = (at.line, at.column) if at is not None else (None, None)
        self.findings.append(Finding(path, code, message, severity, line, column, **where))


def file_findings(
    objective: Objective,
    path: Path,
    text: str,
    settings: WorkspaceSettings,
    today: dt.date,
    *,
    plain: bool = False,
) -> list[Finding]:
    """What one loaded objective file shows on its own: its folder and the SMART rules.

    `plain`: the caller knows `text` holds no bidi control, as itself or escaped.
    """
    out = _Rules(settings)
    if path.parent.name != objective.cycle:
        out.add(
            "E005",
            _("cycle {cycle!r} does not match the folder {folder!r}; move the file").format(
                cycle=objective.cycle, folder=path.parent.name
            ),
            path,
            quick_locate(text, ("cycle",)),
            field="cycle",
            objective=objective.id,
        )
    if not plain and _may_hold_bidi_controls(text):  # rare: only then walk the fields
        _hidden_text(out, objective.model_dump(), path, text, objective.id)
    if objective.status is not Status.DROPPED:
        _smart(out, objective, path, text, settings, today)
    return out.findings


def settings_findings(store: WorkspaceStore) -> list[Finding]:
    """What `okrtui.toml` shows on its own when it loaded: hidden text (W001)."""
    state = store.settings_state
    if state is None or store.settings_path in store.broken:
        return []
    text = _read(state.path)
    out = _Rules(store.settings)
    if _may_hold_bidi_controls(text):
        _hidden_text(out, store.settings.model_dump(), state.path, text, None)
    return out.findings


_BIDI_IN_TOML = re.compile(
    "[\u202a-\u202e\u2066-\u2069]|\\\\u20(?:2[a-eA-E]|6[6-9])|\\\\U000020(?:2[a-eA-E]|6[6-9])"
)
"""A bidi control in TOML text: as itself, or escaped in a basic string (`\\u202E`)."""


_BIDI_CHARS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _may_hold_bidi_controls(text: str) -> bool:
    # substring tests first: the pattern over every file cost more than a file's rules
    if "\\u20" in text or "\\U000020" in text:
        return _BIDI_IN_TOML.search(text) is not None
    return any(char in text for char in _BIDI_CHARS)


def _hidden_text(
    out: _Rules, data: object, path: Path, text: str, objective_id: str | None, loc: Loc = ()
) -> None:
    """W001 for every text holding bidi embedding, override or isolate controls.

    They can make a line read differently from what it says (Trojan Source).
    """
    if isinstance(data, str):
        if has_bidi_controls(data):
            out.add(
                "W001",
                _(
                    "text holds bidi override or isolate controls (U+202A-U+202E, "
                    "U+2066-U+2069) that can hide what it says [{field}]"
                ).format(field=format_field(loc)),
                path,
                locate(text, loc),
                field=format_field(loc),
                objective=objective_id,
            )
    elif isinstance(data, dict):
        for key, value in data.items():
            _hidden_text(out, value, path, text, objective_id, (*loc, str(key)))
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            _hidden_text(out, value, path, text, objective_id, (*loc, index))


def leftover_findings(leftovers: Collection[Path]) -> list[Finding]:
    """T001: a temporary file or move note left by an interrupted save (see store.crash)."""
    message = _("left by an interrupted save; the next open of okrtui removes it")
    return [Finding(path, "T001", message, Severity.WARNING) for path in leftovers]


def _smart(
    out: _Rules,
    objective: Objective,
    path: Path,
    text: str,
    settings: WorkspaceSettings,
    today: dt.date,
) -> None:
    if not objective.key_results:
        out.add(
            "S207",
            _("Measurable: add a key result that measures this objective"),
            path,
            quick_locate(text, ("title",)),
            field="title",
            objective=objective.id,
        )
    rules = enabled_rules(settings)
    for index, kr in enumerate(objective.key_results):
        at: Position | None = None
        failing = rule_verdicts(kr, objective, settings, today, failing_only=True, rules=rules)
        for verdict in failing:
            if at is None:
                at = quick_locate(text, ("key_results", index, "title"))
            label = _(verdict.criterion.label) if verdict.criterion else _("Outcome")
            out.add(
                verdict.code,
                f"{label}: {verdict.reason}",
                path,
                at,
                field=f"key_results[{index}].title",
                objective=objective.id,
                key_result=kr.id,
            )


@dataclass(frozen=True, slots=True)
class Linked:
    """What the reference rules need of one loaded objective."""

    id: str
    parent: str | None
    cycle: str
    path: Path


def reference_findings(
    objectives: Mapping[str, Linked],
    broken_stems: Collection[str],
    settings: WorkspaceSettings,
    settings_ok: bool,
    read_text: Callable[[Path], str],
) -> list[Finding]:
    """Parents that do not exist or loop, cycles not defined: rules across files."""
    out = _Rules(settings)
    for objective in objectives.values():
        path, parent = objective.path, objective.parent
        # a parent whose file is broken was already reported; do not report it twice
        if parent and parent not in objectives and parent not in broken_stems:
            out.add(
                "R001",
                _("parent objective {parent!r} does not exist").format(parent=parent),
                path,
                quick_locate(read_text(path), ("parent",)),
                field="parent",
                objective=objective.id,
            )
        if settings_ok and settings.cycle(objective.cycle) is None:
            out.add(
                "R002",
                _("cycle {cycle!r} is not defined in okrtui.toml").format(cycle=objective.cycle),
                path,
                quick_locate(read_text(path), ("cycle",)),
                field="cycle",
                objective=objective.id,
            )
        loop = _alignment_loop(objective, objectives)
        if loop:
            out.add(
                "R003",
                _("parents form a loop: {loop}").format(loop=" -> ".join(loop)),
                path,
                quick_locate(read_text(path), ("parent",)),
                field="parent",
                objective=objective.id,
            )
    return out.findings


def _alignment_loop(objective: Linked, objectives: Mapping[str, Linked]) -> list[str]:
    """The chain back to `objective` when following parents returns to it, else []."""
    chain = [objective.id]
    current = objective.parent
    while current is not None and (parent := objectives.get(current)) is not None:
        if current == objective.id:
            return [*chain, current]
        if current in chain:
            return []  # a loop further up; its own members report it
        chain.append(current)
        current = parent.parent
    return []


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def finish_report(root: Path, findings: list[Finding], files_checked: int) -> CheckReport:
    """The report with its findings sorted by file, line and code."""
    findings.sort(key=lambda f: (f.relative_path(root), f.line or 0, f.code))
    return CheckReport(root, findings, files_checked)


def check_workspace(store: WorkspaceStore, today: dt.date) -> CheckReport:
    """Every finding in a loaded workspace, sorted by file, line and code.

    `okrtui check` reaches the same findings faster with `check_run.check_folder`
    (both cores, a cache); the TUI checks the store it has loaded with this.
    """
    settings = store.settings
    findings = [store_finding(e) for e in store.errors]
    findings += settings_findings(store)
    findings += leftover_findings(crash.leftovers(store.root))
    linked: dict[str, Linked] = {}
    for objective_id, state in sorted(store.files.items(), key=lambda i: i[1].path):
        objective = store.objectives[objective_id]
        findings += file_findings(objective, state.path, _read(state.path), settings, today)
        linked[objective_id] = Linked(objective.id, objective.parent, objective.cycle, state.path)
    findings += reference_findings(
        linked,
        {path.stem for path in store.broken},
        settings,
        (store.root / SETTINGS_FILE) not in store.broken,
        _read,
    )
    paths = {store.root / SETTINGS_FILE, *store.broken, *(s.path for s in store.files.values())}
    return finish_report(store.root, findings, len(paths))
