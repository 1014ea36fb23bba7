"""Findings over a whole workspace: file, schema, reference and SMART problems.

This is what `okrtui check` reports. Every finding names a file and, where it
can be found, the line of the field it is about, so editors and CI can jump
to it. Codes: E0xx files and schema, R0xx references, T0xx leftovers of an
interrupted save, S1xx-S5xx the SMART
letters, S6xx outcome wording, W0xx hidden text such as bidi controls (see
docs/check.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from okrtui.i18n import _
from okrtui.model import Objective, Status
from okrtui.model.rules import RULES, Severity
from okrtui.model.text import has_bidi_controls
from okrtui.services.smart import rule_verdicts
from okrtui.store import SETTINGS_FILE, WorkspaceError, WorkspaceStore, crash
from okrtui.store.errors import format_field
from okrtui.store.locate import Loc, Position, locate


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
        try:
            return self.path.relative_to(root).as_posix()
        except ValueError:
            return str(self.path)

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


def _store_finding(error: WorkspaceError) -> Finding:
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


class _Checker:
    """Walks one loaded workspace and collects its findings."""

    def __init__(self, store: WorkspaceStore, today: dt.date) -> None:
        self.store = store
        self.today = today
        self.rules = store.settings.smart
        self.findings: list[Finding] = [_store_finding(e) for e in store.errors]
        self.broken_stems = {path.stem for path in store.broken}
        self.settings_ok = (store.root / SETTINGS_FILE) not in store.broken

    def add(
        self, code: str, message: str, path: Path, at: Position | None, **where: str | None
    ) -> None:
        if code in RULES:
            severity = self.rules.severity_of(code)
        else:
            severity = Severity.WARNING if code.startswith("W") else Severity.ERROR
        if severity is Severity.OFF:
            return
        line, column = (at.line, at.column) if at is not None else (None, None)
        self.findings.append(Finding(path, code, message, severity, line, column, **where))

    def check(self) -> None:
        if self.settings_ok and self.store.settings_state is not None:
            path = self.store.settings_state.path
            text = path.read_text(encoding="utf-8", errors="replace")
            self._hidden_text(self.store.settings.model_dump(), path, text, None)
        for objective_id, state in sorted(self.store.files.items(), key=lambda i: i[1].path):
            objective = self.store.objectives[objective_id]
            text = state.path.read_text(encoding="utf-8", errors="replace")
            self._layout(objective, state.path, text)
            self._hidden_text(objective.model_dump(), state.path, text, objective.id)
            self._references(objective, state.path, text)
            if objective.status is not Status.DROPPED:
                self._smart(objective, state.path, text)

    def _layout(self, objective: Objective, path: Path, text: str) -> None:
        if path.parent.name != objective.cycle:
            self.add(
                "E005",
                _("cycle {cycle!r} does not match the folder {folder!r}; move the file").format(
                    cycle=objective.cycle, folder=path.parent.name
                ),
                path,
                locate(text, ("cycle",)),
                field="cycle",
                objective=objective.id,
            )

    def _hidden_text(
        self, data: object, path: Path, text: str, objective_id: str | None, loc: Loc = ()
    ) -> None:
        """W001 for every text holding bidi embedding, override or isolate controls.

        They can make a line read differently from what it says (Trojan Source).
        """
        if isinstance(data, str):
            if has_bidi_controls(data):
                self.add(
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
                self._hidden_text(value, path, text, objective_id, (*loc, str(key)))
        elif isinstance(data, list | tuple):
            for index, value in enumerate(data):
                self._hidden_text(value, path, text, objective_id, (*loc, index))

    def _references(self, objective: Objective, path: Path, text: str) -> None:
        parent = objective.parent
        # a parent whose file is broken was already reported; do not report it twice
        if parent and parent not in self.store.objectives and parent not in self.broken_stems:
            self.add(
                "R001",
                _("parent objective {parent!r} does not exist").format(parent=parent),
                path,
                locate(text, ("parent",)),
                field="parent",
                objective=objective.id,
            )
        if self.settings_ok and self.store.settings.cycle(objective.cycle) is None:
            self.add(
                "R002",
                _("cycle {cycle!r} is not defined in okrtui.toml").format(cycle=objective.cycle),
                path,
                locate(text, ("cycle",)),
                field="cycle",
                objective=objective.id,
            )
        loop = self._alignment_loop(objective)
        if loop:
            self.add(
                "R003",
                _("parents form a loop: {loop}").format(loop=" -> ".join(loop)),
                path,
                locate(text, ("parent",)),
                field="parent",
                objective=objective.id,
            )

    def _alignment_loop(self, objective: Objective) -> list[str]:
        """The chain back to `objective` when following parents returns to it, else []."""
        chain = [objective.id]
        current = objective.parent
        while current is not None and (parent := self.store.objectives.get(current)) is not None:
            if current == objective.id:
                return [*chain, current]
            if current in chain:
                return []  # a loop further up; its own members report it
            chain.append(current)
            current = parent.parent
        return []

    def _smart(self, objective: Objective, path: Path, text: str) -> None:
        settings = self.store.settings
        if not objective.key_results:
            self.add(
                "S207",
                _("Measurable: add a key result that measures this objective"),
                path,
                locate(text, ("title",)),
                field="title",
                objective=objective.id,
            )
        for index, kr in enumerate(objective.key_results):
            at = locate(text, ("key_results", index, "title"))
            for verdict in rule_verdicts(kr, objective, settings, self.today):
                if verdict.holds:
                    continue
                label = _(verdict.criterion.label) if verdict.criterion else _("Outcome")
                self.add(
                    verdict.code,
                    f"{label}: {verdict.reason}",
                    path,
                    at,
                    field=f"key_results[{index}].title",
                    objective=objective.id,
                    key_result=kr.id,
                )


def _leftover_findings(root: Path) -> list[Finding]:
    """T001: a temporary file or move note left by an interrupted save (see store.crash)."""
    message = _("left by an interrupted save; the next open of okrtui removes it")
    return [Finding(path, "T001", message, Severity.WARNING) for path in crash.leftovers(root)]


def check_workspace(store: WorkspaceStore, today: dt.date) -> CheckReport:
    """Every finding in a loaded workspace, sorted by file, line and code."""
    checker = _Checker(store, today)
    checker.check()
    checker.findings.extend(_leftover_findings(store.root))
    findings = sorted(
        checker.findings, key=lambda f: (f.relative_path(store.root), f.line or 0, f.code)
    )
    paths = {store.root / SETTINGS_FILE, *store.broken, *(s.path for s in store.files.values())}
    return CheckReport(store.root, findings, len(paths))
