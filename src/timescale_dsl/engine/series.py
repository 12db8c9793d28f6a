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
    order = _SeriesOrder(completed, series)
    # Due dates found so far, for a row whose occurrence before it took another alternative.
    dues = Moments.missing(facts.size)

    def each(rows: Rows, number: int) -> DueDates[Moments]:
        schedule = options[number].schedule
        if not isinstance(schedule, ast.Recurrence):
            return meaning.option_dates(rows, schedule)
        dates = _occurrences(rows, schedule, completed, order, dues)
        dues.put(rows.rows, _standing(dates.due, rows.problems.failed))
        return dates

    return evaluation.evaluate(each)


class _SeriesOrder:
    """Each row's place in its series, across the rule's alternatives.

    Rows are taken in order of completion within a series (blanks last, ties
    in input order). A condition that changes along a plan ("every 6 weeks;
    every 3 months once the placement is long term") changes the interval from
    the occurrence before, not the plan: it does not start a new series.
    """

    def __init__(self, completed: Moments, series: IntArray) -> None:
        size = len(series)
        order_key = np.where(completed.present, completed.values.view(np.int64), _LAST)
        everywhere = np.arange(size)
        ordered = everywhere[np.lexsort((everywhere, order_key, series))]
        keys = series[ordered]
        starts = np.r_[True, keys[1:] != keys[:-1]]
        first_place = np.maximum.accumulate(np.where(starts, everywhere, 0))
        #: 0 for each series' first row, 1 for the next...
        self.position = np.empty(size, dtype=np.int64)
        self.position[ordered] = everywhere - first_place
        #: The row before in the series (-1 for a series' first row).
        self.before = np.full(size, -1, dtype=np.int64)
        self.before[ordered[1:]] = np.where(starts[1:], -1, ordered[:-1])


def _occurrences(
    rows: Rows,
    schedule: ast.Recurrence,
    completed: Moments,
    order: _SeriesOrder,
    dues: Moments,
) -> DueDates[Moments]:
    """The rows that took one recurring alternative, as occurrences of their series."""
    size = rows.size
    dates = rows.no_dates()
    position = order.position[rows.rows]
    before = order.before[rows.rows]
    done = completed.present[rows.rows]
    # Where each row of the batch is among these rows (-1: it took another alternative).
    here = np.full(len(order.position), -1, dtype=np.int64)
    here[rows.rows] = np.arange(size)

    # First occurrences: the rule's first deadline, from the anchor.
    firsts = np.flatnonzero(position == 0)
    rows.compute_into(firsts, dates, lambda part: meaning.option_dates(part, schedule))

    # Completed occurrences after the first: an interval after the one before.
    later_done = np.flatnonzero((position > 0) & done)
    previous = completed.take(before[later_done])
    _next(rows, schedule, later_done, position[later_done], previous, dates)

    # Occurrences still to come, level by level: from the last completion, then
    # from the due date before (projection).
    waiting = np.flatnonzero((position > 0) & ~done)
    while len(waiting):
        blocked = np.isin(here[before[waiting]], waiting)  # the one before is still to come
        now = waiting[~blocked]
        earlier = before[now]
        earlier_here = here[earlier]
        at = np.maximum(earlier_here, 0)
        found_here = _standing(dates.due.take(at), rows.problems.failed[at])
        previous_due = dues.take(earlier).where(earlier_here < 0, found_here)
        earlier_done = completed.present[earlier]
        start = completed.take(earlier).where(earlier_done, previous_due)
        _next(rows, schedule, now, position[now], start, dates)
        unknown = ~earlier_done & previous_due.absent
        for elsewhere, why in (
            (False, "the occurrence before it could not be evaluated"),
            # Alternatives are worked out in turn; a later one's projection is not known yet.
            (True, "the occurrence before it is still to come under another of its conditions"),
        ):
            refused = unknown & ((earlier_here < 0) == elsewhere)
            if refused.any():
                error = EvaluationError(f"{rows.task}: no due date: {why}")
                rows.refuse(_mask(size, now[refused]), Refusal(error))
        waiting = waiting[blocked]
    return dates


def _standing(due: Moments, refused: BoolArray) -> Moments:
    """The due dates that stand: none for a refused row (its date, out of range say,
    must not be projected from)."""
    return Moments.missing(len(refused)).where(refused, due)


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
