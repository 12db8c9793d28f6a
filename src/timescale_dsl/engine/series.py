"""Recurring obligations measured over occurrences: visits, core groups, reviews.

The rows of a recurring rule form *series*: one per child and plan (the
caller groups rows by child and by the facts the rule counts from, so a
child's second plan is a series of its own). Within a series the rows are
taken in order of completion, as occurrences:

* the first is due as the rule's first deadline, counted from its anchor;
* each later one is due one interval after the previous occurrence's actual
  completion (``Rule.occurrence_dues``), so a gap that is too long makes
  that occurrence late by the excess;
* rows not yet completed stand for occurrences still to come (an open
  plan): the first is due an interval after the last completion, any
  further ones an interval after the one before's due date (projection).

Only the first occurrence of a series needs the anchor's fact (for an
unanchored ``every N``, the fact ``previous occurrence``). A row beyond a
schedule that ends (no ``every``) is rejected with the reason.
"""

from __future__ import annotations

import numpy as np

from ..calendars.base import Calendar
from ..errors import EvaluationError
from ..ruleset import Rule
from ..syntax import ast
from . import meaning
from .batch import BatchDeadlines, BatchEvaluation, Rows
from .columns import BatchFacts
from .moments import BoolArray, IntArray, Moments
from .operations import DueDates, Refusal

_LAST = np.iinfo(np.int64).max


def evaluate_occurrences(
    rule: Rule,
    facts: BatchFacts,
    completed: Moments,
    series: IntArray,
    calendar: Calendar | None = None,
) -> BatchDeadlines:
    """Deadlines of a recurring rule's rows taken as occurrences within their series."""
    evaluation = BatchEvaluation(rule, facts, calendar)
    timescale = rule.statement.timescale
    assert isinstance(timescale, ast.Alternatives)
    options = timescale.options

    def each(rows: Rows, number: int) -> DueDates[Moments]:
        schedule = options[number].schedule
        if not isinstance(schedule, ast.Recurrence):
            return meaning.option_dates(rows, schedule)
        return _series(rows, schedule, completed.take(rows.rows), series[rows.rows])

    return evaluation.evaluate(each)


def _series(
    rows: Rows, schedule: ast.Recurrence, completed: Moments, series: IntArray
) -> DueDates[Moments]:
    """The rows of one recurring alternative as occurrences of their series."""
    size = rows.size
    dates = rows.no_dates()
    order_key = np.where(completed.present, completed.values.view(np.int64), _LAST)
    positions = np.arange(size)
    ordered = positions[np.lexsort((positions, order_key, series))]
    keys = series[ordered]
    starts = np.r_[True, keys[1:] != keys[:-1]]
    first_position = np.maximum.accumulate(np.where(starts, np.arange(size), 0))
    position = np.arange(size) - first_position  # 0 for each series' first row
    done = completed.present[ordered]

    # First occurrences: the rule's first deadline, from the anchor.
    firsts = ordered[position == 0]
    rows.compute_into(firsts, dates, lambda part: meaning.option_dates(part, schedule))

    # Completed occurrences after the first: an interval after the one before.
    later_done = np.flatnonzero((position > 0) & done)
    _next(
        rows,
        schedule,
        ordered[later_done],
        position[later_done],
        completed.take(ordered[later_done - 1]),
        dates,
    )

    # Occurrences still to come, level by level: from the last completion, then
    # from the due date before (projection).
    waiting = np.flatnonzero((position > 0) & ~done)
    while len(waiting):
        blocked = np.isin(waiting - 1, waiting)  # the occurrence before is still to come
        now = waiting[~blocked]
        before = ordered[now - 1]
        previous_due = dates.due.take(before)
        start = completed.take(before).where(done[now - 1], previous_due)
        _next(rows, schedule, ordered[now], position[now], start, dates)
        unknown = ~done[now - 1] & previous_due.absent
        if unknown.any():
            error = EvaluationError(
                f"{rows.task}: no due date: the occurrence before it could not be evaluated"
            )
            rows.refuse(_mask(size, ordered[now][unknown]), Refusal(error))
        waiting = waiting[blocked]
    return dates


def _next(
    rows: Rows,
    schedule: ast.Recurrence,
    which: IntArray,
    position: IntArray,
    previous: Moments,
    dates: DueDates[Moments],
) -> None:
    """Due dates one interval after ``previous``; the interval depends on the occurrence
    number, and past the last step every later occurrence has the same."""
    if len(which) == 0:
        return
    steps = len(schedule.steps)
    number = np.minimum(position, steps + 1)
    for value in np.unique(number):
        chosen = number == value
        begin = previous.take(np.flatnonzero(chosen))

        def following(
            part: Rows, value: int = int(value), begin: Moments = begin
        ) -> DueDates[Moments]:
            found = meaning.next_occurrence(part, schedule, value, begin)
            if found is None:
                error = EvaluationError(
                    f"{part.task}: this occurrence is not due under the rule, which has "
                    f"{steps + 1} occurrence(s) and no 'every'"
                )
                part.refuse(part.constant(True), Refusal(error))
                return DueDates(part.nothing())
            return meaning.end_series(part, schedule, found)

        rows.compute_into(which[chosen], dates, following)


def _mask(size: int, rows: IntArray) -> BoolArray:
    mask = np.zeros(size, dtype=np.bool_)
    mask[rows] = True
    return mask
