"""Keep the Persian catalog in step with the code: `make catalog` runs this.

    python tools/i18n_catalog.py update    # add new marked strings to the .po (untranslated)
    python tools/i18n_catalog.py compile   # write the .mo the wheel ships
    python tools/i18n_catalog.py missing   # list marked strings with no translation

Babel's Python extractor finds every `_()`, `N_()`, `ngettext()` and `nformat()` with a
literal argument; it is a dev/test dependency only (the app reads the .mo
with the standard library's gettext).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "okrtui"
PO = SOURCE / "i18n" / "locale" / "fa" / "LC_MESSAGES" / "okrtui.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "nformat": (1, 2)}


def extract() -> Catalog:
    """Every marked string in the package, with where it is used."""
    template = Catalog(project="okrtui", fuzzy=False)
    for filename, lineno, message, _comments, _context in extract_from_dir(
        SOURCE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    ):
        template.add(message, locations=[(filename, lineno)])
    return template


def read_catalog() -> Catalog:
    with PO.open("rb") as handle:
        return read_po(handle, locale="fa")


def update() -> int:
    catalog = read_catalog()
    dates = catalog.creation_date, catalog.revision_date
    catalog.update(extract(), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    # Stable output for git: no dates that change on every run, no line numbers
    # that change with every edit, messages sorted so new ones merge in place.
    catalog.creation_date, catalog.revision_date = dates
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=100, no_location=True, sort_output=True)
    missing = untranslated(catalog)
    print(f"{PO.relative_to(ROOT)}: {len(catalog)} messages, {len(missing)} untranslated")
    return 0


def compiled(catalog: Catalog | None = None) -> bytes:
    """The .mo bytes for the .po as it is now."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog or read_catalog(), use_fuzzy=False)
    return buffer.getvalue()


def compile_mo() -> int:
    MO.write_bytes(compiled())
    print(f"wrote {MO.relative_to(ROOT)}")
    return 0


def untranslated(catalog: Catalog) -> list[str]:
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def missing() -> int:
    rows = untranslated(read_catalog())
    for row in rows:
        print(row)
    return 1 if rows else 0


def main(argv: list[str]) -> int:
    commands = {"update": update, "compile": compile_mo, "missing": missing}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
