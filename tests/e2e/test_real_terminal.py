"""The installed `okrtui` command in a real pseudo-terminal, read back with pyte.

A user's walk: open a copy of the sample, move down the tree, edit an
objective's title, add a check-in (value, confidence and note) to one of its
key results, save, quit;
then the files on disk are checked. Waits poll the screen (generous
timeouts for a loaded machine); no sleep stands in for an assertion.
Marked `e2e` (deselect with `-m "not e2e"`).
"""

from __future__ import annotations

import datetime as dt
import shutil
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from okrtui.store import WorkspaceStore
from tests.conftest import SAMPLE
from tests.e2e.terminal import CTRL_S, CTRL_U, DOWN, END, ENTER, ESCAPE, OKRTUI, TAB, Terminal

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not OKRTUI.exists(), reason="okrtui is not installed in this venv"),
]

OBJECTIVE = "objectives/2026-Q4/marketing-education-leader.toml"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "workspace"
    shutil.copytree(SAMPLE, root)
    # The app opens on the cycle of today (the real clock): keep that the sample's Q4.
    today = dt.date.today()
    if today > dt.date(2026, 12, 31):
        settings = root / "okrtui.toml"
        text = settings.read_text("utf-8")
        text = text.replace("end = 2026-12-31", f"end = {today.year + 1}-12-31")
        settings.write_text(text, "utf-8")
    return root


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A home and git identity of the test's own (the check-in's author comes from git)."""
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = E2E Tester\n\temail = e2e@example.com\n", "utf-8")
    return {"HOME": str(tmp_path), "GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1"}


@pytest.fixture
def start(workspace: Path, env: dict[str, str]) -> Iterator[type[Terminal]]:
    started: list[Terminal] = []

    def run(**options: object) -> Terminal:
        terminal = Terminal([str(OKRTUI), str(workspace)], env=env, **options)  # type: ignore[arg-type]
        started.append(terminal)
        return terminal

    yield run  # type: ignore[misc]
    for terminal in started:
        terminal.close()


def in_tree(text: str) -> Callable[[str], bool]:
    """True once `text` shows in the tree pane (the editor lists key results too)."""

    def shown(screen: str) -> bool:
        lines = screen.splitlines()
        edge = next((line.find("╭─ Editor") for line in lines if "╭─ Editor" in line), -1)
        return edge > 0 and any(text in line[:edge] for line in lines)

    return shown


NOTE = "after the spring campaign"
CONFIDENCE = 0.8


def edit_title_and_check_in(term: Terminal, title: str, note: str = NOTE) -> None:
    term.wait_for("Q4 2026")
    term.wait_for("^s Save  n New")  # the footer: the app answers keys
    term.send(DOWN)  # the current cycle is selected at start; down to its first objective
    term.wait_for("Objective · marketing-education-leader")
    term.send(TAB)  # the first tab from the tree lands in the title field
    term.wait_until(lambda s: "n New" not in s, "the title field to take the keys")
    term.send(END)
    term.send(CTRL_U)  # delete everything left of the cursor: the whole title
    term.wait_until(lambda s: "Become the leading" not in s.split("Title", 1)[1], "empty title")
    term.send(title)
    term.wait_for("unsaved")
    term.send(ESCAPE)  # back to the tree
    term.wait_for("^s Save  n New")
    term.send(ENTER)  # open the objective
    term.wait_until(in_tree("Grow organic"), "the key results in the tree")
    term.send(DOWN)
    term.wait_for("Key result · organic-traffic")
    term.send("c")
    term.wait_for("Check-in · Grow organic traffic")
    term.send("50250")  # the value field has the focus
    term.wait_for("50250")
    term.send(TAB)  # confidence: its level shows beside it
    term.send(str(CONFIDENCE))
    term.wait_for("High")
    term.send(TAB)  # the note
    term.send(note)
    term.wait_until(lambda s: "what moved it" not in s, "the note typed over its placeholder")
    term.send(ENTER)
    term.wait_until(lambda s: "Check-in ·" not in s, "the check-in dialog to close")
    term.send(CTRL_S)
    term.wait_for("Saved 1 objective.")
    term.send("q")
    assert term.wait_exit() == 0


def assert_saved(workspace: Path, title: str, note: str = NOTE) -> None:
    store = WorkspaceStore.open(workspace)
    assert store.broken == {}
    objective = store.objectives["marketing-education-leader"]
    assert objective.title == title
    kr = objective.key_result("organic-traffic")
    assert kr is not None
    latest = kr.checkins[-1]
    assert latest.value == 50250
    assert latest.confidence == CONFIDENCE
    assert latest.note == note
    assert latest.author == "E2E Tester"
    assert dt.date.today() - latest.date <= dt.timedelta(days=1)
    # everything else is as it was in the sample
    for path in (SAMPLE / "objectives").rglob("*.toml"):
        relative = path.relative_to(SAMPLE).as_posix()
        if relative != OBJECTIVE:
            assert (workspace / relative).read_bytes() == path.read_bytes(), relative
    assert (workspace / OBJECTIVE).read_text("utf-8").count(title) == 1


def test_edit_check_in_save_quit_at_80x24_on_a_linux_console(start, workspace: Path) -> None:
    term = start(columns=80, lines=24, term="linux")
    title = "Be the first place marketers learn"
    edit_title_and_check_in(term, title)
    assert_saved(workspace, title)


def test_a_persian_title_typed_in_is_stored_as_utf8(start, workspace: Path) -> None:
    term = start(columns=100, lines=30, term="xterm-256color")
    title = "اولین جایی که بازاریاب‌ها یاد می‌گیرند"
    note = "بعد از کمپین بهاری"
    edit_title_and_check_in(term, title, note)
    assert_saved(workspace, title, note)
    raw = (workspace / OBJECTIVE).read_bytes()
    assert f'title = "{title}"\n'.encode() in raw  # logical order, UTF-8, no escapes


@pytest.mark.parametrize("stop", [signal.SIGHUP, signal.SIGTERM])
def test_a_stop_signal_keeps_the_unsaved_edits_aside(
    start, workspace: Path, env: dict[str, str], tmp_path: Path, stop: signal.Signals
) -> None:
    """The SSH connection dropped (SIGHUP) or a `kill` (SIGTERM) with an edit not yet saved:
    the edit goes to the recovery folder, the workspace keeps what was last saved."""
    recovery = tmp_path / "recovery"
    env["OKRTUI_RECOVERY_DIR"] = str(recovery)
    before = (workspace / OBJECTIVE).read_bytes()
    term = start(columns=80, lines=24)
    term.wait_for("^s Save  n New")
    term.send(DOWN)
    term.wait_for("Objective · marketing-education-leader")
    term.send(TAB)
    term.wait_until(lambda s: "n New" not in s, "the title field to take the keys")
    term.send(END)
    term.send(CTRL_U)  # delete everything left of the cursor: the whole title
    term.wait_until(lambda s: "Become the leading" not in s.split("Title", 1)[1], "empty title")
    term.send("Kept aside")
    term.wait_for("unsaved")
    term.process.send_signal(stop)
    assert term.wait_exit(timeout=30) == 128 + stop
    assert (workspace / OBJECTIVE).read_bytes() == before
    (kept,) = recovery.glob("*/" + OBJECTIVE)
    assert 'title = "Kept aside"' in kept.read_text("utf-8")
