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
from ..ruleset import Rule
from ..syntax import ast
from .batch import BatchDeadlines, BatchEvaluation, Bounds, deadlines_of
from .columns import BatchFacts
from .moments import BoolArray, IntArray, Moments
from .problems import Problems

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
    size = facts.size
    problems = Problems(size)
    timescale = rule.statement.timescale
    assert isinstance(timescale, ast.Alternatives)
    choice = evaluation.choose(problems)
    bounds = Bounds.missing(size)
    for number, option in enumerate(timescale.options):
        rows = np.flatnonzero(choice == number)
        if len(rows) == 0:
            continue
        if isinstance(option.schedule, ast.Recurrence):
            _series(evaluation, option.schedule, rows, completed, series, bounds, problems)
        else:
            evaluation.evaluate_rows(option.schedule, rows, bounds, problems)
    ended = evaluation.end_series(timescale, choice, bounds)
    return deadlines_of(rule, bounds, choice, problems, ended)


def _series(
    evaluation: BatchEvaluation,
    schedule: ast.Recurrence,
    rows: IntArray,
    completed: Moments,
    series: IntArray,
    bounds: Bounds,
    problems: Problems,
) -> None:
    when = completed.values.view(np.int64)
    done_all = completed.present
    order_key = np.where(done_all, when, _LAST)
    ordered = rows[np.lexsort((rows, order_key[rows], series[rows]))]
    keys = series[ordered]
    starts = np.r_[True, keys[1:] != keys[:-1]]
    first_position = np.maximum.accumulate(np.where(starts, np.arange(len(ordered)), 0))
    position = np.arange(len(ordered)) - first_position  # 0 for each series' first row
    done = done_all[ordered]

    # First occurrences: the rule's first deadline, from the anchor.
    evaluation.evaluate_rows(schedule, ordered[position == 0], bounds, problems)

    # Completed occurrences after the first: an interval after the one before.
    later_done = np.flatnonzero((position > 0) & done)
    previous = ordered[later_done - 1]
    _due_after(
        evaluation,
        schedule,
        ordered[later_done],
        position[later_done],
        completed.take(previous),
        bounds,
        problems,
    )

    # Occurrences still to come, level by level: from the last completion, then
    # from the due date before (projection).
    waiting = np.flatnonzero((position > 0) & ~done)
    while len(waiting):
        blocked = np.isin(waiting - 1, waiting)  # the occurrence before is still to come
        now = waiting[~blocked]
        before = ordered[now - 1]
        previous_due = bounds.due.take(before)
        start = completed.take(before).where(done[now - 1], previous_due)
        _due_after(evaluation, schedule, ordered[now], position[now], start, bounds, problems)
        _reject(
            ~done[now - 1] & previous_due.absent,
            ordered[now],
            problems,
            f"{evaluation.task}: no due date: the occurrence before it could not be evaluated",
        )
        waiting = waiting[blocked]


def _due_after(
    evaluation: BatchEvaluation,
    schedule: ast.Recurrence,
    rows: IntArray,
    position: IntArray,
    start: Moments,
    bounds: Bounds,
    problems: Problems,
) -> None:
    """Due dates one interval after ``start``; the interval depends on the occurrence number."""
    if len(rows) == 0:
        return
    steps = len(schedule.steps)
    every = schedule.every.interval if schedule.every is not None else None
    # The interval after occurrence ``position`` (1-based): a step, then ``every``.
    which = np.minimum(position - 1, steps)
    for number in np.unique(which):
        chosen = which == number
        interval = schedule.steps[number] if number < steps else every
        if interval is None:
            _reject(
                chosen,
                rows,
                problems,
                f"{evaluation.task}: this occurrence is not due under the rule, which has "
                f"{steps + 1} occurrence(s) and no 'every'",
            )
            continue
        subset = np.flatnonzero(chosen)
        part = evaluation.part(rows[subset])
        begin = start.take(subset)
        due = part.shift(begin, interval, ast.Direction.AFTER)
        bounds.due.put(rows[subset], due)
        if number >= steps and schedule.every is not None:  # each later occurrence's target
            bounds.target.put(rows[subset], part.every_target(schedule.every, begin, due))
        problems.put(rows[subset], part.problems)


def _reject(mask: BoolArray, rows: IntArray, problems: Problems, reason: str) -> None:
    full = np.zeros(len(problems), dtype=np.bool_)
    full[rows[mask]] = True
    problems.add(full, reason)
