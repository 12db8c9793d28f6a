"""Shared hypothesis strategies: calendars with an independent holiday list, dates, ASTs.

The calendars come with what an oracle needs to check them *without* the
engine: the numpy weekmask and the weekday holidays straight from the
`holidays` package (plus any closure days), so a property can compare the
engine with ``numpy.busday_offset`` or count days one by one.
"""

from __future__ import annotations

import datetime as dt
import functools

import attrs
import holidays
from hypothesis import strategies as st

from timescale_dsl import (
    Calendar,
    HolidayCalendar,
    england_and_wales,
    northern_ireland,
    scotland,
    weekends_only,
)
from timescale_dsl.syntax import ast
from timescale_dsl.syntax.names import event_key

# --------------------------------------------------------------------- calendars

#: The years the built-in calendars vouch for (1990-2030), less a margin at
#: each end so that counting a year or so either way stays inside.
FIRST_ANCHOR = dt.date(1992, 1, 1)
LAST_ANCHOR = dt.date(2028, 12, 31)

#: Largest count of working days the properties use: about a year.
MAX_WORKING_DAYS = 250


def council_closures() -> dict[dt.date, str]:
    """A council's own closures: the days between Christmas and New Year, and a training day."""
    closures = {
        dt.date(year, 12, day): "council Christmas closure"
        for year in range(1990, 2031)
        for day in (24, 29, 30, 31)
    }
    closures[dt.date(2024, 6, 14)] = "staff training day"
    closures[dt.date(2026, 2, 13)] = "staff training day"
    return closures


def _uk_weekday_holidays(subdivision: str) -> frozenset[dt.date]:
    found = holidays.country_holidays("GB", subdiv=subdivision, years=range(1990, 2031))
    return frozenset(day for day in found if day.weekday() < 5)


@attrs.frozen
class CalendarCase:
    """A calendar and, independently of the engine, which weekdays it closes."""

    label: str
    calendar: HolidayCalendar
    weekmask: str  # numpy.busday_offset weekmask, Monday first
    closed_weekdays: frozenset[dt.date]

    def __repr__(self) -> str:  # keeps hypothesis' falsifying examples short
        return f"CalendarCase({self.label!r})"


@functools.cache
def calendar_cases() -> tuple[CalendarCase, ...]:
    """Every built-in calendar, and England and Wales with a council's closures."""
    eng = _uk_weekday_holidays("ENG")
    closures = council_closures()
    return (
        CalendarCase("england_and_wales", england_and_wales(), "1111100", eng),
        CalendarCase("scotland", scotland(), "1111100", _uk_weekday_holidays("SCT")),
        CalendarCase(
            "northern_ireland", northern_ireland(), "1111100", _uk_weekday_holidays("NIR")
        ),
        CalendarCase("weekends_only", weekends_only(), "1111100", frozenset()),
        CalendarCase(
            "england_and_wales_with_closures",
            england_and_wales().with_closures(closures),
            "1111100",
            eng | {day for day in closures if day.weekday() < 5},
        ),
    )


def calendar_case_strategy() -> st.SearchStrategy[CalendarCase]:
    return st.sampled_from(calendar_cases())


def all_calendars() -> st.SearchStrategy[Calendar]:
    """The built-in calendars, one with closures, and one with a Friday-Saturday weekend."""
    odd_weekend = scotland().with_weekend(["friday", "saturday"])
    return st.sampled_from([case.calendar for case in calendar_cases()] + [odd_weekend])


anchor_dates = st.dates(min_value=FIRST_ANCHOR, max_value=LAST_ANCHOR)
working_day_counts = st.integers(min_value=1, max_value=MAX_WORKING_DAYS)


def working_anchor(calendar: Calendar) -> st.SearchStrategy[dt.date]:
    return anchor_dates.filter(calendar.is_working_day)


def _london_moment(day: dt.date, minutes: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0)) + dt.timedelta(minutes=minutes)


#: Date-times in the anchor range, to the quarter hour.
anchor_moments = st.builds(
    _london_moment,
    anchor_dates,
    st.integers(min_value=0, max_value=24 * 4 - 1).map(lambda q: 15 * q),
)

# --------------------------------------------------------------------- names

#: Words of real task names, including the small words that are also keywords.
TASK_WORDS = (
    "Initial", "child", "protection", "conference", "review", "visit", "strategy",
    "discussion", "minutes", "record", "of", "outcome", "S47", "enquiries", "assessment",
    "plan", "core", "group", "meeting", "pre-meeting", "report", "C&F", "the", "and",
    "social", "worker", "child's", "LAC", "return", "interview", "letter", "further",
    "action", "notification", "IRO", "placement", "health", "CIN", "statutory", "to",
    "in", "for", "with", "a", "day", "working", "or", "not", "is", "if", "then", "home",
    "within", "on", "same", "at", "between", "from", "by", "every", "no", "otherwise",
)  # fmt: skip

#: Words of anchors (dated events), including words the grammar reserves there.
ANCHOR_WORDS = (
    "actual", "meeting", "strategy", "discussion", "referral", "ICPC", "date", "of",
    "birth", "contact", "start", "placement", "child", "becoming", "looked", "after",
    "return", "home", "initial", "section", "47", "enquiry", "decision", "to", "the",
    "or", "then", "if", "day", "working", "review", "visit", "completion", "and",
)  # fmt: skip

#: Words of fact names and their values.
FACT_WORDS = (
    "child", "in", "need", "section", "47", "planned", "placement", "type", "looked",
    "after", "protection", "outcome", "urgent", "category", "of", "the", "under",
    "review", "emergency", "disabled", "is", "and", "or", "not", "then", "if", "plan",
    "foster", "care", "residential", "yes", "no",
)  # fmt: skip

