"""Occurrences of a recurring rule get the due dates ``Rule.occurrence_dues`` gives.

Several series (children) of random occurrences, shuffled together: each
completed row is due one interval after the completion before it in its
series; rows not yet completed are projected, the first from the last
completion and each further one from the due date before.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from timescale_dsl import england_and_wales, scotland
from timescale_dsl.engine.columns import BatchFacts
from timescale_dsl.engine.moments import Moments
from timescale_dsl.engine.series import evaluate_occurrences
from timescale_dsl.errors import TimescaleError
from timescale_dsl.ruleset import Rule
from timescale_dsl.syntax import ast

from .strategies import (
    DATE_FACTS,
    FLAG_FACTS,
    TEXT_FACT,
    batch_of,
    durations,
    fact_rows,
    make_rule,
    single_deadlines,
)

moments = st.one_of(
    st.dates(dt.date(1996, 1, 1), dt.date(2024, 12, 31)),
    st.datetimes(dt.datetime(1996, 1, 1), dt.datetime(2024, 12, 31)).map(
        lambda t: t.replace(second=0, microsecond=0)
    ),
)

recurring = st.builds(
    ast.Recurrence,
    st.one_of(st.none(), single_deadlines),
    st.lists(durations(hours=False), max_size=2).map(tuple),
    st.one_of(st.none(), st.builds(ast.Every, durations(hours=False))),
).filter(lambda r: r.first is not None or r.every is not None)


@st.composite
def series_case(draw: st.DrawFn) -> tuple[Rule, list[dict[str, object]], list[list[object]]]:
    schedule = draw(recurring)
    if schedule.first is None and schedule.every is not None and schedule.every.interval is None:
        schedule = ast.Recurrence(None, (), ast.Every(ast.Duration(10, ast.Unit.WORKING_DAYS)))
    calendar = draw(st.sampled_from([england_and_wales, scotland]))()
    rule = make_rule(
        ast.Alternatives((ast.Guarded(schedule),)), calendar, draw(st.sampled_from([0, 1]))
    )
    children = draw(st.integers(1, 4))
    facts = draw(fact_rows(children))
    occurrences = []
    for row in facts:
        # Keep every anchor present and inside the calendar: this property is about series.
        for name in ("referral", "actual meeting", "contact", "date of birth"):
            row[name] = draw(moments)
        row["previous occurrence"] = draw(moments)
        done = sorted(draw(st.lists(moments, max_size=5)), key=_end)
        waiting = draw(st.integers(0, 2))
        occurrences.append([*done, *([None] * waiting)])
    return rule, facts, occurrences


def _end(value: dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time(0))


def _expected(rule: Rule, facts: dict[str, object], occurrences: list[object]) -> list[object]:
    """Due of each occurrence by the scalar API, projecting past the last completion."""
    done = [o for o in occurrences if o is not None]
    dues = rule.occurrence_dues(facts, done)[: len(done) + 1]
    known = list(done)
    while len(dues) < len(occurrences):
        known.append(dues[-1])
        following = rule.occurrence_dues(facts, known)
        if len(following) <= len(known):
            dues.append("beyond")
            break
        dues.append(following[len(known)])
    return dues


@given(series_case(), st.randoms(use_true_random=False))
def test_occurrence_dues_equal_scalar_occurrence_dues(case: object, random: object) -> None:
    rule, facts, occurrences = case  # type: ignore[misc]
    rows: list[tuple[int, int, object]] = []
    for child, items in enumerate(occurrences):
        for number, when in enumerate(items):
            rows.append((child, number, when))
    random.shuffle(rows)  # type: ignore[attr-defined]
    child_facts = [facts[child] for child, _, _ in rows]
    batch_facts: BatchFacts = batch_of(child_facts).with_dates(
        "previous occurrence", Moments.of_python([f["previous occurrence"] for f in child_facts])
    )
    completed = Moments.of_python([when for _, _, when in rows])  # type: ignore[misc]
    series = np.array([child for child, _, _ in rows], dtype=np.int64)
    result = evaluate_occurrences(rule, batch_facts, completed, series)

    for child, items in enumerate(occurrences):
        try:
            expected = _expected(rule, facts[child], items)
        except TimescaleError:
            continue  # an anchor outside the calendar: the series property does not apply
        # Rows of the child in the order the series takes them: by completion, then
        # (for ties and rows still to come) by their place in the input.
        mine = [p for p, (c, _, _) in enumerate(rows) if c == child]
        mine.sort(key=lambda p: (rows[p][2] is None, _end(rows[p][2]) if rows[p][2] else 0, p))
        for number, position in enumerate(mine):
            if number >= len(expected) or expected[number] == "beyond":
                assert result.problems.failed[position]
                assert "not due under the rule" in str(result.problems.reason[position])
            else:
                assert not result.problems.failed[position], result.problems.reason[position]
                assert result.due.item(position) == expected[number], (child, number)


def test_first_occurrences_taken_in_another_order_keep_their_own_facts() -> None:
    # Two series, one open row each, numbered against the rows' order: every row is
    # a first occurrence, so the batch evaluates all rows, reordered. Each must be
    # due from its own referral (a found case: both took the other's).
    referral = ast.FactRef(key="referral", text="referral")
    on_referral = ast.Window(ast.OnDay(referral), ast.OnDay(referral))
    rule = make_rule(
        ast.Alternatives((ast.Guarded(ast.Recurrence(on_referral, (), None)),)),
        england_and_wales(),
        0,
    )
    blank: dict[str, object] = dict.fromkeys((*DATE_FACTS, "date of birth", *FLAG_FACTS, TEXT_FACT))
    facts = [{**blank, "referral": dt.date(2026, 6, 2)}, {**blank, "referral": dt.date(2026, 6, 1)}]
    result = evaluate_occurrences(
        rule,
        batch_of(facts),
        Moments.of_python([None, None]),
        np.array([1, 0], dtype=np.int64),
    )
    assert [result.due.item(0), result.due.item(1)] == [dt.date(2026, 6, 2), dt.date(2026, 6, 1)]
