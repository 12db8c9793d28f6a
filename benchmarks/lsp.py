"""How long the language server's work takes on the bundled rulesets; prints one JSON object.

    python benchmarks/lsp.py            # about half a minute on 2 cores
    python benchmarks/lsp.py --repeat 3

For each ruleset: the check behind diagnostics (``check_document``, what runs
after each pause in typing), the analysis behind hover and navigation (the
lenient parse and the index), compiling the rules for examples, a hover with
worked examples on every rule (mean and slowest), a completion at the end of
the last rule, the outline and formatting. Each figure is the median of
``--repeat`` runs, done in-process (no protocol round trip). A figure the
author waits for after typing is the check (or analysis) plus the 0.3 s pause.

These measure; nothing here is a test, and nothing fails on a slow machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from timescale_dsl.lsp.analysis import Analysis
from timescale_dsl.lsp.checks import check_document
from timescale_dsl.lsp.completion import complete
from timescale_dsl.lsp.formatting import format_document
from timescale_dsl.lsp.hover import bound_ruleset, hover
from timescale_dsl.lsp.navigation import outline
from timescale_dsl.lsp.text import Pos

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DAY = dt.date(2026, 12, 18)


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 4)


def measure(path: Path, repeat: int) -> dict[str, object]:
    source = path.read_text(encoding="utf-8")
    analysis = Analysis(source, str(path))
    ruleset = bound_ruleset(analysis)
    hovers = []
    for entry in analysis.rules:
        start = time.perf_counter()
        hover(analysis, entry.name_range.start, ruleset, EXAMPLE_DAY)
        hovers.append(time.perf_counter() - start)
    typing = source + "[new] Notes within 2 days of "
    typed = Analysis(typing, str(path))
    end = Pos(len(typed.text.lines) - 1, len(typed.text.lines[-1]))
    return {
        "lines": source.count("\n"),
        "rules": len(analysis.rules),
        "check_seconds": median_seconds(lambda: check_document(source, str(path)), repeat),
        "analysis_seconds": median_seconds(lambda: Analysis(source, str(path)), repeat),
        "bind_seconds": median_seconds(lambda: bound_ruleset(analysis), repeat),
        "hover_mean_seconds": round(statistics.mean(hovers), 4),
        "hover_slowest_seconds": round(max(hovers), 4),
        "completion_seconds": median_seconds(lambda: complete(typed, end), repeat),
        "outline_seconds": median_seconds(lambda: outline(analysis), repeat),
        "formatting_seconds": median_seconds(
            lambda: format_document(analysis.text, str(path)), repeat
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    result = {
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "rulesets": {
            path.name: measure(path, args.repeat)
            for path in sorted((ROOT / "rulesets").glob("*.timescales"))
        },
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
