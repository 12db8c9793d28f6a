"""Fuzzing the batch report: extreme cells give measured or rejected rows, never a crash.

``TIMESCALE_FUZZ_EXAMPLES`` sets a longer run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from timescale_dsl import load_ruleset
from timescale_dsl.errors import TimescaleError
from timescale_dsl.reporting.api import timeliness

from .budget import fuzz_settings

RULES = ["strategy", "assessment", "minutes", "plan-window", "rhi", "visit", "core-group",
         "review", "pathway", "closure", "nonsense", ""]  # fmt: skip
FACTS = ["contact", "section 47", "referral", "actual meeting", "return", "ICPC",
         "start of care", "date of birth"]  # fmt: skip

RULESET_LOADED = load_ruleset(Path(__file__).parents[1] / "reporting/fixtures/children.timescales")

cells = st.one_of(
    st.sampled_from(
        ["", "0001-01-01", "9999-12-31", "31/12/9999", "01/01/0001", "2026-03-29T01:30",
         "29/03/2026 01:30", "25/10/2026 01:30", "2026-02-30", "9" * 5000, "true", "false",
         "yes", "=HYPERLINK(1)", "2030-12-31", "1990-01-01", "2026-06-01", "01/06/2026 09:00",
         "2026-06-01T09:00+14:00", "\x00", "\r\n", " 2026-06-01 "]
    ),
    st.dates().map(dt.date.isoformat),
    st.datetimes().map(lambda d: d.isoformat(timespec="minutes")),
    st.text(max_size=12),
)  # fmt: skip


@st.composite
def event_logs(draw: st.DrawFn) -> pd.DataFrame:
    size = draw(st.integers(min_value=1, max_value=12))
    columns: dict[str, list[str]] = {
        "child_id": draw(st.lists(st.sampled_from(["C1", "C2", ""]), min_size=size, max_size=size)),
        "rule": draw(st.lists(st.sampled_from(RULES), min_size=size, max_size=size)),
        "completed_at": draw(st.lists(cells, min_size=size, max_size=size)),
    }
    for fact in draw(st.lists(st.sampled_from(FACTS), unique=True)):
        columns[fact] = draw(st.lists(cells, min_size=size, max_size=size))
    return pd.DataFrame(columns, dtype="str")


@fuzz_settings
@given(frame=event_logs(), as_of=st.dates(min_value=dt.date(1990, 1, 1)))
def test_extreme_cells_are_measured_or_rejected(frame: pd.DataFrame, as_of: dt.date) -> None:
    try:
        report = timeliness(frame, RULESET_LOADED, as_of)
    except TimescaleError:
        return  # a whole-log refusal (an as-of date outside the calendar, say) is fine
    summary = report.summary
    assert summary.rows_read == len(frame)
    assert summary.rows_evaluated + summary.rows_rejected == len(frame)
    assert len(report.rows) + len(report.rejects) == len(frame)
    for column in ("due", "earliest", "target"):
        for text in report.rows[column].dropna():
            # Every date written is one the engine could have given (years 1 to 9999).
            moment = dt.datetime.fromisoformat(text)
            assert text == (moment.isoformat(timespec="minutes") if "T" in text else text[:10])
