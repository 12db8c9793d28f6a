"""Council wordings give the same answers through the batch path as the scalar API.

Statements are drawn as text in the wider wordings (number words, "a
fortnight", "whichever comes first", limits, windows before an event,
leading "the date of", immediacy, frequencies), parsed once, and evaluated
row by row by ``Rule.deadline`` and in columns by the batch engine.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from timescale_dsl import parse_statement
from timescale_dsl.syntax import ast
from timescale_dsl.syntax.implicit import with_start_event

from .strategies import CalendarSpec, calendars, fact_rows, make_rule
from .test_batch_properties import _assert_first_occurrences_agree, _assert_rows_agree

_COUNTS = ("3", "ten", "Twenty-Eight", "twenty eight", "forty five", "a", "an")
_UNITS = ("working days", "days", "weeks", "months", "fortnights", "years", "hours")
_LEADS = (
    "within",
    "Within",
    "not more than",
    "no later than",
    "up to",
    "by no later than",
    "no longer than",
)
_ANCHORS = (
    "referral",
    "the referral",
    "the date of the referral",
    "Date of Contact",
    "any contact",
    "your actual meeting",
    "the 18th birthday",
    "your 16th birthday",
)
_PICKS = (
    "whichever is sooner",
    "whichever comes first",
    "whichever is the later",
    "whichever is latest",
)


@st.composite
def _durations(draw: st.DrawFn) -> str:
    count = draw(st.sampled_from(_COUNTS))
    unit = draw(st.sampled_from(_UNITS))
    if count in ("a", "an"):
        count = "an" if unit == "hours" else "a"
        unit = unit.removesuffix("s")
    return f"{count} {unit}"


@st.composite
def _deadlines(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["limit", "window", "immediately"]))
    anchor = draw(st.sampled_from(_ANCHORS))
    if kind == "limit":
        lead = draw(st.sampled_from(_LEADS))
        return f"{lead} {draw(_durations())} after {anchor}"
    if kind == "window":
        low = draw(st.integers(1, 10))
        high = low + draw(st.integers(0, 10))
        unit = draw(st.sampled_from(["working days", "days", "weeks"]))
        form = draw(st.sampled_from(["{} to {}", "{}-{}", "between {} and {}"]))
        direction = draw(st.sampled_from(["before", "prior to", "after"]))
        return f"{form.format(low, high)} {unit} {direction} {anchor}"
    return draw(st.sampled_from(["immediately after", "as soon as possible following"])) + (
        f" {anchor}"
    )


@st.composite
def _statements(draw: st.DrawFn) -> str:
    first = draw(_deadlines())
    if draw(st.booleans()):
        first += f" or {draw(_deadlines())}, {draw(st.sampled_from(_PICKS))}"
    return f"Record {first}"


@given(calendar=calendars(), event_day=st.sampled_from([0, 1]), text=_statements(),
       rows=st.integers(1, 8).flatmap(fact_rows))  # fmt: skip
def test_wider_wordings_agree_between_batch_and_scalar(
    calendar: CalendarSpec, event_day: int, text: str, rows: list[dict[str, object]]
) -> None:
    statement = parse_statement(text)
    rule = make_rule(statement.timescale, calendar.build(), event_day)
    _assert_rows_agree(rule, rows)


_FREQUENCIES = (
    "monthly",
    "six-monthly",
    "at least every 6 weeks",
    "at 3 monthly intervals",
    "at intervals of not more than ten weeks",
    "fortnightly",
    "every fortnight",
    "on a quarterly basis",
)


@given(calendar=calendars(), event_day=st.sampled_from([0, 1]),
       frequency=st.sampled_from(_FREQUENCIES), first=_deadlines(),
       rows=st.integers(1, 8).flatmap(fact_rows))  # fmt: skip
def test_frequencies_agree_between_batch_and_scalar(
    calendar: CalendarSpec,
    event_day: int,
    frequency: str,
    first: str,
    rows: list[dict[str, object]],
) -> None:
    statement = parse_statement(f"Record {first}, then {frequency} thereafter")
    assert isinstance(statement.timescale, ast.Alternatives)
    rule = make_rule(statement.timescale, calendar.build(), event_day)
    _assert_first_occurrences_agree(rule, rows)


@given(calendar=calendars(), event_day=st.sampled_from([0, 1]), duration=_durations(),
       event=st.sampled_from(["referral", "the date of the contact"]),
       rows=st.integers(1, 8).flatmap(fact_rows))  # fmt: skip
def test_timescales_without_an_event_agree_between_batch_and_scalar(
    calendar: CalendarSpec, event_day: int, duration: str, event: str, rows: list[dict[str, object]]
) -> None:
    statement = with_start_event(parse_statement(f"Record within {duration}"), event)
    rule = make_rule(statement.timescale, calendar.build(), event_day)
    _assert_rows_agree(rule, rows)
