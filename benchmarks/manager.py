"""Side-by-side timings for issue 13: the report against merely reading the CSV, and Dask.

(c) ``timescale report`` with the JSON summary only, against
    ``pyarrow.csv.read_csv`` merely reading the same CSV (every column as
    text, as the report reads it). Both are timed as whole processes, so
    each pays for starting Python and importing what it needs; the ratio
    is the figure the issue sets a goal for (within 3x).
(d) The Dask recipe of docs/report.md, as written, on the same CSV with
    the processes scheduler and 2 workers, the same with the threads
    scheduler, and the plain command doing the same job (measure, per-row
    Parquet, table summary per team): in turn, ``--repeat`` rounds, best of
    each (``--dask-docs FILE`` runs the recipe of another version of
    report.md, e.g. from ``git show REV:docs/report.md``). And, to show what
    each scheduler costs before any measuring, Dask merely reading the CSV
    and counting the rows of each partition, under each scheduler: with
    ``dd.read_csv`` (as the earlier recipe read) and in byte ranges read
    where they are (as the recipe reads now).

Run through ``benchmarks/run.py`` (``--skip-manager`` leaves these out), or
alone: ``python benchmarks/manager.py [--before-src DIR]``, where DIR is the
``src`` folder of another version of the package (with its ``grammar`` folder
beside it, e.g. from ``git archive``): the bare read, that version's report
and this one's are then timed in turn, best of 3, side by side.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

READ_ONLY = """
import sys
import pyarrow as pa
import pyarrow.csv as pa_csv

path = sys.argv[1]
with open(path, encoding="utf-8-sig") as handle:
    names = handle.readline().strip().replace('"', "").split(",")
pa_csv.read_csv(
    path,
    read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1),
    parse_options=pa_csv.ParseOptions(newlines_in_values=True),
    convert_options=pa_csv.ConvertOptions(column_types={n: pa.large_string() for n in names}),
)
"""


def _timed(command: list[str], cwd: Path | None = None, src: Path = ROOT / "src") -> float:
    return _timed_with_cpu(command, cwd, src)[0]


def _timed_with_cpu(
    command: list[str], cwd: Path | None = None, src: Path = ROOT / "src"
) -> tuple[float, float]:
    """Wall seconds, and CPU seconds (user and system, the command's processes and
    their children: Dask's workers count too)."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _best(repeat: int, command: list[str], cwd: Path | None = None) -> float:
    return min(_timed(command, cwd) for _ in range(repeat))


def read_versus_report(events: Path, ruleset: Path, work: Path, repeat: int) -> dict[str, object]:
    read = _best(repeat, [sys.executable, "-c", READ_ONLY, str(events)])
    report = _best(
        repeat,
        [
            sys.executable, "-m", "timescale_dsl.cli", "report", str(ruleset), str(events),
            "--as-of", "2026-03-31", "--format", "json", "-o", str(work / "summary.json"),
            "--no-progress",
        ],
    )  # fmt: skip
    return {
        "pyarrow_read_csv_seconds": round(read, 2),
        "report_json_summary_seconds": round(report, 2),
        "report_over_read": round(report / read, 2),
        "load_average_after": round(os.getloadavg()[0], 1),
        "goal_report_over_read_at_most": 3,
        "best_of": repeat,
    }


def dask_recipe(docs: Path = ROOT / "docs" / "report.md") -> str:
    text = docs.read_text(encoding="utf-8")
    for block in re.findall(r"```python\n(.*?)```", text, flags=re.S):
        if block.startswith("# measure_with_dask.py"):
            return str(block)
    raise SystemExit("no Dask recipe in docs/report.md")


DASK_READ_ONLY = """
import sys

import dask
import dask.dataframe as dd

if __name__ == "__main__":
    with dask.config.set(scheduler=sys.argv[2], num_workers=2):
        events = dd.read_csv(
            sys.argv[1], dtype=str, keep_default_na=False, engine="pyarrow", dtype_backend="pyarrow"
        )
        events.map_partitions(len).compute()
"""


DASK_RANGES_READ_ONLY = """
import sys

import dask
import dask.dataframe as dd
import pandas as pd

from timescale_dsl.reporting.distributed import csv_ranges, read_range


def count(part):
    return pd.DataFrame({"rows": [read_range(part)[0].num_rows]})


if __name__ == "__main__":
    fork = {"multiprocessing.context": "fork"}
    with dask.config.set(fork, scheduler=sys.argv[2], num_workers=2, chunksize=1):
        meta = pd.DataFrame({"rows": pd.Series([], dtype="int64")})
        dd.from_map(count, csv_ranges(sys.argv[1], parts=2), meta=meta).compute()
"""


def dask_read_only(events: Path) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        found: dict[str, object] = {}
        for how, text in (("read_csv", DASK_READ_ONLY), ("ranges", DASK_RANGES_READ_ONLY)):
            script = Path(folder) / f"read_with_dask_{how}.py"
            script.write_text(text)
            for scheduler in ("threads", "processes"):
                seconds = _timed([sys.executable, str(script), str(events.resolve()), scheduler])
                found[f"dask_{how}_and_count_{scheduler}_seconds"] = round(seconds, 2)
    return {**found, "load_average_after": round(os.getloadavg()[0], 1)}


def dask_versus_plain(
    events: Path, ruleset: Path, repeat: int = 1, docs: Path = ROOT / "docs" / "report.md"
) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "events-1.csv").symlink_to(events.resolve())
        (work / "rulesets").mkdir()
        (work / "rulesets" / "lcs-liquidlogic.timescales").symlink_to(ruleset.resolve())
        recipe = dask_recipe(docs)
        (work / "measure_with_dask.py").write_text(recipe)
        # The recipe's other scheduler, everything else as written.
        threads = recipe.replace('scheduler="processes"', 'scheduler="threads"')
        (work / "measure_with_dask_threads.py").write_text(threads)
        plain = [
            sys.executable, "-m", "timescale_dsl.cli", "report",
            "rulesets/lcs-liquidlogic.timescales", "events-1.csv", "--as-of", "2026-03-31",
            "--by", "team", "--rows-out", "rows-plain.parquet", "--no-progress",
        ]  # fmt: skip
        runs: dict[str, list[float]] = {"processes": [], "threads": [], "plain": []}
        cpu: dict[str, list[float]] = {"processes": [], "threads": [], "plain": []}
        commands = {
            "plain": plain,
            "processes": [sys.executable, "measure_with_dask.py"],
            "threads": [sys.executable, "measure_with_dask_threads.py"],
        }
        for _ in range(repeat):  # in turn, so that each meets the machine's load alike
            for name, command in commands.items():
                wall, used = _timed_with_cpu(command, work)
                runs[name].append(wall)
                cpu[name].append(used)
    best = {name: min(found) for name, found in runs.items()}
    return {
        "job": "measure, per-row Parquet, table summary per team",
        "recipe_from": str(docs),
        "dask_processes_2_workers_seconds": round(best["processes"], 2),
        "dask_threads_2_workers_seconds": round(best["threads"], 2),
        "plain_command_seconds": round(best["plain"], 2),
        "dask_over_plain": round(best["processes"] / best["plain"], 2),
        "dask_threads_over_plain": round(best["threads"] / best["plain"], 2),
        "runs_seconds": {name: [round(t, 2) for t in found] for name, found in runs.items()},
        "least_cpu_seconds": {name: round(min(found), 2) for name, found in cpu.items()},
        "best_of": repeat,
        "load_average_after": round(os.getloadavg()[0], 1),
    }


