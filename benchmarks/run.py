"""Benchmarks of the batch API and the report command; prints one JSON object.

    python benchmarks/run.py                 # everything (about a minute on 2 cores)
    python benchmarks/run.py --skip-report   # only the deadline figures

(a) 1,000,000 working-day deadlines ("within 10 working days of referral",
    England and Wales) from the same dates: the batch API
    (``evaluate_rule``) against ``numpy.busday_offset`` with the same
    holidays (given as a ``numpy.busdaycalendar``, its fastest form), and
    against a per-row loop of the scalar API (``Rule.deadline``). The
    scalar loop is timed on a sample of the rows (``--scalar-sample``) and
    scaled to the full count; the JSON says so. Each fast timing is the
    best of ``--repeat`` runs.
(b) ``timescale report`` end to end on a 1,000,000-row synthetic CSV for the
    LCS ruleset (made with ``timescale sample-data``, not timed): wall
    seconds and the peak resident memory of the report process.
(c), (d) the report against merely reading the CSV, and the Dask recipe
    against the plain command: see ``benchmarks/manager.py``.

These measure; nothing here is a test, and nothing fails on a slow machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from timescale_dsl import england_and_wales, parse_rule
from timescale_dsl.engine.arithmetic import working_day_index
from timescale_dsl.reporting import BatchFacts, Moments, evaluate_rule

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STATEMENT = "Record within 10 working days of referral"


def _best(repeat: int, run: object) -> float:
    assert callable(run)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def deadlines(rows: int, scalar_sample: int, repeat: int, seed: int) -> dict[str, object]:
    calendar = england_and_wales()
    rule = parse_rule(STATEMENT, calendar)
    rng = np.random.default_rng(seed)
    days = np.datetime64("1995-01-01") + rng.integers(0, 365 * 34, rows).astype("timedelta64[D]")
    facts = BatchFacts(rows, {"referral": Moments.of_days(days)})
    holidays = np.array([d for d, _ in calendar.holidays], dtype="datetime64[D]")
    busdays = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    working_day_index(calendar)  # built once per calendar and cached; not timed

    batch_result = evaluate_rule(rule, facts)
    numpy_result = np.busday_offset(days, 10, roll="backward", busdaycal=busdays)
    assert not batch_result.problems.any
    assert (batch_result.due.days == numpy_result).all(), "batch and numpy disagree"

    batch = _best(repeat, lambda: evaluate_rule(rule, facts))
    numpy_time = _best(
        repeat, lambda: np.busday_offset(days, 10, roll="backward", busdaycal=busdays)
    )
    index = working_day_index(calendar)
    index_time = _best(repeat, lambda: index.after_array(days, 10))

    sample = [d.item() for d in days[:scalar_sample]]
    start = time.perf_counter()
    scalar_dues = [rule.deadline({"referral": d}, projection=0).due for d in sample]
    scalar_sample_time = time.perf_counter() - start
    assert scalar_dues == [d.item() for d in numpy_result[:scalar_sample]]
    scalar_time = scalar_sample_time * rows / len(sample)
    return {
        "rows": rows,
        "statement": STATEMENT,
        "batch_seconds": round(batch, 4),
        "numpy_busday_offset_seconds": round(numpy_time, 4),
        "working_day_index_after_array_seconds": round(index_time, 4),
        "batch_over_numpy": round(batch / numpy_time, 3),
        "goal_batch_over_numpy_at_most": 1.5,
        "scalar_loop_rows_timed": len(sample),
        "scalar_loop_seconds_for_all_rows": round(scalar_time, 2),
        "scalar_loop_extrapolated": len(sample) < rows,
        "speedup_over_scalar_loop": round(scalar_time / batch, 1),
        "goal_speedup_at_least": 50,
    }


def report(rows: int, seed: int, ruleset: Path, data: Path) -> dict[str, object]:
    data.mkdir(parents=True, exist_ok=True)
    events = data / f"lcs-{rows}.csv"
    if not events.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "timescale_dsl.cli",
                "sample-data",
                str(ruleset),
                "--rows",
                str(rows),
                "--seed",
                str(seed),
                "-o",
                str(events),
            ],
            check=True,
        )
    command = [
        sys.executable,
        "-m",
        "timescale_dsl.cli",
        "report",
        str(ruleset),
        str(events),
        "--as-of",
        "2026-03-31",
        "--format",
        "json",
        "-o",
        str(data / "summary.json"),
        "--rows-out",
        str(data / "rows.parquet"),
        "--no-progress",
    ]
    start = time.perf_counter()
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"report failed with status {status}")
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    summary = json.loads((data / "summary.json").read_text())
    return {
        "rows": rows,
        "csv_megabytes": round(events.stat().st_size / 2**20, 1),
        "command": " ".join(["timescale", *command[3:]]),
        "wall_seconds": round(wall, 2),
        "peak_memory_megabytes": round(peak / 2**20, 1),
        "goal_wall_seconds_under": 20,
        "goal_peak_memory_megabytes_under": 1536,
        "rows_evaluated": summary["rows_evaluated"],
        "rows_rejected": summary["rows_rejected"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--scalar-sample", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--ruleset", type=Path, default=ROOT / "rulesets/lcs-liquidlogic.timescales"
    )
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--skip-report", action="store_true")
    parser.add_argument("--skip-manager", action="store_true", help="leave out (c) and (d)")
    args = parser.parse_args()
    result: dict[str, object] = {
        "date": dt.date.today().isoformat(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "numpy": np.__version__,
            "platform": platform.platform(),
        },
        "deadlines": deadlines(args.rows, args.scalar_sample, args.repeat, args.seed),
    }
    if not args.skip_report:
        result["report"] = report(args.rows, args.seed, args.ruleset, args.data)
    if not args.skip_report and not args.skip_manager:
        from manager import dask_read_only, dask_versus_plain, read_versus_report

        events = args.data / f"lcs-{args.rows}.csv"
        result["report_versus_read"] = read_versus_report(events, args.ruleset, args.data, 3)
        result["dask_versus_plain"] = dask_versus_plain(events, args.ruleset)
        result["dask_read_only"] = dask_read_only(events)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
