"""A fact column read for the rows of the rules that read it, rule by rule, gives what
reading the whole column gives: the same deadlines, statuses and rejects."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from timescale_dsl import load_ruleset
from timescale_dsl.reporting import measuring
from timescale_dsl.reporting.measuring import measure

ROOT = Path(__file__).resolve().parents[2]
RULESET = ROOT / "rulesets/lcs-liquidlogic.timescales"


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example, with bad cells in fact columns and the completion column."""
    with (ROOT / "examples/lcs-events.csv").open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    header = records[0]
    bad = ["31/02/2026", "perhaps", "N/A", "2026-13-01"]
    for number, record in enumerate(records[1:], start=1):
        if number % 7 == 0:  # a bad cell in the first fact column that row fills in
            filled = [i for i in range(5, len(header)) if record[i].strip()]
            if filled:
                record[filled[0]] = bad[number % len(bad)]
        if number % 11 == 0:
            record[2] = "yesterday"
    path: Path = tmp_path_factory.mktemp("by-rule") / "events.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(records)
    return path


def _measured(
    monkeypatch: pytest.MonkeyPatch, events: Path, by_rule: bool | None
) -> measuring.Measured:
    """Measured with every fact column read rule by rule (True), whole (False), or as
    the cost of each way says (None)."""
    if by_rule is not None:
        monkeypatch.setattr(measuring, "read_by_rule", lambda size, rules, rows: by_rule)
    return measure(events, load_ruleset(RULESET), dt.date(2026, 2, 27))


@pytest.mark.parametrize("threads", [1, 2])
def test_columns_read_rule_by_rule_measure_as_whole_columns_do(
    monkeypatch: pytest.MonkeyPatch, events: Path, threads: int
) -> None:
    monkeypatch.setattr(measuring.os, "cpu_count", lambda: threads)
    whole = _measured(monkeypatch, events, False)
    by_rule = _measured(monkeypatch, events, True)
    assert by_rule.rows.equals(whole.rows)
    assert by_rule.rejects.equals(whole.rejects)
    # The bad cells are among the rejects, in fact columns and the completion column.
    columns = set(whole.rejects["column"].dropna())
    assert {"completed_at", "contact", "actual meeting"} <= columns
    assert "'perhaps'" in " ".join(whole.rejects["reason"].astype(str))
    assert np.array_equal(by_rule.rule_ids, whole.rule_ids)


def test_a_column_few_rows_read_is_read_rule_by_rule(
    monkeypatch: pytest.MonkeyPatch, events: Path
) -> None:
    read: list[tuple[str, str]] = []
    real = measuring._Measurement.read_place

    def noted(self: measuring._Measurement, place: tuple[str, str]) -> object:
        found = real(self, place)
        read.append((place[0], "by rule" if isinstance(found, dict) else "whole"))
        return found

    monkeypatch.setattr(measuring._Measurement, "read_place", noted)
    # The example's 3,000 rows: each read costs more than the whole column.
    _measured(monkeypatch, events, None)
    assert set(dict(read).values()) == {"whole"}
    # As if the log were a million rows: 'contact' is read by 2 of the bundled ruleset's
    # 59 rules, 'actual meeting' by 12 (a fifth of the rows), the completion by all.
    monkeypatch.setattr(measuring, "READ_COST", measuring.READ_COST * 3_000 // 1_000_000)
    read.clear()
    _measured(monkeypatch, events, None)
    ways = dict(read)
    assert ways["completed_at"] == "whole"  # every row's
    assert ways["actual meeting"] == "whole"
    assert ways["contact"] == "by rule"


@pytest.mark.parametrize(
    ("size", "rules", "rows", "by_rule"),
    [
        (1_000_000, 2, 34_000, True),  # few rules of few rows: their rows alone
        (1_000_000, 12, 200_000, False),  # many rules: the whole column
        (1_000_000, 1, 300_000, False),  # one rule of many rows: the whole column
        (75_000, 1, 1_300, False),  # a small piece: each read's own cost outweighs
        (250_000, 2, 8_500, True),
    ],
)
def test_the_cheaper_way_of_reading_a_column_is_chosen(
    size: int, rules: int, rows: int, by_rule: bool
) -> None:
    assert measuring.read_by_rule(size, rules, rows) is by_rule
