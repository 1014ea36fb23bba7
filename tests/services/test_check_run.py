"""`okrtui check`'s fast path: the same findings as the store-based check, cached per file."""

from __future__ import annotations

import gc
import json
import os
import shutil
from pathlib import Path

import pytest

from okrtui.services import check_run
from okrtui.services.check_run import check_folder
from okrtui.services.workspace_check import CheckReport, check_workspace
from okrtui.store import WorkspaceStore
from okrtui.store.check_cache import check_cache_file
from tests.services.test_workspace_check import BROKEN, TODAY


def described(report: CheckReport) -> list[str]:
    return [f.describe(report.root) for f in report.findings]


def same(a: CheckReport, b: CheckReport) -> None:
    assert described(a) == described(b)
    assert [(f.severity, f.field, f.objective, f.key_result) for f in a.findings] == [
        (f.severity, f.field, f.objective, f.key_result) for f in b.findings
    ]
    assert a.files_checked == b.files_checked


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    target = tmp_path / "broken"
    shutil.copytree(BROKEN, target)
    # a duplicate id in another cycle folder, and a file that is not UTF-8
    twin = target / "objectives" / "2026-Q3" / "orphan.toml"
    twin.write_bytes((target / "objectives" / "2026-Q4" / "orphan.toml").read_bytes())
    (target / "objectives" / "2026-Q4" / "latin.toml").write_bytes(
        b'id = "latin"\ntitle = "\xe9"\n'
    )
    # and one outside any cycle folder
    (target / "objectives" / "stray.toml").write_text('id = "stray"\ntitle = "Stray"\n', "utf-8")
    return target


@pytest.mark.parametrize("pool", [False, True])
def test_same_findings_as_the_store_check_cold_and_warm(
    broken: Path, sample_workspace: Path, monkeypatch: pytest.MonkeyPatch, pool: bool
) -> None:
    if pool:
        monkeypatch.setattr(check_run, "POOL_FROM", 1)  # a pool even for a few files
    for root in (broken, sample_workspace):
        expected = check_workspace(WorkspaceStore.open(root), TODAY)
        same(check_folder(root, TODAY, jobs=2), expected)  # cold: writes the cache
        assert check_cache_file(root.resolve()) is not None
        assert check_cache_file(root.resolve()).is_file()  # type: ignore[union-attr]
        same(check_folder(root, TODAY, jobs=2), expected)  # warm: from the cache


def mark_cached_findings(root: Path) -> None:
    """Change what the cache remembers, so a test can see whether it was used."""
    path = check_cache_file(root.resolve())
    assert path is not None
    data = json.loads(path.read_text("utf-8"))
    for _stamp, _digest, result in data["files"].values():
        for row in result["findings"]:
            row[1] = "FROM THE CACHE"
    path.write_text(json.dumps(data), "utf-8")


def messages(root: Path, name: str) -> set[str]:
    return {f.message for f in check_folder(root, TODAY).findings if f.path.name == name}


