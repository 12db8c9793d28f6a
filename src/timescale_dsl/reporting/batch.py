"""Deadlines for whole columns of facts: the scalar ``Evaluation`` walked once per rule.

The rule's AST is walked once; each node applies array operations to every
row it concerns (see :mod:`.shifts`). Rows take the alternative whose
condition holds for them (:mod:`.conditions`), and each alternative is
evaluated over its own rows. A row that cannot be evaluated carries the
reason the scalar API would have raised, in :class:`~.problems.Problems`,
instead of stopping the batch. The results equal ``Rule.deadline`` row by
row: the property tests in ``tests/reporting`` hold them to it.

Numpy only: no data-frame library is needed here, so the batch API runs on
one partition of any distributed engine.
"""

from __future__ import annotations

import attrs
import numpy as np

from ..arithmetic import working_day_index
from ..calendars.base import Calendar, weekend_days
from ..ending import past_end
from ..errors import EvaluationError, MissingFactsError, TimescaleError
from ..limits import anchor_name
from ..model import Deadline
from ..needs import PREVIOUS_OCCURRENCE, anchors, earliest_of, series_end
from ..ruleset import Rule
from ..syntax import ast
from .columns import BatchFacts
from .conditions import NO_CHOICE, choose
from .moments import BoolArray, IntArray, Moments, later_than, show
from .problems import Problems
from .shifts import Shifter

_DOB = ast.FactRef(ast.DATE_OF_BIRTH, ast.DATE_OF_BIRTH)


@attrs.frozen(eq=False)
class Bounds:
    """Due, and where the rule has them earliest and target, for each row."""

    due: Moments
    earliest: Moments
    target: Moments

    @classmethod
    def missing(cls, size: int) -> Bounds:
        return cls(Moments.missing(size), Moments.missing(size), Moments.missing(size))

    def take(self, rows: IntArray) -> Bounds:
        return Bounds(self.due.take(rows), self.earliest.take(rows), self.target.take(rows))

    def where(self, mask: BoolArray, other: Bounds) -> Bounds:
        return Bounds(
            self.due.where(mask, other.due),
            self.earliest.where(mask, other.earliest),
            self.target.where(mask, other.target),
        )

    def put(self, rows: IntArray, part: Bounds) -> None:
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
    bounds: Bounds
    choice: IntArray
    problems: Problems
    fixed: bool = True
    not_required: BoolArray | None = None

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
        self.shifter = Shifter(
            self.use, working_day_index(self.use), rule.settings.event_day_number, rule.task
        )

    def run(self) -> BatchDeadlines:
        size = self.facts.size
        problems = Problems(size)
        timescale = self.rule.statement.timescale
        if self.rule.id in self.chain:
            cycle = " -> ".join((*self.chain, self.rule.id))
            problems.add(np.ones(size, np.bool_), f"rules refer to each other in a cycle: {cycle}")
            return BatchDeadlines(self.rule, Bounds.missing(size), _none(size), problems)
        if isinstance(timescale, ast.NoFixedTimescale):
            return BatchDeadlines(self.rule, Bounds.missing(size), _none(size), problems, False)
        choice = self.choose(problems)
        if len(timescale.options) == 1 and not problems.any:
            # The common case, one alternative for every row: no scattering.
            part = self.part(np.arange(size))
            part.check_present(timescale.options[0].schedule)
            bounds = part.first_bounds(timescale.options[0].schedule)
            problems = part.problems
        else:
            bounds = Bounds.missing(size)
            for number, option in enumerate(timescale.options):
                rows = np.flatnonzero(choice == number)
                if len(rows):
                    self.evaluate_rows(option.schedule, rows, bounds, problems)
        ended = self.end_series(timescale, choice, bounds)
        return deadlines_of(self.rule, bounds, choice, problems, ended)

    def end_series(
        self, timescale: ast.Alternatives, choice: IntArray, bounds: Bounds
    ) -> BoolArray:
        """Rows of a recurrence "until X" whose due day is on or after X: not due (their
        bounds are cleared). An end whose fact is not known ends nothing."""
        ended = np.zeros(self.facts.size, dtype=np.bool_)
        for number, option in enumerate(timescale.options):
            end = series_end(option.schedule)
            rows = np.flatnonzero(choice == number)
            if end is None or len(rows) == 0:
                continue
            end_days = self.part(rows).moment(end).days  # not computable: not known
            due_days = bounds.due.take(rows).days
            known = ~np.isnat(end_days) & ~np.isnat(due_days)
            hit = np.zeros(len(rows), dtype=np.bool_)
            hit[known] = past_end(due_days[known], end_days[known])
            ended[rows[hit]] = True
        if ended.any():
            cleared = np.flatnonzero(ended)
            bounds.put(cleared, Bounds.missing(len(cleared)))
        return ended

    def choose(self, problems: Problems) -> IntArray:
        """The alternative each row takes (NO_CHOICE, with a problem, where none can be)."""
        timescale = self.rule.statement.timescale
        assert isinstance(timescale, ast.Alternatives)
        return choose(self.task, timescale, self.facts, problems)

    def part(self, rows: IntArray) -> Part:
        # Every row in order needs no copy; any other selection, a reordering of
        # all rows included (a recurrence's series order), takes its rows' facts.
        everything = len(rows) == self.facts.size and bool(np.all(rows[1:] > rows[:-1]))
        return Part(self, self.facts if everything else self.facts.take(rows))

    def evaluate_rows(
        self, schedule: ast.Schedule, rows: IntArray, bounds: Bounds, problems: Problems
    ) -> None:
        """The deadline (a recurrence's first) of ``schedule`` for ``rows``, written in place."""
        part = self.part(rows)
        part.check_present(schedule)
        bounds.put(rows, part.first_bounds(schedule))
        problems.put(rows, part.problems)


