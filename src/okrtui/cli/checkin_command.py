"""`okrtui checkin OBJECTIVE_ID/KR_ID VALUE`: record a check-in from a script or cron job.

The same rules as the app's check-in dialog (`services.checkins.add_checkin`:
no future dates, confidence 0..1, a percent within 0..100 unless its start or
target lies outside, one check-in a day), the same canonical
write and the same no-clobber rule. Persian digits are read everywhere, and
`--date` in the workspace's calendar (Jalali where the workspace uses it).
Exits 1 with one line on bad input, starting with the field it is about
(`value:`, `--date:`, `--confidence:`, `--note:`, `--author:`). Never imports
Textual.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math

from pydantic import ValidationError

from okrtui.cli.console import (
    echo,
    fail,
    open_store,
    save_objectives,
    unreadable_objectives,
)
from okrtui.i18n import _, digits
from okrtui.services.checkins import CheckInError, add_checkin, check_value
from okrtui.services.export_tables import csv_number
from okrtui.services.import_checkins import parse_day, split_key_result
from okrtui.services.import_values import parse_number
from okrtui.store.git import default_author


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("key_result", metavar="OBJECTIVE_ID/KR_ID", help=_("the key result"))
    parser.add_argument("value", help=_("the measured value (Persian digits welcome)"))
    parser.add_argument("--confidence", help=_("0.0 to 1.0"))
    parser.add_argument("--note", default="", help=_("a short note"))
    parser.add_argument("--date", help=_("YYYY-MM-DD in the workspace's calendar (default: today)"))
    parser.add_argument("--author", help=_("who measured it (default: git user.name)"))
    parser.add_argument("--workspace", "-w", default=".", help=_("workspace folder"))


FIELDS = {
    "value": "value",
    "confidence": "--confidence",
    "note": "--note",
    "author": "--author",
    "date": "--date",
}
"""How each check-in field is named on the command line, for messages."""


def _field(name: str, message: str) -> int:
    """Fail with one line that starts with the field it is about."""
    return fail(f"{FIELDS.get(name, name)}: {message}")


def run(args: argparse.Namespace) -> int:
    try:
        objective_id, kr_id = split_key_result(args.key_result)
    except ValueError as exc:
        return fail(str(exc))
    try:
        value = parse_number(args.value)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        return _field("value", _("{text!r} is not a number").format(text=args.value))
    confidence = None
    if args.confidence is not None:
        try:
            confidence = parse_number(args.confidence)
        except ValueError:
            return _field("confidence", _("{text!r} is not a number").format(text=args.confidence))
        if not 0.0 <= confidence <= 1.0:
            return _field(
                "confidence",
                _("{text} is not between 0 and 1, e.g. 0.7").format(text=args.confidence.strip()),
            )
    store = open_store(args.workspace)
    if store is None:
        return 1
    today = dt.date.today()
    day = None
    if args.date is not None:
        try:
            day = parse_day(args.date, store.settings.calendar)
        except ValueError as exc:
            return _field("date", str(exc))
        if day > today:
            return _field("date", _("{text} is in the future").format(text=args.date.strip()))
    original = store.objectives.get(objective_id)
    if original is None:
        return fail(
            unreadable_objectives(store).get(objective_id)
            or _("no objective {id!r} in this workspace").format(id=objective_id)
        )
    objective = original.model_copy(deep=True)
    kr = objective.key_result(kr_id)
    if kr is None:
        return fail(
            _("objective {objective!r} has no key result {id!r}").format(
                objective=objective_id, id=kr_id
            )
        )
    try:
        check_value(kr, value)
    except CheckInError as exc:
        return _field("value", str(exc))
    author = args.author if args.author is not None else default_author(store.root)
    replaces = any(c.date == (day or today) for c in kr.checkins)
    try:
        checkin = add_checkin(
            kr,
            value,
            author=author.strip(),
            today=today,
            date=day,
            confidence=confidence,
            note=args.note.strip(),
        )
    except CheckInError as exc:
        return fail(str(exc))
    except ValidationError as exc:
        error = exc.errors()[0]
        where = str(error["loc"][-1]) if error["loc"] else ""
        if where == "value":  # the model's bound: within ±10^15
            return _field("value", _("{text} is too large a number").format(text=args.value))
        return _field(where, str(error["msg"]).removeprefix("Value error, "))
    problem = save_objectives(store, [objective])
    if problem is not None:
        return fail(problem)
    said = (
        _("{key}: {value} on {date} (replaces that day's check-in)")
        if replaces
        else _("{key}: {value} on {date}")
    )
    value_text = csv_number(checkin.value)  # 10400, not 10400.0
    echo(
        said.format(
            key=args.key_result, value=digits(value_text), date=digits(checkin.date.isoformat())
        )
    )
    return 0
