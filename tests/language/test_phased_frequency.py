"""A frequency that holds for a period, then gives way: "every 6 weeks for the first
year, then every 3 months", "six weekly during the first year", as statutory visits
to a looked-after child are set."""

from __future__ import annotations

import datetime as dt

import pytest

from timescale_dsl import check_ruleset_text, compile_statement, parse_statement
from timescale_dsl.errors import MissingFactsError, SyntaxProblem
from timescale_dsl.syntax import ast
from timescale_dsl.syntax.format import format_statement

D = dt.date
CLA = "CLA visit within 1 week of placement, then every 6 weeks for the first year, then every 3 months"


@pytest.mark.parametrize(
    ("wording", "canonical"),
    [
        (
            "CLA visit: within one week of the placement, then at intervals of not more than "
            "six weeks for the first year of the placement, thereafter at intervals of not "
            "more than three months",
            CLA,
        ),
        (
            "CLA visit: within 1 week of placement and then every 6 weeks in the first year "
            "and thereafter every 3 months",
            CLA,
        ),
        (
            "CLA visit within 1 week of placement, then six weekly during the first 12 months, "
            "then three monthly",
            "CLA visit within 1 week of placement, then every 6 weeks for the first 12 months, "
            "then every 3 months",
        ),
        (
            "Private fostering visits: six weekly during the first year, then twelve weekly",
            "Private fostering visits every 6 weeks for the first year, then every 12 weeks",
        ),
        (
            "Visit within 1 week of placement and then every 6 weeks for the first year and "
            "every 3 months after that",
            "Visit within 1 week of placement, then every 6 weeks for the first year, then "
            "every 3 months",
        ),
        (
            "Visit monthly over the first six months then quarterly",
            "Visit every 1 month for the first 6 months, then every 3 months",
        ),
        (
            "Visit weekly for the first month, then fortnightly for the first three months, "
            "then monthly",
            "Visit every 1 week for the first month, then every 2 weeks for the first 3 "
            "months, then every 1 month",
        ),
        # The period's event, where not written, is the schedule's own.
        (
            "CLA visit within 1 week of placement, then every 6 weeks during the first year",
            "CLA visit within 1 week of placement, then every 6 weeks for the first year of "
            "placement",
        ),
        (
            "Visit every 6 weeks after placement for the first year, then every 3 months",
            "Visit every 6 weeks after placement for the first year of placement, then every "
            "3 months",
        ),
    ],
)
def test_a_frequency_for_a_period_means_its_canonical_statement(
    wording: str, canonical: str
) -> None:
    assert parse_statement(wording) == parse_statement(canonical)


def test_the_canonical_form_reads_back_the_same() -> None:
    wording = (
        "Visit: at intervals of not more than 6 weeks (target 4 weeks) for the first year "
        "of the plan, thereafter at intervals of not more than 3 months until age 18"
    )
    statement = parse_statement(wording)
    text = format_statement(statement)
    assert text == (
        "Visit every 6 weeks (target 4 weeks) for the first year of plan, then every 3 "
        "months until the 18th birthday"
    )
    assert parse_statement(text) == statement


def test_a_period_after_a_choice_must_name_its_event() -> None:
    with pytest.raises(SyntaxProblem) as raised:
        parse_statement(
            "Visit within 1 week of placement or 5 days of referral, whichever is later, "
            "then every 6 weeks for the first year"
        )
    diagnostic = raised.value.diagnostics[0]
    assert diagnostic.message == "the period of a frequency needs the event it is counted from"
    assert diagnostic.hint is not None and "for the first year of the placement" in diagnostic.hint
    named = parse_statement(
        "Visit within 1 week of placement or 5 days of referral, whichever is later, "
        "then every 6 weeks for the first year of the placement"
    )
    schedule = named.timescale.options[0].schedule  # type: ignore[union-attr]
    assert isinstance(schedule, ast.Recurrence)
    assert schedule.phases[0].anchor == ast.FactRef("placement", "placement")