def deadlines_of(
    rule: Rule,
    bounds: Bounds,
    choice: IntArray,
    problems: Problems,
    ended: BoolArray | None = None,
) -> BatchDeadlines:
    """The rows' deadlines, with those whose alternative says ``not required``, or whose
    series has ended (``ended``), marked not required."""
    choice = np.where(problems.failed, NO_CHOICE, choice)
    timescale = rule.statement.timescale
    assert isinstance(timescale, ast.Alternatives)
    options = enumerate(timescale.options)
    waived = [n for n, option in options if isinstance(option.schedule, ast.NotRequired)]
    ends = any(series_end(option.schedule) is not None for option in timescale.options)
    if waived or ends:
        not_required = np.isin(choice, waived)
        if ended is not None:
            not_required |= ended & ~problems.failed
        return BatchDeadlines(rule, bounds, choice, problems, False, not_required)
    return BatchDeadlines(rule, bounds, choice, problems)


def _none(size: int) -> IntArray:
    return np.full(size, NO_CHOICE, dtype=np.int64)


class Part:
    """The rows of a batch that took one alternative, with their own problems."""

    def __init__(self, evaluation: BatchEvaluation, facts: BatchFacts) -> None:
        self.evaluation = evaluation
        self.task = evaluation.task
        self.facts = facts
        self.size = facts.size
        self.problems = Problems(facts.size)
        self.shifter = evaluation.shifter

    # -- facts -----------------------------------------------------------------
    def check_present(self, node: object) -> None:
        """MissingFactsError where anchors of the chosen schedule are blank."""
        found = [a for a in anchors(node) if isinstance(a, ast.FactRef)]
        if not found:
            return
        blank = [self.facts.absent(anchor.key) for anchor in found]
        choice = earliest_of(node)
        if choice is not None:
            # Rows where one option's events are all known set the others aside.
            allowed = np.zeros(self.size, dtype=np.bool_)
            for option in choice.options:
                allowed |= self.known(option)
            blank = [mask & ~allowed for mask in blank]
        pattern = np.zeros(self.size, dtype=np.int64)
        for i, mask in enumerate(blank):
            pattern |= mask.astype(np.int64) << i

        def reason(key: int) -> tuple[str, str | None]:
            missing: list[str] = []
            columns: list[str] = []
            for i, anchor in enumerate(found):
                if key >> i & 1 and anchor.text not in missing:
                    missing.append(anchor.text)
                    columns.append(anchor.key)
            return str(MissingFactsError(self.task, missing)), ", ".join(columns)

        self.problems.add_by_key(pattern != 0, pattern, reason)

    def deadline_where(self, node: ast.SingleDeadline, wanted: BoolArray) -> Bounds:
        """``node``'s bounds, keeping its problems only on the ``wanted`` rows."""
        outer, self.problems = self.problems, Problems(self.size)
        try:
            bounds = self.deadline(node)
        finally:
            inner, self.problems = self.problems, outer
        if inner.any:
            self.problems.add(inner.failed & wanted, inner.reason, inner.column)
        return bounds

    def known(self, option: object) -> BoolArray:
        """Rows where every event ``option`` counts from is known."""
        known = np.ones(self.size, dtype=np.bool_)
        for anchor in anchors(option):
            if isinstance(anchor, ast.FactRef):
                known &= ~self.facts.absent(anchor.key)
        return known

    def moment(self, anchor: ast.Anchor) -> Moments:
        if isinstance(anchor, ast.BirthdayRef):  # the Birthday deadline's own arithmetic
            return self.deadline(ast.Birthday(anchor.years)).due
        if isinstance(anchor, ast.FactRef):
            return self.facts.moments(anchor.key)
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
            # As the scalar engine: no due date (none fixed, or none required) to count from.
            without = referred.not_required
            self.problems.add(
                np.ones(self.size, np.bool_) if without is None else without,
                f"{self.task}: [{anchor.rule_id}] has no fixed timescale to count from",
            )
        return referred.due

    # -- arithmetic ------------------------------------------------------------
    def shift(
        self,
        start: Moments,
        duration: ast.Duration,
        direction: ast.Direction,
        anchor: ast.Anchor | None = None,
    ) -> Moments:
        named = anchor_name(anchor) if anchor is not None else None
        return self.shifter.shift(start, duration, direction, self.problems, self._resolve, named)

    def _resolve(self, rule_id: str) -> Deadline:  # pragma: no cover - shifts never resolve
        raise EvaluationError(f"{self.task}: [{rule_id}] cannot be resolved here")

    # -- deadlines -------------------------------------------------------------
    def deadline(self, node: ast.SingleDeadline) -> Bounds:
        size = self.size
        match node:
            case ast.OnDay(anchor=anchor):
                return Bounds(Moments.of_days(self.moment(anchor).days), *_blank(size))
            case ast.Offset():
                return self.offset(node)
            case ast.Window(start=start, end=end):
                earliest = self.deadline(start).due
                bounds = self.deadline(end)
                self.check_window(earliest, bounds.due)
                return Bounds(bounds.due, earliest, bounds.target)
            case ast.Age(years=years, months=months):
                born = self.facts.moments(_DOB.key)
                months_on = ast.Duration(12 * years + months, ast.Unit.MONTHS)
                due = self.shifter.shift(
                    Moments.of_days(born.days),
                    months_on,
                    ast.Direction.AFTER,
                    self.problems,
                    self._resolve,
                    _DOB.text,
                )
                return Bounds(due, *_blank(size))
            case ast.Birthday(years=years):
                born = self.facts.moments(_DOB.key)
                due = self.shifter.shift(
                    Moments.of_days(born.days),
                    ast.Duration(years, ast.Unit.YEARS),
                    ast.Direction.AFTER,
                    self.problems,
                    self._resolve,
                    _DOB.text,
                )
                return Bounds(due, *_blank(size))
            case ast.Rolled(inner=inner, roll=roll, weekend_only=weekend_only):
                bounds = self.deadline(inner)
                forward = roll is ast.Roll.NEXT
                earliest = self.roll(bounds.earliest, forward, weekend_only)
                due = self.roll(bounds.due, forward, weekend_only)
                return Bounds(due, earliest, bounds.target)
            case ast.Choice(options=options, pick=pick):
                if pick is ast.Pick.LATER:
                    results = [self.deadline(option) for option in options]
                    chosen = results[0]
                    for other in results[1:]:
                        chosen = other.where(later_than(other.due, chosen.due), chosen)
                    return chosen
                # Earlier of: an option whose events are unknown is set aside on
                # those rows, and so is any problem counting it would have.
                known = [self.known(option) for option in options]
                results = [
                    self.deadline_where(option, mask)
                    for option, mask in zip(options, known, strict=True)
                ]
                chosen = results[0]
                chosen_known = known[0]
                for other, other_known in zip(results[1:], known[1:], strict=True):
                    replace = other_known & (~chosen_known | ~later_than(other.due, chosen.due))
                    chosen = other.where(replace, chosen)
                    chosen_known = chosen_known | other_known
                return chosen
        raise AssertionError(f"not a deadline: {node!r}")  # pragma: no cover

    def offset(self, node: ast.Offset) -> Bounds:
        start = self.moment(node.anchor)
        due = self.shift(start, node.duration, node.direction, node.anchor)
        target = Moments.missing(self.size)
        if node.target is not None:
            target = self.shift(start, node.target, node.direction, node.anchor)
            # Month ends can put "30 days" after "1 month": a target never exceeds the limit.
            target = due.where(later_than(target, due), target)
        return Bounds(due, Moments.missing(self.size), target)

    def roll(self, value: Moments, forward: bool, weekend_only: bool = False) -> Moments:
        """Onto a working day: the value itself where its day works, else that working day
        (with ``weekend_only``, only where its day is at a weekend)."""
        day = value.days
        movable = day
        if weekend_only:
            weekday = (day.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday (3)
            at_weekend = np.isin(weekday, list(weekend_days(self.evaluation.use)))
            movable = np.where(at_weekend, day, np.datetime64("NaT", "D"))
        moved = self.shifter.roll(movable, forward, self.problems)
        moved = np.where(np.isnat(movable), day, moved)
        return Moments.of_days(moved).where(moved != day, value)

    def check_window(self, earliest: Moments, due: Moments) -> None:
        """A window whose bounds cross for these facts (mixed units near month ends)."""
        crossed = later_than(earliest, due)
        if not crossed.any():
            return
        for row in np.flatnonzero(crossed):
            start, end = earliest.item(int(row)), due.item(int(row))
            assert start is not None and end is not None
            self.problems.add(
                _one(self.size, int(row)),
                f"{self.task}: for these facts the window would start ({show(start)}) "
                f"after it ends ({show(end)}); its bounds use units that do not compare "
                "on every date",
            )

    # -- recurrence ------------------------------------------------------------
    def first_bounds(self, schedule: ast.Schedule) -> Bounds:
        """The deadline (for a recurrence, the first occurrence's) as ``Rule.deadline`` gives."""
        if isinstance(schedule, ast.NotRequired):
            return Bounds.missing(self.size)
        if not isinstance(schedule, ast.Recurrence):
            return self.deadline(schedule)
        if schedule.first is not None:
            return self.deadline(schedule.first)
        every = schedule.every
        if every is None or every.interval is None:
            self.problems.add(
                np.ones(self.size, np.bool_), f"{self.task}: the recurrence has no interval"
            )
            return Bounds.missing(self.size)
        anchor = every.anchor or ast.FactRef(PREVIOUS_OCCURRENCE, PREVIOUS_OCCURRENCE)
        start = self.moment(anchor)
        due = self.shift(start, every.interval, ast.Direction.AFTER, anchor)
        return Bounds(due, Moments.missing(self.size), self.every_target(every, start, due))

    def every_target(self, every: ast.Every, start: Moments, due: Moments) -> Moments:
        """An occurrence's target: the target interval after ``start``, never after ``due``."""
        if every.target is None:
            return Moments.missing(self.size)
        target = self.shift(start, every.target, ast.Direction.AFTER)
        return due.where(later_than(target, due), target)


def _one(size: int, row: int) -> BoolArray:
    mask = np.zeros(size, dtype=np.bool_)
    mask[row] = True
    return mask


def _blank(size: int) -> tuple[Moments, Moments]:
    return Moments.missing(size), Moments.missing(size)
