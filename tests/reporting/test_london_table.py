"""London's transition table, asked of the zone weekly, equals a day-by-day scan of it."""

from __future__ import annotations

import numpy as np

from timescale_dsl.engine import london


def test_the_weekly_scan_finds_every_change_the_daily_scan_finds() -> None:
    weekly, daily = london.transitions(), london._scan(1)
    assert len(daily.instants) > 300  # two in most years since 1916
    assert np.array_equal(weekly.instants, daily.instants)
    assert np.array_equal(weekly.before, daily.before)
    assert np.array_equal(weekly.after, daily.after)
    assert weekly.initial == daily.initial


def test_the_table_holds_the_2026_changes_at_one_in_the_morning_utc() -> None:
    table = london.transitions()
    assert np.datetime64("2026-03-29T01:00", "us") in table.instants
    assert np.datetime64("2026-10-25T01:00", "us") in table.instants
