"""One case's deadline: the language's meaning over Python dates, with its explanation.

:class:`Evaluation` implements :class:`~.operations.Operations` for one set
of facts: a truth value is a ``bool``, a moment a ``date`` or ``datetime``,
and a refusal is raised as the library's own exception. The steps of the
explanation are written as the meaning is computed (skipped with
``explain=False``, which is most of a call's time).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from ..calendars.base import Calendar, weekend_days
from ..errors import (
    DateOutOfRangeError,
    EvaluationError,
    FactTypeError,
    FactValueError,
    MissingFactsError,
    TimescaleError,
    did_you_mean,
)
from ..facts import parse_boolean, parse_when
from ..model import (
    NOT_EXPLAINED,
    Deadline,
    Explanation,
    SkippedDay,
    When,
    as_date,
    end_of,
    show_when,
    summarise_days,
)
from ..syntax import ast
from ..syntax.format import format_condition, format_schedule
from ..syntax.names import event_key
from ..timezones import clock_changes, local_time_caveat, to_london
from . import meaning
from .arithmetic import (
    add_hours,
    add_months,
    add_working_hours,
    non_working_days,
    subtract_working_hours,
    working_day_index,
)
from .operations import DueDates, Refusal, Step

#: How many later due dates of a recurring rule are projected by default.
DEFAULT_PROJECTION = 6


class NotDue(Exception):
    """No record is due for these facts: stops the evaluation, which answers so."""

    def __init__(self, caveats: tuple[str, ...]) -> None:
        super().__init__()
        self.caveats = caveats


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
        school_calendar: Calendar | None = None,
        school_holidays_until: dt.date | None = None,
    ) -> None:
        self.task = task
        self.school_calendar = school_calendar
        self.school_holidays_until = school_holidays_until
        self.explain = explain
        self.projection = projection
        self.facts = facts
        self.calendar = calendar
        self.index = working_day_index(calendar)
        self.event_day_number = event_day_number
        self.has_office_hours = calendar.office_hours is not None
        self.resolve_rule = resolve_rule
        self.steps: list[str] = []
        self.skipped: dict[dt.date, str] = {}
        self.caveats: list[str] = []
        self.provisional = False
        self.pending: list[str] = []  # notes waiting for the step they explain
        self.announced_until: dt.date | None = getattr(calendar, "announced_until", None)
        self.projected: tuple[dt.date, dt.date] | None = None  # projected days counted over
        #: Events of an earlier-of choice not known yet: the deadline is provisional.
        self.unknown: list[str] = []
        #: The day a recurrence "until X" ends, once X is known.
        self.series_ended: dt.date | None = None

    # -- facts ---------------------------------------------------------------------
    def fact(self, anchor: ast.FactRef) -> When:
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

    def rule_due(self, anchor: ast.RuleRef) -> When:
        other = self.resolve_rule(anchor.rule_id)
        if other.due is None:
            raise EvaluationError(meaning.no_fixed_timescale(self.task, anchor.rule_id))
        if self.explain:
            self.steps.append(f"[{anchor.rule_id}] ({other.task}) is due {show_when(other.due)}:")
            self.steps.extend(f"    {step}" for step in other.explanation.steps)
        # A deadline counted from another rule's is as provisional as that one.
        for caveat in other.caveats:
            if caveat not in self.caveats:
                self.caveats.append(caveat)
        self.provisional = self.provisional or other.provisional
        return other.due

    def absent(self, key: str) -> bool:
        return self.facts.get(key) is None

    def flag(self, fact: ast.FactRef) -> tuple[bool, bool]:
        value = self.facts.get(fact.key)
        if value is None:
            return False, False
        if isinstance(value, str):
            try:
                return parse_boolean(value), True
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
        return value, True

    def label(self, fact: ast.FactRef, wanted: Callable[[str], bool]) -> tuple[bool, bool]:
        value = self.facts.get(fact.key)
        if value is None:
            return False, False
        return wanted(str(value)), True

    def missing_facts(self, missing: Sequence[str]) -> MissingFactsError:
        """The error for facts not given, with a did-you-mean when a given name is close."""
        for name in missing:
            given = [key for key in self.facts if self.facts[key] is not None]
            suggestion = did_you_mean(event_key(name), given)
            if suggestion is not None:
                return MissingFactsError(self.task, missing, suggestion=name, given=suggestion)
        return MissingFactsError(self.task, missing)

    # -- truth values and moments ----------------------------------------------------
    def constant(self, value: bool) -> bool:
        return value

    def negate(self, mask: bool) -> bool:
        return not mask

    def anywhere(self, mask: bool) -> bool:
        return mask

    def nothing(self) -> When:
        raise AssertionError("one case has no 'nothing': it is refused or not due first")

    def date_of(self, value: When) -> When:
        return as_date(value)

    def timed(self, value: When) -> bool:
        return isinstance(value, dt.datetime)

    def later(self, first: When, second: When) -> bool:
        return end_of(first) > end_of(second)

    def same_day(self, first: When, second: When) -> bool:
        return as_date(first) == as_date(second)

    def present(self, value: When) -> bool:
        return True

    def pick(self, mask: bool, chosen: When, other: When) -> When:
        return chosen if mask else other

    def pick_dates(
        self, mask: bool, chosen: DueDates[When], other: DueDates[When]
    ) -> DueDates[When]:
        return chosen if mask else other

    def start_of_day(self, day: When) -> When:
        return dt.datetime.combine(as_date(day), dt.time(0))

    # -- calendar arithmetic -----------------------------------------------------------
    def add_days(self, day: When, days: int) -> When:
        return as_date(day) + dt.timedelta(days=days)

    def add_months(self, day: When, months: int) -> When:
        return add_months(as_date(day), months)

    def working_days(self, day: When, count: int, forward: bool, event_day: When) -> When:
        start = as_date(day)
        result = self.index.after(start, count) if forward else self.index.before(start, count)
        self.note_projected(as_date(event_day), result)
        self.note_skipped(as_date(event_day), result)
        return result

    def school_days(self, day: When, count: int, forward: bool, event_day: When) -> When:
        school = self.school_calendar
        if school is None:
            raise EvaluationError(meaning.no_school_holidays(self.task))
        index = working_day_index(school)
        start = as_date(day)
        result = index.after(start, count) if forward else index.before(start, count)
        self.note_projected(as_date(event_day), result)
        self.note_skipped(as_date(event_day), result, school)
        known = self.school_holidays_until
        if known is not None and max(start, result) > known:
            self.provisional = True
            caveat = meaning.school_holidays_unknown(known)
            if caveat not in self.caveats:
                self.caveats.append(caveat)
        return result

    def roll_day(self, day: When, forward: bool, only: bool | None) -> When:
        start = as_date(day)
        if only is False:
            return start
        moved = self.index.roll_forward(start) if forward else self.index.roll_backward(start)
        self.note_projected(start, moved)
        if moved != start and self.explain:
            reason = self.calendar.non_working_reason(start) or "not a working day"
            self.skipped[start] = reason
            which = "next" if forward else "previous"
            self.steps.append(
                f"{show_when(start)} is not a working day ({reason}): "
                f"moved to the {which} working day, {show_when(moved)}"
            )
        return moved

    def at_weekend(self, day: When) -> bool:
        return as_date(day).weekday() in weekend_days(self.calendar)

    def add_hours(self, moment: When, hours: int) -> When:
        assert isinstance(moment, dt.datetime)
        moved = add_hours(moment, hours)
        if self.explain:
            self.pending.extend(f"  {note}" for note in clock_changes(moment, moved))
        return moved

    def working_hours(self, moment: When, hours: int, forward: bool) -> When:
        assert isinstance(moment, dt.datetime)
        if forward:
            result = add_working_hours(self.calendar, moment, hours)
        else:
            result = subtract_working_hours(self.calendar, moment, hours)
        self.note_projected(moment.date(), result.date())
        self.note_skipped(moment.date(), result.date())
        return result

    # -- structure ----------------------------------------------------------------------
    def counted(
        self, start: When, compute: Callable[[], When], beyond: Callable[[str], str]
    ) -> When:
        try:
            return compute()
        except (OverflowError, ValueError) as error:
            if isinstance(error, TimescaleError):
                raise
            raise DateOutOfRangeError(beyond(show_when(start))) from None

    def split(
        self,
        mask: bool,
        value: When,
        if_true: Callable[[Evaluation, When], When],
        if_false: Callable[[Evaluation, When], When],
    ) -> When:
        return if_true(self, value) if mask else if_false(self, value)

    def only_where(
        self, mask: bool, compute: Callable[[], DueDates[When]]
    ) -> DueDates[When] | None:
        return compute() if mask else None

    def branches(
        self, choice: int, count: int, each: Callable[[Evaluation, int], DueDates[When]]
    ) -> DueDates[When]:
        return each(self, choice)

    def choose_where(self, mask: bool, number: int, otherwise: int) -> int:
        return number if mask else otherwise

    def choice_constant(self, number: int) -> int:
        return number

    # -- outcomes -------------------------------------------------------------------------
    def refuse(self, mask: bool, refusal: Refusal) -> None:
        if mask:
            self._raise(refusal)

    def refuse_by_flags(
        self, masks: Sequence[bool], describe: Callable[[Sequence[bool]], Refusal | None]
    ) -> None:
        if any(masks):
            refusal = describe(masks)
            if refusal is not None:
                self._raise(refusal)

    def _raise(self, refusal: Refusal) -> None:
        error = refusal.error
        if isinstance(error, MissingFactsError):
            error = self.missing_facts(error.missing)
        raise error

    def refuse_crossed(
        self, mask: bool, first: When, second: When, describe: Callable[[When, When], str]
    ) -> None:
        if mask:
            raise EvaluationError(describe(first, second))

    def unknown_events(self, masks: Sequence[bool], names: Sequence[str]) -> None:
        for mask, name in zip(masks, names, strict=True):
            if mask and name not in self.unknown:
                self.unknown.append(name)

    def not_required(self, mask: bool, ended: When | None) -> None:
        if ended is not None:
            self.series_ended = as_date(ended)
        if not mask:
            return
        if ended is None:
            raise NotDue(())
        self.steps.append(f"the series ended on {show_when(ended)}: no occurrence is due")
        raise NotDue((f"the series ended on {as_date(ended).isoformat()}",))

    def say(self, step: Step[When], only_if: bool | None = None) -> None:
        """A step, followed by the notes on the count it reports (days skipped, clock changes)."""
        if not self.explain or only_if is False:
            return
        self.steps.append(step(show_when))
        self.steps.extend(self.pending)
        self.pending.clear()

    # -- notes on counts -----------------------------------------------------------------
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

    def note_skipped(self, start: dt.date, end: dt.date, calendar: Calendar | None = None) -> None:
        """Record the days a count passed over (on ``calendar``, the evaluation's unless
        given), and say them in a few words."""
        if not self.explain:
            return
        days = calendar or self.calendar
        last = as_date(end)
        passed = non_working_days(days, start, last)
        if last != start and not days.is_working_day(last):
            passed.append((last, days.non_working_reason(last) or "not a working day"))
        for day, reason in passed:
            self.skipped[day] = reason
        if passed:
            summary = summarise_days([SkippedDay(day, reason) for day, reason in passed])
            self.pending.append(f"  skipping {summary}")

    # -- a rule's deadline ---------------------------------------------------------------
    def choose(self, alternatives: ast.Alternatives) -> ast.Guarded:
        options = alternatives.options
        chosen = options[meaning.choose(self, alternatives)]
        if self.explain and not (len(options) == 1 and chosen.condition is None):
            if chosen.condition is not None and not chosen.otherwise:
                self.steps.append(f"applies because {format_condition(chosen.condition)}")
            else:
                self.steps.append("no condition holds: otherwise")
        return chosen

    def later_dues(self, schedule: ast.Schedule, first: When) -> tuple[When, ...]:
        """The next due dates of a recurrence, each an interval after the one before."""
        if not isinstance(schedule, ast.Recurrence):
            return ()
        projected: list[When] = []
        previous = first
        # The due date is what may be provisional; later occurrences are forecasts anyway.
        relied_on = self.projected
        while len(projected) < self.projection:
            try:
                found = meaning.next_occurrence(
                    self, schedule, len(projected) + 1, previous, targets=False
                )
                if found is None:
                    break
                previous = found.due
            except TimescaleError as error:
                # The first due date stands, as in the batch report; later ones cannot be known.
                if self.explain:
                    self.steps.append(f"later due dates are not projected: {error}")
                break
            projected.append(previous)
        self.projected = relied_on
        self.pending.clear()  # later occurrences are listed, not explained count by count
        return tuple(projected)

    def not_due(self, rule_id: str | None, *caveats: str) -> Deadline:
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
        schedule = self.choose(timescale).schedule
        if isinstance(schedule, ast.NotRequired):
            self.steps.insert(0, "timescale: not required")
            return self.not_due(rule_id)
        if self.explain:
            self.steps.insert(0, f"timescale: {format_schedule(schedule)}")
        try:
            dates = meaning.option_dates(self, schedule)
        except NotDue as not_due:
            return self.not_due(rule_id, *not_due.caveats)
        if self.explain and isinstance(schedule, ast.Recurrence):
            meaning.say_periods(self, schedule)
        projected = self.later_dues(schedule, dates.due)
        if self.series_ended is not None:
            last = self.series_ended
            projected = tuple(p for p in projected if as_date(p) < last)
        if self.explain:
            self.steps.append(f"due: {show_when(dates.due)}" + _end_note(dates.due))
        unknown = [
            f"'{name}' is not known yet: the date is the earliest of the alternatives "
            "whose events are known, and may move earlier once it is"
            for name in self.unknown
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
            dates.due,
            rule_id,
            earliest=dates.earliest,
            target=dates.target,
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


def _end_note(value: When) -> str:
    return "" if isinstance(value, dt.datetime) else " (by the end of the day)"
