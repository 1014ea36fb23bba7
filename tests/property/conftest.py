"""Hypothesis profiles: bounded runs so the suite stays fast.

`HYPOTHESIS_PROFILE=ci` tries more examples; the default keeps `make test` quick.
Deadlines are off: a loaded machine must not turn a slow example into a failure.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