def test_an_unchanged_file_is_not_checked_again_a_changed_one_is(broken: Path) -> None:
    check_folder(broken, TODAY)
    mark_cached_findings(broken)
    assert messages(broken, "smart-en.toml") == {"FROM THE CACHE"}  # the cache is used
    path = broken / "objectives" / "2026-Q4" / "smart-en.toml"
    before = path.stat()
    text = path.read_text("utf-8")
    # Same size, same modification time: only the content (and so the ctime) moved.
    path.write_text(text.replace("Launch", "Lounch", 1), "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    found = messages(broken, "smart-en.toml")
    assert "FROM THE CACHE" not in found and found
    assert messages(broken, "smart-fa.toml") == {"FROM THE CACHE"}  # the others still hit


def test_changed_rules_or_day_start_afresh(broken: Path) -> None:
    check_folder(broken, TODAY)
    mark_cached_findings(broken)
    settings = broken / "okrtui.toml"
    settings.write_text(settings.read_text("utf-8").replace('S303 = "off"', 'S302 = "off"'))
    report = check_folder(broken, TODAY)
    assert "FROM THE CACHE" not in described(report)
    same(report, check_workspace(WorkspaceStore.open(broken), TODAY))
    mark_cached_findings(broken)
    assert "FROM THE CACHE" not in described(check_folder(broken, TODAY.replace(day=28)))


def test_no_cache_when_turned_off(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OKRTUI_CACHE_DIR", "")
    same(check_folder(broken, TODAY), check_workspace(WorkspaceStore.open(broken), TODAY))
    assert check_cache_file(broken.resolve()) is None


def test_the_printed_report_is_reused_only_for_the_same_folder(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from okrtui.cli.main import main

    args = ["check", str(broken), "--today", TODAY.isoformat()]
    assert main(args) == 1
    first = capsys.readouterr().out
    out_file = check_cache_file(broken.resolve()).with_suffix(".out")  # type: ignore[union-attr]
    out_file.write_text(out_file.read_text("utf-8").replace("errors", "ERRORS"), "utf-8")
    assert main(args) == 1
    assert capsys.readouterr().out == first.replace("errors", "ERRORS")  # reused as it was
    assert main([*args, "--no-cache"]) == 1
    assert capsys.readouterr().out == first
    (broken / "objectives" / "2026-Q4" / "smart-en.toml").unlink()
    assert main(args) == 1
    fresh = capsys.readouterr().out
    assert "ERRORS" not in fresh and "smart-en.toml" not in fresh


@pytest.mark.parametrize("damage", ["cut short", "zero-filled"])
def test_a_report_damaged_by_a_power_cut_is_not_printed_again(
    broken: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    """The cache is written without fsync: a report cut short or zero-filled is no report."""
    from okrtui.cli.main import main

    args = ["check", str(broken), "--today", TODAY.isoformat()]
    assert main(args) == 1
    first = capsys.readouterr().out
    out_file = check_cache_file(broken.resolve()).with_suffix(".out")  # type: ignore[union-attr]
    data = out_file.read_bytes()
    head, _sep, body = data.partition(b"\n")
    if damage == "cut short":
        out_file.write_bytes(data[: len(data) // 2])
    else:
        out_file.write_bytes(head + b"\n" + body[:10] + b"\0" * (len(body) - 10))
    assert main(args) == 1
    assert capsys.readouterr().out == first
    assert out_file.read_bytes() == data  # and written again whole


@pytest.mark.parametrize("pool", [False, True])
def test_links_inside_are_read_and_links_outside_refused_as_the_store_does(
    broken: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool: bool
) -> None:
    if pool:
        monkeypatch.setattr(check_run, "POOL_FROM", 1)
    outside = tmp_path / "outside.toml"
    outside.write_text('id = "outside"\ntitle = "SECRET"\ncycle = "2026-Q4"\n')
    q4 = broken / "objectives" / "2026-Q4"
    shared = broken / "shared"
    shared.mkdir()
    text = (q4 / "smart-en.toml").read_text("utf-8")
    (shared / "linked.toml").write_text(text.replace('"smart-en"', '"linked"', 1), "utf-8")
    (q4 / "linked.toml").symlink_to(Path("..") / ".." / "shared" / "linked.toml")
    (q4 / "outside.toml").symlink_to(outside)
    (q4 / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    report = check_folder(broken, TODAY, jobs=2)
    same(report, check_workspace(WorkspaceStore.open(broken), TODAY))
    lines = described(report)
    assert any(line.startswith("objectives/2026-Q4/linked.toml:") for line in lines)
    assert "SECRET" not in "\n".join(lines)
    refused = "E001 a symbolic link that leads outside the workspace: refused, not read"
    assert [line for line in lines if "symbolic link" in line] == [
        f"objectives/2026-Q4/{name}.toml:1:1: {refused}" for name in ("gone", "outside")
    ]


@pytest.mark.parametrize("pool", [False, True])
def test_the_collector_is_paused_while_checking_and_resumed_after(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch, pool: bool
) -> None:
    if pool:
        monkeypatch.setattr(check_run, "POOL_FROM", 1)
    passes: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    threshold = gc.get_threshold()
    gc.set_threshold(1)  # a pass on every allocation of a container, if it ran
    gc.callbacks.append(count)
    try:
        report = check_folder(sample_workspace, TODAY, cache=False, jobs=2)
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*threshold)
    assert report.findings
    assert passes == []
    assert gc.isenabled()


@pytest.mark.parametrize("count", [0, 1, 30, 199, 2_000, 10_000])
def test_tasks_keep_their_order_and_shrink_towards_the_end(count: int) -> None:
    tasks: list[tuple[Path, str | None]] = [(Path(f"{i}.toml"), None) for i in range(count)]
    parts = check_run.split_tasks(tasks, 2)
    assert [task for part in parts for task in part] == tasks
    sizes = [len(part) for part in parts]
    assert all(0 < size <= check_run.CHUNK for size in sizes)
    assert sizes == sorted(sizes, reverse=True) or sizes[-1] < check_run.LAST_CHUNK
    if count >= 2_000:
        assert sizes[0] == check_run.CHUNK
        assert all(size <= check_run.LAST_CHUNK for size in sizes[-4:])  # both end together


@pytest.mark.parametrize("pool", [False, True])
@pytest.mark.parametrize("hidden", ["\u202e", "\\u202E", "\u2067"])
def test_bidi_controls_are_still_found_as_the_store_finds_them(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch, hidden: str, pool: bool
) -> None:
    if pool:
        monkeypatch.setattr(check_run, "POOL_FROM", 1)
    path = sample_workspace / "objectives" / "2026-Q4" / "email-ctr.toml"
    text = path.read_text("utf-8").replace('owner = "Mina"', f'owner = "Mi{hidden}na"', 1)
    assert text != path.read_text("utf-8")
    path.write_text(text, "utf-8")
    report = check_folder(sample_workspace, TODAY, cache=False, jobs=2)
    same(report, check_workspace(WorkspaceStore.open(sample_workspace), TODAY))
    assert [f.field for f in report.findings if f.code == "W001"] == ["owner"]
