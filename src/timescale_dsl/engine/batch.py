"""Deadlines for whole columns of facts: the language's meaning over numpy arrays.

:class:`Rows` implements :class:`~timescale_dsl.engine.operations.Operations`
for many rows at once: a truth value is a boolean array, a moment a column of
:class:`~.moments.Moments`, and a refusal is a problem on the rows it
concerns (:class:`~.problems.Problems`) instead of an exception, so the rest
of the batch goes on. The meaning itself is :mod:`timescale_dsl.engine.meaning`,
the same walk that gives one case's deadline, so the results equal
``Rule.deadline`` row by row (tests/reporting/test_engine_agreement.py and
the property tests hold them to it).

Numpy only: no data-frame library is needed here, so the batch API runs on
one partition of any distributed engine.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import attrs
import numpy as np

from ..calendars.base import Calendar, weekend_days
from ..errors import TimescaleError
from ..model import When
from ..needs import may_end
from ..ruleset import Rule
from ..syntax import ast
from . import meaning
from .arithmetic import add_months_to_days, working_day_index
from .column_arithmetic import FIRST_DATE, LAST_DATE, ColumnArithmetic
from .columns import BatchFacts
from .moments import DAY, BoolArray, DayArray, IntArray, Moments, later_than, show
from .operations import NO_CHOICE, DueDates, Refusal, Step
from .problems import Problems


@attrs.frozen(eq=False)
class DueColumns:
    """A due date, and where the rule has them an earliest date and a target, per row."""

    due: Moments
    earliest: Moments
    target: Moments

    @classmethod
    def missing(cls, size: int) -> DueColumns:
        return cls(Moments.missing(size), Moments.missing(size), Moments.missing(size))

    def take(self, rows: IntArray) -> DueColumns:
        return DueColumns(self.due.take(rows), self.earliest.take(rows), self.target.take(rows))

    def where(self, mask: BoolArray, other: DueColumns) -> DueColumns:
        return DueColumns(
            self.due.where(mask, other.due),
            self.earliest.where(mask, other.earliest),
            self.target.where(mask, other.target),
        )

    def put(self, rows: IntArray, part: DueColumns) -> None:
        self.due.put(rows, part.due)
        self.earliest.put(rows, part.earliest)
        self.target.put(rows, part.target)


@attrs.frozen(eq=False)
class BatchDeadlines:
    """What ``Rule.deadline`` gives, for every row of a batch.

    ``choice`` is the alternative each row took (-1 where it failed);
    ``problems`` says why a row has no deadline. ``fixed`` is False for a
    rule with no fixed timescale, whose rows have no due date at all, and for
    one with a ``not required`` alternative: ``not_required`` marks the rows
    that took it, which have no due date and no problem.
    """

    rule: Rule
    bounds: DueColumns
    choice: IntArray
    problems: Problems
    fixed: bool = True
    not_required: BoolArray | None = None
    #: Rows whose deadline is provisional: an earlier-of whose other events are not known yet.
    provisional: BoolArray | None = None

    @property
    def due(self) -> Moments:
        return self.bounds.due

    @property
    def earliest(self) -> Moments:
        return self.bounds.earliest

    @property
    def target(self) -> Moments:
        return self.bounds.target

    @property
    def ok(self) -> BoolArray:
        result: BoolArray = ~self.problems.failed
        return result


def evaluate_rule(
    rule: Rule,
    facts: BatchFacts,
    calendar: Calendar | None = None,
) -> BatchDeadlines:
    """Deadlines of one rule for many rows: the batch form of ``Rule.deadline``."""
    return BatchEvaluation(rule, facts, calendar).run()


def shift_column(
    rule: Rule,
    start: Moments,
    duration: ast.Duration,
    calendar: Calendar | None = None,
    direction: ast.Direction = ast.Direction.AFTER,
) -> tuple[Moments, Problems]:
    """``duration`` after (before) each start, under the rule's calendar and counting
    convention, with the problems of the rows that cannot be counted."""
    rows = BatchEvaluation(rule, BatchFacts(len(start)), calendar).rows()
    moved = meaning.shift(rows, start, duration, direction)
    return moved, rows.problems


class BatchEvaluation:
    """One rule over one batch of facts."""

    def __init__(
        self,
        rule: Rule,
        facts: BatchFacts,
        calendar: Calendar | None = None,
        chain: tuple[str, ...] = (),
    ) -> None:
        self.rule = rule
        self.task = rule.task
        self.facts = facts
        self.calendar = calendar
        self.use = calendar or rule.settings.calendar
        self.chain = chain
        self.arithmetic = ColumnArithmetic(self.use, working_day_index(self.use))
        self._school: ColumnArithmetic | None = None

    def school_arithmetic(self) -> ColumnArithmetic | None:
        """Counting over the days schools are open; None where no school holidays are
        declared. Built on first use: few rules count school days."""
        if self._school is None:
            school = self.rule.settings.school_calendar(self.use)
            if school is None:
                return None
            self._school = ColumnArithmetic(school, working_day_index(school))
        return self._school

    def rows(self) -> Rows:
        """Operations over every row of the batch."""
        return Rows(self, self.facts, np.arange(self.facts.size))

    def run(self) -> BatchDeadlines:
        size = self.facts.size
        timescale = self.rule.statement.timescale
        if self.rule.id in self.chain:
            problems = Problems(size)
            cycle = " -> ".join((*self.chain, self.rule.id))
            problems.add(np.ones(size, np.bool_), f"rules refer to each other in a cycle: {cycle}")
            return BatchDeadlines(self.rule, DueColumns.missing(size), _none(size), problems)
        if isinstance(timescale, ast.NoFixedTimescale):
            return BatchDeadlines(
                self.rule, DueColumns.missing(size), _none(size), Problems(size), False
            )
        options = timescale.options
        return self.evaluate(
            lambda ops, number: meaning.option_dates(ops, options[number].schedule)
        )

    def evaluate(self, each: Callable[[Rows, int], DueDates[Moments]]) -> BatchDeadlines:
        """Each row's alternative chosen, then ``each`` over the rows that took it."""
        timescale = self.rule.statement.timescale
        assert isinstance(timescale, ast.Alternatives)
        rows = self.rows()
        choice = meaning.choose(rows, timescale)
        choice = np.where(rows.problems.failed, NO_CHOICE, choice)
        dates = rows.branches(choice, len(timescale.options), each)
        bounds = DueColumns(
            dates.due, _filled(dates.earliest, rows.size), _filled(dates.target, rows.size)
        )
        problems = rows.problems
        choice = np.where(problems.failed, NO_CHOICE, choice)
        options = timescale.options
        waived = any(isinstance(o.schedule, ast.NotRequired) for o in options)
        ends = any(may_end(o.schedule) for o in options)
        marked = rows.provisional & ~problems.failed & ~rows.not_due
        provisional = marked if marked.any() else None
        if waived or ends:
            not_required = rows.not_due & ~problems.failed
            return BatchDeadlines(
                self.rule, bounds, choice, problems, False, not_required, provisional
            )
        return BatchDeadlines(self.rule, bounds, choice, problems, provisional=provisional)