def side_by_side(events: Path, ruleset: Path, before: Path, repeat: int) -> dict[str, object]:
    """The bare read (twice), another version's report and this one's, in turn: best of
    ``repeat`` rounds, and medians."""
    report = [
        sys.executable, "-m", "timescale_dsl.cli", "report", str(ruleset), str(events),
        "--as-of", "2026-03-31", "--format", "json", "-o", os.devnull, "--no-progress",
    ]  # fmt: skip
    times: dict[str, list[float]] = {"read": [], "before": [], "now": []}
    for _ in range(repeat):
        # Twice: a read right after a report pays for the memory the report left behind
        # (pyarrow's allocator faults it in again); one right after a read does not.
        for _ in range(2):
            times["read"].append(_timed([sys.executable, "-c", READ_ONLY, str(events)]))
        times["before"].append(_timed(report, src=before))
        times["now"].append(_timed(report))
    best = {name: min(found) for name, found in times.items()}
    middle = {name: statistics.median(found) for name, found in times.items()}
    return {
        "pyarrow_read_csv_seconds": round(best["read"], 2),
        "report_before_seconds": round(best["before"], 2),
        "report_now_seconds": round(best["now"], 2),
        "before_over_read": round(best["before"] / best["read"], 2),
        "now_over_read": round(best["now"] / best["read"], 2),
        "medians_seconds": {name: round(value, 2) for name, value in middle.items()},
        "now_over_read_medians": round(middle["now"] / middle["read"], 2),
        "runs_seconds": {name: [round(t, 2) for t in found] for name, found in times.items()},
        "load_average_after": round(os.getloadavg()[0], 1),
        "best_of": repeat,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=Path, default=ROOT / "benchmarks/data/lcs-1000000.csv")
    parser.add_argument(
        "--ruleset", type=Path, default=ROOT / "rulesets/lcs-liquidlogic.timescales"
    )
    parser.add_argument("--before-src", type=Path, help="another version's src folder")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dask-docs", type=Path, default=ROOT / "docs" / "report.md")
    parser.add_argument("--only-dask", action="store_true", help="part (d) alone")
    args = parser.parse_args()
    if not args.events.exists():
        raise SystemExit(f"{args.events}: make it first with benchmarks/run.py")
    # Timed as installed: pip compiles a package's bytecode when it installs it, while a
    # source folder (PYTHONDONTWRITEBYTECODE set, as on some machines) is compiled anew
    # by every run. numpy, pandas and pyarrow are installed, so the bare read pays nothing.
    for src in (ROOT / "src", args.before_src):
        if src is not None:
            compileall.compile_dir(src, quiet=1)
    if args.before_src is not None:
        found = side_by_side(args.events, args.ruleset, args.before_src, args.repeat)
        print(json.dumps({"side_by_side": found}, indent=2))
        return
    dask = {
        "dask_versus_plain": dask_versus_plain(
            args.events, args.ruleset, args.repeat, args.dask_docs
        ),
        "dask_read_only": dask_read_only(args.events),
    }
    if args.only_dask:
        print(json.dumps(dask, indent=2))
        return
    with tempfile.TemporaryDirectory() as folder:
        result = {
            "report_versus_read": read_versus_report(
                args.events, args.ruleset, Path(folder), args.repeat
            ),
            **dask,
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
