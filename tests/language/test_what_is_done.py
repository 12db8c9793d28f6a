"""What is done, written between a task's colon and its timescale, is a remark.

Tabled frameworks put the record in one column and what is done with it in
the next ("Minutes | to be distributed within 15 working days of the
meeting"); written as a line that is ``Minutes: to be distributed within ...``.
The task is what comes before the colon, the words after it are kept as the
rule's remark, and the deadline is the timescale's, as if they were not there.
"""

from __future__ import annotations

import datetime as dt

import pytest

from timescale_dsl import parse_rule, parse_ruleset, parse_statement
from timescale_dsl.errors import SyntaxProblem
from timescale_dsl.syntax.rewrite import canonical_text, tidy_text

FACTS = {"meeting": dt.date(2026, 12, 1), "referral": dt.date(2026, 12, 1)}


@pytest.mark.parametrize(
    ("text", "task", "remark", "plain"),
    [
        (
            "Minutes: to be distributed within 15 working days of the meeting",
            "Minutes",
            "to be distributed",
            "Minutes within 15 working days of the meeting",
        ),
        (
            "Child and family assessment: completed within 45 working days of the referral",
            "Child and family assessment",
            "completed",
            "Child and family assessment within 45 working days of the referral",
        ),
        (
            "Minutes: circulated to all attendees and the family within 10 days of meeting",
            "Minutes",
            "circulated to all attendees and the family",
            "Minutes within 10 days of meeting",
        ),
        (
            "Outline plan: agreed on the day of the meeting",
            "Outline plan",
            "agreed",
            "Outline plan on the day of the meeting",
        ),
        (
            "Minutes: circulate within 15 working days of the meeting",
            "Minutes",
            "circulate",
            "Minutes within 15 working days of the meeting",
        ),
        (
            "Life story work: commence within 3 months of the meeting",
            "Life story work",
            "commence",
            "Life story work within 3 months of the meeting",
        ),
        (
            "Strategy discussion - hold within 1 working day of referral",
            "Strategy discussion",
            "hold",
            "Strategy discussion within 1 working day of referral",
        ),
        (
            "Chronology: update within 5 working days of the meeting",
            "Chronology",
            "update",
            "Chronology within 5 working days of the meeting",
        ),
        (
            '"Section 47 enquiry": must be completed within 15 working days of referral',
            "Section 47 enquiry",
            "must be completed",
            '"Section 47 enquiry" within 15 working days of referral',
        ),
    ],
)
def test_the_task_is_before_the_colon_and_what_is_done_is_a_remark(
    text: str, task: str, remark: str, plain: str
) -> None:
    statement = parse_statement(text)
    assert statement.task == task
    assert statement.remarks == (remark,)
    # The deadline is the timescale's alone.
    assert statement.timescale == parse_statement(plain).timescale
    assert parse_rule(text).deadline(FACTS).due == parse_rule(plain).deadline(FACTS).due


def test_it_comes_before_the_other_remarks_and_with_any_timescale() -> None:
    statement = parse_statement(
        "Plan: reviewed within 3 months of the meeting (or sooner if needed), then every 6 months"
    )
    assert statement.task == "Plan"
    assert statement.remarks == ("reviewed", "or sooner if needed")
    every = parse_statement("Care plan: reviewed at least every 6 months")
    assert every.timescale == parse_statement("Care plan every 6 months").timescale
    alternatives = parse_statement(
        "Visit: undertaken within 5 days of referral if child in need; "
        "within 1 day of referral if section 47"
    )
    assert alternatives.remarks == ("undertaken",)
    assert len(alternatives.timescale.options) == 2  # type: ignore[union-attr]


def test_in_a_rule_file_fmt_keeps_the_words_and_canonical_brackets_them() -> None:
    text = 'title "t"\n[minutes] Minutes: to be distributed within 15 working days of the meeting\n'
    rule = parse_ruleset(text).rule("minutes")
    assert rule.task == "Minutes"
    assert rule.statement.remarks == ("to be distributed",)
    assert tidy_text(text) == text  # the layout was already tidy: nothing is reworded
    # Canonical wording only when asked: the remark in brackets after the timescale.
    canonical = canonical_text(text)
    assert "Minutes within 15 working days of meeting (to be distributed)" in canonical
    assert parse_ruleset(canonical).rule("minutes").statement.remarks == ("to be distributed",)


