"""The canonical writer never emits text a standard TOML parser rejects.

Strings and keys are tested through `dumps_canonical` directly, with every
Unicode category (lone surrogates aside: UTF-8 cannot hold them), controls,
quotes, backslashes, bidi controls and very long strings, whether or not the
model accepts them in a field.
"""

from __future__ import annotations

import tomllib
from typing import Any

import rtoml
from hypothesis import example, given
from hypothesis import strategies as st

from okrtui.store.toml_io import dumps_canonical
from tests.property.strategies import text

long_text = st.builds(lambda s, n: s * n, text.filter(bool), st.integers(1, 3000))


def both_parsers_read(data: dict[str, Any]) -> None:
    rendered = dumps_canonical(data)
    assert tomllib.loads(rendered) == data
    assert rtoml.loads(rendered) == data
    assert dumps_canonical(tomllib.loads(rendered)) == rendered


@given(key=text, value=text)
@example(key="", value="\x00")
@example(key="a.b", value='"""')
@example(key="\u202e", value="line\r\nnext\\")
def test_any_key_and_value(key: str, value: str) -> None:
    if value:  # empty strings are left out, by design
        both_parsers_read({key: value})


@given(value=st.lists(text, min_size=2, max_size=4).map("\n".join))
@example(value="\n")
@example(value="\nstarts with a newline")
@example(value='ends with a quote"\n"')
@example(value="a\r\nb\n\\")
def test_multi_line_strings(value: str) -> None:
    both_parsers_read({"description": value})


@given(value=long_text)
def test_very_long_strings(value: str) -> None:
    both_parsers_read({"note": value})


@given(values=st.lists(text.filter(bool), min_size=1, max_size=5), key=text)
def test_strings_in_arrays_and_inline_tables(values: list[str], key: str) -> None:
    both_parsers_read(
        {
            "tags": values,
            "checkins": [{"note": v, key or "k": v} for v in values],
            "table": {key: values[0]},
        }
    )
