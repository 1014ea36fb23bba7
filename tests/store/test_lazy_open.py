"""A lazy open: outlines from the cache (or a scan of each file's top-level keys), the rest
read on demand; the tree of a lazy store is the tree of an eager one."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest

from okrtui.store import WorkspaceStore
from okrtui.store.outline import Outline, cache_file


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def _warm(root: Path) -> None:
    """Open once and write the outline cache, as the app does after its first frame."""
    store = WorkspaceStore.open(root, lazy=True)
    store.load_all()
    assert store.remember_outlines()


def _stale(root: Path) -> tuple[str, str, str]:
    """Warm the cache, then retitle one file behind it (same size, same stamp).

    Returns (id, cached title, title now in the file): an outline with the
    cached title proves the cache was used, one with the new title that it
    was not.
    """
    _warm(root)
    path = next((root / "objectives").rglob("*.toml"))
    stat = path.stat()
    old = WorkspaceStore.open(root).objectives[path.stem].title
    new = old[::-1]
    path.write_bytes(path.read_bytes().replace(old.encode(), new.encode(), 1))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    return path.stem, old, new


def _outline_title(root: Path, oid: str) -> str:
    outline = WorkspaceStore.open(root, lazy=True).outline(oid)
    assert outline is not None
    return outline.title


def test_first_lazy_open_scans_outlines_and_reads_nothing_more(sample_workspace: Path) -> None:
    eager = WorkspaceStore.open(sample_workspace)
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    assert store.objectives.deferred == len(eager.objectives) > 0
    assert store.files == {}
    assert store.outlines() == [Outline.of(o) for o in eager.objectives.values()]
    assert list(store.objectives.values()) == list(eager.objectives.values())


def test_second_open_defers_every_unchanged_file(sample_workspace: Path) -> None:
    eager = WorkspaceStore.open(sample_workspace)
    _warm(sample_workspace)
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    assert store.objectives.deferred == len(eager.objectives) > 0
    assert store.files == {}  # nothing read yet
    assert list(store.objectives) == list(eager.objectives)
    assert store.outlines() == [Outline.of(o) for o in eager.objectives.values()]
    assert store.objectives.deferred == len(eager.objectives)  # outlines read no file
    assert list(store.objectives.values()) == list(eager.objectives.values())
    assert store.fully_loaded
    assert {k: v.digest for k, v in store.files.items()} == {
        k: v.digest for k, v in eager.files.items()
    }


def test_one_lookup_reads_one_file(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    first = next(iter(store.objectives))
    before = store.objectives.deferred
    assert store.objectives.get(first) is not None
    assert store.objectives.deferred == before - 1
    assert set(store.files) == {first}


def test_reading_some_stops_at_its_count_or_its_time(sample_workspace: Path) -> None:
    """The app's read-ahead reads in short steps: a key waits for one step at most."""
    _warm(sample_workspace)
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    total = store.objectives.deferred
    assert total >= 4
    assert store.load_some(2) == total - 2
    assert store.load_some(50, seconds=0.0) == total - 3  # out of time: one file all the same
    assert store.load_some(50, seconds=60.0) == 0
    assert store.fully_loaded


def test_a_stale_cache_entry_with_the_same_stamp_is_believed(sample_workspace: Path) -> None:
    oid, old, _new = _stale(sample_workspace)
    assert _outline_title(sample_workspace, oid) == old  # until the file is read


