"""argparse in the interface's language, and usage errors as one line.

argparse words its own text ("usage: ", "options", "show this help message
and exit", its error messages) through module globals `argparse._` and
`argparse.ngettext` (gettext domain 'argparse', Python 3.11). `translate_argparse`
points them at our catalog, which carries argparse's own msgids (listed below
so Babel extracts them), so `okrtui --lang fa check --help` is Persian
throughout. `Parser.error` prints one line and a hint instead of argparse's
usage block. Imports no more than argparse and `okrtui.i18n` (fast start).
"""

from __future__ import annotations

import argparse
from typing import NoReturn

from okrtui.i18n import N_, _, ngettext

#: argparse's own messages a user can meet, as its msgids (Python 3.11's
#: Lib/argparse.py); our catalog translates them.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
)


def _argparse_gettext(message: str) -> str:
    return _(message)


def translate_argparse() -> None:
    """Make argparse word its text in the current language (call before building parsers)."""
    setattr(argparse, "_", _argparse_gettext)  # noqa: B010 -- argparse reads its module global
    setattr(argparse, "ngettext", ngettext)  # noqa: B010


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line and a pointer to --help."""

    def error(self, message: str) -> NoReturn:
        line = _("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message}
        hint = _("Run '{prog} --help' to see its options.").format(prog=self.prog)
        from okrtui.model.text import printable  # the models load with a command, not here

        self.exit(2, printable(line.rstrip("\n")) + "\n" + hint + "\n")


def parser(**kwargs: object) -> Parser:
    """A `Parser` that words argparse's own text in the interface's language."""
    translate_argparse()
    return Parser(**kwargs)  # type: ignore[arg-type]


__all__ = ["ARGPARSE_MESSAGES", "Parser", "parser", "translate_argparse"]
