"""One vocabulary of fact kinds: the language's words, ``FactType``, everywhere."""

from __future__ import annotations

import datetime as dt

import pytest

from timescale_dsl import FactNeed, FactType, check_ruleset_text, parse_ruleset
from timescale_dsl.framework.effects import plan_facts

RULES = """\
fact "meeting" date-time "When the meeting took place"
fact "referral" date
fact "section 47" boolean
fact "legal status" text one of "S20", "S31"

[minutes] Minutes within 15 working days of meeting
[visit] Visit within 5 working days of referral if section 47 and legal status is S31
[later] Later within 2 working days of [minutes]
"""


@pytest.mark.parametrize("kind", list(FactType))
def test_each_kind_is_the_word_a_rule_file_declares_it_with(kind: FactType) -> None:
    ruleset = parse_ruleset(f'fact "x" {kind}\n', "kinds.timescales")
    (declared,) = ruleset.header.facts
    assert declared.type is kind
    assert str(kind) == kind.value == f"{kind}"


def test_facts_needed_report_the_declared_kind_as_the_enum() -> None:
    ruleset = parse_ruleset(RULES, "kinds.timescales")
    assert ruleset.rule("minutes").facts_needed() == [
        FactNeed("meeting", FactType.DATETIME, "When the meeting took place")
    ]
    visit = [(n.name, n.type) for n in ruleset.rule("visit").facts_needed()]
    assert visit == [
        ("section 47", FactType.BOOLEAN),
        ("legal status", FactType.TEXT),
        ("referral", FactType.DATE),
    ]
    # Through a rule reference, the referred rule's kinds.
    assert [n.type for n in ruleset.rule("later").facts_needed()] == [FactType.DATETIME]


def test_undeclared_facts_are_needed_as_the_kind_their_use_reads() -> None:
    rule = parse_ruleset("Visit within 2 days of referral if urgent\n", "r").rule("visit")
    assert [(n.name, n.type) for n in rule.facts_needed()] == [
        ("urgent", FactType.BOOLEAN),
        ("referral", FactType.DATE),
    ]


def test_a_fact_need_serialises_with_the_language_word() -> None:
    need = FactNeed("meeting", FactType.DATETIME)
    assert need.to_dict() == {"name": "meeting", "type": "date-time", "description": None}


def test_a_date_time_fact_is_an_event_and_not_a_condition() -> None:
    as_event = 'fact "meeting" date-time\nMinutes within 2 days of meeting\n'
    assert not [d for d in check_ruleset_text(as_event, "t") if d.is_error]
    as_condition = 'fact "meeting" date-time\nfact "r" date\nVisit within 2 days of r if meeting\n'
    (finding,) = [d for d in check_ruleset_text(as_condition, "t") if d.code == "TS108"]
    assert finding.message == "'meeting' is declared date-time but used as boolean"


def test_diff_gives_a_date_time_fact_a_time_of_day() -> None:
    ruleset = parse_ruleset(RULES, "kinds.timescales")
    plan = plan_facts([ruleset.rule("minutes"), ruleset.rule("visit")])
    assert plan.datetimes == ("meeting",)
    assert plan.dates == ("referral",)
    facts = plan.facts(dt.date(2026, 3, 2), plan.scenarios[0])
    assert facts["meeting"] == dt.datetime(2026, 3, 2, 10, 0)
    assert facts["referral"] == dt.date(2026, 3, 2)
