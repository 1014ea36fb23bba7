"""The locator finds the line (and column) of nested fields in TOML text."""

from __future__ import annotations

import pytest

from okrtui.store.locate import Position, locate, locate_line
from tests.conftest import SAMPLE

OBJECTIVE = """\
id = "x"
title = "T"
description = \"\"\"
[[key_results]]
title = "not a key, text in a string"
\"\"\"
cycle = "2026-Q4"
tags = [
    "seo",
    "content", # a comment
]

[smart.relevant]
done = true
answer = "because"

[[key_results]]
id = "a"
title = "A"
checkins = [
    { date = 2026-10-05, value = 1 },
    { date = 2026-10-12, value = 2, note = "a, b } ] c" },
    { date = 2026-10-19, value = 3 },
]

[key_results.metric]
type = "count"
target = 10

[[key_results]]
id = "b"
title = 'B'
metric.unit = "%"
"odd key" = 1

[key_results.metric]
target = 20

[[key_results.checkins]]
date = 2026-10-05
value = 5

[[key_results.checkins]]
date = 2026-10-12
value = 6

[[key_results]]
id = "c"
title = "C"

[[key_results.checkins]]
date = 2026-11-01
value = 7
"""


def line_of(fragment: str) -> int:
    hits = [n for n, line in enumerate(OBJECTIVE.splitlines(), 1) if line.startswith(fragment)]
    assert len(hits) == 1, fragment
    return hits[0]


@pytest.mark.parametrize(
    ("loc", "line", "column"),
    [
        (("id",), 1, 1),
        (("cycle",), 7, 1),  # a key inside a multi-line string is not a key
        (("tags", 1), 10, 5),
        (("smart", "relevant", "answer"), 15, 1),
        (("key_results", 0), 17, 1),
        (("key_results", 0, "checkins", 2), 23, 5),
        (("key_results", 0, "checkins", 2, "value"), 23, 26),
        (("key_results", 0, "checkins", 1, "note"), 22, 37),
        (("key_results", 0, "metric", "target"), 28, 1),
        (("key_results", 1, "metric", "unit"), 33, 1),  # a dotted key
        (("key_results", 1, "odd key"), 34, 1),  # a quoted key
        (("key_results", 1, "metric", "target"), 37, 1),
        (("key_results", 1, "checkins", 1, "value"), 45, 1),
        (("key_results", 2, "checkins", 0, "value"), 53, 1),  # counted per key result
        (("key_results", 2, "title"), 49, 1),
    ],
)
def test_locate_finds_nested_fields(loc: tuple[str | int, ...], line: int, column: int) -> None:
    assert locate(OBJECTIVE, loc) == Position(line, column)
    assert locate_line(OBJECTIVE, loc) == line


def test_the_table_stands_in_for_a_field_it_lacks() -> None:
    assert locate_line(OBJECTIVE, ("key_results", 2, "metric", "target")) == line_of('id = "c"') - 1
    assert locate_line(OBJECTIVE, ("key_results", 0, "metric", "unit")) == 26
    assert locate_line(OBJECTIVE, ("key_results", 0, "checkins", 0, "confidence")) == 21
    assert locate(OBJECTIVE, ("status",)) == Position(1, 1)  # a missing top-level field
    assert locate(OBJECTIVE, ()) is None


def test_sample_files_with_the_fields_the_store_reports() -> None:
    leader = (SAMPLE / "objectives/2026-Q4/marketing-education-leader.toml").read_text()
    lines = leader.splitlines()
    target = locate_line(leader, ("key_results", 1, "metric", "target"))
    assert target is not None and lines[target - 1] == "target = 1500"
    value = locate(leader, ("key_results", 0, "checkins", 2, "value"))
    assert value is not None
    assert lines[value.line - 1][value.column - 1 :].startswith("value = 42900,")
    note = locate(leader, ("key_results", 1, "checkins", 3, "note"))
    assert note is not None
    assert lines[note.line - 1][note.column - 1 :].startswith('note = "Paid promotion paused"')
    answer = locate_line(leader, ("smart", "relevant", "answer"))
    assert answer is not None and "Education drives" in lines[answer - 1]

    settings = (SAMPLE / "okrtui.toml").read_text()
    end = locate(settings, ("cycles", 1, "end"))
    assert end is not None
    row = settings.splitlines()[end.line - 1]
    assert row.startswith('    { name = "2026-Q4"')
    assert row[end.column - 1 :].startswith("end = 2026-12-31")


def test_text_it_does_not_understand_gives_what_was_seen() -> None:
    text = 'id = "x"\ntitle = "T"\n= broken\nstatus = "y"\n'
    assert locate_line(text, ("title",)) == 2
    assert locate_line(text, ("status",)) == 1
    assert locate_line('a = "unterminated', ("a", "b")) == 1
