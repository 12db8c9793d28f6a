"""Scalar (one deadline per call) speed, and load_ruleset warm; prints one JSON object.

    python benchmarks/scalar.py            # needs the `bench` extra for workalendar

For a "within 15 working days of referral" deadline, per call:

* ``Rule.deadline(facts, explain=False)``, and with its explanation;
* ``numpy.busday_offset`` called once per date with the same conversion a
  caller does (``datetime.date`` -> ``datetime64`` and back), the same
  England and Wales holidays as a ``numpy.busdaycalendar``;
* workalendar's ``UnitedKingdom().add_working_days`` as a peer library.

Each figure is the median of ``--repeat`` rounds, each round timing every
candidate in turn over the same ``--calls`` dates (spread over 2026-2027).
Also ``load_ruleset`` of the larger bundled ruleset, warm (after one call
in the same process), median of ``--loads`` calls. Nothing here is a test;
nothing fails on a slow machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import time
from collections.abc import Callable

import numpy as np

from timescale_dsl import bundled_rulesets, england_and_wales, load_ruleset, parse_rule

STATEMENT = "Record within 15 working days of referral"


def per_call(
    functions: dict[str, tuple[Callable[[dt.date], object], list[dt.date]]], repeat: int
) -> dict[str, float]:
    """Median microseconds per call of each function over ``repeat`` rounds.

    Each round times every function once, in turn, so that a busy spell on a
    shared machine slows all of them rather than one.
    """
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeat):
        for name, (function, dates) in functions.items():
            start = time.perf_counter()
            for day in dates:
                function(day)
            times[name].append((time.perf_counter() - start) / len(dates) * 1e6)
    return {name: statistics.median(found) for name, found in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--loads", type=int, default=20)
    args = parser.parse_args()

    first = dt.date(2026, 1, 1)
    dates = [first + dt.timedelta(days=i % 700) for i in range(args.calls)]
    calendar = england_and_wales()
    rule = parse_rule(STATEMENT, calendar)

    holidays = np.array([d for d, _ in calendar.holidays if d.weekday() < 5], dtype="datetime64[D]")
    busdays = np.busdaycalendar(weekmask="1111100", holidays=holidays)

    def with_numpy(day: dt.date) -> dt.date:
        # "Within 15 working days of" a date: the 15th working day after it.
        result: dt.date = np.busday_offset(
            np.datetime64(day, "D"), 15, roll="forward", busdaycal=busdays
        ).item()
        return result

    # A non-working anchor rolls forward first in numpy, so compare on working-day anchors.
    for day in dates:
        if calendar.is_working_day(day):
            assert rule.deadline({"referral": day}).due == with_numpy(day), day

    figures: dict[str, object] = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "calls": args.calls,
        "statement": STATEMENT,
    }
    timed: dict[str, tuple[Callable[[dt.date], object], list[dt.date]]] = {
        "deadline_explain_false_us": (
            lambda d: rule.deadline({"referral": d}, explain=False),
            dates,
        ),
        "numpy_busday_offset_us": (with_numpy, dates),
        "deadline_explained_us": (lambda d: rule.deadline({"referral": d}), dates),
    }
    try:
        from workalendar.europe import UnitedKingdom
    except ImportError:
        figures["workalendar_us"] = None
    else:
        peer = UnitedKingdom()
        peer.add_working_days(first, 15)  # its holiday cache, warm as ours is
        timed["workalendar_us"] = (
            lambda d: peer.add_working_days(d, 15),
            dates[: max(args.calls // 10, 1)],
        )
    figures.update(per_call(timed, args.repeat))
    figures["ratio_to_numpy"] = round(
        float(figures["deadline_explain_false_us"]) / float(figures["numpy_busday_offset_us"]), 2
    )

    larger = max(bundled_rulesets(), key=lambda name: len(load_ruleset(name)))
    load_ruleset(larger)
    loads = []
    for _ in range(args.loads):
        start = time.perf_counter()
        load_ruleset(larger)
        loads.append((time.perf_counter() - start) * 1e3)
    figures["load_ruleset"] = larger
    figures["load_ruleset_warm_ms"] = round(statistics.median(loads), 2)
    for key, value in figures.items():
        if isinstance(value, float):
            figures[key] = round(value, 2)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
