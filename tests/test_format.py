"""Formatting: AST -> canonical text, and back to an equal AST."""

from __future__ import annotations

from pathlib import Path

import pytest

from timescale_dsl import format_statement, parse_statement

IDENTITY = Path(__file__).parent / "golden" / "identity.txt"
LINES = [
    line
    for line in IDENTITY.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


@pytest.mark.parametrize("line", LINES)
def test_canonical_statement_formats_to_itself(line):
    assert format_statement(parse_statement(line)) == line


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("Outcomes on day of conference", "Outcomes on the day of conference"),
        ("Outcomes same day as conference", "Outcomes on the day of conference"),
        ("Outcomes: at point of conference", "Outcomes on the day of conference"),
        (
            "Report at least 3 working days prior to conference",
            "Report 3 working days before conference",
        ),
        (
            "QA form 11-15 working days after meeting",
            "QA form between 11 and 15 working days after meeting",
        ),
        ("Screening within 24hrs of request", "Screening within 24 hours of request"),
        ("Visit within 7 calendar days following referral", "Visit within 7 days of referral"),
        ("Review every 6 months thereafter", "Review every 6 months"),
        (
            "A within 45 working days (target 35 working days) of referral",
            "A within 45 working days of referral (target 35 working days)",
        ),
        (
            "Minutes within 5 working days of the meeting",
            "Minutes within 5 working days of meeting",
        ),
    ],
)
def test_variants_format_to_the_canonical_wording(variant, canonical):
    assert format_statement(parse_statement(variant)) == canonical
    assert parse_statement(variant) == parse_statement(canonical)
