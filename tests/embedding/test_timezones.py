"""Aware date-times are London time; the clock-change hours are read as documented."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from timescale_dsl import NonexistentTimeError, compile_statement
from timescale_dsl.cli import main

UTC = dt.UTC
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    "aware, text",
    [
        (dt.datetime(2026, 7, 1, 10, 0, tzinfo=UTC), "2026-07-01T10:00Z"),
        (dt.datetime(2026, 7, 1, 23, 30, tzinfo=UTC), "2026-07-01T23:30+00:00"),
        (dt.datetime(2026, 12, 31, 23, 30, tzinfo=NEW_YORK), "2026-12-31T23:30-05:00"),
    ],
)
@pytest.mark.parametrize(
    "statement", ["A within 4 hours of x", "A within 1 working day of x", "A on the day of x"]
)
def test_an_aware_datetime_equals_its_text(aware, text, statement):
    rule = compile_statement(statement)
    assert rule.deadline({"x": aware}).due == rule.deadline({"x": text}).due


def test_near_midnight_the_london_day_counts():
    rule = compile_statement("A on the day of x")
    # 23:30 UTC on 1 July is 00:30 on 2 July in London (BST).
    assert rule.deadline({"x": dt.datetime(2026, 7, 1, 23, 30, tzinfo=UTC)}).due == dt.date(
        2026, 7, 2
    )
    # In winter London is on UTC: the day stays.
    assert rule.deadline({"x": dt.datetime(2026, 1, 7, 23, 30, tzinfo=UTC)}).due == dt.date(
        2026, 1, 7
    )


def test_hours_are_not_counted_from_a_time_in_the_spring_gap():
    rule = compile_statement("A within 4 hours of x")
    with pytest.raises(NonexistentTimeError, match="01:30 on Sun 29 Mar 2026 did not happen"):
        rule.deadline({"x": dt.datetime(2026, 3, 29, 1, 30)})


def test_days_from_a_time_in_the_spring_gap_count_from_its_day_with_a_caveat():
    rule = compile_statement("A within 2 working days of x")
    deadline = rule.deadline({"x": dt.datetime(2026, 3, 29, 1, 30)})
    assert deadline.due == dt.date(2026, 3, 31)  # Sun 29 Mar: Mon 30, Tue 31
    (caveat,) = deadline.caveats
    assert "01:30 on Sun 29 Mar 2026 does not exist" in caveat


@pytest.mark.parametrize(
    "fold, due, which",
    [
        (0, dt.datetime(2026, 10, 25, 4, 30), "first"),
        (1, dt.datetime(2026, 10, 25, 5, 30), "second"),
    ],
)
def test_a_repeated_autumn_time_follows_fold(fold, due, which):
    rule = compile_statement("A within 4 hours of x")
    deadline = rule.deadline({"x": dt.datetime(2026, 10, 25, 1, 30, fold=fold)})
    assert deadline.due == due
    (caveat,) = deadline.caveats
    assert f"read as the {which} time" in caveat


def test_ordinary_and_aware_times_have_no_caveat():
    rule = compile_statement("A within 4 hours of x")
    assert rule.deadline({"x": dt.datetime(2026, 10, 25, 3, 30)}).caveats == ()
    aware = dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 01:30 BST, the first one
    deadline = rule.deadline({"x": aware})
    assert deadline.caveats == ()
    assert deadline.due == dt.datetime(2026, 10, 25, 4, 30)


def test_json_datetimes_carry_their_offset(capsys):
    summer = compile_statement("A within 4 hours of x").deadline({"x": "2026-07-01T10:00"})
    assert summer.to_dict()["due"] == "2026-07-01T14:00+01:00"
    winter = compile_statement("A within 4 hours of x").deadline({"x": "2026-12-01T10:00"})
    assert winter.to_dict()["due"] == "2026-12-01T14:00+00:00"
    main(["due", "--statement", "A within 4 hours of x", "--fact", "x=2026-07-01T10:00Z", "--json"])
    assert json.loads(capsys.readouterr().out)["due"] == "2026-07-01T15:00+01:00"
