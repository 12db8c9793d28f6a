"""Calendars past 2030, header closures on any calendar, the cache contract, helpers."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from timescale_dsl import (
    CalendarRangeError,
    compile_statement,
    england_and_wales,
    parse_ruleset,
    scotland,
)
from timescale_dsl.calendars.base import add_working_days, working_days_between
from timescale_dsl.calendars.uk import ANNOUNCED_THROUGH

D = dt.date
HEADER = 'calendar "england-and-wales"\nclosed 2026-12-29 to 2026-12-31 "Council closure"\n'


def test_header_closures_apply_to_a_calendar_passed_per_call():
    ruleset = parse_ruleset(HEADER + "[a] A within 1 working day of x\n", "c.timescales")
    rule = ruleset.rule("a")
    facts = {"x": D(2026, 12, 24)}
    # 25, 26 (weekend), 28 (Boxing Day substitute), 29-31 closed: Friday 1 Jan is New Year's Day.
    assert rule.deadline(facts).due == D(2027, 1, 4)
    assert rule.deadline(facts, calendar=scotland()).due == D(2027, 1, 5)  # 2 Jan substitute too
    assert rule.deadline(facts, calendar=england_and_wales()).due == D(2027, 1, 4)
    reasons = {s.day: s.reason for s in rule.deadline(facts, scotland()).explanation.skipped}
    assert reasons[D(2026, 12, 30)] == "Council closure"


@pytest.mark.parametrize("calendar", [england_and_wales(), scotland()])
def test_bank_holidays_are_known_past_2030(calendar):
    assert not calendar.is_working_day(D(2031, 12, 25))
    assert not calendar.is_working_day(D(2099, 12, 25))
    assert calendar.is_working_day(D(2031, 12, 24))


def test_a_2040_deadline_is_provisional_with_a_plain_caveat():
    deadline = compile_statement("A within 15 working days of x").deadline({"x": D(2040, 3, 1)})
    assert deadline.due == D(2040, 3, 22)
    assert deadline.provisional
    (caveat,) = deadline.caveats
    assert "bank holidays for 2040 are not announced yet" in caveat
    assert deadline.to_dict()["provisional"] is True
    assert deadline.to_dict()["caveats"] == [caveat]


def test_announced_years_are_not_provisional():
    last = D(ANNOUNCED_THROUGH, 12, 1)
    deadline = compile_statement("A within 5 working days of x").deadline({"x": last})
    assert not deadline.provisional and deadline.caveats == ()
    # Counting calendar days needs no holidays at all.
    assert not compile_statement("A within 30 days of x").deadline({"x": D(2050, 1, 1)}).provisional


def test_a_rule_counted_from_a_provisional_rule_is_provisional():
    text = "[a] A within 5 working days of x\n[b] B within 2 days of [a]\n"
    deadline = parse_ruleset(text).rule("b").deadline({"x": D(2045, 6, 1)})
    assert deadline.provisional
    assert any("2045" in c for c in deadline.caveats)


def test_a_calendar_never_answers_outside_its_data():
    calendar = england_and_wales()
    with pytest.raises(CalendarRangeError) as caught:
        calendar.is_working_day(D(2101, 1, 3))
    assert caught.value.first_day == D(1990, 1, 1)
    assert caught.value.last_day == D(2100, 12, 31)
    assert caught.value.day == D(2101, 1, 3)
    with pytest.raises(CalendarRangeError):
        calendar.non_working_reason(D(1989, 12, 25))
    with pytest.raises(CalendarRangeError, match="has holiday data for"):
        calendar.with_range(D(1990, 1, 1), D(2120, 12, 31))
    narrower = calendar.with_range(D(2000, 1, 1), D(2010, 12, 31))
    with pytest.raises(CalendarRangeError):
        narrower.is_working_day(D(2011, 1, 3))


def test_working_day_helpers():
    calendar = england_and_wales()
    assert calendar.add_working_days(D(2026, 12, 24), 1) == D(2026, 12, 29)
    assert calendar.add_working_days(D(2026, 12, 29), -1) == D(2026, 12, 24)
    assert calendar.add_working_days(D(2026, 12, 26), 0) == D(2026, 12, 26)
    assert calendar.working_days_between(D(2026, 12, 24), D(2026, 12, 29)) == 1
    assert calendar.working_days_between(D(2026, 12, 29), D(2026, 12, 24)) == -1
    assert calendar.working_days_between(D(2026, 12, 21), D(2026, 12, 21)) == 0
    with pytest.raises(CalendarRangeError):
        calendar.add_working_days(D(2100, 12, 31), 1)


# -------------------------------------------------------------------- the cache contract


FIRST, LAST = D(2026, 1, 1), D(2027, 12, 31)


@dataclasses.dataclass
class CountingCalendar:
    """A caller's dataclass calendar: unhashable, mutable, counting the questions asked."""

    closures: dict[dt.date, str] = dataclasses.field(default_factory=dict)
    version: int = 0
    asked: int = 0
    name: str = "counting"
    first_day: dt.date = FIRST
    last_day: dt.date = LAST
    office_hours: tuple[dt.time, dt.time] | None = None

    @property
    def cache_key(self) -> int | None:
        return None

    def is_working_day(self, day: dt.date) -> bool:
        self.asked += 1
        return self.non_working_reason(day) is None

    def non_working_reason(self, day: dt.date) -> str | None:
        if day.weekday() >= 5:
            return day.strftime("%A")
        return self.closures.get(day)


