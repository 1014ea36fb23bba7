"""Every test docs/reliability.md names as proof exists (the document cannot drift)."""

from __future__ import annotations

import re

from tests.conftest import REPO_ROOT

DOC = REPO_ROOT / "docs" / "reliability.md"


def test_every_named_test_exists() -> None:
    text = DOC.read_text("utf-8")
    named: list[tuple[str, str]] = []
    for match in re.finditer(r"`(tests/[\w/]+\.py)((?:::\w+)?)`((?:,\s*`::\w+`)*)", text):
        path, first, more = match[1], match[2], match[3]
        names = [first] if first else []
        names += re.findall(r"`(::\w+)`", more)
        named += [(path, name.removeprefix("::")) for name in names] or [(path, "")]
    assert len(named) > 25
    for path, name in named:
        source = (REPO_ROOT / path).read_text("utf-8")
        if name:
            assert re.search(rf"^(async )?def {name}\(", source, re.M), f"{path}::{name}"
