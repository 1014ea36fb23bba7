"""How the guided writer and the coach's report look at 80x24."""

from __future__ import annotations

from pathlib import Path

from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.screens.goal_wizard import GoalWizardScreen
from tests.tui.conftest import TODAY

# the writer's first two steps, on the current cycle's first objective
MEASURABLE_STEP = [
    *"More people read the blog",
    "enter",
    *"organic traffic",
    "enter",
    "enter",
    "enter",
    "enter",
    *"visits a month",
    "enter",
    *"12,000",
    "enter",
    *"16200",
]


async def open_wizard(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("j", "w")
    screen = pilot.app.screen
    assert isinstance(screen, GoalWizardScreen)
    await screen.steps_ready()


def test_wizard_measurable_step(snap_compare, sample_workspace: Path) -> None:  # type: ignore[no-untyped-def]
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_wizard, press=MEASURABLE_STEP)


def test_wizard_last_step_with_the_coach(snap_compare, sample_workspace: Path) -> None:  # type: ignore[no-untyped-def]
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    press = [*MEASURABLE_STEP, "enter", *"Two writers", "pagedown", "pagedown", *"2026-12-31"]
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_wizard, press=press)


def test_coach_report(snap_compare, sample_workspace: Path) -> None:  # type: ignore[no-untyped-def]
    async def open_report(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("S")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_report)
