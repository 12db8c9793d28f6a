"""Text as word processors leave it: odd spaces, unseen characters and curly quotes.

Rows copied out of a framework document carry no-break spaces, zero-width
characters and curly quotes; each reads as the plain character it stands for,
and every message still points at the author's own line and column.
"""

from __future__ import annotations

import datetime as dt

import pytest

from timescale_dsl import parse_ruleset, parse_statement
from timescale_dsl.errors import SyntaxProblem
from timescale_dsl.syntax.spacing import DOCUMENT_SPACES

PLAIN = "Visit within 5 working days of the referral"


@pytest.mark.parametrize("space", list(DOCUMENT_SPACES))
def test_a_document_space_is_a_space(space: str) -> None:
    text = PLAIN.replace(" ", space, 3)  # the task's and "within 5"'s own spaces
    assert parse_statement(text) == parse_statement(PLAIN)
    assert parse_statement(PLAIN + space) == parse_statement(PLAIN)


def test_a_zero_width_space_at_the_end_of_a_word_changes_nothing() -> None:
    assert parse_statement("Visit within 5 working days of referral\u200b") == parse_statement(
        "Visit within 5 working days of referral"
    )


def test_an_error_points_at_the_authors_column() -> None:
    with pytest.raises(SyntaxProblem) as plain:
        parse_statement("Visit within 5 wrking days of referral")
    with pytest.raises(SyntaxProblem) as spaced:
        parse_statement("Visit\u00a0within\u00a05 wrking days of referral")
    assert spaced.value.diagnostics[0].span == plain.value.diagnostics[0].span


def test_curly_quotes_quote_as_straight_ones_do() -> None:
    curly = parse_statement("\u201cSection 47 outcome\u201d: within 5 working days of strategy")
    assert curly == parse_statement('"Section 47 outcome": within 5 working days of strategy')
    text = (
        "title \u201cMy framework\u201d\n"
        "section \u201cChild Protection\u201d\n"
        "process \u201cICPC\u201d from \u201cstrategy\u201d\n"
        "[a] Minutes within 5 days\n"
        "    source \u201c5 days after the meeting, as the \u2018guide\u2019 says\u201d\n"
    )
    ruleset = parse_ruleset(text)
    rule = ruleset.rule("a")
    assert ruleset.title == "My framework"
    assert (rule.section, rule.process) == ("Child Protection", "ICPC")
    assert rule.source == "5 days after the meeting, as the \u2018guide\u2019 says"
    # The process's event, curly-quoted too: "within 5 days" counts from it.
    assert rule.deadline({"strategy": dt.date(2026, 12, 1)}).due == dt.date(2026, 12, 6)