def _each_with(
    each: Callable[[Rows, int], DueDates[Moments]], number: int, part: Rows
) -> DueDates[Moments]:
    return each(part, number)


def _filled(moments: Moments | None, size: int) -> Moments:
    return Moments.missing(size) if moments is None else moments


def _none(size: int) -> IntArray:
    return np.full(size, NO_CHOICE, dtype=np.int64)


class Rows:
    """Some rows of a batch (all, or those that took one alternative), with their problems."""

    def __init__(self, evaluation: BatchEvaluation, facts: BatchFacts, rows: IntArray) -> None:
        self.evaluation = evaluation
        self.task = evaluation.task
        self.facts = facts
        #: Where these rows are in the whole batch.
        self.rows = rows
        self.size = facts.size
        self.arithmetic = evaluation.arithmetic
        self.event_day_number = evaluation.rule.settings.event_day_number
        self.has_office_hours = evaluation.use.office_hours is not None
        self.problems = Problems(self.size)
        self.not_due = np.zeros(self.size, dtype=np.bool_)
        self.provisional = np.zeros(self.size, dtype=np.bool_)
        announced = getattr(evaluation.use, "announced_until", None)
        #: The last day whose bank holidays are announced: counting past it is provisional.
        self.announced = None if announced is None else np.datetime64(announced, "D")

    def restrict(self, rows: IntArray) -> Rows:
        """These rows' subset ``rows`` (positions among them), with problems of its own."""
        # Every row in order needs no copy; any other selection, a reordering of
        # all rows included (a recurrence's series order), takes its rows' facts.
        everything = len(rows) == self.size and bool(np.all(rows[1:] > rows[:-1]))
        facts = self.facts if everything else self.facts.take(rows)
        return Rows(self.evaluation, facts, self.rows[rows])

    def absorb(self, rows: IntArray, part: Rows) -> None:
        """A subset's problems and marks, back onto these rows."""
        self.problems.put(rows, part.problems)
        self.not_due[rows] |= part.not_due
        self.provisional[rows] |= part.provisional

    # -- facts ---------------------------------------------------------------------
    def fact(self, anchor: ast.FactRef) -> Moments:
        return self.facts.moments(anchor.key)

    def rule_due(self, anchor: ast.RuleRef) -> Moments:
        evaluation = self.evaluation
        try:
            other = evaluation.rule.referenced(anchor.rule_id)
        except TimescaleError as error:  # an unknown rule: every row fails alike
            self.problems.add(np.ones(self.size, np.bool_), str(error))
            return Moments.missing(self.size)
        referred = BatchEvaluation(
            other, self.facts, evaluation.calendar, (*evaluation.chain, evaluation.rule.id)
        ).run()
        self.problems.add(
            referred.problems.failed, referred.problems.reason, referred.problems.column
        )
        if not referred.fixed:
            # No due date (none fixed, or none required) to count from.
            without = referred.not_required
            self.problems.add(
                np.ones(self.size, np.bool_) if without is None else without,
                meaning.no_fixed_timescale(self.task, anchor.rule_id),
            )
        if referred.provisional is not None:
            self.provisional |= referred.provisional
        return referred.due

    def absent(self, key: str) -> BoolArray:
        return self.facts.absent(key)

    def flag(self, fact: ast.FactRef) -> tuple[BoolArray, BoolArray]:
        flags = self.facts.flag(fact.key)
        return flags.value, flags.known

    def label(
        self, fact: ast.FactRef, wanted: Callable[[str], bool]
    ) -> tuple[BoolArray, BoolArray]:
        labels = self.facts.text(fact.key)
        table = np.array([wanted(label) for label in labels.labels] + [False], dtype=np.bool_)
        return table[labels.codes], labels.known  # code -1 reads the final False

    # -- truth values and moments ------------------------------------------------------
    def constant(self, value: bool) -> BoolArray:
        return np.full(self.size, value, dtype=np.bool_)

    def negate(self, mask: BoolArray) -> BoolArray:
        return ~mask

    def anywhere(self, mask: BoolArray) -> bool:
        return bool(mask.any())

    def nothing(self) -> Moments:
        return Moments.missing(self.size)

    def date_of(self, value: Moments) -> Moments:
        return Moments.of_days(value.days)

    def timed(self, value: Moments) -> BoolArray:
        result: BoolArray = value.timed & value.present
        return result

    def later(self, first: Moments, second: Moments) -> BoolArray:
        return later_than(first, second)

    def same_day(self, first: Moments, second: Moments) -> BoolArray:
        result: BoolArray = first.days == second.days
        return result

    def present(self, value: Moments) -> BoolArray:
        return value.present

    def pick(self, mask: BoolArray, chosen: Moments, other: Moments) -> Moments:
        return chosen.where(mask, other)

    def pick_dates(
        self, mask: BoolArray, chosen: DueDates[Moments], other: DueDates[Moments]
    ) -> DueDates[Moments]:
        def either(a: Moments | None, b: Moments | None) -> Moments | None:
            if a is None and b is None:
                return None
            return _filled(a, self.size).where(mask, _filled(b, self.size))

        return DueDates(
            chosen.due.where(mask, other.due),
            either(chosen.earliest, other.earliest),
            either(chosen.target, other.target),
        )

    def start_of_day(self, day: Moments) -> Moments:
        return Moments(day.days.astype("datetime64[us]"), day.present)

    # -- calendar arithmetic -------------------------------------------------------------
    def add_days(self, day: Moments, days: int) -> Moments:
        return Moments.of_days(day.days + days * DAY)

    def add_months(self, day: Moments, months: int) -> Moments:
        return Moments.of_days(add_months_to_days(day.days, months))

    def working_days(self, day: Moments, count: int, forward: bool, event_day: Moments) -> Moments:
        result = self.arithmetic.working_days(day.days, count, forward, self.problems)
        self.note_projected(event_day.days, result)
        return Moments.of_days(result)

    def school_days(self, day: Moments, count: int, forward: bool, event_day: Moments) -> Moments:
        school = self.evaluation.school_arithmetic()
        if school is None:
            self.problems.add(day.present, meaning.no_school_holidays(self.task))
            return Moments.missing(self.size)
        result = school.working_days(day.days, count, forward, self.problems)
        self.note_projected(event_day.days, result)
        known = self.evaluation.rule.settings.school_holidays_until
        if known is not None:
            beyond = np.datetime64(known, "D")
            self.provisional |= (day.days > beyond) | (result > beyond)
        return Moments.of_days(result)

    def roll_day(self, day: Moments, forward: bool, only: BoolArray | None) -> Moments:
        days = day.days
        movable = days if only is None else np.where(only, days, np.datetime64("NaT", "D"))
        moved = self.arithmetic.roll(movable, forward, self.problems)
        self.note_projected(movable, moved)
        return Moments.of_days(np.where(np.isnat(movable), days, moved))

    def note_projected(self, first: DayArray, last: DayArray) -> None:
        """Rows whose count ran over days whose bank holidays are projected, not announced:
        their dates are provisional, as the scalar path marks them."""
        if self.announced is None:
            return
        self.provisional |= (first > self.announced) | (last > self.announced)

    def at_weekend(self, day: Moments) -> BoolArray:
        weekday = (day.days.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday (3)
        result: BoolArray = np.isin(weekday, list(weekend_days(self.evaluation.use)))
        return result

    def add_hours(self, moment: Moments, hours: int) -> Moments:
        return self.arithmetic.add_hours(moment, hours, self.problems)

    def working_hours(self, moment: Moments, hours: int, forward: bool) -> Moments:
        result = self.arithmetic.working_hours(moment, hours, forward, self.problems)
        self.note_projected(moment.days, result.days)
        return result

    # -- structure ----------------------------------------------------------------------
    def counted(
        self, start: Moments, compute: Callable[[], Moments], beyond: Callable[[str], str]
    ) -> Moments:
        result = compute()
        days, starts = result.days, start.days
        outside = ~np.isnat(days) & ((days < FIRST_DATE) | (days > LAST_DATE))
        # A start already beyond them was refused where it was computed.
        outside &= (starts >= FIRST_DATE) & (starts <= LAST_DATE) & ~self.problems.failed
        for value in np.unique(start.values[outside]):
            same = outside & (start.values == value)
            when = start.item(int(np.flatnonzero(same)[0]))
            assert when is not None
            self.problems.add(same, beyond(show(when)))
        return result

    def split(
        self,
        mask: BoolArray,
        value: Moments,
        if_true: Callable[[Rows, Moments], Moments],
        if_false: Callable[[Rows, Moments], Moments],
    ) -> Moments:
        if mask.all():
            return if_true(self, value)
        if not mask.any():
            return if_false(self, value)
        result = Moments.missing(self.size)
        for chosen, compute in ((mask, if_true), (~mask, if_false)):
            rows = np.flatnonzero(chosen)
            part = self.restrict(rows)
            result.put(rows, compute(part, value.take(rows)))
            self.absorb(rows, part)
        return result

    def only_where(
        self, mask: BoolArray, compute: Callable[[], DueDates[Moments]]
    ) -> DueDates[Moments] | None:
        outer, self.problems = self.problems, Problems(self.size)
        try:
            dates = compute()
        finally:
            inner, self.problems = self.problems, outer
        if inner.any:
            self.problems.add(inner.failed & mask, inner.reason, inner.column)
        return dates

    def branches(
        self, choice: IntArray, count: int, each: Callable[[Rows, int], DueDates[Moments]]
    ) -> DueDates[Moments]:
        if count == 1 and bool(np.all(choice == 0)):
            return each(self, 0)  # the common case: no scattering
        result = self.no_dates()
        for number in range(count):
            rows = np.flatnonzero(choice == number)
            self.compute_into(rows, result, functools.partial(_each_with, each, number))
        return result

    def no_dates(self) -> DueDates[Moments]:
        """Dates for every row, none known yet (filled in by :meth:`compute_into`)."""
        size = self.size
        return DueDates(Moments.missing(size), Moments.missing(size), Moments.missing(size))

    def compute_into(
        self,
        rows: IntArray,
        dates: DueDates[Moments],
        compute: Callable[[Rows], DueDates[Moments]],
    ) -> None:
        """``compute`` over the subset ``rows`` (with problems of its own), its dates written
        into ``dates`` at those rows and its problems and marks back onto these rows."""
        if not len(rows):
            return
        part = self.restrict(rows)
        found = compute(part)
        dates.due.put(rows, found.due)
        for mine, theirs in ((dates.earliest, found.earliest), (dates.target, found.target)):
            if mine is not None and theirs is not None:
                mine.put(rows, theirs)
        self.absorb(rows, part)

    def choose_where(self, mask: BoolArray, number: int, otherwise: IntArray) -> IntArray:
        result: IntArray = np.where(mask, number, otherwise)
        return result

    def choice_constant(self, number: int) -> IntArray:
        return np.full(self.size, number, dtype=np.int64)

    # -- outcomes -------------------------------------------------------------------------
    def refuse(self, mask: BoolArray, refusal: Refusal) -> None:
        self.problems.add(mask, str(refusal.error), refusal.column)

    def refuse_by_flags(
        self,
        masks: Sequence[BoolArray],
        describe: Callable[[Sequence[bool]], Refusal | None],
    ) -> None:
        if not masks:
            return
        flagged = np.logical_or.reduce(masks) & ~self.problems.failed
        if not flagged.any():
            return
        if len(masks) > 62:
            raise ValueError("too many conditions to tell apart in one rule")  # pragma: no cover
        pattern = np.zeros(self.size, dtype=np.int64)
        for i, mask in enumerate(masks):
            pattern |= mask.astype(np.int64) << i
        # One description per distinct pattern: a million failing rows, a few string builds.
        for key in np.unique(pattern[flagged]):
            refusal = describe([bool(int(key) >> i & 1) for i in range(len(masks))])
            if refusal is not None:
                self.refuse(flagged & (pattern == key), refusal)

    def refuse_crossed(
        self,
        mask: BoolArray,
        first: Moments,
        second: Moments,
        describe: Callable[[When, When], str],
    ) -> None:
        for row in np.flatnonzero(mask & ~self.problems.failed):
            start, end = first.item(int(row)), second.item(int(row))
            assert start is not None and end is not None
            one = np.zeros(self.size, dtype=np.bool_)
            one[row] = True
            self.problems.add(one, describe(start, end))

    def unknown_events(self, masks: Sequence[BoolArray], names: Sequence[str]) -> None:
        if masks:
            self.provisional |= np.logical_or.reduce(masks)

    def not_required(self, mask: BoolArray, ended: Moments | None) -> None:
        self.not_due |= mask

    def say(self, step: Step[Moments], only_if: BoolArray | None = None) -> None:
        """Columns are not explained: the scalar path writes the explanation."""


#: The name this class had before the engine package (kept for code written against it).
Bounds = DueColumns
