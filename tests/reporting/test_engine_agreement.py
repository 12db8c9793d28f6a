"""The scalar API and the report's batch engine agree on an exhaustive, fixed table.

The property tests in ``test_batch_properties`` sample; this table does not.
Every unit, both directions (in each wording the language accepts), both
event-day numberings and every built-in calendar plus two councils' (one
with closures and office hours, one with a three-day weekend and bank
holidays worked) are evaluated for anchors chosen where the two engines
could part: weekends, Christmas and New Year substitute days, Easter, month
ends, leap days, the clock changes, and the edges of the calendars' vouched
range. A second table covers windows, targets, conditions, choices, rolling, ages,
references to other rules and recurrences.

The batch side is what ``timescale report`` runs: cells read from text
columns (``reporting.cells``), then ``evaluate_rule`` (or, for a recurring
rule's series, ``evaluate_occurrences``) over the whole column at once. Each
row must give ``Rule.deadline``'s due, earliest and target (with the same
date or date-time type), or fail with the very message the scalar API raises.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import pytest

from timescale_dsl import Rule, Ruleset, TimescaleError, parse_ruleset
from timescale_dsl.engine.batch import BatchDeadlines, evaluate_rule
from timescale_dsl.engine.columns import BatchFacts
from timescale_dsl.engine.moments import Moments
from timescale_dsl.engine.series import evaluate_occurrences
from timescale_dsl.needs import series_end
from timescale_dsl.reporting.reading.cells import read_flags, read_labels, read_moments
from timescale_dsl.syntax import ast

D = dt.date
T = dt.datetime

# ------------------------------------------------------------------ calendars
CALENDARS = {
    "england-and-wales": "calendar england-and-wales\n",
    "scotland": "calendar scotland\n",
    "northern-ireland": "calendar northern-ireland\n",
    "weekends-only": "calendar weekends-only\n",
    "council": (
        "calendar england-and-wales\n"
        'closed 2026-12-29 to 2026-12-31 "Council Christmas closure"\n'
        'closed 2024-02-29 "Training day"\n'
        "office hours 09:00 to 17:00\n"
    ),
    "four-day-week": (
        "calendar scotland\nbank holidays are working days\nweekend friday, saturday and sunday\n"
    ),
}
EVENT_DAY = {"day-0": "", "day-1": "event day counts as day 1\n"}

# ------------------------------------------------------------------ anchors
ANCHOR_DATES = [
    # an ordinary weekend
    D(2026, 1, 9), D(2026, 1, 10), D(2026, 1, 11), D(2026, 1, 12),
    # Christmas on a Friday (2026: Boxing Day substitute Monday 28th), on a
    # Saturday (2027: both substitutes), New Year on a Saturday (2022, with
    # Scotland's 2 January on the Sunday)
    D(2026, 12, 23), D(2026, 12, 24), D(2026, 12, 25), D(2026, 12, 26),
    D(2026, 12, 27), D(2026, 12, 28), D(2026, 12, 29), D(2026, 12, 31),
    D(2027, 1, 1), D(2027, 1, 4), D(2027, 12, 24), D(2027, 12, 27), D(2027, 12, 28),
    D(2021, 12, 31), D(2022, 1, 3), D(2022, 1, 4),
    # Easter (2026: Good Friday 3 April, Easter Monday 6 April)
    D(2026, 4, 2), D(2026, 4, 3), D(2026, 4, 6), D(2026, 4, 7), D(2025, 4, 22),
    # nations' own days: St Patrick's, the Twelfth (a Sunday in 2026), St Andrew's
    D(2026, 3, 17), D(2026, 7, 10), D(2026, 7, 13), D(2026, 11, 30),
    # month ends
    D(2026, 1, 30), D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31),
    D(2026, 5, 31), D(2026, 8, 31), D(2025, 10, 31),
    # leap days
    D(2024, 2, 28), D(2024, 2, 29), D(2024, 3, 1), D(2023, 2, 28), D(2027, 2, 28),
    D(2028, 2, 29),
    # the clock-change weekends as dates
    D(2026, 3, 28), D(2026, 3, 29), D(2026, 10, 25),
    # the last announced year's end (later years are projected, provisional)
    D(2027, 12, 31), D(2030, 12, 31),
    # the edges of the calendars' data (1990 to 2100): counting out of it fails
    D(1990, 1, 1), D(1990, 1, 2), D(2100, 12, 20), D(2100, 12, 31),
]  # fmt: skip
ANCHOR_TIMES = [
    # clocks go forward at 01:00 on 29 March 2026, back at 02:00 on 25 October
    T(2026, 3, 27, 16, 59), T(2026, 3, 28, 23, 30), T(2026, 3, 29, 0, 30),
    T(2026, 3, 29, 1, 30), T(2026, 3, 29, 2, 30), T(2026, 3, 30, 9, 0),
    T(2026, 10, 23, 12, 0), T(2026, 10, 24, 23, 59), T(2026, 10, 25, 0, 30),
    T(2026, 10, 25, 1, 30), T(2026, 10, 25, 2, 30), T(2026, 10, 26, 8, 59),
    # office hours' edges before Christmas and over a weekend
    T(2026, 12, 24, 8, 59), T(2026, 12, 24, 9, 0), T(2026, 12, 24, 16, 59),
    T(2026, 12, 24, 17, 0), T(2026, 12, 24, 23, 59), T(2026, 12, 31, 12, 0),
    T(2026, 1, 9, 17, 30), T(2026, 1, 12, 0, 0), T(2026, 1, 12, 9, 0),
    T(2024, 2, 29, 10, 0), T(2026, 1, 31, 23, 59), T(2100, 12, 31, 12, 0),
]  # fmt: skip
ANCHORS: list[dt.date | None] = [*ANCHOR_DATES, *ANCHOR_TIMES, None]

# ------------------------------------------------------------------ statements
UNIT_WORDS = {
    "working days": ("working day", "working days", (1, 5, 20)),
    "school days": ("school day", "school days", (1, 5, 20)),
    "calendar days": ("calendar day", "calendar days", (1, 10)),
    "days": ("day", "days", (1, 7, 30)),
    "weeks": ("week", "weeks", (1, 2)),
    "months": ("month", "months", (1, 3)),
    "years": ("year", "years", (1, 2)),
    "hours": ("hour", "hours", (1, 24, 72)),
    "working hours": ("working hour", "working hours", (1, 8, 24, 30)),
}
AFTER_WORDS = ("after", "of", "from", "following")
BEFORE_WORDS = ("before", "prior to")


def _unit_cases() -> list[tuple[str, int, str]]:
    """Every unit with each count after and before, and with every wording of a direction."""
    cases: list[tuple[str, int, str]] = []
    for unit, (_, _, counts) in UNIT_WORDS.items():
        for turn, count in enumerate(counts):
            cases.append((unit, count, AFTER_WORDS[turn % len(AFTER_WORDS)]))
            cases.append((unit, count, BEFORE_WORDS[turn % len(BEFORE_WORDS)]))
        for word in (*AFTER_WORDS, *BEFORE_WORDS):
            if (unit, counts[-1], word) not in cases and not any(
                c[0] == unit and c[2] == word for c in cases
            ):
                cases.append((unit, counts[-1], word))
    return cases


def _statement(unit: str, count: int, word: str) -> str:
    one, many, _ = UNIT_WORDS[unit]
    words = f"{count} {one if count == 1 else many} {word} meeting"
    return f"Record {words}" if word in BEFORE_WORDS else f"Record within {words}"


UNIT_CASES = _unit_cases()
UNIT_STATEMENTS = [_statement(*case) for case in UNIT_CASES]


def test_the_unit_table_has_every_unit_with_every_wording_of_both_directions() -> None:
    for unit in UNIT_WORDS:
        for word in (*AFTER_WORDS, *BEFORE_WORDS):
            assert any(c[0] == unit and c[2] == word for c in UNIT_CASES), (unit, word)


# ------------------------------------------------------------------ the two engines
Row = Mapping[str, object]
Outcome = tuple[object, object, object] | str


def _scalar(rule: Rule, row: Row) -> Outcome:
    try:
        deadline = rule.deadline(row, projection=0)
    except TimescaleError as error:
        return str(error)
    return deadline.due, deadline.earliest, deadline.target


def _batch(deadlines: BatchDeadlines, number: int) -> Outcome:
    if deadlines.problems.failed[number]:
        return str(deadlines.problems.reason[number])
    return (
        deadlines.due.item(number),
        deadlines.earliest.item(number),
        deadlines.target.item(number),
    )


def _typed(outcome: tuple[object, ...] | str) -> object:
    """The outcome with each value's type, so a date never passes for a midnight date-time."""
    if isinstance(outcome, str):
        return outcome
    return tuple((type(value).__name__, value) for value in outcome)


