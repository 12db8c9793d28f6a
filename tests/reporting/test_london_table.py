"""London's transition table, asked of the zone weekly, equals a day-by-day scan of it;
a table spanning a column's years converts as the whole table does."""

from __future__ import annotations

import numpy as np

from timescale_dsl.engine import london


def test_the_weekly_scan_finds_every_change_the_daily_scan_finds() -> None:
    weekly = london.table()
    daily = london._scan(london.FIRST_YEAR, london.LAST_YEAR, 1)
    assert len(daily.instants) > 300  # two in most years since 1916
    assert np.array_equal(weekly.instants, daily.instants)
    assert np.array_equal(weekly.before, daily.before)
    assert np.array_equal(weekly.after, daily.after)
    assert weekly.initial == daily.initial


def test_the_table_holds_the_2026_changes_at_one_in_the_morning_utc() -> None:
    table = london.table()
    assert np.datetime64("2026-03-29T01:00", "us") in table.instants
    assert np.datetime64("2026-10-25T01:00", "us") in table.instants


def _stamps(*texts: str) -> np.ndarray:
    return np.array(texts, dtype="datetime64[us]")


def test_a_table_spans_the_years_of_its_moments_and_a_year_either_side() -> None:
    table = london.table_for(_stamps("2025-06-01T10:00", "NaT", "2026-11-30T23:59"))
    assert table.first == np.datetime64("2024-01-02", "us")
    assert table.last == np.datetime64("2027-12-31", "us")
    assert len(table.instants) == 8  # two changes a year, 2024 to 2027
    assert table.initial == np.timedelta64(0, "us")  # GMT in January


def test_many_hours_widen_the_table_so_that_the_results_stay_inside_it() -> None:
    moments = _stamps("2026-12-31T12:00")
    hours = 3 * 366 * 24
    table = london.table_for(moments, -hours)
    assert london.covered(table, moments).all()
    shifted = london.add_hours(table, moments, -hours)
    assert london.covered(table, shifted).all()
    assert np.array_equal(shifted, london.add_hours(london.table(), moments, -hours))


def test_a_narrow_table_converts_as_the_whole_table_does() -> None:
    # Both sides of each 2026 change, the hour the clocks skip and the hour they repeat.
    moments = _stamps(
        "2026-03-29T00:30", "2026-03-29T01:30", "2026-03-29T02:30",
        "2026-10-25T00:30", "2026-10-25T01:30", "2026-10-25T02:30", "1947-04-16T02:30",
    )  # fmt: skip
    whole = london.table()
    narrow = london.table_for(moments[:-1], 30)
    inside = london.covered(narrow, moments)
    assert inside.tolist() == [True] * 6 + [False]  # 1947 is left to the scalar path
    for hours in (1, 30, -30):
        assert np.array_equal(
            london.add_hours(narrow, moments[inside], hours),
            london.add_hours(whole, moments[inside], hours),
        )
    assert np.array_equal(
        london.in_gap(narrow, moments[inside]), london.in_gap(whole, moments[inside])
    )
    assert london.in_gap(narrow, moments[inside]).tolist() == [False, True, False] + [False] * 3


def test_no_moment_gives_the_smallest_table() -> None:
    table = london.table_for(_stamps("NaT"))
    assert table.first == np.datetime64(f"{london.FIRST_YEAR}-01-02", "us")
    assert not london.covered(table, _stamps("2026-01-01")).any()


def test_years_without_a_change_convert_at_the_offset_they_had() -> None:
    # London first changed its clocks in 1916: a table of 1913 to 1915 holds no change.
    moments = _stamps("1914-01-01T00:00", "1914-07-01T12:00")
    narrow = london.table_for(moments)
    assert len(narrow.instants) == 0
    assert london.covered(narrow, moments).all()
    assert not london.in_gap(narrow, moments).any()
    shifted = london.add_hours(narrow, moments, 5)
    assert np.array_equal(shifted, london.add_hours(london.table(), moments, 5))
    assert str(shifted[1]) == "1914-07-01T17:00:00.000000"
