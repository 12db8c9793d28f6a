"""Statuses found in parts of the rows, side by side on the column threads, are the
statuses found for all the rows at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from timescale_dsl import load_ruleset
from timescale_dsl.reporting import measuring
from timescale_dsl.reporting.measuring import measure

ROOT = Path(__file__).resolve().parents[2]
FIELDS = ("status", "working_days_late", "calendar_days_late", "target_met")


def _measured(monkeypatch: pytest.MonkeyPatch, parts: int, smallest: int) -> measuring.Measured:
    monkeypatch.setattr(measuring.os, "cpu_count", lambda: 2)  # the column threads, always
    monkeypatch.setattr(measuring, "CLASSIFY_PARTS", parts)
    monkeypatch.setattr(measuring, "MIN_CLASSIFY_PART", smallest)
    ruleset = load_ruleset(ROOT / "rulesets/lcs-liquidlogic.timescales")
    return measure(ROOT / "examples/lcs-events.csv", ruleset, dt.date(2026, 2, 27))


@pytest.mark.parametrize("parts", [2, 3, 7])
def test_parts_give_the_statuses_of_the_whole(monkeypatch: pytest.MonkeyPatch, parts: int) -> None:
    whole = _measured(monkeypatch, 1, 10**9).outcomes
    split = _measured(monkeypatch, parts, 1).outcomes
    assert whole is not None and split is not None
    statuses = whole.timeliness.status
    # Every kind of status is among the rows, so every branch is compared.
    assert len(np.unique(statuses)) >= 5
    for field in FIELDS:
        assert np.array_equal(getattr(whole.timeliness, field), getattr(split.timeliness, field))


def test_a_small_log_is_classified_in_one_part(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = measuring.classify

    def counted(*args: object) -> object:
        calls.append(len(args[0]))  # type: ignore[arg-type]
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(measuring, "classify", counted)
    _measured(monkeypatch, 4, 50_000)
    assert calls == [3000]
    calls.clear()
    _measured(monkeypatch, 4, 100)
    assert sorted(calls) == [750, 750, 750, 750]
