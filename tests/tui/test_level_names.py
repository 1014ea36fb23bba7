"""Levels read the same in the filters as in the editor's Level select, in both languages."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from okrtui.cli.open_command import sample_workspace_path
from okrtui.i18n import N_, set_language
from okrtui.i18n.bidi_mode import request_bidi
from okrtui.model import Level
from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from okrtui.tui.level_names import level_label
from okrtui.tui.screens.picker import PickerScreen
from tests.tui.conftest import editor_ready

TODAY = dt.date(2026, 11, 25)


def test_every_level_has_a_marked_name() -> None:
    assert [level_label(lv) for lv in Level] == ["Organisation", "Team", "Individual"]
    set_language("fa")
    assert [level_label(lv) for lv in Level] == ["سازمان", "تیم", "فردی"]
    assert level_label("company") == "company"  # a value from a hand-edited file, as it is
    assert N_("Organisation") == "Organisation"


@pytest.mark.parametrize(
    ("language", "names", "title"),
    [
        ("en", ["Organisation", "Team", "Individual"], "level: Organisation"),
        ("fa", ["سازمان", "تیم", "فردی"], "سطح: سازمان"),
    ],
)
async def test_the_level_filter_names_levels_as_the_editor_does(
    tmp_path: Path, language: str, names: list[str], title: str
) -> None:
    root = Path(shutil.copytree(sample_workspace_path(language), tmp_path / "workspace"))
    request_bidi("terminal")
    app = OkrApp(WorkspaceStore.open(root), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await editor_ready(pilot)
        app.pick_level()
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert [item.label for item in picker.choices][:3] == names
        await pilot.press(*names[0], "enter")  # typed as the picker shows it
        await pilot.pause()
        assert app.objective_tree.tree_filter.level == "organization"
        assert title in str(app.objective_tree.border_title)
        # the full filter (f) words it the same way
        await pilot.press("f")
        await pilot.pause()
        labels = [item.label for item in app.screen.choices]  # type: ignore[attr-defined]
        assert any(label.endswith(names[1]) for label in labels)
        assert not any(label.endswith(("organization", "team", "individual")) for label in labels)
