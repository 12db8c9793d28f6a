"""The slow paths issue 10 named, timed after the fix; prints one JSON object.

    python benchmarks/hardening.py

(a) ``timescale check`` of a statement whose task holds one 1 MB word
    (was over 30 s: every word edit-distance-compared with every keyword);
(b) a statement of 10,000 ``then within`` steps: parsed, then evaluated
    with 6 projected due dates (was 10 s);
(c) a rule file of 2,001 rules each counting from the next (``[r1]`` from
    ``[r2]`` ...), checked: refused with TS133 (was a RecursionError);
(d) ``closed 0001-01-01 to 9999-12-31``, checked and loaded: refused with
    TS132 (load took 4 s and 190 MB before failing with OverflowError);
(e) a task of 16,000 ``by the x`` (and of ``at the x``) before its timescale,
    checked: each "by"/"at" looks ahead for a timescale no further than 200
    characters (unbounded, 4,000 of them took 6 s, growing with the square);
(f) broken lines of 16,000 ``or sooner`` and of 16,000 ``1 a``, checked: a
    broken line's task is taken from its first 64 words, and a count looks for
    a task name's ':' no further than 200 characters (4,000 of each took 3.8 s
    and 0.26 s, growing with the square).

Each figure is the best of ``--repeat`` runs, in seconds. These measure;
nothing here is a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import time
from collections.abc import Callable

from timescale_dsl import RulesetError, check_ruleset_text, parse_rule, parse_ruleset


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return round(min(times), 3)


def refused(text: str) -> None:
    try:
        parse_ruleset(text)
    except RulesetError:
        return
    raise AssertionError("expected the text to be refused")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    long_word = "A " + "b" * 1_000_000 + " within 1 day of referral\n"
    steps = "A within 1 day of x" + ", then within 1 day" * 10_000
    chain = "\n".join(
        [f"[r{i}] A{i} within 1 day of [r{i + 1}]" for i in range(2000)]
        + ["[r2000] Z within 1 working day of x", ""]
    )
    closure = "closed 0001-01-01 to 9999-12-31\nA within 1 day of x\n"
    by_the = "Visit " + "by the x " * 16_000 + "within 5 days of referral\n"
    at_the = "Visit " + "at the x " * 16_000 + "within 5 days of referral\n"
    or_sooner = "Visit " + "or sooner " * 16_000 + "within 5 days of referral\n"
    counts = "Visit " + "1 a " * 16_000 + "within 5 days of referral\n"

    def then_within() -> None:
        parse_rule(steps).deadline({"x": dt.date(2026, 1, 5)})

    figures = {
        "check_1mb_word_s": best(lambda: check_ruleset_text(long_word), repeat),
        "then_within_10000_compile_and_due_s": best(then_within, repeat),
        "reference_chain_2001_check_s": best(lambda: check_ruleset_text(chain), repeat),
        "closure_year_1_to_9999_check_s": best(lambda: check_ruleset_text(closure), repeat),
        "closure_year_1_to_9999_load_s": best(lambda: refused(closure), repeat),
        "by_the_16000_check_s": best(lambda: check_ruleset_text(by_the), repeat),
        "at_the_16000_check_s": best(lambda: check_ruleset_text(at_the), repeat),
        "or_sooner_16000_check_s": best(lambda: check_ruleset_text(or_sooner), repeat),
        "counts_16000_check_s": best(lambda: check_ruleset_text(counts), repeat),
        "python": platform.python_version(),
        "repeat": repeat,
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
