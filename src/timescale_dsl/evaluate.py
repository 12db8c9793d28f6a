"""Scalar evaluation: a timescale, facts and a calendar -> a Deadline with its explanation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import attrs

from .arithmetic import (
    add_hours,
    add_months,
    add_working_hours,
    hours_on_date_only,
    non_working_days,
    subtract_working_hours,
    working_day_index,
)
from .calendars.base import Calendar, weekend_days
from .ending import past_end
from .errors import (
    CalendarRangeError,
    EvaluationError,
    FactTypeError,
    FactValueError,
    MissingFactsError,
    NoApplicableAlternative,
    did_you_mean,
)
from .facts import parse_boolean, parse_when
from .limits import anchor_name, representable
from .model import (
    NOT_EXPLAINED,
    Deadline,
    Explanation,
    SkippedDay,
    When,
    as_date,
    end_of,
    summarise_days,
)
from .model import show_when as _show
from .needs import (
    PREVIOUS_OCCURRENCE,
    anchors,
    condition_facts,
    option_known,
    series_end,
    unknown_allowed,
)
from .syntax import ast
from .syntax.format import format_condition, format_schedule
from .syntax.names import event_key, ordinal
from .timezones import clock_changes, local_time_caveat, to_london

#: How many later due dates of a recurring rule are projected by default.
DEFAULT_PROJECTION = 6


@attrs.frozen
class Bounds:
    due: When
    earliest: When | None = None
    target: When | None = None


def later(a: When, b: When) -> bool:
    return end_of(a) > end_of(b)


class Evaluation:
    """One evaluation: the facts, the calendar and the explanation being written."""

    def __init__(
        self,
        task: str,
        facts: Mapping[str, object],
        calendar: Calendar,
        event_day_number: int,
        resolve_rule: Callable[[str], Deadline],
        *,
        projection: int = DEFAULT_PROJECTION,
        explain: bool = True,
    ) -> None:
        self.task = task
        self.explain = explain
        self.projection = projection
        self.facts = facts
        self.calendar = calendar
        self.index = working_day_index(calendar)
        self.event_day_number = event_day_number
        self.resolve_rule = resolve_rule
        self.steps: list[str] = []
        self.skipped: dict[dt.date, str] = {}
        self.caveats: list[str] = []
        self.provisional = False
        self.pending: list[str] = []  # notes waiting for the step they explain
        self.announced_until: dt.date | None = getattr(calendar, "announced_until", None)
        self.projected: tuple[dt.date, dt.date] | None = None  # projected days counted over
        #: Events of an earlier-of choice not known yet: the deadline is provisional.
        self.unknown_events: list[str] = []

    # -- facts -----------------------------------------------------------------
    def moment(self, anchor: ast.Anchor) -> When:
        if isinstance(anchor, ast.BirthdayRef):
            return self.deadline(ast.Birthday(anchor.years)).due
        if isinstance(anchor, ast.RuleRef):
            other = self.resolve_rule(anchor.rule_id)
            if other.due is None:
                raise EvaluationError(
                    f"{self.task}: [{anchor.rule_id}] has no fixed timescale to count from"
                )
            if self.explain:
                self.steps.append(f"[{anchor.rule_id}] ({other.task}) is due {_show(other.due)}:")
                self.steps.extend(f"    {step}" for step in other.explanation.steps)
            self.inherit(other)
            return other.due
        value = self.facts[anchor.key]
        if isinstance(value, str):
            try:
                value = parse_when(value)
            except FactValueError as error:
                raise FactTypeError(
                    f"{self.task}: fact '{anchor.text}': {error}", fact=anchor.text, value=value
                ) from None
        if not isinstance(value, dt.date):
            raise FactTypeError(
                f"{self.task}: fact '{anchor.text}' must be a date or date-time, "
                f"not {type(value).__name__} {value!r}",
                fact=anchor.text,
                value=value,
            )
        if isinstance(value, dt.datetime):
            if value.tzinfo is not None:
                return to_london(value)
            caveat = local_time_caveat(value)
            if caveat is not None and f"{anchor.text}: {caveat}" not in self.caveats:
                self.caveats.append(f"{anchor.text}: {caveat}")
        return value

    def missing_facts(self, missing: list[str]) -> MissingFactsError:
        """The error for facts not given, with a did-you-mean when a given name is close."""
        for name in missing:
            given = [key for key in self.facts if self.facts[key] is not None]
            suggestion = did_you_mean(event_key(name), given)
            if suggestion is not None:
                return MissingFactsError(self.task, missing, suggestion=name, given=suggestion)
        return MissingFactsError(self.task, missing)

    def inherit(self, other: Deadline) -> None:
        """A deadline counted from another rule's is as provisional as that one."""
        for caveat in other.caveats:
            if caveat not in self.caveats:
                self.caveats.append(caveat)
        self.provisional = self.provisional or other.provisional

    def present(self, key: str) -> bool:
        return self.facts.get(key) is not None

    def check_present(self, node: object) -> None:
        missing: list[str] = []
        for anchor in anchors(node):
            if not isinstance(anchor, ast.FactRef) or anchor.text in missing:
                continue
            if self.facts.get(anchor.key) is None:
                missing.append(anchor.text)
        if missing and unknown_allowed(node, self.present):
            self.unknown_events, missing = missing, []
        if missing:
            raise self.missing_facts(missing)

    # -- arithmetic ------------------------------------------------------------
    def shift(
        self,
        start: When,
        duration: ast.Duration,
        direction: ast.Direction,
        anchor: str | None = None,
    ) -> When:
        """``duration`` after (or before) ``start``, as SEMANTICS.md defines it."""
        with representable(self.task, duration, direction, _show(start), anchor):
            return self._shift(start, duration, direction)

    def _shift(self, start: When, duration: ast.Duration, direction: ast.Direction) -> When:
        n, unit = duration.count, duration.unit
        sign = 1 if direction is ast.Direction.AFTER else -1
        day = as_date(start)
        # Counting the event day as day 1 is counting from the day before it.
        day1 = dt.timedelta(days=sign * (self.event_day_number == 1))
        if unit is ast.Unit.WORKING_DAYS:
            base = day - day1
            result: When = self.index.after(base, n) if sign > 0 else self.index.before(base, n)
            self.note_projected(day, result)
            self.note_skipped(day, result)
            return result
        if unit is ast.Unit.CALENDAR_DAYS:
            return day - day1 + dt.timedelta(days=sign * n)
        if unit is ast.Unit.WEEKS:
            return day + dt.timedelta(weeks=sign * n)
        if unit is ast.Unit.MONTHS:
            return add_months(day, sign * n)
        if unit is ast.Unit.YEARS:
            return add_months(day, sign * 12 * n)
        if unit is ast.Unit.HOURS:
            if isinstance(start, dt.datetime):
                moved = add_hours(start, sign * n)
                if self.explain:
                    self.pending.extend(f"  {note}" for note in clock_changes(start, moved))
                return moved
            return hours_on_date_only(day, n, sign)
        return self.shift_working_hours(start, n, sign)

    def shift_working_hours(self, start: When, hours: int, sign: int) -> When:
        if not isinstance(start, dt.datetime):
            if hours % 24 == 0 and self.calendar.office_hours is None:
                whole = ast.Duration(hours // 24, ast.Unit.WORKING_DAYS)
                direction = ast.Direction.AFTER if sign > 0 else ast.Direction.BEFORE
                return self.shift(start, whole, direction)
            # A date alone: its own day does not count, as with working days.
            edge = start + dt.timedelta(days=1) if sign > 0 else start
            start = dt.datetime.combine(edge, dt.time(0))
        if sign > 0:
            result = add_working_hours(self.calendar, start, hours)
        else:
            result = subtract_working_hours(self.calendar, start, hours)
        self.note_projected(start.date(), result.date())
        self.note_skipped(start.date(), result.date())
        return result

    def note_projected(self, first: dt.date, last: dt.date) -> None:
        """Remember counting over bank holidays that are projected, not announced."""
        low, high = min(first, last), max(first, last)
        if self.announced_until is None or high <= self.announced_until:
            return
        low = max(low, self.announced_until + dt.timedelta(days=1))
        if self.projected is None:
            self.projected = (low, high)
        else:
            self.projected = (min(low, self.projected[0]), max(high, self.projected[1]))

    def note_skipped(self, start: dt.date, end: dt.date) -> None:
        """Record the days a count passed over, and say them in a few words."""
        if not self.explain:
            return
        last = as_date(end)
        passed = non_working_days(self.calendar, start, last)
        if last != start and not self.calendar.is_working_day(last):
            passed.append((last, self.calendar.non_working_reason(last) or "not a working day"))
        for day, reason in passed:
            self.skipped[day] = reason
        if passed:
            summary = summarise_days([SkippedDay(day, reason) for day, reason in passed])
            self.pending.append(f"  skipping {summary}")

    def say_pending(self) -> None:
        """Notes on the count just written (days skipped, clock changes) follow its step."""
        self.steps.extend(self.pending)
        self.pending.clear()

    # -- deadlines -------------------------------------------------------------
    def deadline(self, node: ast.SingleDeadline) -> Bounds:
        match node:
            case ast.OnDay(anchor=anchor):
                at = self.moment(anchor)
                if self.explain:
                    self.steps.append(f"on the day of {_name(anchor)}: {_show(as_date(at))}")
                return Bounds(as_date(at))
            case ast.Offset():
                return self.offset(node)
            case ast.Window(start=start, end=end):
                earliest = self.deadline(start).due
                bounds = self.deadline(end)
                if later(earliest, bounds.due):
                    raise EvaluationError(
                        f"{self.task}: for these facts the window would start "
                        f"({_show(earliest)}) after it ends ({_show(bounds.due)}); "
                        "its bounds use units that do not compare on every date"
                    )
                return Bounds(bounds.due, earliest, bounds.target)
            case ast.Age(years=years, months=months):
                born = as_date(self.moment(_DOB))
                in_months = ast.Duration(12 * years + months, ast.Unit.MONTHS)
                after = ast.Direction.AFTER
                with representable(self.task, in_months, after, _show(born), _DOB.text):
                    due = add_months(born, 12 * years + months)
                if self.explain:
                    self.steps.append(
                        f"date of birth {_show(born)} + {years} years and {months} months: "
                        f"{_show(due)}"
                    )
                return Bounds(due)
            case ast.Birthday(years=years):
                born = as_date(self.moment(_DOB))
                in_years = ast.Duration(years, ast.Unit.YEARS)
                after = ast.Direction.AFTER
                with representable(self.task, in_years, after, _show(born), _DOB.text):
                    due = add_months(born, 12 * years)
                if self.explain:
                    self.steps.append(f"{ordinal(years)} birthday: {_show(due)}")
                return Bounds(due)
            case ast.Rolled(inner=inner, roll=roll, weekend_only=weekend_only):
                return self.rolled(self.deadline(inner), roll, weekend_only)
            case ast.Choice(options=options, pick=pick):
                if pick is ast.Pick.EARLIER and self.unknown_events:
                    options = tuple(o for o in options if option_known(o, self.present))
                results = [self.deadline(option) for option in options]
                chosen = results[0]
                for other in results[1:]:
                    if later(other.due, chosen.due) == (pick is ast.Pick.LATER):
                        chosen = other
                if self.explain:
                    self.steps.append(f"whichever is {pick.value}: {_show(chosen.due)}")
                return chosen
        raise AssertionError(f"not a deadline: {node!r}")  # pragma: no cover

    def offset(self, node: ast.Offset) -> Bounds:
        start = self.moment(node.anchor)
        if self.explain:
            self.steps.append(f"{_name(node.anchor)}: {_show(start)}")
        due = self.shift(start, node.duration, node.direction, _name(node.anchor))
        if self.explain:
            words = f"{_duration(node.duration)} {node.direction.value} {_name(node.anchor)}"
            self.steps.append(f"{words}: {_show(due)}")
            self.say_pending()
        target = None
        if node.target is not None:
            target = self.shift(start, node.target, node.direction, _name(node.anchor))
            if self.explain:
                self.steps.append(f"target {_duration(node.target)}: {_show(target)}")
                self.say_pending()
            if later(target, due):
                # Month ends can put "30 days" after "1 month": a target never exceeds the limit.
                target = due
                if self.explain:
                    self.steps.append(f"the target cannot be later than the limit: {_show(due)}")
        return Bounds(due, None, target)

    def rolled(self, bounds: Bounds, roll: ast.Roll, weekend_only: bool = False) -> Bounds:
        """Move the due date (and a window's earliest date) onto a working day."""
        earliest = bounds.earliest
        if earliest is not None:
            earliest = self.roll(earliest, roll, weekend_only)
        return Bounds(self.roll(bounds.due, roll, weekend_only), earliest, bounds.target)

    def roll(self, value: When, roll: ast.Roll, weekend_only: bool = False) -> When:
        move = self.index.roll_forward if roll is ast.Roll.NEXT else self.index.roll_backward
        day = as_date(value)
        if weekend_only and day.weekday() not in weekend_days(self.calendar):
            return value
        moved = move(day)
        self.note_projected(day, moved)
        if moved == day:
            return value
        if self.explain:
            reason = self.calendar.non_working_reason(day) or "not a working day"
            self.skipped[day] = reason
            self.steps.append(
                f"{_show(day)} is not a working day ({reason}): "
                f"moved to the {roll.value} working day, {_show(moved)}"
            )
        return moved

    # -- recurrence ------------------------------------------------------------
    def recurrence_first(self, node: ast.Recurrence) -> Bounds:
        if node.first is not None:
            return self.deadline(node.first)
        every = node.every
        if every is None or every.interval is None:
            raise EvaluationError(f"{self.task}: the recurrence has no interval")
        anchor = every.anchor or ast.FactRef(PREVIOUS_OCCURRENCE, PREVIOUS_OCCURRENCE)
        start = self.moment(anchor)
        due = self.shift(start, every.interval, ast.Direction.AFTER, _name(anchor))
        if self.explain:
            self.steps.append(
                f"{_name(anchor)}: {_show(start)}; every {_duration(every.interval)}: {_show(due)}"
            )
            self.say_pending()
        target = None
        if every.target is not None:
            target = self.shift(start, every.target, ast.Direction.AFTER, _name(anchor))
            target = due if later(target, due) else target  # never later than the limit
            if self.explain:
                self.steps.append(f"target {_duration(every.target)}: {_show(target)}")
        return Bounds(due, None, target)

    def next_interval(self, node: ast.Recurrence, number: int) -> ast.Duration:
        """The interval from occurrence ``number`` (1-based) to the next one."""
        steps = node.steps
        if number - 1 < len(steps):
            return steps[number - 1]
        if node.every is None or node.every.interval is None:
            raise EvaluationError(f"{self.task}: the recurrence has no further interval")
        return node.every.interval

    def has_next(self, node: ast.Recurrence, number: int) -> bool:
        return number - 1 < len(node.steps) or (
            node.every is not None and node.every.interval is not None
        )

    def end_of_series(self, node: ast.Schedule) -> dt.date | None:
        """The day a recurrence "until X" ends, or None while X is not known."""
        end = series_end(node)
        if end is None or not self.present(end.key):
            return None
        return as_date(self.moment(end))

    def schedule(self, node: ast.Schedule) -> tuple[Bounds, tuple[When, ...]]:
        assert not isinstance(node, ast.NotRequired), "run() answers 'not required' itself"
        if not isinstance(node, ast.Recurrence):
            return self.deadline(node), ()
        first = self.recurrence_first(node)
        projected: list[When] = []
        previous = first.due
        number = 1
        # The due date is what may be provisional; later occurrences are forecasts anyway.
        relied_on = self.projected
        while len(projected) < self.projection and self.has_next(node, number):
            try:
                previous = self.shift(
                    previous, self.next_interval(node, number), ast.Direction.AFTER
                )
            except CalendarRangeError as error:
                # The first due date stands, as in the batch report; later ones cannot be known.
                if self.explain:
                    self.steps.append(f"later due dates are not projected: {error}")
                break
            projected.append(previous)
            number += 1
        self.projected = relied_on
        self.pending.clear()  # later occurrences are listed, not explained count by count
        return first, tuple(projected)

    # -- alternatives ----------------------------------------------------------
    def truth(self, condition: ast.Condition) -> bool | None:
        """Three-valued: None when a fact it needs was not supplied."""
        match condition:
            case ast.FactTrue(fact=fact):
                value = self.facts.get(fact.key)
                if value is None:
                    return None
                if isinstance(value, str):
                    try:
                        return parse_boolean(value)
                    except FactValueError as error:
                        raise FactTypeError(
                            f"{self.task}: fact '{fact.text}': {error}", fact=fact.text, value=value
                        ) from None
                if not isinstance(value, bool):
                    raise FactTypeError(
                        f"{self.task}: fact '{fact.text}' must be true or false, not {value!r}",
                        fact=fact.text,
                        value=value,
                    )
                return value
            case ast.FactEquals(fact=fact, value=expected, negated=negated):
                value = self.facts.get(fact.key)
                if value is None:
                    return None
                equal = str(value).strip().casefold() == expected.strip().casefold()
                return equal != negated
            case ast.Not(operand=operand):
                inner = self.truth(operand)
                return None if inner is None else not inner
            case ast.AllOf(operands=operands):
                values = [self.truth(o) for o in operands]
                if False in values:
                    return False
                return None if None in values else True
            case ast.AnyOf(operands=operands):
                values = [self.truth(o) for o in operands]
                if True in values:
                    return True
                return None if None in values else False
        raise AssertionError(f"not a condition: {condition!r}")  # pragma: no cover

    def choose(self, alternatives: ast.Alternatives) -> ast.Guarded:
        options = alternatives.options
        if len(options) == 1 and options[0].condition is None:
            return options[0]
        holding: list[ast.Guarded] = []
        unknown: list[str] = []
        fallback: ast.Guarded | None = None
        for option in options:
            if option.otherwise or option.condition is None:
                fallback = option
                continue
            verdict = self.truth(option.condition)
            if verdict:
                holding.append(option)
            elif verdict is None:
                for key, _ in condition_facts(option.condition):
                    if self.facts.get(key) is None and key not in unknown:
                        unknown.append(key)
        if len(holding) > 1:
            both = " and ".join(
                f"'{format_condition(o.condition)}'" for o in holding if o.condition
            )
            raise EvaluationError(f"{self.task}: more than one alternative applies: {both}")
        if holding:
            chosen = holding[0]
            assert chosen.condition is not None
            if self.explain:
                self.steps.append(f"applies because {format_condition(chosen.condition)}")
            return chosen
        if unknown:
            raise self.missing_facts(unknown)
        if fallback is not None:
            if self.explain:
                self.steps.append("no condition holds: otherwise")
            return fallback
        raise NoApplicableAlternative(
            f"{self.task}: none of the alternatives applies to the facts given"
        )

    def not_required(self, rule_id: str | None, *caveats: str) -> Deadline:
        """No record is due for these facts: neither a deadline nor an error."""
        return Deadline(
            self.task,
            None,
            rule_id,
            explanation=Explanation(tuple(self.steps)) if self.explain else NOT_EXPLAINED,
            not_required=True,
            caveats=caveats,
        )

    def run(self, timescale: ast.Timescale, rule_id: str | None) -> Deadline:
        if isinstance(timescale, ast.NoFixedTimescale):
            return Deadline(
                self.task,
                None,
                rule_id,
                explanation=Explanation(("no fixed timescale",)),
                no_fixed_timescale=timescale.wording or "",
            )
        chosen = self.choose(timescale)
        if isinstance(chosen.schedule, ast.NotRequired):
            # No record is due: neither a deadline nor an error.
            self.steps.insert(0, "timescale: not required")
            return self.not_required(rule_id)
        self.check_present(chosen.schedule)
        if self.explain:
            self.steps.insert(0, f"timescale: {format_schedule(chosen.schedule)}")
        bounds, projected = self.schedule(chosen.schedule)
        end = self.end_of_series(chosen.schedule)
        if end is not None:
            if past_end(as_date(bounds.due), end):
                self.steps.append(f"the series ended on {_show(end)}: no occurrence is due")
                return self.not_required(rule_id, f"the series ended on {end.isoformat()}")
            projected = tuple(p for p in projected if not past_end(as_date(p), end))
        if self.explain:
            self.steps.append(f"due: {_show(bounds.due)}" + _end_note(bounds.due))
        unknown = [
            f"'{name}' is not known yet: the date is the earliest of the alternatives "
            "whose events are known, and may move earlier once it is"
            for name in self.unknown_events
        ]
        self.caveats += unknown
        self.provisional = self.provisional or bool(unknown)
        if self.projected is not None:
            self.provisional = True
            self.caveats.append(_projected_caveat(*self.projected))
        explanation = NOT_EXPLAINED
        if self.explain:
            self.steps += [f"provisional: {caveat}" for caveat in unknown]
            skipped = tuple(SkippedDay(d, r) for d, r in sorted(self.skipped.items()))
            explanation = Explanation(tuple(self.steps), skipped)
        return Deadline(
            self.task,
            bounds.due,
            rule_id,
            earliest=bounds.earliest,
            target=bounds.target,
            explanation=explanation,
            schedule=projected,
            provisional=self.provisional,
            caveats=tuple(self.caveats),
            calendar=self.calendar,
        )


def _projected_caveat(first: dt.date, last: dt.date) -> str:
    years = str(first.year) if last.year == first.year else f"{first.year} to {last.year}"
    return (
        f"bank holidays for {years} are not announced yet: this date counts them "
        "as the usual rules project them, and a one-off or moved bank holiday "
        "announced later could change it"
    )


_DOB = ast.FactRef(ast.DATE_OF_BIRTH, ast.DATE_OF_BIRTH)


def _end_note(value: When) -> str:
    return "" if isinstance(value, dt.datetime) else " (by the end of the day)"


_name = anchor_name


def _duration(duration: ast.Duration) -> str:
    return f"{duration.count} {duration.unit.text(duration.count)}"
