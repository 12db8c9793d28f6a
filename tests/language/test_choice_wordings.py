"""How documents join a pick among alternatives on, and events whose names would
swallow a second timescale."""

from __future__ import annotations

import pytest

from timescale_dsl import parse_statement
from timescale_dsl.errors import SyntaxProblem

EARLIER = "Visit within 5 days of referral or 3 days of contact, whichever is earlier"
LATER = "Visit within 5 days of referral or 3 days of contact, whichever is later"


@pytest.mark.parametrize(
    ("wording", "canonical"),
    [
        ("Visit within 5 days of referral or 3 days of contact, the sooner", EARLIER),
        ("Visit within 5 days of referral or 3 days of contact, the earliest", EARLIER),
        ("Visit within 5 days of referral or 3 days of contact, the later", LATER),
        ("Visit within 5 days of referral or 3 days of contact – the latest", LATER),
        ("Visit within 5 days of referral or 3 days of contact (whichever is sooner)", EARLIER),
        ("Visit within 5 days of referral or 3 days of contact ( whichever is the later )", LATER),
        ("Visit within 5 days of referral or 3 days of contact, (whichever comes first)", EARLIER),
        ("Visit within 5 days of referral or 3 days of contact - whichever is later", LATER),
        ("Visit within 5 days of referral or 3 days of contact — whichever is sooner", EARLIER),
        ("Visit within 5 days of referral or 3 days of contact; whichever is sooner", EARLIER),
        ("Visit within 5 days of referral or 3 days of contact whichever happens first", EARLIER),
        ("Visit within 5 days of referral, or 3 days of contact, whichever is sooner", EARLIER),
        ("Visit within 5 days of referral, or within 3 days of contact, whichever is later", LATER),
        (
            "Visit at least every 6 weeks, or within 5 days of a move, the sooner",
            "Visit at least every 6 weeks or within 5 days of a move, whichever is earlier",
        ),
    ],
)
def test_a_pick_joined_on_as_documents_write_it_means_the_canonical_pick(
    wording: str, canonical: str
) -> None:
    assert parse_statement(wording) == parse_statement(canonical)


def test_the_later_is_not_the_earlier() -> None:
    sooner = parse_statement("Visit within 5 days of referral or 3 days of contact, the sooner")
    later = parse_statement("Visit within 5 days of referral or 3 days of contact, the later")
    assert sooner != later


@pytest.mark.parametrize(
    "wording",
    [
        "Visit within 5 days of referral (whichever is sooner)",
        "Visit within 5 days of referral, whichever is sooner",
        "Visit within 5 days of referral - whichever is later",
    ],
)
def test_a_pick_after_a_single_timescale_says_alternatives_are_joined_by_or(wording: str) -> None:
    with pytest.raises(SyntaxProblem) as raised:
        parse_statement(wording)
    diagnostic = raised.value.diagnostics[0]
    assert "whichever" in diagnostic.message
    assert diagnostic.hint is not None and "joined by 'or'" in diagnostic.hint
    # pointed at from the mark itself, not the blank before it
    assert wording[diagnostic.span.column - 1] in "(,-"


@pytest.mark.parametrize(
    "wording",
    [
        "Visit within 5 days of referral or 3 days of contact, whichever is the latter",
        "Visit within 5 days of referral or 3 days of contact (whichever is sooner",
        "Visit within 5 days of referral, the sooner the better",
    ],
)
def test_picks_that_do_not_say_earlier_or_later_are_refused(wording: str) -> None:
    with pytest.raises(SyntaxProblem):
        parse_statement(wording)


@pytest.mark.parametrize(
    ("wording", "name", "words"),
    [
        (
            "Visit within 5 days of referral and two weeks after contact",
            "referral and two weeks after contact",
            "two weeks after",
        ),
        (
            "Visit within 5 working days of referral and 10 working days of the strategy meeting",
            "referral and 10 working days of the strategy meeting",
            "10 working days of",
        ),
        (
            "Visit every 6 weeks until the later of discharge and adoption",
            "later of discharge and adoption",
            "later of",
        ),
        (
            "Plan within 10 days of referral or the earliest of A and B, whichever is later",
            "earliest of A and B",
            "earliest of",
        ),
        (
            "Visit within 5 days of referral and 1 quarter after contact",
            "referral and 1 quarter after contact",
            "1 quarter after",
        ),
        (
            "Visit within 5 days of referral and 3 wks after contact",
            "referral and 3 wks after contact",
            "3 wks after",
        ),
        (
            "Visit every 6 weeks until 2 weeks after discharge",
            "2 weeks after discharge",
            "2 weeks after",
        ),
    ],
)
def test_an_event_name_holding_a_timescale_is_refused_naming_the_words(
    wording: str, name: str, words: str
) -> None:
    with pytest.raises(SyntaxProblem) as raised:
        parse_statement(wording)
    diagnostic = raised.value.diagnostics[0]
    assert diagnostic.message == f"the event '{name}' holds a timescale of its own ('{words}')"
    assert diagnostic.hint is not None and "whichever is earlier" in diagnostic.hint


def test_a_quoted_name_may_hold_such_words() -> None:
    statement = parse_statement('Visit within 5 days of "2 weeks after discharge review"')
    assert statement == parse_statement('Visit within 5 days of "2 weeks after discharge review"')
    assert "2 weeks after discharge review" in repr(statement)


@pytest.mark.parametrize(
    "wording",
    [
        "Visit within 3 days of the later stage of placement",
        "Return interview within 72 hours of return from 24 hours missing",
        "Review within 5 days of the first day of placement",
    ],
)
def test_names_with_counts_or_picks_that_are_not_timescales_still_read(wording: str) -> None:
    parse_statement(wording)


def test_the_canonical_form_of_a_pick_in_brackets_takes_the_bracket_in() -> None:
    from timescale_dsl.syntax.rewrite import canonical_text, tidy_text

    text = (
        "[visit] Visit within 5 days of referral, or 3 days of contact "
        "(whichever is sooner) (or sooner if needed)\n"
    )
    assert canonical_text(text, "rules.timescales") == (
        "[visit] Visit within 5 days of referral or within 3 days of contact, "
        "whichever is earlier (or sooner if needed)\n"
    )
    assert tidy_text(text, "rules.timescales") == text  # the author's words, as written


def test_a_long_event_name_is_cut_short_where_the_message_quotes_it() -> None:
    name = "x " * 5_000 + "3 days after contact"
    with pytest.raises(SyntaxProblem) as raised:
        parse_statement(f"Visit within 5 days of {name}")
    message = raised.value.diagnostics[0].message
    assert message.startswith(f"the event '{name[:60]}… ({len(name):,} characters)' holds")
    assert message.endswith("('3 days after')")
    assert len(message) < 200