@dataclasses.dataclass
class VersionedCalendar(CountingCalendar):
    @property
    def cache_key(self) -> int | None:
        return self.version

    def close(self, day: dt.date, name: str) -> None:
        self.closures[day] = name
        self.version += 1


def test_an_unhashable_calendar_is_indexed_once_not_per_call():
    calendar = CountingCalendar()
    rule = compile_statement("A within 3 working days of x")
    first = rule.deadline({"x": D(2026, 6, 1)}, calendar=calendar)
    asked = calendar.asked
    for day in range(2, 20):
        rule.deadline({"x": D(2026, 6, day)}, calendar=calendar)
    # Each call may ask about the days its explanation names; never the whole range again.
    assert calendar.asked - asked < 200
    assert first.due == D(2026, 6, 4)


def test_a_calendar_with_a_new_cache_key_is_seen_afresh():
    calendar = VersionedCalendar()
    rule = compile_statement("A within 1 working day of x")
    assert rule.deadline({"x": D(2026, 6, 1)}, calendar=calendar).due == D(2026, 6, 2)
    calendar.close(D(2026, 6, 2), "Staff training day")
    deadline = rule.deadline({"x": D(2026, 6, 1)}, calendar=calendar)
    assert deadline.due == D(2026, 6, 3)
    assert {s.reason for s in deadline.explanation.skipped} == {"Staff training day"}


def test_helpers_work_on_any_calendar():
    calendar = VersionedCalendar()
    assert add_working_days(calendar, D(2026, 6, 5), 1) == D(2026, 6, 8)
    assert working_days_between(calendar, D(2026, 6, 5), D(2026, 6, 12)) == 5


def test_reprs_are_short():
    assert len(repr(england_and_wales())) < 100
    assert "991 holidays" in repr(england_and_wales()) or "holidays)" in repr(england_and_wales())


def test_a_per_call_calendar_with_header_closures_is_indexed_once():
    ruleset = parse_ruleset(HEADER + "[a] A within 1 working day of x\n", "c.timescales")
    calendar = CountingCalendar()
    rule = ruleset.rule("a")
    # The caller's calendar has no bank holidays; the header closes 29-31 December.
    assert rule.deadline({"x": D(2026, 12, 28)}, calendar=calendar).due == D(2027, 1, 1)
    asked = calendar.asked
    for day in range(1, 20):
        rule.deadline({"x": D(2026, 6, day)}, calendar=calendar, explain=False)
    assert calendar.asked == asked
