"""One translation function for every user-facing string.

Strings are marked with `_()` (gettext style) everywhere from the start. The
catalogs live in `okrtui/i18n/locale/<lang>/LC_MESSAGES/okrtui.mo`; with no
catalog for a language the English text is shown as written.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "okrtui"
LOCALE_DIR = Path(__file__).parent / "locale"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_requested: str | None = None
LANGUAGES = ("en", "fa")


def set_language(language: str) -> None:
    """Switch every later `_()` call to `language` (falls back to English)."""
    global _translation, _language
    _language = language
    _translation = gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True
    )


def language() -> str:
    return _language


def request_language(language: str | None) -> None:
    """The language asked for on the command line (`--lang`); it beats every other source."""
    global _requested
    _requested = language


def requested_language() -> str | None:
    return _requested


def workspace_locale(settings: object) -> str | None:
    """The workspace's `locale` when its okrtui.toml sets one, else None."""
    fields_set: set[str] = getattr(settings, "model_fields_set", set())
    locale = getattr(settings, "locale", None)
    return str(getattr(locale, "value", locale)) if "locale" in fields_set else None


def choose_language(
    workspace_locale: str | None = None, environ: Mapping[str, str] | None = None
) -> str:
    """`--lang`, else the workspace's `locale`, else LC_ALL/LC_MESSAGES/LANG, else English."""
    if _requested in LANGUAGES:
        return _requested
    if workspace_locale in LANGUAGES:
        return workspace_locale
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:  # the first one set decides, as in POSIX
            code = value.split(".")[0].split("_")[0].split("@")[0].lower()
            return code if code in LANGUAGES else "en"
    return "en"


def _(message: str) -> str:
    """Translate `message` into the current language."""
    if not message:
        return message  # gettext("") is the catalog's header, never a message
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it yet.

    For text fixed at import (binding descriptions, field labels, option
    names): the code that shows it passes it through `_()` then, so the
    language can still be chosen after start-up.
    """
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def digits(text: str, language: str | None = None) -> str:
    """`text` with its ASCII digits written as the interface writes them (Persian: ۰–۹)."""
    return text.translate(_PERSIAN_DIGITS) if (language or _language) == "fa" else text


def local_number(text: str) -> str:
    """A number written `1,234.5`, as the interface writes it: Persian `۱٬۲۳۴٫۵`."""
    if _language != "fa":
        return text
    return digits(text.replace(",", "٬").replace(".", "٫"))


def count(n: int) -> str:
    """A whole number for a message, in the interface's digits: 1,234 or ۱٬۲۳۴.

    Every number formatted into a translated message passes here (or
    `nformat`, or the UI's `format_number`), so a Persian sentence never
    shows ASCII digits.
    """
    return local_number(f"{n:,}")


def nformat(singular: str, plural: str, n: int, **values: object) -> str:
    """`ngettext` for `n`, with `{n}` filled in as `count(n)` and the other `values` as given."""
    return ngettext(singular, plural, n).format(n=count(n), **values)


__all__ = [
    "LANGUAGES",
    "N_",
    "_",
    "choose_language",
    "count",
    "digits",
    "language",
    "local_number",
    "nformat",
    "ngettext",
    "request_language",
    "requested_language",
    "set_language",
    "workspace_locale",
]