def test_a_newer_file_is_scanned_again(sample_workspace: Path) -> None:
    oid, _old, new = _stale(sample_workspace)
    path = next((sample_workspace / "objectives").rglob(f"{oid}.toml"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert _outline_title(sample_workspace, oid) == new


def test_a_deferred_file_that_broke_is_listed_and_never_written(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    path = next((sample_workspace / "objectives").rglob("*.toml"))
    stat = path.stat()
    data = path.read_bytes()
    broken = data.replace(b"title", b"t!tle", 1)  # same size, no longer loads
    path.write_bytes(broken)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same stamp as cached
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    assert path.stem in store.objectives  # still deferred: it looked unchanged
    assert store.objectives.get(path.stem) is None
    assert path.stem not in store.objectives
    assert path in store.broken
    assert store.errors
    assert path.read_bytes() == broken


def test_new_file_with_a_deferred_id_is_a_duplicate(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    path = next((sample_workspace / "objectives").rglob("*.toml"))
    other = sample_workspace / "objectives" / "zz-other-cycle" / path.name
    other.parent.mkdir()
    shutil.copy(path, other)
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    assert other in store.broken
    message = store.broken[other][0].message
    assert "duplicate" in message
    assert path.relative_to(sample_workspace).as_posix() in message.replace(os.sep, "/")


def test_saving_in_a_lazy_store_writes_only_that_file(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    first = next(iter(store.objectives))
    objective = store.objectives[first].model_copy(update={"title": "A renamed objective"})
    before = {p: p.read_bytes() for p in _files(sample_workspace)}
    assert store.save_objective(objective)
    changed = {p for p in _files(sample_workspace) if before.get(p) != p.read_bytes()}
    assert changed == {store.files[first].path}
    assert WorkspaceStore.open(sample_workspace).objectives[first].title == "A renamed objective"


def test_cache_is_kept_outside_the_workspace(sample_workspace: Path) -> None:
    before = _files(sample_workspace)
    _warm(sample_workspace)
    assert _files(sample_workspace) == before
    path = cache_file(sample_workspace.resolve())
    assert path is not None
    assert path.is_file()
    assert sample_workspace.resolve() not in path.parents


def test_empty_cache_setting_turns_caching_off(
    sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    oid, _old, new = _stale(sample_workspace)
    monkeypatch.setenv("OKRTUI_CACHE_DIR", "")
    assert _outline_title(sample_workspace, oid) == new
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    store.load_all()
    assert not store.remember_outlines()


@pytest.mark.parametrize(
    "junk",
    [
        b"",
        b"{not json",
        b'{"format": 1}',
        b"[1, 2]",
        b'{"format":1,"okrtui":"0.1.0","root":"x","files":{"a":[1]}}',
    ],
)
def test_an_unusable_cache_is_ignored(sample_workspace: Path, junk: bytes) -> None:
    oid, _old, new = _stale(sample_workspace)
    path = cache_file(sample_workspace.resolve())
    assert path is not None
    path.write_bytes(junk)
    assert _outline_title(sample_workspace, oid) == new
    assert not WorkspaceStore.open(sample_workspace, lazy=True).errors


def test_a_cache_row_with_wrong_types_is_ignored(sample_workspace: Path) -> None:
    oid, _old, new = _stale(sample_workspace)
    path = cache_file(sample_workspace.resolve())
    assert path is not None
    text = path.read_text(encoding="utf-8")
    assert ",null," in text
    path.write_text(text.replace(",null,", ",7,", 1), encoding="utf-8")
    assert _outline_title(sample_workspace, oid) == new


def test_a_file_whose_head_does_not_read_is_read_at_once(sample_workspace: Path) -> None:
    path = next((sample_workspace / "objectives").rglob("*.toml"))
    path.write_text("id = \n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    assert path in store.broken  # reported at once, with its line
    assert store.broken[path][0].line == 1


def test_a_file_broken_below_its_head_is_found_when_read(sample_workspace: Path) -> None:
    path = next((sample_workspace / "objectives").rglob("*.toml"))
    path.write_text(path.read_text(encoding="utf-8") + "\n[oops\n", encoding="utf-8")
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    assert path.stem in store.objectives
    assert not store.broken
    store.load_all()
    assert path.stem not in store.objectives
    assert path in store.broken


UNUSUAL = 'id = "unusual"\ntitle = "An unusual file"\ncycle = "2026-Q4"\n'
KEY_RESULT = '\n[[key_results]]\nid = "kr"\ntitle = "Reach 100 signups"\n'


@pytest.mark.parametrize(
    "text",
    [
        UNUSUAL + 'description = """Two lines,\n[the second looks like a table]"""\n' + KEY_RESULT,
        UNUSUAL + "key_results = []\n",
        UNUSUAL + KEY_RESULT + KEY_RESULT.replace('"kr"', '"kr-2"'),
        UNUSUAL + 'title = "twice"\n',
        UNUSUAL + 'level = "galaxy"\n',
        UNUSUAL.replace('"unusual"', '"not-the-file-name"'),
    ],
)
def test_an_unusual_file_never_gets_a_wrong_outline(sample_workspace: Path, text: str) -> None:
    path = sample_workspace / "objectives" / "2026-Q4" / "unusual.toml"
    path.write_text(text, encoding="utf-8")
    eager = WorkspaceStore.open(sample_workspace)
    lazy = WorkspaceStore.open(sample_workspace, lazy=True)
    loaded = eager.objectives.get("unusual")
    if loaded is None:  # not a valid objective: the lazy store says so too (at once or on reading)
        lazy.load_all()
        assert path in lazy.broken
        assert lazy.outline("unusual") is None
    else:
        assert lazy.outline("unusual") == Outline.of(loaded)
        lazy.load_all()
        assert lazy.objectives["unusual"] == loaded


def test_key_results_written_inline_are_counted(tmp_path: Path) -> None:
    from okrtui.store import init_workspace
    from okrtui.store.outline import scan_outline

    root = init_workspace(tmp_path / "ws", today=dt.date(2026, 11, 27))
    path = root / "objectives" / "2026-Q4" / "inline.toml"
    text = 'id = "inline"\ntitle = "Inline"\ncycle = "2026-Q4"\n'
    text += 'key_results = [{id = "a"}, {id = "b"}]\n'
    outline = scan_outline(path, text)
    assert outline is not None
    assert outline.key_results == 2


def test_a_snapshot_reads_everything_and_shares_no_container(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    snapshot = store.snapshot()
    assert store.fully_loaded
    assert snapshot.fully_loaded
    assert list(snapshot.objectives.values()) == list(store.objectives.values())
    first = next(iter(store.objectives))
    del snapshot.objectives[first]
    snapshot.files.clear()
    assert first in store.objectives
    assert store.files


def test_a_deferred_file_deleted_before_it_is_read_is_just_gone(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    oid = next(iter(store.objectives))
    path = sample_workspace / "objectives"
    path = next(p for p in path.rglob(f"{oid}.toml"))
    path.unlink()  # e.g. `git rm` in another terminal during the first second
    assert store.objectives.get(oid) is None
    assert oid not in store.objectives
    assert store.broken == {}
    assert store.errors == []


def test_a_duplicate_of_a_deferred_file_that_broke_wins_as_it_does_eagerly(
    sample_workspace: Path,
) -> None:
    first = next((sample_workspace / "objectives").rglob("*.toml"))
    _warm(sample_workspace)
    stat = first.stat()
    broken = first.read_bytes().replace(b"title", b"t!tle", 1)  # same size, no longer loads
    first.write_bytes(broken)
    os.utime(first, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    rival = sample_workspace / "objectives" / "zz-later" / first.name
    rival.parent.mkdir()
    shutil.copy(first, rival)
    rival.write_bytes(broken.replace(b"t!tle", b"title", 1))  # a valid copy, read eagerly

    def outcome(store: WorkspaceStore) -> tuple[str | None, list[Path]]:
        found = store.objectives.get(first.stem)
        return (found.title if found else None), sorted(store.broken)

    eager = outcome(WorkspaceStore.open(sample_workspace))
    assert eager[1] == [first]
    assert outcome(WorkspaceStore.open(sample_workspace, lazy=True)) == eager


def test_the_cache_holds_what_the_file_says_not_an_unsaved_edit(sample_workspace: Path) -> None:
    store = WorkspaceStore.open(sample_workspace, lazy=True)
    oid = next(iter(store.objectives))
    on_disk = store.objectives[oid].title
    store.objectives[oid].title = "An edit not saved yet"
    store.load_all()
    assert store.remember_outlines()
    again = WorkspaceStore.open(sample_workspace, lazy=True)
    outline = again.outline(oid)
    assert outline is not None
    assert outline.title == on_disk


def test_a_throw_away_copy_neither_reads_nor_writes_the_cache(sample_workspace: Path) -> None:
    oid, _old, new = _stale(sample_workspace)
    store = WorkspaceStore.open(sample_workspace, lazy=True, remember=False)
    outline = store.outline(oid)
    assert outline is not None
    assert outline.title == new
    store.load_all()
    assert not store.remember_outlines()


def test_caches_of_workspaces_unused_for_months_are_deleted(
    sample_workspace: Path, _private_outline_cache: Path
) -> None:
    folder = _private_outline_cache / "outlines"
    folder.mkdir(parents=True)
    old, recent = folder / "old.json", folder / "recent.json"
    for path in (old, recent):
        path.write_text("{}", encoding="utf-8")
    months_ago = time.time() - 100 * 86400
    os.utime(old, (months_ago, months_ago))
    _warm(sample_workspace)
    assert not old.exists()
    assert recent.exists()


def test_problems_are_listed_in_the_order_an_eager_open_finds_them(sample_workspace: Path) -> None:
    paths = sorted((sample_workspace / "objectives").rglob("*.toml"))
    for path in (paths[0], paths[-1]):  # broken below the head: found only when read
        path.write_text(path.read_text(encoding="utf-8") + "\n[oops\n", encoding="utf-8")
    head = paths[len(paths) // 2]  # broken in the head: found at open
    head.write_text("id = \n" + head.read_text(encoding="utf-8"), encoding="utf-8")
    eager = WorkspaceStore.open(sample_workspace)
    lazy = WorkspaceStore.open(sample_workspace, lazy=True)
    lazy.objectives.get(paths[-1].stem)  # the last file first, as a screen might
    list(lazy.objectives.values())
    assert list(lazy.broken) == list(eager.broken)
    assert [e.describe(sample_workspace) for e in lazy.errors] == [
        e.describe(sample_workspace) for e in eager.errors
    ]


# ---- verify_later: the app believes the cache for its first frame, then checks every stamp


def _newer(root: Path, oid: str) -> Path:
    path = next((root / "objectives").rglob(f"{oid}.toml"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    return path


def test_verify_later_believes_the_cache_until_the_stamps_are_checked(
    sample_workspace: Path,
) -> None:
    oid, old, new = _stale(sample_workspace)
    _newer(sample_workspace, oid)  # a checking open would scan it again (test above)
    store = WorkspaceStore.open(sample_workspace, lazy=True, verify_later=True)
    outline = store.outline(oid)
    assert outline is not None
    assert outline.title == old  # believed: no stat before the first frame
    deferred = store.objectives.deferred
    assert store.verify_outlines() == [oid]
    outline = store.outline(oid)
    assert outline is not None
    assert outline.title == new  # scanned again from its head ...
    assert store.objectives.deferred == deferred  # ... not read in full
    assert store.files == {}
    assert store.verify_outlines() == []  # once is enough
    store.load_all()
    assert store.objectives[oid].title == new


def test_verify_later_changes_nothing_for_unchanged_files(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    eager = WorkspaceStore.open(sample_workspace)
    store = WorkspaceStore.open(sample_workspace, lazy=True, verify_later=True)
    assert store.verify_outlines() == []
    assert store.outlines() == [Outline.of(o) for o in eager.objectives.values()]
    assert store.files == {}


def test_verify_later_reads_a_changed_file_whose_head_no_longer_reads(
    sample_workspace: Path,
) -> None:
    _warm(sample_workspace)
    path = next((sample_workspace / "objectives").rglob("*.toml"))
    path.write_text("id = \n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    store = WorkspaceStore.open(sample_workspace, lazy=True, verify_later=True)
    assert path.stem in store.objectives  # believed for the first frame
    assert not store.broken
    assert store.verify_outlines() == [path.stem]
    assert path.stem not in store.objectives
    assert store.broken[path][0].line == 1  # reported with its line, as a checking open does
    assert path.read_text(encoding="utf-8").startswith("id = \n")  # never written


def test_verify_later_drops_a_file_deleted_before_the_check(sample_workspace: Path) -> None:
    _warm(sample_workspace)
    store = WorkspaceStore.open(sample_workspace, lazy=True, verify_later=True)
    oid = next(iter(store.objectives))
    next((sample_workspace / "objectives").rglob(f"{oid}.toml")).unlink()
    assert store.verify_outlines() == [oid]
    assert oid not in store.objectives
    assert store.broken == {}


def test_verify_later_leaves_files_read_since_alone(sample_workspace: Path) -> None:
    oid, _old, new = _stale(sample_workspace)
    store = WorkspaceStore.open(sample_workspace, lazy=True, verify_later=True)
    assert store.objectives[oid].title == new  # read in full: the file is the truth now
    assert oid not in store.verify_outlines()


def test_a_cache_whose_arrays_differ_in_length_is_ignored(sample_workspace: Path) -> None:
    import json

    oid, _old, new = _stale(sample_workspace)
    path = cache_file(sample_workspace.resolve())
    assert path is not None
    data = json.loads(path.read_text(encoding="utf-8"))
    data["title"].pop()
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _outline_title(sample_workspace, oid) == new
