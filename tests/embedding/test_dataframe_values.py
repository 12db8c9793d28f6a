"""Values as DataFrames and arrays hold them: numpy's scalars, pandas' NaT, NaN."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from timescale_dsl import Rule, load_ruleset
from timescale_dsl.errors import FactValueError, MissingFactsError

AS_OF = dt.date(2026, 12, 30)


@pytest.fixture(scope="module")
def minutes() -> Rule:
    return load_ruleset("lcs-liquidlogic").rule("lcs-icpc-minutes")


@pytest.mark.parametrize(
    "meeting",
    [
        dt.date(2026, 12, 1),
        np.datetime64("2026-12-01"),
        np.datetime64("2026-12-01T10:00"),
        np.datetime64("2026-12-01T10:00:00.123456789"),  # nanoseconds, as pandas holds them
        pd.Timestamp("2026-12-01 10:00"),
        pd.Timestamp("2026-12-01 09:00", tz="UTC"),
    ],
)
def test_a_date_as_numpy_or_pandas_hold_it_is_that_date(minutes: Rule, meeting: object) -> None:
    assert minutes.deadline({"actual meeting": meeting}).due == dt.date(2026, 12, 22)


@pytest.mark.parametrize("missing", [None, pd.NaT, np.datetime64("NaT"), float("nan"), np.nan])
def test_a_missing_cell_is_a_missing_fact(minutes: Rule, missing: object) -> None:
    with pytest.raises(MissingFactsError, match="missing fact\\(s\\) 'actual meeting'"):
        minutes.deadline({"actual meeting": missing})


@pytest.mark.parametrize("missing", [None, pd.NaT, np.datetime64("NaT"), float("nan")])
def test_a_missing_completion_is_a_record_not_yet_made(minutes: Rule, missing: object) -> None:
    deadline = minutes.deadline({"actual meeting": dt.date(2026, 12, 1)})
    assert deadline.status(missing, as_of=AS_OF).status == "overdue"
    done = deadline.status(np.datetime64("2026-12-23"), as_of=AS_OF)
    assert (done.status, done.working_days_late) == ("late", 1)


@pytest.mark.parametrize("wrong", [20261210, 3.5, True, ["2026-12-10"]])
def test_a_completion_that_is_no_date_is_refused_naming_it(minutes: Rule, wrong: object) -> None:
    deadline = minutes.deadline({"actual meeting": dt.date(2026, 12, 1)})
    with pytest.raises(
        FactValueError, match=f"a completion must be a date.*not {type(wrong).__name__}"
    ):
        deadline.status(wrong, as_of=AS_OF)