def test_words_after_the_colon_with_no_timescale_are_still_an_error_at_the_end() -> None:
    with pytest.raises(SyntaxProblem) as raised:
        parse_statement("Minutes: to be distributed soon")
    assert raised.value.diagnostics[0].span.column > len("Minutes: to be distributed")


def test_a_slip_for_within_after_the_colon_is_named_not_read_silently() -> None:
    from timescale_dsl.check import check_ruleset_text

    text = 'title "t"\n[c] Minutes: to be distributed witin 15 working days of the meeting\n'
    found = [d for d in check_ruleset_text(text) if d.code == "TS201"]
    assert len(found) == 1
    assert found[0].message == "remark word 'witin' looks like the keyword 'within'"
    assert found[0].span.column == len("[c] Minutes: to be distributed ") + 1
    # Real words of what is done, and of a remark in brackets, are not slips.
    clean = 'title "t"\n[d] Minutes: circulated to all within 5 days of meeting (or sooner)\n'
    assert not [d for d in check_ruleset_text(clean) if d.code == "TS201"]


@pytest.mark.parametrize(
    "text",
    [
        "Strategy discussion - within 1 working day of referral",
        "Strategy discussion \u2013 within 1 working day of referral",
        "Strategy discussion \u2014 within 1 working day of referral",
        "Strategy discussion: within 1 working day of referral",
    ],
)
def test_a_spaced_dash_parts_the_task_from_its_timescale_as_a_colon_does(text: str) -> None:
    assert parse_statement(text) == parse_statement(
        "Strategy discussion within 1 working day of referral"
    )


def test_a_dash_inside_a_word_or_a_range_is_not_a_parting() -> None:
    assert parse_statement("Pre-birth assessment - within 5 days of referral").task == (
        "Pre-birth assessment"
    )
    ranged = parse_statement("Visit - 2 - 4 weeks after placement")
    assert (
        ranged.timescale == parse_statement("Visit between 2 and 4 weeks after placement").timescale
    )
    assert parse_statement("Assessment - completed within 45 working days of referral").remarks == (
        "completed",
    )


@pytest.mark.parametrize(
    "text",
    [
        # Each would be read as a plain deadline if the words were a remark: refused.
        "Review: no sooner than 3 months after the ICPC",
        "Review: not before 3 months after the ICPC",
        "Visit: from 5 days after referral",
        "Pre-birth assessment: by 20 weeks of pregnancy",
        "Visit: made after the review within 5 days of referral",
        "Visit: every so often within 5 days of referral",
    ],
)
def test_words_that_would_change_the_reading_are_not_taken_as_what_is_done(text: str) -> None:
    with pytest.raises(SyntaxProblem):
        parse_statement(text)


def test_what_comes_after_the_colon_must_be_done_not_named() -> None:
    # A noun after the colon names no action: the ':' is likely part of the task's name.
    with pytest.raises(SyntaxProblem) as raised:
        parse_statement("CP Conference: Outcome letter within 1 working day of the conference")
    (found,) = raised.value.diagnostics
    assert found.message == "unexpected 'Outcome'"
    assert found.hint is not None and "quote the whole name" in found.hint
    quoted = parse_statement('"CP Conference: Outcome letter" within 1 working day of conference')
    assert quoted.task == "CP Conference: Outcome letter"
    # A verb's form begins what is done, whatever the verb.
    for action in ("held", "sent", "shared with the family", "must be done", "needed"):
        statement = parse_statement(f"Meeting: {action} within 10 days of referral")
        assert statement.remarks == (action,)


def test_a_slip_for_a_keyword_after_the_colon_gets_a_did_you_mean() -> None:
    with pytest.raises(SyntaxProblem) as raised:
        parse_statement("Minutes: witin 15 days of meeting")
    assert raised.value.diagnostics[0].message == "unexpected 'witin'; did you mean 'within'?"
