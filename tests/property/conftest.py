"""Hypothesis profiles: bounded runs so the suite stays fast.

CI (which sets `CI=true`) tries more examples; a local run keeps `make test`
quick. `HYPOTHESIS_PROFILE` chooses either by name.
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
_on_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if _on_ci else "default"))
