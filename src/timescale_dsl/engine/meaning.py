"""What every construct of the language means, written once for both evaluation paths.

Each function walks part of a rule's tree and computes with the operations of
:class:`~.operations.Operations`, so the same words drive one case's deadline
(with its explanation) and a million rows' (docs/semantics.md is the
account in prose; docs/architecture.md shows where this sits). A new
construct is one more case here.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import operator
from collections.abc import Callable, Sequence

from ..errors import EvaluationError, MissingFactsError, NoApplicableAlternative
from ..limits import anchor_name, beyond_dates_message
from ..model import When, show_when
from ..needs import (
    DATE_OF_BIRTH_FACT,
    PREVIOUS_OCCURRENCE_FACT,
    anchors,
    condition_facts,
    earliest_of,
    ends_with_phases,
    opening_every,
    series_end,
)
from ..syntax import ast
from ..syntax.format import format_condition
from ..syntax.names import ordinal
from .operations import NO_CHOICE, C, DueDates, M, Operations, Refusal, V

Ops = Operations[V, M, C]


# -- what is counted from ------------------------------------------------------------
def moment(ops: Ops[V, M, C], anchor: ast.Anchor) -> V:
    """The moment an anchor stands for: a fact, another rule's due date, a birthday."""
    if isinstance(anchor, ast.BirthdayRef):
        return deadline(ops, ast.Birthday(anchor.years)).due
    if isinstance(anchor, ast.RuleRef):
        return ops.rule_due(anchor)
    return ops.fact(anchor)


def no_school_holidays(task: str) -> str:
    """Why school days cannot be counted: the ruleset does not say when schools close."""
    return (
        f"{task}: school days need the school holidays: declare them in the ruleset's "
        'header (school holidays 2026-07-23 to 2026-09-02 "Summer")'
    )


def school_holidays_unknown(known: dt.date) -> str:
    """Why school days counted past the last declared school holiday are provisional."""
    return (
        f"school holidays are declared up to {known.isoformat()}: later working days are "
        "counted as school days"
    )


def no_fixed_timescale(task: str, rule_id: str) -> str:
    """Why a rule cannot count from one that has no due date."""
    return f"{task}: [{rule_id}] has no fixed timescale to count from"


# -- counting ------------------------------------------------------------------------
def shift(
    ops: Ops[V, M, C],
    start: V,
    duration: ast.Duration,
    direction: ast.Direction,
    anchor: str | None = None,
) -> V:
    """``duration`` after (or before) ``start`` (docs/semantics.md, "Counting")."""

    def beyond(shown: str) -> str:
        return beyond_dates_message(ops.task, duration, direction, shown, anchor)

    return ops.counted(start, lambda: _count(ops, start, duration, direction), beyond)


def _count(ops: Ops[V, M, C], start: V, duration: ast.Duration, direction: ast.Direction) -> V:
    n, unit = duration.count, duration.unit
    sign = 1 if direction is ast.Direction.AFTER else -1
    forward = sign > 0
    day = ops.date_of(start)
    # Counting the event day as day 1 is counting from the day before it.
    day_one = sign * (ops.event_day_number == 1)
    if unit is ast.Unit.WORKING_DAYS:
        return ops.working_days(ops.add_days(day, -day_one), n, forward, day)
    if unit is ast.Unit.SCHOOL_DAYS:
        return ops.school_days(ops.add_days(day, -day_one), n, forward, day)
    if unit is ast.Unit.CALENDAR_DAYS:
        return ops.add_days(day, sign * n - day_one)
    if unit is ast.Unit.WEEKS:
        return ops.add_days(day, sign * 7 * n)
    if unit is ast.Unit.MONTHS:
        return ops.add_months(day, sign * n)
    if unit is ast.Unit.YEARS:
        return ops.add_months(day, sign * 12 * n)
    if unit is ast.Unit.HOURS:
        # From a date with no time: whole days, rounded up in the reader's favour.
        return ops.split(
            ops.timed(start),
            start,
            lambda timed, moment: timed.add_hours(moment, sign * n),
            lambda dated, moment: dated.add_days(dated.date_of(moment), sign * math.ceil(n / 24)),
        )
    return ops.split(
        ops.timed(start),
        start,
        lambda timed, moment: timed.working_hours(moment, n, forward),
        lambda dated, moment: _working_hours_from_date(dated, moment, n, direction),
    )


