"""The Persian catalog covers every marked string, and the shipped .mo is compiled from it."""

from __future__ import annotations

import gettext
import importlib.util
import sys
from pathlib import Path

import pytest

from okrtui.i18n import LOCALE_DIR, N_, _, set_language

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "i18n_catalog", ROOT / "tools" / "i18n_catalog.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["i18n_catalog"] = module
    spec.loader.exec_module(module)
    return module


def test_every_marked_string_has_a_persian_translation(tool) -> None:  # type: ignore[no-untyped-def]
    catalog = tool.read_catalog()
    marked = tool.extract()
    missing = sorted(
        str(m.id)
        for m in marked
        if m.id and (m.id not in catalog or not _translated(catalog[m.id]))
    )
    assert not missing, (
        "no Persian translation (run `make catalog`, then translate):\n" + "\n".join(missing)
    )


def _translated(message) -> bool:  # type: ignore[no-untyped-def]
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return not message.fuzzy and all(strings)


def test_the_catalog_has_no_stale_entries(tool) -> None:  # type: ignore[no-untyped-def]
    marked = {m.id for m in tool.extract() if m.id}
    stale = sorted(str(m.id) for m in tool.read_catalog() if m.id and m.id not in marked)
    assert not stale, "strings no longer in the code (run `make catalog`):\n" + "\n".join(stale)


def test_the_shipped_mo_is_compiled_from_the_po(tool) -> None:  # type: ignore[no-untyped-def]
    assert tool.MO.read_bytes() == tool.compiled(), "the .mo differs from the .po: `make catalog`"


def test_placeholders_survive_translation(tool) -> None:  # type: ignore[no-untyped-def]
    import re

    field = re.compile(r"\{[a-z_]*\}|%[sd]")
    wrong = []
    for message in tool.read_catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(field.findall(ids[-1]))
        for text in strings:
            if text and set(field.findall(text)) != wanted:
                wrong.append(f"{ids[0]!r} -> {text!r}")
    assert not wrong, "\n".join(wrong)


def test_persian_is_read_from_the_package() -> None:
    assert gettext.find("okrtui", localedir=LOCALE_DIR, languages=["fa"]) is not None
    set_language("fa")
    assert _("Save") != "Save"
    assert _("") == ""  # never the catalog's header
    set_language("en")
    assert _("Save") == "Save"


def test_n_marks_without_translating() -> None:
    set_language("fa")
    assert N_("Save") == "Save"
    assert _(N_("Save")) != "Save"
