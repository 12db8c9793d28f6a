"""A summary from collected per-row output: the same whatever form the columns come in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from timescale_dsl import load_ruleset
from timescale_dsl.reporting.api import measure_partition
from timescale_dsl.reporting.reading.cells import distinct, encoded, encoded_prefixes
from timescale_dsl.reporting.reading.events import EventsError
from timescale_dsl.reporting.summarising.summary import BLANK, summarise

ROOT = Path(__file__).resolve().parents[2]
LCS = ROOT / "rulesets" / "lcs-liquidlogic.timescales"
AS_OF = dt.date(2026, 3, 31)
TEXT_COLUMNS = ("rule", "team", "status", "due", "reject_column", "reject_reason")


@pytest.fixture(scope="module")
def collected() -> pd.DataFrame:
    frame = pd.read_csv(ROOT / "examples/lcs-events.csv", dtype=str, keep_default_na=False)
    frame.loc[::9, "team"] = ""  # blank teams, and one team called what blanks are shown as
    frame.loc[1::9, "team"] = f"  {BLANK} "
    frame.loc[2, "rule"] = "no-such-rule"  # a rejected row
    rows = measure_partition(frame, load_ruleset(LCS), AS_OF)
    assert (rows["status"] == "rejected").sum() >= 1
    return rows


def _as_categories(rows: pd.DataFrame, names: tuple[str, ...]) -> pd.DataFrame:
    return rows.astype({name: "category" for name in names})


@pytest.mark.parametrize("by", [("team",), ("team", "due_month"), ("due_month",)])
@pytest.mark.parametrize(
    "form",
    ["categories", "arrow chunks", "object"],
)
def test_the_summary_is_the_same_for_text_categories_chunks_and_objects(
    collected: pd.DataFrame, by: tuple[str, ...], form: str
) -> None:
    ruleset = load_ruleset(LCS)
    expected = summarise(collected, ruleset, by=list(by), as_of=AS_OF).to_dict()
    if form == "categories":
        other = _as_categories(collected, TEXT_COLUMNS)
    elif form == "arrow chunks":  # as parts read back and joined: several chunks a column
        half = len(collected) // 2
        table = pa.concat_tables(
            [
                pa.Table.from_pandas(collected.iloc[:half], preserve_index=False),
                pa.Table.from_pandas(collected.iloc[half:], preserve_index=False),
            ]
        )
        other = table.to_pandas()
    else:
        other = collected.astype({name: object for name in TEXT_COLUMNS})
    assert summarise(other, ruleset, by=list(by), as_of=AS_OF).to_dict() == expected
    # The blank teams and the team written as the blank label are one group.
    if by == ("team",):
        teams = [total["team"] for total in expected["totals"]]
        assert teams.count(BLANK) == 1


def test_two_spellings_of_a_rule_are_one_rule(collected: pd.DataFrame) -> None:
    ruleset = load_ruleset(LCS)
    expected = summarise(collected, ruleset, by=["team"], as_of=AS_OF).to_dict()
    shouted = collected.copy()
    visits = shouted["rule"] == "lcs-visits"
    assert 0 < visits.sum() < len(shouted)
    shouted.loc[visits & (np.arange(len(shouted)) % 2 == 0), "rule"] = "LCS-VISITS"
    for form in (shouted, _as_categories(shouted, ("rule",))):
        got = summarise(form, ruleset, by=["team"], as_of=AS_OF).to_dict()
        assert got == expected
        assert [r["rule"] for r in got["rules"]].count("lcs-visits") == 1


def test_rows_measured_against_another_ruleset_are_refused_naming_the_row(
    collected: pd.DataFrame,
) -> None:
    rows = collected.copy()
    place = int(np.flatnonzero(rows["status"] != "rejected")[4])
    rows.loc[place, "rule"] = "a-rule-of-another-ruleset"
    with pytest.raises(EventsError, match=f"row {place + 1} has status .* measured against"):
        summarise(rows, load_ruleset(LCS), as_of=AS_OF)


@pytest.mark.parametrize(
    "cells",
    [
        pd.Series(["2026-01-05", None, "2026-01-30T10:15", "2025-12-31", ""], dtype="str"),
        pd.Series(["2026-01-05", None, "2026-01-30T10:15", "2025-12-31", ""], dtype="category"),
        pd.Series(["2026-01-05", None, "2026-01-30T10:15", "2025-12-31", ""], dtype=object),
    ],
    ids=["text", "category", "object"],
)
def test_prefixes_are_encoded_alike_from_text_and_categories(cells: pd.Series) -> None:
    dictionary, codes = encoded_prefixes(cells, 7)
    texts = [None if code < 0 else dictionary[int(code)].as_py() for code in codes]
    assert texts == ["2026-01", None, "2026-01", "2025-12", ""]


def test_categories_encode_as_their_texts_and_trim_as_text_does() -> None:
    cells = pd.Series(pd.Categorical([" Team 1", "Team 1 ", None, 7, "7"]))
    dictionary, codes = encoded(cells)
    assert [None if c < 0 else dictionary[int(c)].as_py() for c in codes] == [
        " Team 1",
        "Team 1 ",
        None,
        "7",
        "7",
    ]
    codes, labels = distinct(cells)
    assert [labels[c] if c >= 0 else None for c in codes] == ["Team 1", "Team 1", None, "7", "7"]
