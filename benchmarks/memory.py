"""The report's memory settings against the libraries' own defaults, side by side.

``timescale report`` puts Arrow on the system allocator and leaves numpy's
huge-page requests on, its default (``reporting/memory.py``), unless the
environment names Arrow's setting. This runs the same report (JSON summary
of the 1M-row CSV, or the per-row Parquet job with ``--rows-out``) as whole
processes in turn under four settings, ``--repeat`` rounds, and prints each
run's wall, user and system seconds and the best wall time of each setting:

* ``report``: as the command sets them;
* ``libraries``: Arrow on mimalloc, numpy asking for huge pages (the defaults);
* ``no huge pages``: numpy's requests off as well (as the command once did);
* ``neither``: numpy's requests off, Arrow on mimalloc.

Usage: ``python benchmarks/memory.py [--events PATH] [--repeat N] [--rows-out]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS: dict[str, dict[str, str]] = {
    "report": {},
    "libraries": {"ARROW_DEFAULT_MEMORY_POOL": "mimalloc"},
    "no huge pages": {"NUMPY_MADVISE_HUGEPAGE": "0"},
    "neither": {"NUMPY_MADVISE_HUGEPAGE": "0", "ARROW_DEFAULT_MEMORY_POOL": "mimalloc"},
}


def _run(command: list[str], extra: dict[str, str]) -> tuple[float, float, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **extra}
    for name in ("NUMPY_MADVISE_HUGEPAGE", "ARROW_DEFAULT_MEMORY_POOL"):
        if name not in extra:
            env.pop(name, None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=Path, default=ROOT / "benchmarks/data/lcs-1000000.csv")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rows-out", action="store_true", help="the per-row Parquet job")
    args = parser.parse_args()
    if not args.events.exists():
        raise SystemExit(f"{args.events}: make it first with benchmarks/run.py")
    runs: dict[str, list[list[float]]] = {name: [] for name in SETTINGS}
    with tempfile.TemporaryDirectory() as folder:
        command = [
            sys.executable, "-m", "timescale_dsl.cli", "report",
            str(ROOT / "rulesets/lcs-liquidlogic.timescales"), str(args.events),
            "--as-of", "2026-03-31", "--no-progress",
        ]  # fmt: skip
        if args.rows_out:
            command += ["--by", "team", "--rows-out", str(Path(folder) / "rows.parquet")]
        else:
            command += ["--format", "json", "-o", str(Path(folder) / "summary.json")]
        for _ in range(args.repeat):
            for name, extra in SETTINGS.items():
                runs[name].append([round(x, 2) for x in _run(command, extra)])
    result = {
        "job": "per-row Parquet, --by team" if args.rows_out else "JSON summary",
        "runs_wall_user_system_seconds": runs,
        "best_wall_seconds": {name: min(r[0] for r in found) for name, found in runs.items()},
        "load_average_after": round(os.getloadavg()[0], 1),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
