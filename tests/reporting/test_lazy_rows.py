"""The per-row table is made only when asked for, and a summary is the same either way."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from timescale_dsl import load_ruleset
from timescale_dsl.reporting.measuring import measure
from timescale_dsl.reporting.rendering.output import take_rows
from timescale_dsl.reporting.summarising.summary import summarise

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "lcs-events.csv"
LCS = ROOT / "rulesets" / "lcs-liquidlogic.timescales"
AS_OF = dt.date(2026, 3, 31)


@pytest.mark.parametrize("by", [(), ("team",), ("team", "due_month"), ("due_month", "status")])
def test_a_summary_from_the_arrays_equals_one_from_the_per_row_table(by: tuple[str, ...]) -> None:
    ruleset = load_ruleset(LCS)
    lazy = measure(EXAMPLE, ruleset, AS_OF)
    assert lazy.outcomes is not None  # nothing has asked for the table yet
    from_arrays = summarise(lazy, ruleset, by).to_dict()
    # Only grouping by an output column (status) needs the table.
    assert (lazy.outcomes is None) == ("status" in by)

    made = measure(EXAMPLE, ruleset, AS_OF)
    table = made.rows
    assert made.outcomes is None
    assert made.column_names == [str(c) for c in table.columns]
    assert summarise(made, ruleset, by).to_dict() == from_arrays
    assert lazy.rows.equals(table)
    assert lazy.rows_evaluated == len(table) == made.rows_evaluated


@pytest.mark.parametrize("count", [0, 1, 3, 256, 257, 600])
def test_rows_taken_as_slices_or_at_once_are_the_same(count: int) -> None:
    frame = pd.read_csv(EXAMPLE, dtype="str", keep_default_na=False)
    rows = np.random.default_rng(count).choice(len(frame), size=count, replace=False)
    taken = take_rows(frame, np.sort(rows))
    pd.testing.assert_frame_equal(taken, frame.iloc[np.sort(rows)].reset_index(drop=True))
