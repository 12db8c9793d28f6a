"""How many examples a fuzz property runs: the Hypothesis profile's, or TIMESCALE_FUZZ_EXAMPLES."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

from hypothesis import HealthCheck, settings

Test = TypeVar("Test", bound=Callable[..., None])


def fuzz_settings(test: Test) -> Test:
    """The profile's (bounded) example count, or TIMESCALE_FUZZ_EXAMPLES for a long run."""
    examples = os.environ.get("TIMESCALE_FUZZ_EXAMPLES")
    if examples is None:
        return test
    long_run = settings(
        max_examples=int(examples),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    return long_run(test)