RULE_IDS = ("s47", "icpc", "icpc-review.1", "strategy_discussion", "rc2", "2a")


def _phrase(words: tuple[str, ...], max_words: int = 4) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(words), min_size=1, max_size=max_words).map(" ".join)


def task_names(words: tuple[str, ...] = TASK_WORDS) -> st.SearchStrategy[str]:
    """Task names: mostly plain words, sometimes with a colon, digits or a timescale word first."""
    first_words = st.sampled_from(("Minutes", "Visit", "Review", "Record", "Plan", *words))
    plain = st.builds(lambda a, b: f"{a} {b}".strip(), first_words, _phrase(words) | st.just(""))
    odd = st.sampled_from(
        (
            "Within 24 hours visit",
            "On-going review",
            "Section 47: outcome",
            "47 day review",
            "No further action letter",
            "Every visit",
            "Same day response",
            "At risk meeting",
            "By age review",
            "A & E notification",
        )
    )
    return plain | odd


def fact_refs(words: tuple[str, ...]) -> st.SearchStrategy[ast.FactRef]:
    return _phrase(words).map(lambda text: ast.FactRef(event_key(text), text))


def anchors() -> st.SearchStrategy[ast.FactRef | ast.RuleRef]:
    rule_refs = st.sampled_from(RULE_IDS).map(ast.RuleRef)
    return fact_refs(ANCHOR_WORDS) | rule_refs


# --------------------------------------------------------------------- ASTs

counts = st.integers(min_value=0, max_value=400)
units = st.sampled_from(ast.Unit)
directions = st.sampled_from(ast.Direction)
durations = st.builds(ast.Duration, counts, units)


def offsets(with_target: bool = True) -> st.SearchStrategy[ast.Offset]:
    targets = st.none() | durations if with_target else st.none()
    return st.builds(ast.Offset, durations, directions, anchors(), targets)


on_days = st.builds(ast.OnDay, anchors())


@st.composite
def between_windows(draw: st.DrawFn) -> ast.Window:
    """``between N and M unit after X``: both bounds share unit, direction and anchor."""
    unit, direction, anchor = draw(units), draw(directions), draw(anchors())
    low, high = draw(counts), draw(counts)
    start = ast.Offset(ast.Duration(low, unit), direction, anchor)
    end = ast.Offset(ast.Duration(high, unit), direction, anchor)
    return ast.Window(start, end)


bounds = on_days | offsets(with_target=False)
from_to_windows = st.builds(ast.Window, bounds, bounds)
windows = between_windows() | from_to_windows
ages = st.builds(
    ast.Age, st.integers(min_value=0, max_value=25), st.integers(min_value=0, max_value=11)
)
birthdays = st.builds(ast.Birthday, st.integers(min_value=1, max_value=121))
deadlines = st.one_of(on_days, offsets(), windows, ages, birthdays)
rolls = st.builds(ast.Rolled, deadlines, st.sampled_from(ast.Roll))
choices = st.builds(
    ast.Choice,
    st.lists(deadlines | rolls, min_size=2, max_size=3).map(tuple),
    st.sampled_from(ast.Pick),
)
single_deadlines = st.one_of(deadlines, rolls, choices)
everies = st.builds(ast.Every, st.none() | durations, st.none() | anchors())
steps = st.lists(durations, min_size=0, max_size=3).map(tuple)


@st.composite
def recurrences(draw: st.DrawFn) -> ast.Recurrence:
    """The three grammatical shapes: first + steps; first + steps + every; a bare every."""
    shape = draw(st.sampled_from(("steps", "every", "bare")))
    if shape == "bare":
        return ast.Recurrence(None, (), draw(everies))
    first = draw(single_deadlines)
    if shape == "steps":
        return ast.Recurrence(first, draw(steps.filter(bool)), None)
    return ast.Recurrence(first, draw(steps), draw(everies))


schedules = single_deadlines | recurrences()

# Conditions respect the grammar's precedence (there are no parentheses):
# `or` binds loosest, then `and`, then `not`.
fact_tests = st.builds(ast.FactTrue, fact_refs(FACT_WORDS)) | st.builds(
    ast.FactEquals, fact_refs(FACT_WORDS), _phrase(FACT_WORDS, 3) | st.just(""), st.booleans()
)
negations = st.recursive(
    st.builds(ast.Not, fact_tests), lambda inner: st.builds(ast.Not, inner), max_leaves=3
)
all_ofs = st.builds(ast.AllOf, st.lists(fact_tests | negations, min_size=2, max_size=3).map(tuple))
any_ofs = st.builds(
    ast.AnyOf,
    st.lists(st.one_of(fact_tests, negations, all_ofs), min_size=2, max_size=3).map(tuple),
)
conditions = st.one_of(fact_tests, negations, all_ofs, any_ofs)

guardeds = st.builds(ast.Guarded, schedules, st.none() | conditions)
otherwises = st.builds(lambda s: ast.Guarded(s, None, otherwise=True), schedules)


@st.composite
def alternatives(draw: st.DrawFn) -> ast.Alternatives:
    options = draw(st.lists(guardeds, min_size=1, max_size=3))
    if draw(st.booleans()):
        options.insert(draw(st.integers(0, len(options))), draw(otherwises))
    return ast.Alternatives(tuple(options))


def no_fixed_timescales() -> st.SearchStrategy[ast.NoFixedTimescale]:
    wordings = st.sampled_from(
        (
            "as soon as possible after review",
            "when the form has been completed",
            "at key review points",
        )
    )
    return st.builds(ast.NoFixedTimescale, st.none() | wordings | st.just(""))


def statements(tasks: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[ast.Statement]:
    timescales = alternatives() | no_fixed_timescales()
    return st.builds(ast.Statement, tasks if tasks is not None else task_names(), timescales)
