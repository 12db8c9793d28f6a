"""Statuses read back from collected per-row output: every form a frame may hold them in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from timescale_dsl import load_ruleset
from timescale_dsl.reporting.api import measure_partition
from timescale_dsl.reporting.partition import REJECTED
from timescale_dsl.reporting.reading.events import EventsError
from timescale_dsl.reporting.summarising.collected import status_codes
from timescale_dsl.reporting.summarising.summary import summarise
from timescale_dsl.status import STATUSES

ROOT = Path(__file__).resolve().parents[2]
CELLS = ["late", "rejected", "on_time", "open", "late", "no_timescale", "overdue", "early"]
EXPECTED = [STATUSES.index(c) if c != REJECTED else len(STATUSES) for c in CELLS]


@pytest.mark.parametrize(
    "cells",
    [
        pd.Series(CELLS, dtype="str"),
        pd.Series(CELLS, dtype=object),
        pd.Series(CELLS, dtype="string[pyarrow]"),
        pd.Series(CELLS, dtype="category"),
        pd.Series(pd.Categorical(CELLS, categories=[*reversed(STATUSES), REJECTED])),
        pa.chunked_array([CELLS[:3], CELLS[3:]]).to_pandas(types_mapper=pd.ArrowDtype),
    ],
    ids=["str", "object", "arrow-string", "category", "category-reordered", "chunked"],
)
def test_each_status_reads_as_its_place(cells: pd.Series) -> None:
    assert status_codes(cells).tolist() == EXPECTED


@pytest.mark.parametrize("blank", [None, np.nan])
def test_a_row_with_no_status_is_refused_naming_it(blank: object) -> None:
    cells = pd.Series(["late", "on_time", blank], dtype=object)
    with pytest.raises(EventsError, match=r"no status \(row 3\)"):
        status_codes(cells)


def test_a_status_the_report_never_writes_is_refused() -> None:
    with pytest.raises(EventsError, match="status 'On time', which measure_partition never"):
        status_codes(pd.Series(["late", "On time"], dtype="str"))


def test_collected_rows_with_a_foreign_status_fail_to_summarise_with_the_reason() -> None:
    ruleset = load_ruleset(ROOT / "rulesets/lcs-liquidlogic.timescales")
    frame = pd.read_csv(ROOT / "examples/lcs-events.csv", dtype=str, keep_default_na=False)
    rows = measure_partition(frame.head(50), ruleset, dt.date(2026, 11, 23))
    assert summarise(rows, ruleset, as_of=dt.date(2026, 11, 23)).rows_read == 50
    rows.loc[3, "status"] = "done"
    with pytest.raises(EventsError, match="status 'done'"):
        summarise(rows, ruleset, as_of=dt.date(2026, 11, 23))
