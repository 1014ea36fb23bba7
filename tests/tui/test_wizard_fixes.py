"""The guided writer refuses an unreadable answer on enter, and a rewrite without edits keeps
the title exactly as it was typed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.screens.goal_wizard import GoalWizardScreen
from tests.tui.test_coach_wizard import LEADER, ORGANIC, open_wizard, shown_text

OID = "marketing-education-leader"


def _messages(app: OkrApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_enter_on_an_unreadable_target_stays_there_and_says_why(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.objective_tree.select_ref(LEADER)
        await pilot.pause()
        screen = await open_wizard(app, pilot)
        await pilot.press("pagedown", "tab", "tab", "tab", "tab")
        target = screen.query_one("#wizard-target", Input)
        assert app.focused is target
        await pilot.press(*"lots", "enter")
        await pilot.pause()
        message = "Type a number, e.g. 12,000"
        assert message in shown_text(app, "#wrow-target .form-error")  # under the field
        assert app.focused is target  # not let through to the next step
        assert "Measurable" in shown_text(app, "#wizard-steps")
        assert message in _messages(app)  # enter says the same
        # once readable, enter moves on
        await pilot.press("ctrl+a", "ctrl+k", *"16200", "enter")
        await pilot.pause()
        assert "Achievable" in shown_text(app, "#wizard-steps")


async def test_rewrite_without_edits_keeps_the_title_exactly(  # type: ignore[no-untyped-def]
    make_app, sample_workspace: Path
) -> None:
    app: OkrApp = make_app()
    path = sample_workspace / "objectives" / "2026-Q4" / f"{OID}.toml"
    text = path.read_text("utf-8")
    old = app.store.objectives[OID].key_result("organic-traffic")
    assert old is not None
    # a capital letter mid-sentence, which the wizard's own sentence would not keep
    title = old.title + " for the SEO Team"
    path.write_text(text.replace(f'title = "{old.title}"', f'title = "{title}"'), "utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.objective_tree.select_ref(ORGANIC)
        await pilot.pause()
        await open_wizard(app, pilot, "r")
        await pilot.press("ctrl+enter")
        await pilot.pause()
        assert not isinstance(app.screen, GoalWizardScreen)
        kr = app.store.objectives[OID].key_result("organic-traffic")
        assert kr is not None and kr.title == title
        await pilot.press("ctrl+s")
        await pilot.pause()
    kr = WorkspaceStore.open(sample_workspace).objectives[OID].key_result("organic-traffic")
    assert kr is not None and kr.title == title


async def test_rewrite_with_an_edit_still_offers_the_new_sentence(make_app) -> None:  # type: ignore[no-untyped-def]
    app: OkrApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.objective_tree.select_ref(ORGANIC)
        await pilot.pause()
        await open_wizard(app, pilot, "r")
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown", "tab")
        await pilot.press("ctrl+a", "ctrl+k", *"Sara", "ctrl+enter")
        await pilot.pause()
        kr = app.store.objectives[OID].key_result("organic-traffic")
        assert kr is not None and kr.owner == "Sara"
        assert kr.title.startswith("Increase ")
