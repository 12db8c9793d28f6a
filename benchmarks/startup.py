"""How fast `timescale check` starts, beside the time to import its dependencies.

    python benchmarks/startup.py              # 15 runs of each command; prints JSON
    python benchmarks/startup.py --runs 30

(a) Start-up, measured side by side: each round runs, in turn,
      python -c "import lark, attrs, dateutil.relativedelta, holidays, numpy"
      timescale check rulesets/
    as fresh processes, so both see the same machine load; the figure is the
    median wall time of each over all rounds, and their ratio (goal: at most 1.5).
    Two warm-up rounds come first (untimed): they fill the operating system's
    file cache, the parser-table cache and Python's bytecode cache, as any run
    after the first finds them. Both commands run with Python's bytecode cache
    on, as on a user's machine (pip byte-compiles what it installs; Python
    writes the bytecode of anything else on its first import): into a private
    temporary folder (PYTHONPYCACHEPREFIX), so that nothing is written into
    the source tree or site-packages, and with PYTHONDONTWRITEBYTECODE cleared
    (a development environment may set it, which makes every run compile the
    library's source again while the dependencies' bytecode was compiled by
    pip). For reference, the check is timed too with the parser-table cache
    turned off (TIMESCALE_DSL_CACHE_DIR=""), and in the caller's own
    environment unchanged (with PYTHONDONTWRITEBYTECODE=1 there, compiling
    the library's source on every run).
(b) `load_ruleset` of the larger bundled ruleset in one process, once warm
    (after a first load): the median over --loads loads (goal: under 50 ms);
    and, beside it, `parse_ruleset` of a text the process has not seen before
    (the file plus a different comment each time), which parses from scratch.

Wall and CPU (user + system) times are both given: on a shared machine the
CPU time is the steadier figure.

These measure; nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULESETS = ROOT / "rulesets"
LARGER = max(RULESETS.glob("*.timescales"), key=lambda p: p.stat().st_size)
IMPORTS = "import lark, attrs, dateutil.relativedelta, holidays, numpy"


def _check_command() -> list[str]:
    """The installed console script beside this Python, else the module."""
    script = Path(sys.executable).with_name("timescale")
    if script.exists():
        return [str(script), "check", str(RULESETS)]
    found = shutil.which("timescale")
    if found:
        return [found, "check", str(RULESETS)]
    return [sys.executable, "-m", "timescale_dsl.cli", "check", str(RULESETS)]


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _with_bytecode(env: dict[str, str], folder: str) -> dict[str, str]:
    """``env`` with Python's bytecode cache on, kept in ``folder``."""
    kept = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**kept, "PYTHONPYCACHEPREFIX": folder}


def startup(runs: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="timescale-startup-bytecode-") as folder:
        return _startup(runs, folder)


def _startup(runs: int, bytecode_folder: str) -> dict[str, object]:
    caller = dict(os.environ)
    env = _with_bytecode(caller, bytecode_folder)
    no_cache = {**env, "TIMESCALE_DSL_CACHE_DIR": ""}
    commands = {
        "import_dependencies": ([sys.executable, "-c", IMPORTS], env),
        "timescale_check": (_check_command(), env),
        "timescale_check_without_table_cache": (_check_command(), no_cache),
        "timescale_check_in_caller_environment": (_check_command(), caller),
    }
    for _ in range(2):
        for command, command_env in commands.values():
            _run(command, command_env)
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, command_env) in commands.items():
            seconds, cpu_seconds = _run(command, command_env)
            wall[name].append(seconds)
            cpu[name].append(cpu_seconds)
    median_wall = {name: statistics.median(values) for name, values in wall.items()}
    median_cpu = {name: statistics.median(values) for name, values in cpu.items()}
    return {
        "runs": runs,
        "check_command": " ".join(commands["timescale_check"][0]),
        "caller_sets_pythondontwritebytecode": bool(caller.get("PYTHONDONTWRITEBYTECODE")),
        "median_wall_seconds": {name: round(value, 3) for name, value in median_wall.items()},
        "median_cpu_seconds": {name: round(value, 3) for name, value in median_cpu.items()},
        "check_over_imports_wall": round(
            median_wall["timescale_check"] / median_wall["import_dependencies"], 2
        ),
        "check_over_imports_cpu": round(
            median_cpu["timescale_check"] / median_cpu["import_dependencies"], 2
        ),
        "goal_check_over_imports": 1.5,
        "wall_spread_seconds": {
            name: [round(min(values), 3), round(max(values), 3)] for name, values in wall.items()
        },
    }


def _median_ms(loads: int, run: Callable[[int], object]) -> dict[str, float]:
    wall, cpu = [], []
    for number in range(loads):
        start, start_cpu = time.perf_counter(), time.process_time()
        run(number)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {
        "median_wall_milliseconds": round(statistics.median(wall) * 1000, 1),
        "median_cpu_milliseconds": round(statistics.median(cpu) * 1000, 1),
    }


def warm_load(loads: int) -> dict[str, object]:
    from timescale_dsl import load_ruleset, parse_ruleset

    ruleset = load_ruleset(LARGER)
    text = LARGER.read_text(encoding="utf-8")
    return {
        "ruleset": LARGER.name,
        "rules": len(ruleset),
        "lines": text.count("\n"),
        "loads": loads,
        # The same file again: read, checked (a text seen before is not parsed
        # again) and bound to its calendar.
        "load_ruleset_same_file": _median_ms(loads, lambda _: load_ruleset(LARGER)),
        # A text this process has not seen (a comment added each time): the
        # whole parse, validation and compilation.
        "parse_ruleset_new_text": _median_ms(
            loads, lambda n: parse_ruleset(f"{text}\n# edit {n}\n", str(LARGER))
        ),
        "goal_milliseconds": 50,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="rounds of the side-by-side runs")
    parser.add_argument("--loads", type=int, default=30, help="warm loads of the larger ruleset")
    args = parser.parse_args()
    result = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "startup": startup(args.runs),
        "warm_load": warm_load(args.loads),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
