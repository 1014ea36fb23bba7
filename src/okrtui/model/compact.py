"""A pydantic base that keeps each instance small: tens of thousands are held at once.

A workspace of 10,000 objectives holds about 400,000 check-ins and as many
SMART answers. Pydantic gives every instance its own `__pydantic_fields_set__`
(the fields given at construction), a set of 200-700 bytes: for a check-in
more than the rest of it together. okrtui never asks which fields were given
(it never dumps with `exclude_unset`), so every instance of a class shares one
set naming all its fields: as if every field had been given, which is also
what a canonical file holds. Adding a name to it on assignment changes nothing,
and copies (`model_copy`) get a set of their own, as pydantic makes them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel


class CompactModel(BaseModel):
    """A `BaseModel` whose instances share one fields-set per class (see the module)."""

    _all_fields: ClassVar[dict[type[BaseModel], set[str]]] = {}

    def model_post_init(self, context: Any, /) -> None:
        cls = type(self)
        shared = CompactModel._all_fields.get(cls)
        if shared is None:
            shared = CompactModel._all_fields.setdefault(cls, set(cls.model_fields))
        object.__setattr__(self, "__pydantic_fields_set__", shared)