def test_projected_visits_change_interval_when_the_first_year_ends() -> None:
    rule = compile_statement(CLA)
    deadline = rule.deadline({"placement": D(2026, 11, 2)}, projection=10)
    # Placement Mon 2 Nov 2026: first visit by 9 Nov; every 6 weeks while the visit
    # before falls before 2 Nov 2027 (11 Oct 2027 does), then every 3 months.
    assert deadline.due == D(2026, 11, 9)
    assert deadline.schedule == (
        D(2026, 12, 21),
        D(2027, 2, 1),
        D(2027, 3, 15),
        D(2027, 4, 26),
        D(2027, 6, 7),
        D(2027, 7, 19),
        D(2027, 8, 30),
        D(2027, 10, 11),
        D(2027, 11, 22),
        D(2028, 2, 22),
    )


def test_occurrence_dues_follow_the_period_of_each_visit_before() -> None:
    rule = compile_statement(CLA)
    dues = rule.occurrence_dues(
        {"placement": D(2026, 1, 5)}, [D(2026, 1, 9), D(2026, 12, 30), D(2027, 1, 5)]
    )
    # 30 Dec 2026 is in the first year (it ends on 5 Jan 2027); 5 Jan 2027 is not.
    assert dues == [D(2026, 1, 12), D(2026, 2, 20), D(2027, 2, 10), D(2027, 4, 5)]


def test_a_last_period_with_nothing_after_it_ends_the_series() -> None:
    rule = compile_statement(
        "Private fostering visit within 1 week of placement, then every 6 weeks during the "
        "first year"
    )
    facts = {"placement": D(2026, 1, 5)}
    dues = rule.occurrence_dues(facts, [D(2026, 1, 9), D(2026, 11, 20), D(2027, 1, 1)])
    # Due 1 Jan 2027 (in the year), then 12 Feb 2027: after the end, so not due.
    assert dues == [D(2026, 1, 12), D(2026, 2, 20), D(2027, 1, 1)]
    projected = rule.deadline(facts, projection=20).schedule
    assert projected[-1] == D(2026, 12, 14) and all(d < D(2027, 1, 5) for d in projected)


def test_until_and_a_last_period_end_the_series_at_the_earlier() -> None:
    rule = compile_statement(
        "Visit within 1 week of placement, then every 6 weeks during the first year until discharge"
    )
    facts = {"placement": D(2026, 1, 5), "discharge": D(2026, 4, 1)}
    assert rule.occurrence_dues(facts, [D(2026, 1, 9), D(2026, 2, 20)]) == [
        D(2026, 1, 12),
        D(2026, 2, 20),
    ]


def test_without_an_event_the_period_counts_from_the_start_event() -> None:
    rule = compile_statement("Visits six weekly during the first year, then twelve weekly")
    with pytest.raises(MissingFactsError, match="'start event'"):
        rule.deadline({"previous occurrence": D(2026, 1, 5)})
    facts = {"previous occurrence": D(2026, 1, 5), "start event": D(2025, 3, 2)}
    # The year from 2 March 2025 ends on 2 March 2026: 16 Feb 2026 is in it, 30 Mar not.
    deadline = rule.deadline(facts)
    assert deadline.due == D(2026, 2, 16)
    assert deadline.schedule[:2] == (D(2026, 3, 30), D(2026, 6, 22))


def test_a_frequency_for_a_period_without_an_interval_says_so() -> None:
    with pytest.raises(SyntaxProblem) as raised:
        parse_statement("Visit within 1 week of placement, then every for the first year")
    diagnostic = raised.value.diagnostics[0]
    assert diagnostic.message == "a frequency for a period needs its interval"
    assert (diagnostic.span.line, diagnostic.span.column) == (1, 40)  # type: ignore[union-attr]


def test_the_explanation_says_when_each_period_ends() -> None:
    deadline = compile_statement(CLA).deadline({"placement": D(2026, 11, 2)})
    assert (
        "every 6 weeks after an occurrence before Tue 02 Nov 2027 (1 year after placement)"
        in deadline.explanation.steps
    )


def test_a_period_that_ends_before_the_one_before_it_is_a_warning() -> None:
    text = (
        'title "x"\n'
        "[a] Visit weekly for the first 3 months, then fortnightly for the first month, "
        "then monthly\n"
        "[b] Visit weekly for the first month, then fortnightly for the first 3 months, "
        "then monthly\n"
    )
    found = [d for d in check_ruleset_text(text, "t.timescales") if d.code == "TS205"]
    assert [d.span.line for d in found if d.span] == [2]
    assert found[0].message == (
        "the period 'the first month' ends no later than the one before it "
        "('the first 3 months'): its frequency never applies"
    )
