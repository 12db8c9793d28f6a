"""What the bank-holiday cache saves: building a UK calendar, and the 1M-row report.

    python benchmarks/calendar_cache.py                 # both parts; prints JSON
    python benchmarks/calendar_cache.py --skip-report   # (a) only, in seconds
    python benchmarks/calendar_cache.py --runs 15 --repeat 3

(a) ``england_and_wales()`` in a new process, cold (the cache turned off,
    TIMESCALE_DSL_CACHE_DIR="": the `holidays` package imported and asked for
    1990-2100, as every process did before the cache), first (the list
    deleted from the cache folder before the run: generated, then saved) and
    cached (read from the folder). Each round runs the three, in turn, as
    fresh processes; the process times the build alone (the library
    already imported), and the figure is the median over the rounds, with
    whether `holidays` was imported.
(b) ``timescale report`` of the 1M-row CSV (JSON summary only, the command of
    benchmarks/manager.py's report_versus_read), with the bank-holiday lists
    cached and without them (the same cache folder, its parser tables kept
    but its bank-holiday lists deleted before each run, so the report
    generates and saves them as a first run does), beside
    ``pyarrow.csv.read_csv`` merely reading the same CSV; the three run in
    turn, best of --repeat, as manager.py counts. Turning the whole cache off
    (TIMESCALE_DSL_CACHE_DIR="") would time the parser tables' build too.
    Make the CSV first with benchmarks/run.py.

These measure; nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from manager import READ_ONLY

ROOT = Path(__file__).resolve().parent.parent

BUILD = """
import sys, time
from timescale_dsl.calendars import england_and_wales
start = time.perf_counter()
england_and_wales()
print(time.perf_counter() - start, "holidays" in sys.modules)
"""


def _env(cache: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TIMESCALE_DSL_CACHE_DIR": cache}


def _build(cache: str) -> tuple[float, bool]:
    """Seconds to build the calendar in a new process, and whether `holidays` was imported."""
    found = subprocess.run(
        [sys.executable, "-c", BUILD], env=_env(cache), check=True, capture_output=True, text=True
    ).stdout.split()
    return float(found[0]), found[1] == "True"


def _forget_holidays(cache: str) -> None:
    """Delete the cached bank-holiday lists, keeping the parser tables."""
    for stored in Path(cache).glob("holidays-*.json"):
        stored.unlink()


def calendar_build(runs: int, folder: Path) -> dict[str, object]:
    cache = str(folder / "cache")
    _build(cache)  # fills the cache
    seconds: dict[str, list[float]] = {"cold": [], "first": [], "cached": []}
    imported: dict[str, set[bool]] = {name: set() for name in seconds}
    for _ in range(runs):
        for name, chosen in (("cold", ""), ("first", cache), ("cached", cache)):
            if name == "first":
                _forget_holidays(cache)
            took, holidays = _build(chosen)
            seconds[name].append(took)
            imported[name].add(holidays)
    median = {name: statistics.median(found) for name, found in seconds.items()}
    return {
        "runs": runs,
        "median_milliseconds": {name: round(value * 1000, 1) for name, value in median.items()},
        "spread_milliseconds": {
            name: [round(min(found) * 1000, 1), round(max(found) * 1000, 1)]
            for name, found in seconds.items()
        },
        "cold_over_cached": round(median["cold"] / median["cached"], 1),
        "holidays_imported": {name: sorted(found) for name, found in imported.items()},
    }


def _timed(command: list[str], cache: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=_env(cache), check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def report(events: Path, ruleset: Path, repeat: int, folder: Path) -> dict[str, object]:
    cache = str(folder / "cache")
    command = [
        sys.executable, "-m", "timescale_dsl.cli", "report", str(ruleset), str(events),
        "--as-of", "2026-03-31", "--format", "json", "-o", str(folder / "summary.json"),
        "--no-progress",
    ]  # fmt: skip
    read = [sys.executable, "-c", READ_ONLY, str(events)]
    _timed(command, cache)  # fills the cache (and the file cache)
    times: dict[str, list[float]] = {"read": [], "cached": [], "without_cache": []}
    for _ in range(repeat):
        times["read"].append(_timed(read, cache))
        times["cached"].append(_timed(command, cache))
        _forget_holidays(cache)
        times["without_cache"].append(_timed(command, cache))
    best = {name: min(found) for name, found in times.items()}
    return {
        "events": str(events.relative_to(ROOT) if events.is_relative_to(ROOT) else events),
        "pyarrow_read_csv_seconds": round(best["read"], 2),
        "report_holidays_cached_seconds": round(best["cached"], 2),
        "report_holidays_generated_seconds": round(best["without_cache"], 2),
        "saved_seconds": round(best["without_cache"] - best["cached"], 2),
        "cached_over_read": round(best["cached"] / best["read"], 2),
        "without_cache_over_read": round(best["without_cache"] / best["read"], 2),
        "load_average_after": round(os.getloadavg()[0], 1),
        "best_of": repeat,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="rounds of (a)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of (b), best taken")
    parser.add_argument("--events", type=Path, default=ROOT / "benchmarks/data/lcs-1000000.csv")
    parser.add_argument(
        "--ruleset", type=Path, default=ROOT / "rulesets/lcs-liquidlogic.timescales"
    )
    parser.add_argument("--skip-report", action="store_true", help="leave out (b)")
    args = parser.parse_args()
    if not args.skip_report and not args.events.exists():
        raise SystemExit(f"{args.events}: make it first with benchmarks/run.py")
    with tempfile.TemporaryDirectory(prefix="timescale-calendar-cache-") as folder:
        result: dict[str, object] = {"calendar_build": calendar_build(args.runs, Path(folder))}
        if not args.skip_report:
            result["report"] = report(args.events, args.ruleset, args.repeat, Path(folder))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
