"""Identifiers that double as file and folder names.

Ids come from user data and end up in paths, so they are restricted to a
small, safe alphabet: nothing read from a file can point outside the
workspace.
"""

from __future__ import annotations

import re
import unicodedata

SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
CYCLE_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,30}[A-Za-z0-9])?$"

_SLUG_RE = re.compile(SLUG_PATTERN)
_CYCLE_RE = re.compile(CYCLE_PATTERN)


def is_slug(value: str) -> bool:
    """True when `value` is a valid objective or key-result id."""
    return bool(_SLUG_RE.match(value))


def is_cycle_name(value: str) -> bool:
    """True when `value` is a valid cycle name (also a folder name)."""
    return bool(_CYCLE_RE.match(value)) and ".." not in value


def slugify(text: str, *, fallback: str = "objective", taken: set[str] | None = None) -> str:
    """Turn a title into a unique slug.

    Latin text is transliterated to ASCII; text with no Latin letters (a
    Persian title, say) falls back to `fallback`. A numeric suffix keeps the
    slug unique among `taken`.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].strip("-")
    if not base:
        base = fallback
    taken = taken or set()
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate
