"""Objective files read for `okrtui check`: the model's own validation, without its hooks.

Validating one objective file makes about 80 model instances, and pydantic
calls back into Python for each: `model_post_init` (which shares one
fields-set per class and one object per check-in date, to keep the app's
memory small), the control-character validators of every text field, and
`SmartChecklist()` for every checklist a file leaves out (five answers each).
Those calls were two thirds of the validation's time. The check only reads
each objective once, judges it and lets it go, so here:

- `model_post_init` is left out (the values are the same; only their sharing
  differs);
- a checklist, metric or answer a file leaves out is one blank instance made
  once and shared by every objective read here: these objectives are read,
  never edited or saved;
- the text validators are left out only for a file whose text cannot give a
  string anything they refuse: no control character but line feeds, no
  U+2028/U+2029, no backslash (so no escape) and no multi-line string (so no
  line break inside a value). Any other file keeps them.

The validator is pydantic's own core schema of `Objective` with those nodes
taken out, so every type, constraint and other validator is the model's. A
file that does not validate here, or whose id is not its file name, is read
again by `store.workspace.objective_from_text`, so its problems are reported
exactly as before; one that does gives an objective equal to the model's
(`tests/services/test_check_reader.py`). If pydantic's schema ever has a shape
this module does not expect, it falls back to the model's validator.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import SchemaValidator, ValidationError

from okrtui.model import Objective
from okrtui.model.text import check_multi_line, check_one_line
from okrtui.store.toml_io import TomlSyntaxError, parse_toml
from okrtui.store.workspace import LoadResult, objective_from_text

_TEXT_VALIDATORS = (check_one_line, check_multi_line)

_CONTROL = re.compile("[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f\u2028\u2029]")
"""A character a text field refuses (all but the line feed, which only a multi-line
string or an escape can put into a value), as itself in the file."""


_SPECIAL = re.compile(
    "[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\\\\]"
)
"""A control character, a bidi control, or a backslash (which starts any escape)."""


def is_plain(text: str) -> bool:
    """True when the TOML `text` holds no control character but line feeds, no bidi
    control, no escape and no multi-line string: then no string value in it holds a
    character a text field refuses, nor one `okrtui check` warns about (W001). One pass
    over the file answers both (the usual case), where each alone was a pass."""
    return '"""' not in text and "'''" not in text and _SPECIAL.search(text) is None


def _may_hold_refused(text: str) -> bool:
    """True unless no string value of the TOML `text` can hold a character a field refuses."""
    # an escape or a multi-line string first: substring tests cost less than the class
    return "\\" in text or '"""' in text or "'''" in text or _CONTROL.search(text) is not None


def _shared_blank(factory: type[BaseModel]) -> Callable[[], BaseModel]:
    blank = factory()
    return lambda: blank


def _without_hooks(node: Any, models: set[type[BaseModel]], keep_text: bool) -> Any:
    """A copy of a core schema without post-init calls (and text validators, unless kept)."""
    if isinstance(node, list):
        return [_without_hooks(item, models, keep_text) for item in node]
    if not isinstance(node, dict):
        return node
    kind = node.get("type")
    if (
        not keep_text
        and kind == "function-after"
        and node["function"].get("function") in _TEXT_VALIDATORS
    ):
        return _without_hooks(node["schema"], models, keep_text)
    copy: dict[str, Any] = {}
    for key, value in node.items():
        if kind == "model" and key == "post_init":
            continue
        if kind == "model" and key == "cls":
            models.add(value)
            copy[key] = value
        elif key == "default_factory" and isinstance(value, type) and issubclass(value, BaseModel):
            copy[key] = _shared_blank(value)
        elif key in ("function", "cls", "ref", "default_factory"):
            copy[key] = value
        else:
            copy[key] = _without_hooks(value, models, keep_text)
    return copy


def _build(keep_text: bool) -> SchemaValidator | None:
    models: set[type[BaseModel]] = set()
    schema = _without_hooks(Objective.__pydantic_core_schema__, models, keep_text)
    if Objective not in models:
        return None
    # pydantic-core reuses a complete model's own validator for its schema node (and so
    # its hooks); marked incomplete while this one is built, each node is built as given
    # (process-wide: built once, by the `okrtui check` command, before any other thread)
    flag = "__pydantic_complete__"
    complete = {model: model.__dict__[flag] for model in models if flag in model.__dict__}
    try:
        for model in models:
            type.__setattr__(model, flag, False)
        return SchemaValidator(schema)
    except Exception:  # an unexpected schema: the model's validator serves
        return None
    finally:
        for model in models:  # as it was: its own flag again, or the inherited one
            if model in complete:
                type.__setattr__(model, flag, complete[model])
            else:
                type.__delattr__(model, flag)


_validators: dict[bool, SchemaValidator | None] = {}


def _validator(keep_text: bool) -> SchemaValidator | None:
    if keep_text not in _validators:
        _validators[keep_text] = _build(keep_text)
    return _validators[keep_text]


def prepare() -> None:
    """Build both validators now (before forking workers, so each worker has them)."""
    _validator(True)
    _validator(False)


def read_objective(path: Path, text: str, *, plain: bool = False) -> LoadResult:
    """`objective_from_text(path, text)`, faster; the objective is for reading only.

    `plain` is `is_plain(text)`, when the caller has asked already.
    """
    validator = _validator(keep_text=not plain and _may_hold_refused(text))
    if validator is None:
        return objective_from_text(path, text)
    try:
        objective = validator.validate_python(parse_toml(text))
    except (TomlSyntaxError, ValidationError):
        return objective_from_text(path, text)  # worded and placed by the store
    if not isinstance(objective, Objective) or objective.id != path.stem:
        return objective_from_text(path, text)
    return LoadResult(objective, [])
