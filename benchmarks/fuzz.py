"""A long fuzz run of the fuzz suite (tests/fuzz) for maintainers; prints one JSON object.

    python benchmarks/fuzz.py                   # 2,000 examples a property
    python benchmarks/fuzz.py --examples 20000  # before a release

Runs the same Hypothesis properties as CI, with ``TIMESCALE_FUZZ_EXAMPLES``
set to the count asked for and a fresh random seed, and reports the wall
time, the examples run and whether any property failed (pytest's output is
kept in ``--log``). Figures go in docs/security.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROPERTIES = 4  # the tests in tests/fuzz


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="examples per property")
    parser.add_argument("--log", default="fuzz.log", help="pytest's output (default fuzz.log)")
    args = parser.parse_args()
    env = dict(os.environ, TIMESCALE_FUZZ_EXAMPLES=str(args.examples))
    env.pop("HYPOTHESIS_PROFILE", None)  # random, not the derandomized CI profile
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/fuzz"]
    started = time.perf_counter()
    with open(args.log, "w", encoding="utf-8") as log:
        status = subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "examples_per_property": args.examples,
                "properties": PROPERTIES,
                "examples": args.examples * PROPERTIES,
                "seconds": round(seconds, 1),
                "failed": status.returncode != 0,
                "log": args.log,
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
            },
            indent=2,
        )
    )
    return status.returncode


if __name__ == "__main__":
    sys.exit(main())
