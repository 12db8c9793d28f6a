"""Hypothesis strategies for the batch properties: calendars, statements and rows of facts.

Statements are built as ASTs (every statement kind the evaluator knows),
facts as the Python values the scalar API takes, so the same rows can be
given to ``Rule.deadline`` one at a time and to the batch API as columns.
"""

from __future__ import annotations

import datetime as dt

import attrs
import numpy as np
from hypothesis import strategies as st

from timescale_dsl import (
    Calendar,
    HolidayCalendar,
    england_and_wales,
    northern_ireland,
    scotland,
    weekends_only,
)
from timescale_dsl.engine.columns import BatchFacts, Flags, Labels
from timescale_dsl.engine.moments import Moments
from timescale_dsl.ruleset import Rule, Settings
from timescale_dsl.syntax import ast

DATE_FACTS = ("referral", "actual meeting", "contact")
FLAG_FACTS = ("section 47", "planned")
TEXT_FACT = "placement"
TEXT_VALUES = ("foster care", "Residential ", "KINSHIP", "Straße")
FIRST = dt.date(1991, 1, 1)
LAST = dt.date(2030, 12, 31)


# ------------------------------------------------------------------ calendars
@attrs.frozen
class CalendarSpec:
    """A calendar as a short description (hypothesis prints this, not 40 years of holidays)."""

    kind: str
    first: dt.date = FIRST
    span: int = 0
    closures: tuple[dt.date, ...] = ()
    weekend: frozenset[int] = frozenset({5, 6})

    def build(self) -> Calendar:
        if self.kind != "custom":
            return {
                "ew": england_and_wales,
                "sct": scotland,
                "ni": northern_ireland,
                "weekends": weekends_only,
            }[self.kind]()
        return HolidayCalendar(
            "council",
            [(day, "closure") for day in self.closures],
            self.first,
            self.first + dt.timedelta(days=self.span),
            self.weekend,
        )


@st.composite
def calendars(draw: st.DrawFn) -> CalendarSpec:
    """UK calendars, and a council's with an odd weekend, closures and a narrow range."""
    kind = draw(st.sampled_from(["ew", "sct", "ni", "weekends", "custom"]))
    if kind != "custom":
        return CalendarSpec(kind)
    start = draw(st.dates(dt.date(1995, 1, 1), dt.date(2020, 1, 1)))
    span = draw(st.integers(200, 3000))
    closures = draw(
        st.lists(st.dates(start, start + dt.timedelta(days=span)), max_size=30, unique=True)
    )
    weekend = draw(st.sampled_from([frozenset({5, 6}), frozenset({6}), frozenset({4, 5})]))
    return CalendarSpec(kind, start, span, tuple(closures), weekend)


# ------------------------------------------------------------------ statements
UNITS = [u for u in ast.Unit if u is not ast.Unit.WORKING_HOURS]


def durations(hours: bool = True) -> st.SearchStrategy[ast.Duration]:
    units = UNITS if hours else [u for u in UNITS if not u.is_hours]
    small = st.builds(ast.Duration, st.integers(0, 70), st.sampled_from(units))
    rare = st.builds(ast.Duration, st.integers(1, 60), st.just(ast.Unit.WORKING_HOURS))
    return st.one_of(small, small, small, small, rare) if hours else small


fact_refs = st.sampled_from(DATE_FACTS).map(lambda name: ast.FactRef(name, name.upper()))
anchor_refs = st.one_of(fact_refs, fact_refs, fact_refs, st.just(ast.RuleRef("other")))
directions = st.sampled_from(list(ast.Direction))


def offsets(
    anchor: st.SearchStrategy[ast.FactRef | ast.RuleRef] = anchor_refs,
) -> st.SearchStrategy[ast.Offset]:
    return st.builds(
        ast.Offset,
        durations(),
        directions,
        anchor,
        st.one_of(st.none(), durations()),
    )


