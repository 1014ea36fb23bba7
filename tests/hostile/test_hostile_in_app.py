"""The app opens a workspace full of hostile files: says so once, never writes them."""

from __future__ import annotations

from pathlib import Path

from okrtui.store import WorkspaceStore
from okrtui.tui.app import OkrApp
from tests.hostile.test_hostile_files import CASES, write_case
from tests.tui.conftest import TODAY, until


async def test_the_app_lists_hostile_files_and_leaves_them_alone(sample_workspace: Path) -> None:
    folder = sample_workspace / "objectives" / "2026-Q4"
    written: dict[Path, bytes] = {}
    for number, name in enumerate(("wrong type", "raw NUL byte", "invalid UTF-8")):
        case = CASES[name]
        path = folder / f"bad-{number}.toml"
        path.write_bytes(case.data)
        written[path] = case.data
    markup = folder / "markup.toml"  # its message quotes the id: not Rich markup to render
    markup.write_text('id = "[/bold]"\ntitle = "T"\ncycle = "2026-Q4"\n', "utf-8")
    written[markup] = markup.read_bytes()
    utf16 = write_case(sample_workspace, CASES["UTF-16 with a BOM"])
    written[utf16] = CASES["UTF-16 with a BOM"].data
    huge = folder / "huge.toml"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB of NUL bytes, sparse
    app = OkrApp(WorkspaceStore.open(sample_workspace, lazy=True), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.store.fully_loaded, "every file to be read")
        assert set(app.store.broken) == {*written, huge}
        messages = [str(n.message) for n in app._notifications]
        assert any("6 files did not load" in m for m in messages), messages
        await pilot.press("up", "up", "up")  # the ⚠ entry: every problem, as written
        await pilot.pause()
        shown = str(app.query_one("#view-info").render())
        assert "'[/bold]' is not a valid id" in shown
        assert "[title]" in shown
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.return_code in (0, None)
    for path, data in written.items():
        assert path.read_bytes() == data
    assert huge.stat().st_size == 50 * 1024 * 1024