def _text(value: object) -> str | None:
    """A cell as a case-management export writes it."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _column(values: Sequence[object]) -> pd.Series:
    return pd.Series([_text(v) for v in values], dtype="string[pyarrow]")


def _read_facts(rows: Sequence[Row], kinds: Mapping[str, str]) -> BatchFacts:
    """The rows as the report reads them: text columns through ``reporting.cells``."""
    dates, flags, texts = {}, {}, {}
    for name, kind in kinds.items():
        cells = _column([row.get(name) for row in rows])
        if kind == "date":
            read = read_moments(cells)
            assert not read.bad.any(), name
            expected = Moments.of_python([row.get(name) for row in rows])  # type: ignore[misc]
            assert read.moments.to_python() == expected.to_python(), name
            dates[name] = read.moments
        elif kind == "boolean":
            flag = read_flags(cells)
            assert not flag.bad.any(), name
            flags[name] = flag.flags
        else:
            texts[name] = read_labels(cells)
    return BatchFacts(len(rows), dates, flags, texts)


def _disagreements(rule: Rule, rows: Sequence[Row], deadlines: BatchDeadlines) -> list[str]:
    found = []
    for number, row in enumerate(rows):
        scalar, batch = _typed(_scalar(rule, row)), _typed(_batch(deadlines, number))
        if scalar != batch:
            found.append(f"{rule.id} {dict(row)}:\n  scalar {scalar}\n  batch  {batch}")
    return found


@functools.cache
def _ruleset(body: str, calendar: str, event_day: str) -> Ruleset:
    text = CALENDARS[calendar] + EVENT_DAY[event_day] + body
    return parse_ruleset(text, f"{calendar}-{event_day}.timescales")


# ------------------------------------------------------------------ units x directions
#: School holidays for the school-day counts (on the calendars' own closures too).
SCHOOL_HOLIDAYS = (
    'school holidays 2026-07-23 to 2026-09-02 "Summer holidays"\n'
    'school holidays 2026-12-21 to 2027-01-01 "Christmas holidays"\n'
    'school closed 2024-02-29 "Training day"\n'
)
UNIT_BODY = (
    SCHOOL_HOLIDAYS
    + 'fact "meeting" date-time\n'
    + "".join(f"[u{number}] {statement}\n" for number, statement in enumerate(UNIT_STATEMENTS))
)
UNIT_ROWS: list[Row] = [{"meeting": anchor} for anchor in ANCHORS]


@functools.cache
def _unit_facts() -> BatchFacts:
    return _read_facts(UNIT_ROWS, {"meeting": "date"})


@pytest.mark.parametrize("number", range(len(UNIT_STATEMENTS)), ids=UNIT_STATEMENTS)
def test_every_unit_and_direction_agrees_on_every_calendar_and_numbering(number: int) -> None:
    found: list[str] = []
    for calendar in CALENDARS:
        for event_day in EVENT_DAY:
            rule = _ruleset(UNIT_BODY, calendar, event_day).rule(f"u{number}")
            deadlines = evaluate_rule(rule, _unit_facts())
            found += [
                f"[{calendar}, {event_day}] {d}" for d in _disagreements(rule, UNIT_ROWS, deadlines)
            ]
    assert not found, "\n".join(found[:10])


def test_the_unit_table_reaches_errors_as_well_as_deadlines() -> None:
    """The table is only a test of error messages if rows fail: out of range and missing."""
    rule = _ruleset(UNIT_BODY, "england-and-wales", "day-0").rule("u0")
    outcomes = [_scalar(rule, row) for row in UNIT_ROWS]
    errors = [o for o in outcomes if isinstance(o, str)]
    assert any("missing fact(s) 'meeting'" in e for e in errors), errors
    assert any("outside the years the calendar" in e for e in errors), errors
    assert sum(not isinstance(o, str) for o in outcomes) > len(outcomes) - 5


# ------------------------------------------------------------------ the other constructs
CONSTRUCT_HEADER = (
    'fact "referral" date\n'
    'fact "meeting" date-time\n'
    'fact "section 47" boolean\n'
    'fact "placement" text\n'
    'fact "date of birth" date\n'
)
CONSTRUCT_RULES = {
    "window-working": "QA form between 11 and 15 working days after meeting",
    "window-dash": "QA form 3-5 days after meeting",
    "window-mixed": "Care plan from 10 calendar days before meeting to 10 days after meeting",
    "window-hours": "Handover from 2 hours before meeting to 8 working hours after meeting",
    "window-crossing": "Letter from 1 month after referral to 30 days after referral",
    "target": "Assessment within 45 working days of referral (target 35 working days)",
    "target-clipped": "Visit within 1 month of referral (target 30 days)",
    "target-hours": "Screening within 72 hours (target 24 hours) of meeting",
    "conditions": (
        "Child visit within 7 days of referral if section 47; "
        'within 1 working day of referral if placement is "foster care"; '
        "otherwise within 10 working days of referral"
    ),
    "conditions-no-otherwise": (
        "Notice within 2 working days of meeting if section 47 and "
        'placement is not "kinship"; within 5 days of referral if not section 47'
    ),
    "conditions-or": (
        'Review within 3 months of referral if section 47 or placement is "residential"; '
        "otherwise within 6 months of referral"
    ),
    "not-required": "Child visit within 7 days of referral if section 47; otherwise not required",
    "not-required-first": 'Review: not needed if placement is "kinship"; '
    "otherwise within 5 working days of meeting",
    "ref-not-required": "Follow-up within 3 working days after [not-required]",
    "earlier": "Strategy within 5 working days of referral or within 24 hours of meeting, "
    "whichever is earlier",
    "later": "Summary within 1 month of referral or 10 working days after meeting, "
    "whichever is later",
    "rolled-next": "Leaving care on the 18th birthday, or the next working day "
    "if that is not a working day",
    "rolled-previous": "Report within 1 month of referral, or the previous working day",
    "rolled-window": "Call between 1 and 3 days after referral, or the next working day",
    "rolled-hours": "Strategy within 24 hours of meeting, or the next working day",
    "rolled-weekend": "Leaving care on the 18th birthday, or the next working day "
    "if that falls at a weekend",
    "rolled-weekend-window": "Call between 1 and 3 days after referral, "
    "or the previous working day if it falls on a weekend",
    "rolled-weekend-hours": "Strategy within 24 hours of meeting, or the next working day "
    "if that is a weekend day",
    "age": "Pathway plan by age 16 years and 3 months",
    "same-day": "Outcome on the day of meeting",
    "ref-offset": "Request 2 months before [target]",
    "ref-same-day": "Chronology on the day of [conditions]",
    "ref-chain": "Follow-up within 3 working days after [ref-offset]",
    "ref-no-fixed": "Notes summary within 1 day of [no-fixed]",
    "no-fixed": 'Review notes no fixed timescale "As soon as possible"',
    "recurring": "Review conference within 3 months of referral, then every 6 months",
    "recurring-steps": "LAC review within 20 working days of meeting, then within 3 months, "
    "then every 6 months",
    "recurring-every": "CP visit every 10 working days after meeting",
    "recurring-every-target": "CP visit every 10 working days after meeting "
    "(target 5 working days)",
    "recurring-month-target": "Visit every 1 month after referral (target 30 days)",
    "recurring-or-change": "Review at least every 6 months after meeting or within "
    "28 days of referral, whichever is earlier",
    "recurring-until": "Review within 3 months of meeting, then every 6 months "
    "until the referral is made",
    "recurring-until-age": "CP visit every 10 working days after meeting until age 18",
    "recurring-until-reaches": "Pathway review within 20 working days of meeting, then "
    "within 3 months, then every 2 months until the young person reaches sixteen",
    "recurring-range": "CIN visit within 10 working days of meeting, then every 4-6 weeks",
    "recurring-range-every": "CIN visit every 4 to 6 working days after meeting "
    "(target 5 working days)",
    "recurring-phased": "Visit within 1 week of meeting, then every 6 weeks for the first "
    "year, then every 3 months",
    "recurring-phased-ends": "Visit within 1 week of meeting, then every 6 weeks during "
    "the first year",
    "recurring-phased-of": "Visit every 2 months after meeting for the first 6 months of "
    "the referral, then every 10 working days for the first year of the referral, "
    "then every 4 months until age 18",
}
CONSTRUCT_BODY = CONSTRUCT_HEADER + "".join(
    f"[{rule_id}] {statement}\n" for rule_id, statement in CONSTRUCT_RULES.items()
)
FLAGS = (True, False, None)
PLACEMENTS = ("foster care", "Residential ", None, "kinship", "FOSTER CARE")


def _construct_rows() -> list[Row]:
    """Anchor dates paired with each other, flags and text in turn, children of many ages."""
    dates = [a for a in ANCHOR_DATES if 1991 <= a.year <= 2029]
    times = [a for a in ANCHOR_TIMES if a.year <= 2029]
    rows: list[Row] = []
    for number, referral in enumerate([*ANCHOR_DATES, None]):
        born = dates[(number * 5) % len(dates)]
        rows.append(
            {
                "referral": referral,
                "meeting": [*times, *dates, None][(number * 7) % (len(times) + len(dates) + 1)],
                "section 47": FLAGS[number % 3],
                "placement": PLACEMENTS[number % len(PLACEMENTS)],
                "date of birth": born.replace(year=born.year - 16 - number % 3)
                if (born.month, born.day) != (2, 29)
                else D(2008, 2, 29),
            }
        )
    return rows


CONSTRUCT_ROWS = _construct_rows()
CONSTRUCT_KINDS = {
    "referral": "date",
    "meeting": "date",
    "section 47": "boolean",
    "placement": "text",
    "date of birth": "date",
}


@functools.cache
def _construct_facts() -> BatchFacts:
    return _read_facts(CONSTRUCT_ROWS, CONSTRUCT_KINDS)


@pytest.mark.parametrize("rule_id", list(CONSTRUCT_RULES))
def test_every_construct_agrees(rule_id: str) -> None:
    found: list[str] = []
    for calendar in ("england-and-wales", "council"):
        for event_day in EVENT_DAY:
            rule = _ruleset(CONSTRUCT_BODY, calendar, event_day).rule(rule_id)
            deadlines = evaluate_rule(rule, _construct_facts())
            found += [
                f"[{calendar}, {event_day}] {d}"
                for d in _disagreements(rule, CONSTRUCT_ROWS, deadlines)
            ]
    assert not found, "\n".join(found[:10])


def test_the_construct_table_reaches_each_kind_of_failure() -> None:
    """Crossed windows, clashing and missing conditions, missing facts: messages compared."""
    ruleset = _ruleset(CONSTRUCT_BODY, "england-and-wales", "day-0")
    messages = {
        str(outcome)
        for rule_id in CONSTRUCT_RULES
        for row in CONSTRUCT_ROWS
        if isinstance(outcome := _scalar(ruleset.rule(rule_id), row), str)
    }
    for fragment in (
        "would start",
        "more than one alternative applies",
        "none of the alternatives applies",
        "has no fixed timescale to count from",
        "missing",
        "outside",
    ):
        assert any(fragment in m for m in messages), fragment


# ------------------------------------------------------------------ recurring series
#: An anchor given to ``occurrence_dues`` where the row has none (see below).
STAND_IN = D(2026, 1, 12)
RECURRING = (
    "recurring",
    "recurring-steps",
    "recurring-every",
    "recurring-every-target",
    "recurring-or-change",
    "recurring-until",
    "recurring-until-age",
    "recurring-until-reaches",
    "recurring-range",
    "recurring-range-every",
    "recurring-phased",
    "recurring-phased-ends",
    "recurring-phased-of",
)
#: Each series' completions, as offsets from its meeting (in days): on time, late, early.
COMPLETIONS = (
    (dt.timedelta(days=20), dt.timedelta(days=110), dt.timedelta(days=290)),
    (dt.timedelta(days=40), dt.timedelta(days=300), dt.timedelta(days=301, hours=3)),
    # Across the end of a first year, for frequencies that change with it.
    (dt.timedelta(days=7), dt.timedelta(days=362), dt.timedelta(days=400), dt.timedelta(days=520)),
)


def _read_on_every_row(rule: Rule) -> set[str]:
    """The events a series reads on every occurrence: where it ends, and where each
    period of a frequency counts from."""
    timescale = rule.statement.timescale
    assert isinstance(timescale, ast.Alternatives)
    found = {e.key for o in timescale.options if (e := series_end(o.schedule)) is not None}
    for option in timescale.options:
        if isinstance(option.schedule, ast.Recurrence):
            found |= {
                p.anchor.key for p in option.schedule.phases if isinstance(p.anchor, ast.FactRef)
            }
    return found


@pytest.mark.parametrize("rule_id", RECURRING)
def test_occurrences_of_a_series_agree_with_occurrence_dues(rule_id: str) -> None:
    """Each completed occurrence is due as ``Rule.occurrence_dues`` says, in both engines."""
    rows: list[Row] = []
    completed: list[dt.date | None] = []
    series: list[int] = []
    bases = [r for r in CONSTRUCT_ROWS if isinstance(r["meeting"], dt.date)]
    for number, base in enumerate(bases):
        meeting = base["meeting"]
        assert isinstance(meeting, dt.date)
        for offset in COMPLETIONS[number % len(COMPLETIONS)]:
            rows.append(base)
            when = meeting + offset
            completed.append(when if when.year <= 2100 else None)
            series.append(number)
    found: list[str] = []
    compared = 0
    for calendar in ("england-and-wales", "council"):
        for event_day in EVENT_DAY:
            rule = _ruleset(CONSTRUCT_BODY, calendar, event_day).rule(rule_id)
            deadlines = evaluate_occurrences(
                rule,
                _read_facts(rows, CONSTRUCT_KINDS),
                Moments.of_python(completed),
                np.array(series, dtype=np.int64),
                None,
            )
            for number, row in enumerate(rows):
                position = series[: number + 1].count(series[number]) - 1
                earlier = [c for c in completed[number - position : number] if c is not None]
                if position > 0:
                    # Later occurrences count from the one before, never from the anchor:
                    # the batch does not ask for it there, and the scalar API needs one.
                    # (Never for the events a series ends or counts a period from: the batch
                    # reads them on every row.)
                    row = {
                        **row,
                        **{
                            k: STAND_IN
                            for k in ("referral", "meeting")
                            if row[k] is None and k not in _read_on_every_row(rule)
                        },
                    }
                try:
                    dues = rule.occurrence_dues(row, earlier)
                    # Past the end of a series ("until X") an occurrence is not due.
                    due = dues[position] if position < len(dues) else None
                    expected: object = _typed((due,))
                except TimescaleError as error:
                    expected = str(error)
                got = _batch(deadlines, number)
                batch = got if isinstance(got, str) else _typed((got[0],))
                if expected is None or completed[number] is None:
                    continue
                compared += 1
                if batch != expected:
                    found.append(
                        f"[{calendar}, {event_day}] {row} #{position}: {expected} / {batch}"
                    )
    assert not found, "\n".join(found[:10])
    assert compared > 3 * len(rows)
