"""Hypothesis profiles: modest example counts so the suite stays quick on two cores.

Choose one with ``HYPOTHESIS_PROFILE=ci`` (or ``--hypothesis-profile=ci``):

* ``dev`` (default): 50 examples a property, no deadline (the machine is shared).
* ``ci``: the same, derandomized so a run is reproducible, with the failing blob printed.
* ``thorough``: 1,000 examples a property, for a long run before a release.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "dev", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
