"""Fuzzing: mutated bundled rulesets, extreme statements and extreme facts.

Whatever the input, the library answers with a result or one of its own
errors (the :class:`~timescale_dsl.errors.TimescaleError` family); never a
raw Python exception, a RecursionError or a hang. ``check`` and ``load``
agree: a text ``check`` passes loads, and one it fails raises.

The example count is the Hypothesis profile's (bounded, for CI); set
``TIMESCALE_FUZZ_EXAMPLES`` for a longer run, as ``benchmarks/fuzz.py`` does
(figures in docs/security.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timescale_dsl import check_ruleset_text, compile_statement, parse_ruleset
from timescale_dsl.errors import RulesetError, TimescaleError
from timescale_dsl.ruleset import Rule, Ruleset

from .budget import fuzz_settings

ROOT = Path(__file__).resolve().parents[2]
#: Rule lines of a bundled ruleset kept around the mutations (the header is always kept).
WINDOW = 40
BUNDLED = {
    path.name: path.read_text("utf-8") for path in sorted(ROOT.glob("rulesets/*.timescales"))
}


# -- extreme pieces --------------------------------------------------------------------------
extreme_numbers = st.sampled_from(
    ["0", "1", "9999", "10000", "10001", "999999999", "1" + "0" * 30, "9" * 5000, "007"]
)
extreme_dates = st.sampled_from(
    ["0001-01-01", "0001-01-02", "9999-12-31", "9999-12-30", "2026-02-30", "2026-13-01",
     "0000-01-01", "2024-02-29", "2030-12-31", "1990-01-01"]
)  # fmt: skip
extreme_times = st.sampled_from(["00:00", "23:59", "24:00", "09:60", "99:99", "12:00"])
long_words = st.sampled_from(["w" * 1000, " ".join(["word"] * 600), "wihtin", "dayz"])
units = st.sampled_from(
    ["working days", "days", "calendar days", "weeks", "months", "years", "hours",
     "working hours", "hrs", "day", "working day"]
)  # fmt: skip
directions = st.sampled_from(["of", "after", "before", "prior to", "from", "following"])
anchors = st.sampled_from(["event", "the event", "date of birth", "[other]", '"quoted event"'])
ordinals = st.sampled_from(["0th", "1st", "18th", "150th", "151st", "99999999999th"])

fragments = st.one_of(
    extreme_numbers,
    extreme_dates,
    extreme_times,
    long_words,
    units,
    directions,
    anchors,
    ordinals,
    st.sampled_from(
        ["within", "then within", ", then every", "between", "and", "or", "if", "not " * 30,
         " and ".join(["flag"] * 300), " or ".join(["flag"] * 300), ";", "otherwise", ":", "\\\n",
         '"', "[", "]", "(target 5 working days)", "whichever is later", "\x00", "\r", "\t",
         "é", "\u202e", "closed", "office hours", "weekend", "fact", "#"]
    ),
    st.text(max_size=20),
)  # fmt: skip


@st.composite
def mutated_ruleset(draw: st.DrawFn) -> str:
    """Part of a bundled ruleset (its header and a run of rules) with a few lines cut,
    doubled, swapped, truncated or spliced with extremes."""
    text = BUNDLED[draw(st.sampled_from(sorted(BUNDLED)))]
    lines = text.splitlines()
    body = next((i for i, line in enumerate(lines) if line.startswith("section")), len(lines))
    start = draw(st.integers(min_value=body, max_value=max(body, len(lines) - 1)))
    lines = lines[:body] + lines[start : start + WINDOW]
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        kind = draw(st.sampled_from(["splice", "cut", "double", "swap", "truncate", "replace"]))
        line = lines[at]
        if kind == "splice":
            position = draw(st.integers(min_value=0, max_value=len(line)))
            lines[at] = line[:position] + " " + draw(fragments) + " " + line[position:]
        elif kind == "replace":
            words = line.split(" ")
            index = draw(st.integers(min_value=0, max_value=max(len(words) - 1, 0)))
            words[index] = draw(fragments)
            lines[at] = " ".join(words)
        elif kind == "cut":
            del lines[at]
        elif kind == "double":
            lines.insert(at, line)
        elif kind == "swap":
            other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        else:
            lines[at] = line[: draw(st.integers(min_value=0, max_value=len(line)))]
        if not lines:
            lines = [""]
    return "\n".join(lines) + "\n"


@st.composite
def extreme_statement(draw: st.DrawFn) -> str:
    """A statement of the language's forms with extreme counts, names and nesting."""
    count, unit = draw(extreme_numbers), draw(units)
    anchor = draw(anchors)
    form = draw(
        st.sampled_from(
            [
                f"within {count} {unit} {draw(directions)} {anchor}",
                f"{count} {unit} before {anchor}",
                f"between {draw(extreme_numbers)} and {count} {unit} after {anchor}",
                f"by age {count} years and {draw(extreme_numbers)} months",
                f"on the {draw(ordinals)} birthday",
                f"on the day of {anchor}",
                f"within 1 {unit} of {anchor}, then every {count} {unit}",
                f"within 1 day of {anchor}" + ", then within 1 day" * draw(st.integers(0, 300)),
                f"within {count} {unit} of {anchor} (target {draw(extreme_numbers)} {unit})",
                f"within {count} {unit} of {anchor} or within 1 day of {anchor}, whichever is "
                "later",
                f"within {count} {unit} of {anchor}, or the next working day",
                "every " + count + " " + unit,
            ]
        )
    )
    condition = draw(
        st.sampled_from(
            ["", " if flag", " if " + "not " * draw(st.integers(0, 40)) + "flag",
             " if " + " and ".join(["flag"] * draw(st.integers(1, 400))),
             " if kind is high or kind is not low"]
        )
    )  # fmt: skip
    task = draw(st.sampled_from(["Task", "Minutes wihtin", " ".join(["Long"] * 400), '"Q: x"']))
    return f"{task} {form}{condition}"