on_days = st.builds(ast.OnDay, anchor_refs)
windows = st.builds(ast.Window, st.one_of(on_days, offsets()), st.one_of(on_days, offsets()))
ages = st.builds(ast.Age, st.integers(0, 18), st.integers(0, 11))
birthdays = st.builds(ast.Birthday, st.integers(1, 25))
plain_deadlines = st.one_of(on_days, offsets(), offsets(), windows, ages, birthdays)
rolled = st.builds(ast.Rolled, plain_deadlines, st.sampled_from(list(ast.Roll)))
choices = st.builds(
    ast.Choice,
    st.lists(st.one_of(plain_deadlines, rolled), min_size=2, max_size=3).map(tuple),
    st.sampled_from(list(ast.Pick)),
)
single_deadlines = st.one_of(plain_deadlines, plain_deadlines, rolled, choices)
recurrences = st.one_of(
    st.builds(
        ast.Recurrence,
        single_deadlines,
        st.lists(durations(), max_size=2).map(tuple),
        st.one_of(st.none(), st.builds(ast.Every, durations())),
    ),
    st.builds(
        ast.Recurrence,
        st.none(),
        st.just(()),
        st.builds(ast.Every, durations(), st.one_of(st.none(), fact_refs)),
    ),
)


def _flag(name: str) -> ast.FactRef:
    return ast.FactRef(name, name)


conditions: st.SearchStrategy[ast.Condition] = st.recursive(
    st.one_of(
        st.sampled_from(FLAG_FACTS).map(lambda n: ast.FactTrue(_flag(n))),
        st.builds(
            ast.FactEquals,
            st.just(_flag(TEXT_FACT)),
            st.sampled_from(["foster care", "residential", "kinship", "strasse"]),
            st.booleans(),
        ),
    ),
    lambda inner: st.one_of(
        st.builds(ast.Not, inner),
        st.builds(ast.AllOf, st.lists(inner, min_size=2, max_size=3).map(tuple)),
        st.builds(ast.AnyOf, st.lists(inner, min_size=2, max_size=3).map(tuple)),
    ),
    max_leaves=4,
)


@st.composite
def alternatives(draw: st.DrawFn, recurring: bool = False) -> ast.Alternatives:
    schedules = st.one_of(single_deadlines, recurrences) if recurring else single_deadlines
    count = draw(st.integers(1, 3))
    if count == 1 and draw(st.booleans()):
        return ast.Alternatives((ast.Guarded(draw(schedules)),))
    options = [ast.Guarded(draw(schedules), draw(conditions)) for _ in range(count)]
    if draw(st.booleans()):
        options.append(ast.Guarded(draw(schedules), None, otherwise=True))
    return ast.Alternatives(tuple(options))


def make_rule(
    timescale: ast.Timescale,
    calendar: Calendar,
    event_day: int,
    other: Rule | None = None,
    rule_id: str = "main",
) -> Rule:
    settings = Settings(calendar, event_day)

    def lookup(rule_id: str) -> Rule:
        from timescale_dsl.errors import UnknownRuleError

        if other is None or rule_id != other.id:
            raise UnknownRuleError(f"no rule '{rule_id}' in <test>")
        return other

    return Rule(
        id=rule_id, statement=ast.Statement("Record", timescale), settings=settings, lookup=lookup
    )


# ------------------------------------------------------------------ facts
def _moments(draw: st.DrawFn, first: dt.date, last: dt.date) -> dt.date | dt.datetime | None:
    kind = draw(st.sampled_from(["date", "date", "datetime", "none"]))
    if kind == "none":
        return None
    day = draw(st.dates(first, last))
    if kind == "date":
        return day
    return dt.datetime.combine(day, draw(st.times().map(lambda t: t.replace(microsecond=0))))


@st.composite
def fact_rows(draw: st.DrawFn, size: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for _ in range(size):
        row: dict[str, object] = {name: _moments(draw, FIRST, LAST) for name in DATE_FACTS}
        row["date of birth"] = _moments(draw, dt.date(1985, 1, 1), dt.date(2026, 1, 1))
        for name in FLAG_FACTS:
            row[name] = draw(st.one_of(st.none(), st.booleans()))
        row[TEXT_FACT] = draw(st.one_of(st.none(), st.sampled_from(TEXT_VALUES)))
        rows.append(row)
    return rows


def batch_of(rows: list[dict[str, object]]) -> BatchFacts:
    """The same rows as typed columns."""
    dates = {
        name: Moments.of_python([row[name] for row in rows])  # type: ignore[misc]
        for name in (*DATE_FACTS, "date of birth")
    }
    flags = {}
    for name in FLAG_FACTS:
        values = [row[name] for row in rows]
        flags[name] = Flags(
            np.array([bool(v) for v in values], dtype=np.bool_),
            np.array([v is not None for v in values], dtype=np.bool_),
        )
    texts = {TEXT_FACT: Labels.of_python([row[TEXT_FACT] for row in rows])}  # type: ignore[misc]
    return BatchFacts(len(rows), dates, flags, texts)
