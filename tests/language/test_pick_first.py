"""A pick said before its alternatives: "by the earlier of A and B", "at the later of
X and Y", "within 5 days of the later of X and Y"."""

from __future__ import annotations

import datetime as dt

import pytest

from timescale_dsl import compile_statement, parse_statement
from timescale_dsl.errors import MissingFactsError, SyntaxProblem


@pytest.mark.parametrize(
    ("wording", "canonical"),
    [
        (
            "Review by the earlier of 3 months after the ICPC and 10 working days after the "
            "decision",
            "Review within 3 months of ICPC or within 10 working days of decision, "
            "whichever is earlier",
        ),
        (
            "Review: the sooner of 3 months after the ICPC or 10 working days after the decision",
            "Review within 3 months of ICPC or within 10 working days of decision, "
            "whichever is earlier",
        ),
        (
            "Plan no later than the latest of 5 days after referral, 3 days after contact "
            "and 2 days after allocation",
            "Plan within 5 days of referral or within 3 days of contact or within 2 days of "
            "allocation, whichever is later",
        ),
        (
            "Visit at the later of referral and contact",
            "Visit on the day of referral or on the day of contact, whichever is later",
        ),
        (
            "Visit at the later of the referral or the contact",
            "Visit on the day of referral or on the day of contact, whichever is later",
        ),
        # An event alone after a counted alternative takes its count, as after "or".
        (
            "Plan by the earliest of 5 working days after referral and the strategy discussion",
            "Plan within 5 working days of referral or within 5 working days of strategy "
            "discussion, whichever is earlier",
        ),
        # ... but not after an event alone, which is its own day.
        (
            "Plan by the later of the ICPC and 10 days after placement",
            "Plan on the day of ICPC or within 10 days of placement, whichever is later",
        ),
        (
            "Plan by the later of 10 days after placement and the 16th birthday",
            "Plan within 10 days of placement or on the 16th birthday, whichever is later",
        ),
        (
            'Plan by the later of "review and panel" and [rha]',
            'Plan on the day of "review and panel" or on the day of [rha], whichever is later',
        ),
        # The same period counted from the earlier (later) of the events.
        (
            "Visit within 5 working days of the later of referral and contact",
            "Visit within 5 working days of referral or within 5 working days of contact, "
            "whichever is later",
        ),
        (
            "Report 5 working days before the earlier of the ICPC and the RCPC",
            "Report 5 working days before ICPC or 5 working days before RCPC, whichever is earlier",
        ),
        # Conditions, alternatives and a recurrence go on as after any choice.
        (
            "Visit at the later of referral and contact if s47; otherwise within 5 days of contact",
            "Visit on the day of referral or on the day of contact, whichever is later if "
            "s47; otherwise within 5 days of contact",
        ),
        (
            "Review by the earlier of 3 months after the ICPC and 10 working days after the "
            "decision and thereafter every 6 months",
            "Review within 3 months of ICPC or within 10 working days of decision, "
            "whichever is earlier, then every 6 months",
        ),
        (
            "Review by the earlier of 3 months after the ICPC and 10 working days after the "
            "decision, then every 6 months",
            "Review within 3 months of ICPC or within 10 working days of decision, "
            "whichever is earlier, then every 6 months",
        ),
    ],
)
def test_a_pick_said_first_means_the_same_choice_said_last(wording: str, canonical: str) -> None:
    assert parse_statement(wording) == parse_statement(canonical)


@pytest.mark.parametrize(
    "wording",
    [
        # "and" ends an event's name only inside a pick said first.
        "Visit within 5 days of referral and contact",
        "Visit by the decision and review",
        # A pick word that is not "the earlier of" is a word of a name.
        "Visit within 3 days of the later stage of placement",
    ],
)
def test_and_elsewhere_stays_a_word_of_the_name(wording: str) -> None:
    statement = parse_statement(wording)
    assert "Choice" not in repr(statement)


def test_the_later_of_two_events_is_the_later_day() -> None:
    rule = compile_statement("Visit within 5 working days of the later of referral and contact")
    facts = {"referral": dt.date(2026, 3, 2), "contact": dt.date(2026, 3, 4)}
    assert rule.deadline(facts).due == dt.date(2026, 3, 11)  # Wed 4 Mar + 5 working days


def test_the_earlier_of_with_one_event_unknown_is_provisional() -> None:
    rule = compile_statement(
        "Review by the earlier of 3 months after the ICPC and 10 working days after the decision"
    )
    deadline = rule.deadline({"icpc": dt.date(2026, 1, 15)})
    assert deadline.due == dt.date(2026, 4, 15)
    assert deadline.provisional and "'decision'" in deadline.caveats[0]
    firm = rule.deadline({"icpc": dt.date(2026, 1, 15), "decision": dt.date(2026, 1, 5)})
    assert (firm.due, firm.provisional) == (dt.date(2026, 1, 19), False)


def test_the_later_of_waits_for_every_event() -> None:
    rule = compile_statement("Visit at the later of referral and contact")
    with pytest.raises(MissingFactsError, match="'contact'"):
        rule.deadline({"referral": dt.date(2026, 3, 2)})


@pytest.mark.parametrize(
    "wording",
    ["Visit by the later of referral", "Visit by the earlier of 3 months after the ICPC"],
)
def test_a_pick_said_first_with_one_alternative_says_so(wording: str) -> None:
    with pytest.raises(SyntaxProblem) as raised:
        parse_statement(wording)
    hint = raised.value.diagnostics[0].hint
    assert hint is not None and "two or more alternatives joined by 'and' or 'or'" in hint
