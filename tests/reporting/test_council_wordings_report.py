"""``timescale report``'s engine gives each council wording the scalar API's answer.

A rule file written in the wider wordings (number words, fortnights,
whichever variants, limits, windows before an event, bare timescales counting
from their process's event, immediacy, remarks) is measured over a made-up
event log; every row's due, earliest and target equal ``Rule.deadline``'s.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from timescale_dsl import parse_ruleset
from timescale_dsl.reporting.measuring import facts_read_by, match_key, measure
from timescale_dsl.reporting.sample import SampleOptions, sample_events

RULES = """\
title "Council wordings"
fact "referral" date
fact "strategy discussion" date
fact "conference" date
process "Assessment" from "the referral"
[words] Strategy discussion: Within Two Working Days of the referral
[fortnight] Visit within a fortnight of the date of the referral
[sooner] Plan within 45 working days of the referral or the strategy discussion, whichever is sooner
[later] Plan within ten days of the referral or 2 days of the conference, whichever comes last
[limit] Minutes not more than five working days after the conference (or sooner if needed)
[upto] Letter up to twenty-eight days after the conference, more frequently if required
[before] Report 2-3 working days before the conference
[between] Report between ten and fifteen days prior to the conference
[bare] Assessment within 45 working days (target 35 working days)
[now] Outcome immediately after the strategy discussion
[at] Outline plan: at the conference
"""


def test_council_wordings_measure_like_the_scalar_api() -> None:
    ruleset = parse_ruleset(RULES, "council.timescales")
    frame = sample_events(ruleset, SampleOptions(rows=600, seed=5))
    measured = measure(frame, ruleset, dt.date(2026, 3, 31))
    assert measured.rows_rejected == 0, measured.rejects["reason"].head().tolist()
    columns = {match_key(str(c)): str(c) for c in frame.columns}
    checked: set[str] = set()
    for record, rule_id in zip(measured.rows.to_dict("records"), measured.rule_ids, strict=True):
        rule = ruleset.rule(str(rule_id))
        facts = {
            key: str(record[columns[match_key(key)]]).strip() or None
            for key, _ in facts_read_by(rule, ruleset)
        }
        iso = rule.deadline(facts, projection=0).to_dict()
        got = tuple(
            None if pd.isna(record[k]) else record[k] for k in ("due", "earliest", "target")
        )
        assert got == (iso["due"], iso["earliest"], iso["target"]), (rule_id, facts)
        checked.add(str(rule_id))
    assert checked == {rule.id for rule in ruleset}
