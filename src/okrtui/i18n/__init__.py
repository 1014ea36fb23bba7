"""One translation function for every user-facing string.

Strings are marked with `_()` (gettext style) everywhere from the start. The
catalogs live in `okrtui/i18n/locale/<lang>/LC_MESSAGES/okrtui.mo`; with no
catalog for a language the English text is shown as written.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "okrtui"
LOCALE_DIR = Path(__file__).parent / "locale"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def set_language(language: str) -> None:
    """Switch every later `_()` call to `language` (falls back to English)."""
    global _translation, _language
    _language = language
    _translation = gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True
    )


def language() -> str:
    return _language


def _(message: str) -> str:
    """Translate `message` into the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


__all__ = ["_", "language", "ngettext", "set_language"]