extreme_moments = st.one_of(
    st.sampled_from(
        [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2026, 3, 29), dt.date(2030, 12, 31),
         dt.datetime(2026, 3, 29, 1, 30), dt.datetime(2026, 10, 25, 1, 30),
         dt.datetime(9999, 12, 31, 23, 59), dt.datetime(1, 1, 1, 0, 0), dt.date(1989, 12, 31)]
    ),
    st.dates(),
    st.datetimes(),
)  # fmt: skip
extreme_values = st.one_of(
    extreme_moments,
    st.sampled_from(["2026-02-30", "9" * 5000, "", "yes", "no", "31/12/9999", "0000-01-01",
                     "2026-03-29T01:30", "true", "high", "\x00"]),
    st.booleans(),
    st.integers(),
    st.none(),
    st.floats(allow_nan=True),
    st.lists(st.integers(), max_size=2),
)  # fmt: skip


def extreme_facts(rule: Rule) -> st.SearchStrategy[dict[str, object]]:
    names = [need.name for need in rule.facts_needed()] + ["event", "flag", "kind", "date of birth"]
    return st.dictionaries(st.sampled_from(names), extreme_values, max_size=len(names))


# -- the properties ----------------------------------------------------------------------------
def evaluate_all(ruleset: Ruleset | Rule, facts: Mapping[str, object]) -> None:
    """Every rule's deadline for these facts: a result or the library's own error."""
    rules = [ruleset] if isinstance(ruleset, Rule) else list(ruleset)
    for rule in rules:
        with contextlib.suppress(TimescaleError):
            rule.deadline(facts, projection=3)


@fuzz_settings
@given(text=mutated_ruleset(), facts=st.data())
def test_mutated_bundled_rulesets_check_load_and_evaluate_safely(
    text: str, facts: st.DataObject
) -> None:
    findings = check_ruleset_text(text, "fuzz.timescales")
    errors = [d for d in findings if d.is_error]
    if errors:
        with pytest.raises(RulesetError):
            parse_ruleset(text, "fuzz.timescales")
        return
    ruleset = parse_ruleset(text, "fuzz.timescales")
    sample = facts.draw(st.lists(st.sampled_from(ruleset.rules), max_size=4)) if ruleset else []
    for rule in sample:
        evaluate_all(rule, facts.draw(extreme_facts(rule)))


@fuzz_settings
@given(statement=extreme_statement(), data=st.data())
def test_extreme_statements_compile_and_evaluate_or_fail_cleanly(
    statement: str, data: st.DataObject
) -> None:
    as_file = statement.replace("[other]", "event") + "\n"
    checked = [d for d in check_ruleset_text(as_file) if d.is_error]
    try:
        rule = compile_statement(statement.replace("[other]", "event"))
    except RulesetError:
        assert checked, "compile_statement refused what check passed"
        return
    assert not checked, f"check refused what compile_statement accepted: {checked[0]}"
    evaluate_all(rule, data.draw(extreme_facts(rule)))
