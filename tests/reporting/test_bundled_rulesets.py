"""End to end on the bundled rulesets: made-up logs measure cleanly, and every due date,
earliest and target is the one ``Rule.deadline`` gives for the row's own cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from timescale_dsl import load_ruleset
from timescale_dsl.reporting.measuring import facts_read_by, match_key, measure
from timescale_dsl.reporting.sample import SampleOptions, sample_events


def _wall_clock(value: object) -> str | None:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat() if isinstance(value, dt.date) else None


RULESETS = sorted((Path(__file__).parents[2] / "rulesets").glob("*.timescales"))


@pytest.mark.skipif(not RULESETS, reason="no bundled rulesets yet")
@pytest.mark.parametrize("path", RULESETS, ids=[p.stem for p in RULESETS])
@pytest.mark.parametrize("style", ["iso", "uk"])
def test_bundled_ruleset_sample_measures_like_the_scalar_api(path: Path, style: str) -> None:
    ruleset = load_ruleset(path)
    frame = sample_events(ruleset, SampleOptions(rows=1200, seed=3, date_style=style))
    measured = measure(frame, ruleset, dt.date(2026, 3, 31))
    assert measured.rows_rejected == 0, measured.rejects["reason"].head().tolist()
    assert measured.rows_read == measured.rows_evaluated == 1200
    columns = {match_key(str(c)): str(c) for c in frame.columns}
    checked = 0
    for record, rule_id in zip(measured.rows.to_dict("records"), measured.rule_ids, strict=True):
        rule = ruleset.rule(str(rule_id))
        if rule.is_recurring:
            continue  # occurrences: see test_recurrence_properties
        facts = {}
        for key, _ in facts_read_by(rule, ruleset):
            cell = str(record[columns[match_key(key)]]).strip()
            facts[key] = cell or None
        deadline = rule.deadline(facts, projection=0)
        # The report writes London wall-clock text; the JSON of a Deadline adds the offset.
        iso = {k: _wall_clock(getattr(deadline, k)) for k in ("due", "earliest", "target")}
        got = tuple(
            None if pd.isna(record[k]) else record[k] for k in ("due", "earliest", "target")
        )
        assert got == (
            iso["due"],
            iso["earliest"],
            iso["target"],
        ), (rule_id, facts)
        checked += 1
    assert checked > 1000