def _working_hours_from_date(ops: Ops[V, M, C], day: V, hours: int, direction: ast.Direction) -> V:
    """Working hours from a date alone: whole working days when they divide evenly and
    no office hours are set; otherwise from the edge of the day, which does not count."""
    if hours % 24 == 0 and not ops.has_office_hours:
        return _count(ops, day, ast.Duration(hours // 24, ast.Unit.WORKING_DAYS), direction)
    forward = direction is ast.Direction.AFTER
    edge = ops.start_of_day(ops.add_days(ops.date_of(day), 1 if forward else 0))
    return ops.working_hours(edge, hours, forward)


def within_limit(ops: Ops[V, M, C], target: V, due: V) -> V:
    """A target never later than the limit (month ends can put "30 days" after "1 month")."""
    too_late = ops.later(target, due)
    ops.say(lambda show: f"the target cannot be later than the limit: {show(due)}", too_late)
    return ops.pick(too_late, due, target)


def roll(ops: Ops[V, M, C], value: V, rolling: ast.Roll, weekend_only: bool) -> V:
    """Onto a working day: the value itself where its day works (with ``weekend_only``,
    where its day is not at a weekend), else that day's next (previous) working day."""
    day = ops.date_of(value)
    only = ops.at_weekend(day) if weekend_only else None
    moved = ops.roll_day(day, rolling is ast.Roll.NEXT, only)
    return ops.pick(ops.same_day(moved, day), value, moved)


# -- deadlines -----------------------------------------------------------------------
def deadline(ops: Ops[V, M, C], node: ast.SingleDeadline) -> DueDates[V]:
    """A single deadline's dates."""
    match node:
        case ast.OnDay(anchor=anchor):
            day = ops.date_of(moment(ops, anchor))
            ops.say(lambda show: f"on the day of {anchor_name(anchor)}: {show(day)}")
            return DueDates(day)
        case ast.Offset():
            return offset(ops, node)
        case ast.Window(start=start, end=end):
            earliest = deadline(ops, start).due
            dates = deadline(ops, end)
            ops.refuse_crossed(
                ops.later(earliest, dates.due), earliest, dates.due, _crossed(ops.task)
            )
            return DueDates(dates.due, earliest, dates.target)
        case ast.Age(years=years, months=months):
            born = ops.date_of(moment(ops, DATE_OF_BIRTH_FACT))
            due = _after_birth(ops, born, ast.Duration(12 * years + months, ast.Unit.MONTHS))
            ops.say(
                lambda show: (
                    f"date of birth {show(born)} + {years} years and {months} months: {show(due)}"
                )
            )
            return DueDates(due)
        case ast.Birthday(years=years):
            born = ops.date_of(moment(ops, DATE_OF_BIRTH_FACT))
            due = _after_birth(ops, born, ast.Duration(years, ast.Unit.YEARS))
            ops.say(lambda show: f"{ordinal(years)} birthday: {show(due)}")
            return DueDates(due)
        case ast.Rolled(inner=inner, roll=rolling, weekend_only=weekend_only):
            dates = deadline(ops, inner)
            opens = dates.earliest
            rolled = None if opens is None else roll(ops, opens, rolling, weekend_only)
            return DueDates(roll(ops, dates.due, rolling, weekend_only), rolled, dates.target)
        case ast.Choice(options=options, pick=pick):
            chosen = _earlier(ops, options) if pick is ast.Pick.EARLIER else _later(ops, options)
            ops.say(lambda show: f"whichever is {pick.value}: {show(chosen.due)}")
            return chosen
    raise AssertionError(f"not a deadline: {node!r}")  # pragma: no cover


def offset(ops: Ops[V, M, C], node: ast.Offset) -> DueDates[V]:
    """A count from an event, and its target inside the limit."""
    name = anchor_name(node.anchor)
    start = moment(ops, node.anchor)
    ops.say(lambda show: f"{name}: {show(start)}")
    due = shift(ops, start, node.duration, node.direction, name)
    ops.say(lambda show: f"{_words(node.duration)} {node.direction.value} {name}: {show(due)}")
    if node.target is None:
        return DueDates(due)
    target = shift(ops, start, node.target, node.direction, name)
    target_words = _words(node.target)
    ops.say(lambda show: f"target {target_words}: {show(target)}")
    return DueDates(due, None, within_limit(ops, target, due))


def _after_birth(ops: Ops[V, M, C], born: V, duration: ast.Duration) -> V:
    return shift(ops, born, duration, ast.Direction.AFTER, DATE_OF_BIRTH_FACT.text)


def _crossed(task: str) -> Callable[[When, When], str]:
    def describe(start: When, end: When) -> str:
        return (
            f"{task}: for these facts the window would start ({show_when(start)}) after it "
            f"ends ({show_when(end)}); its bounds use units that do not compare on every date"
        )

    return describe


def _pick_dates(ops: Ops[V, M, C], mask: M, chosen: DueDates[V], other: DueDates[V]) -> DueDates[V]:
    if not ops.anywhere(mask):
        return other
    return ops.pick_dates(mask, chosen, other)


def _later(ops: Ops[V, M, C], options: Sequence[ast.SingleDeadline]) -> DueDates[V]:
    """Whichever is later: every option is computed; a tie keeps the first."""
    results = [deadline(ops, option) for option in options]
    chosen = results[0]
    for other in results[1:]:
        chosen = _pick_dates(ops, ops.later(other.due, chosen.due), other, chosen)
    return chosen


def _earlier(ops: Ops[V, M, C], options: Sequence[ast.SingleDeadline]) -> DueDates[V]:
    """Whichever is earlier: an option whose events are not known is set aside (and so are
    the problems counting it would have); a tie takes the last."""
    chosen: DueDates[V] | None = None
    chosen_known = ops.constant(False)
    for option in options:
        known = option_known(ops, option)
        result = ops.only_where(known, functools.partial(deadline, ops, option))
        if result is None:
            continue
        if chosen is None:
            chosen, chosen_known = result, known
            continue
        replace = known & (ops.negate(chosen_known) | ops.negate(ops.later(result.due, chosen.due)))
        chosen = _pick_dates(ops, replace, result, chosen)
        chosen_known = chosen_known | known
    assert chosen is not None, "check_present leaves at least one option known"
    return chosen


def option_known(ops: Ops[V, M, C], option: object) -> M:
    """Where every event an option counts from is known."""
    return _all(ops, [ops.negate(ops.absent(a.key)) for a in _fact_anchors(option)])


# -- which facts are needed ----------------------------------------------------------
def check_present(ops: Ops[V, M, C], schedule: ast.Schedule) -> None:
    """Refuse where an event the schedule counts from is blank. In "A or B, whichever
    is earlier", where one option's events are all known, the others' may be unknown:
    those are set aside and the deadline is provisional."""
    found = _fact_anchors(schedule)
    if not found:
        return
    blank = [ops.absent(anchor.key) for anchor in found]
    choice = earliest_of(schedule)
    if choice is not None:
        allowed = _any(ops, [option_known(ops, option) for option in choice.options])
        ops.unknown_events([mask & allowed for mask in blank], [a.text for a in found])
        blank = [mask & ops.negate(allowed) for mask in blank]
    _refuse_blank(ops, found, blank)


def _refuse_blank(ops: Ops[V, M, C], found: Sequence[ast.FactRef], blank: list[M]) -> None:
    """Refuse the rows where any of ``found`` is blank, naming the blank ones."""

    def missing(flags: Sequence[bool]) -> Refusal | None:
        names: list[str] = []
        columns: list[str] = []
        for anchor, flag in zip(found, flags, strict=True):
            if flag and anchor.text not in names:
                names.append(anchor.text)
                columns.append(anchor.key)
        if not names:
            return None
        return Refusal(MissingFactsError(ops.task, names), ", ".join(columns))

    ops.refuse_by_flags(blank, missing)


def _fact_anchors(node: object) -> tuple[ast.FactRef, ...]:
    """The facts a rule's node counts from, found once per node: a scalar deadline asks
    them of the same schedule on every call. Kept by the node's identity (hashing a
    frozen node walks it as far as finding them does), with the node itself, so that
    an id is never mistaken for a later node's."""
    kept = _FACT_ANCHORS.get(id(node))
    if kept is not None and kept[0] is node:
        return kept[1]
    found = _walk_fact_anchors(node)
    if len(_FACT_ANCHORS) >= _FACT_ANCHORS_KEPT:  # a long-lived editor parses many rulesets
        _FACT_ANCHORS.clear()
    _FACT_ANCHORS[id(node)] = (node, found)
    return found


def _walk_fact_anchors(node: object) -> tuple[ast.FactRef, ...]:
    return tuple(anchor for anchor in anchors(node) if isinstance(anchor, ast.FactRef))


_FACT_ANCHORS: dict[int, tuple[object, tuple[ast.FactRef, ...]]] = {}
_FACT_ANCHORS_KEPT = 4096


# -- conditions and alternatives -----------------------------------------------------
def truth(ops: Ops[V, M, C], condition: ast.Condition) -> tuple[M, M]:
    """Three-valued: (holds, known); a condition on a blank fact is unknown, and
    combinations decide what they can (false and unknown is false)."""
    match condition:
        case ast.FactTrue(fact=fact):
            value, known = ops.flag(fact)
            return value & known, known
        case ast.FactEquals(fact=fact, value=expected, negated=negated):
            wanted = same_label(expected)
            equal, known = ops.label(fact, wanted)
            holds = ops.negate(equal) if negated else equal
            return holds & known, known
        case ast.Not(operand=operand):
            value, known = truth(ops, operand)
            return ops.negate(value) & known, known
        case ast.AllOf(operands=operands):
            parts = [truth(ops, o) for o in operands]
            some_false = _any(ops, [k & ops.negate(v) for v, k in parts])
            all_known = _all(ops, [k for _, k in parts])
            return all_known & ops.negate(some_false), some_false | all_known
        case ast.AnyOf(operands=operands):
            parts = [truth(ops, o) for o in operands]
            some_true = _any(ops, [k & v for v, k in parts])
            all_known = _all(ops, [k for _, k in parts])
            return some_true, some_true | all_known
    raise AssertionError(f"not a condition: {condition!r}")  # pragma: no cover


def same_label(expected: str) -> Callable[[str], bool]:
    """Text facts compare without case or surrounding spaces ("Foster care" is "foster care")."""
    folded = expected.strip().casefold()
    return lambda value: value.strip().casefold() == folded


def choose(ops: Ops[V, M, C], alternatives: ast.Alternatives) -> C:
    """The alternative that applies. More than one holding, none holding while a
    condition's fact is blank, or none at all with no ``otherwise``, is refused."""
    options = alternatives.options
    if len(options) == 1 and options[0].condition is None:
        return ops.choice_constant(0)
    fallback = NO_CHOICE
    numbers: list[int] = []
    guarded: list[ast.Guarded] = []
    holds: list[M] = []
    unknown: list[M] = []
    for number, option in enumerate(options):
        if option.otherwise or option.condition is None:
            fallback = number
            continue
        value, known = truth(ops, option.condition)
        numbers.append(number)
        guarded.append(option)
        holds.append(value & known)
        unknown.append(ops.negate(known))
    task = ops.task

    def several(flags: Sequence[bool]) -> Refusal | None:
        if sum(flags) < 2:
            return None
        both = " and ".join(
            f"'{format_condition(o.condition)}'"
            for o, flag in zip(guarded, flags, strict=True)
            if flag and o.condition
        )
        return Refusal(EvaluationError(f"{task}: more than one alternative applies: {both}"))

    ops.refuse_by_flags(holds, several)
    none_holds = ops.negate(_any(ops, holds))
    undecided = none_holds & _any(ops, unknown)
    if ops.anywhere(undecided):
        _refuse_undecided(ops, guarded, unknown, undecided)
    if fallback == NO_CHOICE and ops.anywhere(none_holds):
        error = NoApplicableAlternative(
            f"{task}: none of the alternatives applies to the facts given"
        )
        ops.refuse(none_holds, Refusal(error))
    choice = ops.choice_constant(fallback)
    for number, held in zip(numbers, holds, strict=True):
        choice = ops.choose_where(held, number, choice)
    return choice


def _refuse_undecided(
    ops: Ops[V, M, C], guarded: list[ast.Guarded], unknown: list[M], rows: M
) -> None:
    """Where no condition holds and some could not be decided: the blank facts they need."""
    keys: list[str] = []
    for option in guarded:
        assert option.condition is not None
        for key, _ in condition_facts(option.condition):
            if key not in keys:
                keys.append(key)
    blank = [ops.absent(key) & rows for key in keys]
    undecided = [mask & rows for mask in unknown]

    def missing(flags: Sequence[bool]) -> Refusal | None:
        names: list[str] = []
        for option, open_ in zip(guarded, flags[: len(guarded)], strict=True):
            assert option.condition is not None
            for key, _ in condition_facts(option.condition) if open_ else ():
                if flags[len(guarded) + keys.index(key)] and key not in names:
                    names.append(key)
        if not names:
            return None
        return Refusal(MissingFactsError(ops.task, names), ", ".join(names))

    ops.refuse_by_flags([*undecided, *blank], missing)


# -- schedules -----------------------------------------------------------------------
def option_dates(ops: Ops[V, M, C], schedule: ast.Schedule) -> DueDates[V]:
    """The dates an alternative gives (a recurrence's first occurrence's), or none where
    no record is due."""
    if isinstance(schedule, ast.NotRequired):
        ops.not_required(ops.constant(True), None)
        return DueDates(ops.nothing())
    check_present(ops, schedule)
    return end_series(ops, schedule, first_dates(ops, schedule))


def first_dates(ops: Ops[V, M, C], schedule: ast.Schedule) -> DueDates[V]:
    """A deadline's dates, or for a recurrence, its first occurrence's."""
    assert not isinstance(schedule, ast.NotRequired)
    if not isinstance(schedule, ast.Recurrence):
        return deadline(ops, schedule)
    if schedule.first is not None:
        return deadline(ops, schedule.first)
    every = opening_every(schedule)
    if every is None or every.interval is None:
        error = EvaluationError(f"{ops.task}: the recurrence has no interval")
        ops.refuse(ops.constant(True), Refusal(error))
        return DueDates(ops.nothing())
    anchor = every.anchor or PREVIOUS_OCCURRENCE_FACT
    name = anchor_name(anchor)
    start = moment(ops, anchor)
    return _every_dates(ops, every, start, True, name)


def occurrence_target(
    ops: Ops[V, M, C], every: ast.Every, start: V, due: V, anchor: str | None = None
) -> V | None:
    """An occurrence's target: the target interval after its start, never after its due."""
    if every.target is None:
        return None
    target = shift(ops, start, every.target, ast.Direction.AFTER, anchor)
    target_words = _words(every.target)
    ops.say(lambda show: f"target {target_words}: {show(target)}")
    return within_limit(ops, target, due)


def interval_after(schedule: ast.Recurrence, number: int) -> ast.Duration | None:
    """The interval from occurrence ``number`` (1-based) to the next as a sample of
    made-up records spaces them: the step's, else the opening frequency's (a later
    period's frequency depends on dates, see ``next_occurrence``); None where the
    schedule has no further occurrence."""
    if number - 1 < len(schedule.steps):
        return schedule.steps[number - 1]
    every = opening_every(schedule)
    return every.interval if every is not None else None


def next_occurrence(
    ops: Ops[V, M, C],
    schedule: ast.Recurrence,
    number: int,
    previous: V,
    *,
    targets: bool = True,
) -> DueDates[V] | None:
    """When occurrence ``number + 1`` is due, one interval after ``previous`` (when
    occurrence ``number`` happened, or was due); None past the schedule's end. The
    interval is the step's for that occurrence, then the frequency of the period
    ``previous`` falls in, then ``every``'s. ``targets``: with each occurrence's target."""
    if number - 1 < len(schedule.steps):
        return DueDates(shift(ops, previous, schedule.steps[number - 1], ast.Direction.AFTER))
    # Past its last period, a series with no frequency after it keeps the last one's:
    # its occurrences are then due after the series' end, and so not due (end_series).
    last = schedule.every or (schedule.phases[-1].every if schedule.phases else None)
    if last is None or last.interval is None:
        return None
    chosen = _every_dates(ops, last, previous, targets)
    if not schedule.phases:
        return chosen
    day = ops.date_of(previous)
    for phase in reversed(schedule.phases):
        inside = ops.later(_period_end(ops, phase), day)  # the period ends after that day
        if ops.anywhere(inside):
            within = _every_dates(ops, phase.every, previous, targets)
            chosen = _pick_dates(ops, inside, within, chosen)
    return chosen


def _every_dates(
    ops: Ops[V, M, C], every: ast.Every, start: V, targets: bool, name: str | None = None
) -> DueDates[V]:
    """An occurrence one interval after ``start`` (the occurrence before, or the
    frequency's event), its window's opening ("every 4-6 weeks") and its target."""
    interval = every.interval
    assert interval is not None, "a frequency that is counted names its interval"
    due = shift(ops, start, interval, ast.Direction.AFTER, name)
    earliest = None
    if every.earliest is not None:
        earliest = shift(ops, start, every.earliest, ast.Direction.AFTER, name)
    if name is not None:  # the first occurrence is explained; later ones are listed
        ops.say(lambda show: f"{name}: {show(start)}; every {_words(interval)}: {show(due)}")
        if every.earliest is not None and earliest is not None:
            opening, opens = _words(every.earliest), earliest
            ops.say(lambda show: f"not before {opening} after it: {show(opens)}")
    if not targets:
        return DueDates(due, earliest)
    return DueDates(due, earliest, occurrence_target(ops, every, start, due, name))


def say_periods(ops: Ops[V, M, C], schedule: ast.Recurrence) -> None:
    """Explain when each frequency's period ends."""
    for phase in schedule.phases:
        end = _period_end(ops, phase)
        assert phase.every.interval is not None, "the parser refuses a period without one"
        interval, length = _words(phase.every.interval), _words(phase.period)
        words = f"({length} after {anchor_name(phase.anchor)})"
        ops.say(functools.partial(_period_step, interval, end, words))


def _period_step(interval: str, end: V, words: str, show: Callable[[V], str]) -> str:
    return f"every {interval} after an occurrence before {show(end)} {words}"


def _period_end(ops: Ops[V, M, C], phase: ast.Phase) -> V:
    """The day a frequency's period ends: its length after its event's day ("the
    first year" of a placement on 1 March 2026 ends on 1 March 2027)."""
    facts = _walk_fact_anchors(ast.OnDay(phase.anchor))
    _refuse_blank(ops, facts, [ops.absent(fact.key) for fact in facts])
    start = ops.date_of(moment(ops, phase.anchor))
    return shift(ops, start, phase.period, ast.Direction.AFTER, anchor_name(phase.anchor))


def end_series(ops: Ops[V, M, C], schedule: ast.Schedule, dates: DueDates[V]) -> DueDates[V]:
    """A recurrence "until X", or one whose last period has no frequency after it: no
    occurrence is due on or after X's day (the period's end). An end not known yet ends
    nothing; of two ends, the earlier ends the series."""
    end = _series_end_day(ops, schedule)
    if end is None:
        return dates
    due_day = ops.date_of(dates.due)
    ended = ops.present(end) & ops.present(due_day) & ops.negate(ops.later(end, due_day))
    ops.not_required(ended, end)
    if not ops.anywhere(ended):
        return dates
    return ops.pick_dates(ended, DueDates(ops.nothing()), dates)


def _series_end_day(ops: Ops[V, M, C], schedule: ast.Schedule) -> V | None:
    """The day a series ends, where it is known; None where it never ends."""
    ends: list[V] = []
    until = series_end(schedule)
    if until is not None:
        known = ops.negate(ops.absent(until.key))
        found = ops.only_where(known, lambda: DueDates(ops.date_of(moment(ops, until))))
        if found is not None:
            ends.append(found.due)
    if isinstance(schedule, ast.Recurrence) and ends_with_phases(schedule):
        ends.append(_period_end(ops, schedule.phases[-1]))
    if not ends:
        return None
    end = ends[0]
    for other in ends[1:]:
        sooner = ops.present(other) & (ops.negate(ops.present(end)) | ops.later(end, other))
        end = ops.pick(sooner, other, end)
    if not ops.anywhere(ops.present(end)):
        return None
    return end


# -- helpers --------------------------------------------------------------------------
def _all(ops: Ops[V, M, C], masks: list[M]) -> M:
    return functools.reduce(operator.and_, masks, ops.constant(True))


def _any(ops: Ops[V, M, C], masks: list[M]) -> M:
    return functools.reduce(operator.or_, masks, ops.constant(False))


def _words(duration: ast.Duration) -> str:
    return f"{duration.count} {duration.unit.text(duration.count)}"
