"""A first start scans outlines from each file's head, on every core for a big workspace:
the same outlines and the same problems as reading every file in full."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from okrtui.store import WorkspaceStore, outline
from okrtui.store.links import LinkGuard, leads_outside
from okrtui.store.outline import Outline, scan_files, scan_outline
from okrtui.store.toml_io import MAX_FILE_BYTES, TomlSyntaxError, read_limited

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "broken_workspace"
BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture
def mixed(tmp_path: Path, sample_workspace: Path) -> Path:
    """The bench's generated files, the sample's, the broken fixture's and a few odd ones."""
    sys.path.insert(0, str(BENCH))
    try:
        from open import generate  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    root = tmp_path / "ws"
    generate(root, 40)
    cycle = root / "objectives" / "2026-Q4"
    for source in (sample_workspace, BROKEN):
        for path in (source / "objectives").rglob("*.toml"):
            shutil.copy(path, cycle / path.name)
    (cycle / "bad-head.toml").write_text('id = \ntitle = "x"\n', "utf-8")
    (cycle / "latin.toml").write_bytes(b'id = "latin"\ntitle = "\xe9"\ncycle = "2026-Q4"\n')
    secret = tmp_path / "secret.toml"
    secret.write_text('id = "secret"\ntitle = "SECRET"\ncycle = "2026-Q4"\n', "utf-8")
    (cycle / "secret.toml").symlink_to(secret)
    shared = root / "shared"
    shared.mkdir()
    shutil.copy(cycle / "objective-3.toml", shared / "objective-3.toml")
    (cycle / "objective-3.toml").unlink()
    (cycle / "objective-3.toml").symlink_to(Path("..") / ".." / "shared" / "objective-3.toml")
    return root


def _one_by_one(root: Path) -> dict[str, Outline]:
    """The outline of each file as the store's own reader gets it: links resolved, read, scanned."""
    found = {}
    for path in (root / "objectives").rglob("*.toml"):
        if leads_outside(root, path):
            continue
        try:
            text = read_limited(path).decode("utf-8")
        except (UnicodeDecodeError, TomlSyntaxError):
            continue
        scanned = scan_outline(path, text)
        if scanned is not None:
            found[path.relative_to(root).as_posix()] = scanned
    return found


@pytest.mark.parametrize("parallel", [False, True])
def test_scanned_outlines_are_those_of_each_file(
    mixed: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    if parallel:
        monkeypatch.setattr(outline, "SCAN_IN_PARALLEL_FROM", 1)
    root = mixed.resolve()
    paths = sorted((root / "objectives").rglob("*.toml"))
    found = scan_files(root, paths)
    assert {rel: entry.outline for rel, entry in found.items()} == _one_by_one(root)
    assert "objectives/2026-Q4/secret.toml" not in found  # never read
    assert "objectives/2026-Q4/objective-3.toml" in found  # a link inside is followed
    eager = WorkspaceStore.open(root)
    for rel, entry in found.items():  # the head says what the whole file says
        loaded = eager.objectives.get(Path(rel).stem)
        if loaded is not None and eager.files[loaded.id].path == root / rel:
            assert entry.outline == Outline.of(loaded)
            assert entry.stamp == outline.FileStamp.of((root / rel).stat())


@pytest.mark.parametrize("parallel", [False, True])
def test_a_lazy_open_reports_what_an_eager_one_does(
    mixed: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    monkeypatch.setenv("OKRTUI_CACHE_DIR", "")  # a first start: every outline is scanned
    if parallel:
        monkeypatch.setattr(outline, "SCAN_IN_PARALLEL_FROM", 1)
    eager = WorkspaceStore.open(mixed)
    lazy = WorkspaceStore.open(mixed, lazy=True)
    at_once = {e.path.name for e in lazy.errors}
    assert {"bad-head.toml", "latin.toml", "secret.toml"} <= at_once  # before the first frame
    for oid, loaded in eager.objectives.items():  # before anything else is read
        assert lazy.outline(oid) == Outline.of(loaded)
    lazy.load_all()
    assert [e.describe(lazy.root) for e in lazy.errors] == [
        e.describe(eager.root) for e in eager.errors
    ]
    assert [(e.line, e.column, e.field) for e in lazy.errors] == [
        (e.line, e.column, e.field) for e in eager.errors
    ]
    assert dict(lazy.objectives.items()) == dict(eager.objectives.items())


def test_the_link_guard_answers_as_leads_outside(mixed: Path, tmp_path: Path) -> None:
    root = mixed.resolve()
    cycle = root / "objectives" / "2026-Q4"
    (cycle / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    (cycle / "loop.toml").symlink_to(cycle / "loop.toml")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.toml").write_text("x", "utf-8")
    (root / "objectives" / "2027-Q1").symlink_to(outside, target_is_directory=True)
    guard = LinkGuard(root)
    paths = [*cycle.iterdir(), outside / "x.toml", root / "objectives" / "2027-Q1" / "x.toml"]
    paths.append(cycle / "missing.toml")
    for path in paths:
        st = guard.stat_inside(path)
        if leads_outside(root, path):
            assert st is None, path
        elif path.exists():
            assert st is not None and st.st_ino == path.stat().st_ino, path


def test_read_limited_reads_up_to_the_limit_and_refuses_more(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_bytes(b"x" * 100)
    assert read_limited(path, limit=100) == b"x" * 100
    with pytest.raises(TomlSyntaxError):
        read_limited(path, limit=99)
    path.write_bytes(b"")
    assert read_limited(path) == b""
    path.write_bytes(b"y" * (MAX_FILE_BYTES + 1))
    with pytest.raises(TomlSyntaxError):
        read_limited(path)


def test_no_fork_while_another_thread_runs(mixed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fork copies only the calling thread: a lock another thread held would stay held
    in the child, so with a second thread running the scan stays in this process."""
    import threading

    monkeypatch.setattr(outline, "SCAN_IN_PARALLEL_FROM", 1)
    forked: list[int] = []
    real = outline._fork_scan

    def counted(root: Path, paths: list[Path]) -> tuple[int, int] | None:
        forked.append(len(paths))
        return real(root, paths)

    monkeypatch.setattr(outline, "_fork_scan", counted)
    root = mixed.resolve()
    paths = sorted((root / "objectives").rglob("*.toml"))
    alone = scan_files(root, paths)
    assert forked or (os.cpu_count() or 1) < 2  # alone it forks (with two cores or more)
    forked.clear()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert scan_files(root, paths) == alone
    finally:
        stop.set()
        other.join()
    assert not forked
