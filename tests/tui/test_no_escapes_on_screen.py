"""No control character from data or git reaches the terminal (Pilot, real screens).

The model refuses control characters in files, so these tests put hostile text
where the model does not look: in memory behind its back, in git author names
and commit messages. Then every line the screen would send to the terminal is
read from Textual's compositor and must hold no ESC, BEL or other control.
"""

from __future__ import annotations

import re
from pathlib import Path

from okrtui.model import CheckIn
from okrtui.tui.app import OkrApp
from okrtui.tui.node_ref import NodeKind, NodeRef
from tests.git.conftest import git
from tests.tui.conftest import editor_ready, until

INJECTED = "Inject \x1b]52;c;aGVsbG8=\x07 \x1b[31mred\u202e"
LEADER = "marketing-education-leader"
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def screen_text(app: OkrApp) -> str:
    """Every character the current screen renders (what the driver would write)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def assert_clean(app: OkrApp) -> str:
    text = screen_text(app)
    found = CONTROL.search(text)
    assert found is None, (
        f"{found[0]!r} on screen: {text[max(0, found.start() - 60) : found.end() + 20]!r}"
    )
    return text


def _poison(app: OkrApp) -> None:
    """Hostile text in memory, past the model's validation (as a bug or a plugin might)."""
    objective = app.store.objectives[LEADER]
    object.__setattr__(objective, "title", INJECTED)
    object.__setattr__(objective, "owner", INJECTED)
    kr = objective.key_results[0]
    object.__setattr__(kr, "title", INJECTED)
    kr.checkins.append(CheckIn.model_construct(date=kr.checkins[-1].date, value=1.0))
    object.__setattr__(kr.checkins[-1], "note", INJECTED)
    object.__setattr__(kr.checkins[-1], "author", INJECTED)
    object.__setattr__(kr.checkins[-1], "confidence", None)


async def test_hostile_text_in_memory_is_shown_as_escapes(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await editor_ready(pilot)
        await app.workers.wait_for_complete()
        _poison(app)
        objective = app.store.objectives[LEADER]
        kr = objective.key_results[0]
        app.objective_tree.rebuild()
        ref = NodeRef(NodeKind.KEY_RESULT, objective.cycle, LEADER, kr.id)
        assert app.objective_tree.select_ref(ref)
        app.objective_tree.focus()
        await pilot.pause()
        text = assert_clean(app)
        assert r"Inject \x1b]52;c;aGVsbG8=\x07" in text  # shown, as an escape
        app.notify(INJECTED, title=INJECTED)
        app.notify("not saved: it would not load back [key_results[0].title] [b]x[/b]")
        await pilot.pause(0.2)
        assert_clean(app)
        toasts = " ".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert "[key_results[0].title] [b]x[/b]" in toasts  # text, not markup
        ref = NodeRef(NodeKind.OBJECTIVE, objective.cycle, LEADER, None)
        assert app.objective_tree.select_ref(ref)
        await pilot.pause()
        assert_clean(app)
        await pilot.press("D")  # the dashboard
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is not app.screen_stack[0]
        assert r"Inject \x1b" in assert_clean(app)


async def test_git_author_names_and_commit_messages_are_shown_as_escapes(
    make_app,  # type: ignore[no-untyped-def]
    repo_ws: Path,
) -> None:
    path = repo_ws / "objectives" / "2026-Q4" / f"{LEADER}.toml"
    path.write_text(path.read_text().replace("target = 54000", "target = 56000", 1))
    git(repo_ws, "add", "-A")
    git(
        repo_ws,
        "-c",
        f"user.name=Evil {INJECTED}",
        "commit",
        "-q",
        "-m",
        f"Raise target {INJECTED}",
        date="2026-11-10T10:00:00+00:00",
    )
    assert "\x1b" in git(repo_ws, "log", "-1", "--format=%an %s")  # git keeps them
    app: OkrApp = make_app(repo_ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await editor_ready(pilot)
        objective = app.store.objectives[LEADER]
        kr = objective.key_results[0]
        ref = NodeRef(NodeKind.KEY_RESULT, objective.cycle, LEADER, kr.id)
        assert app.objective_tree.select_ref(ref)
        app.objective_tree.focus()
        await pilot.pause()
        await pilot.press("H")
        await until(pilot, lambda: "Evil" in screen_text(app), "the history on screen")
        text = assert_clean(app)
        assert "Evil Inject…" in text  # the author column is 12 wide
        assert "Raise target Inject \\" in text  # the escape, cut by the column


async def test_problems_of_a_hostile_file_read_as_text(sample_workspace: Path) -> None:
    """The refusal names the field; neither the data nor '[title]' is taken as markup."""
    from okrtui.store import WorkspaceStore
    from tests.security.test_control_characters import HOSTILE
    from tests.tui.conftest import TODAY

    (sample_workspace / "objectives" / "2026-Q4" / "hostile.toml").write_text(HOSTILE)
    app = OkrApp(WorkspaceStore.open(sample_workspace), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await editor_ready(pilot)
        app.action_show_problems()
        await pilot.pause()
        assert_clean(app)
        text = str(app.query_one("#view-info").render())
        assert r"hostile.toml:2:1: contains the control character \x1b" in text
        assert "remove it [title]" in text
