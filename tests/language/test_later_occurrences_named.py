"""The later occurrences named before their frequency: "First statutory visit within
1 week; subsequent visits every 6 weeks" is a recurrence, the name kept as a remark."""

from __future__ import annotations

import pytest

from timescale_dsl import parse_statement


@pytest.mark.parametrize(
    ("wording", "canonical"),
    [
        (
            "First statutory visit within 1 week; subsequent visits every 6 weeks",
            "First statutory visit within 1 week, then every 6 weeks (subsequent visits)",
        ),
        (
            "Statutory visit within 1 week of placement, subsequent visits at intervals of "
            "not more than 6 weeks",
            "Statutory visit within 1 week of placement, then every 6 weeks (subsequent visits)",
        ),
        (
            "Core group within 10 working days of ICPC; further core groups at least every 6 weeks",
            "Core group within 10 working days of ICPC, then every 6 weeks (further core groups)",
        ),
        (
            "CLA review within 20 working days, then within 3 months; subsequent reviews "
            "every 6 months",
            "CLA review within 20 working days, then within 3 months, then every 6 months "
            "(subsequent reviews)",
        ),
        (
            "Visit within 1 week of placement; subsequent visits six-weekly for the first "
            "year, then three-monthly",
            "Visit within 1 week of placement, then every 6 weeks for the first year, then "
            "every 3 months (subsequent visits)",
        ),
        (
            "Visit within 1 week of placement; and then all other visits monthly",
            "Visit within 1 week of placement, then every 1 month (all other visits)",
        ),
    ],
)
def test_the_later_occurrences_named_read_as_then(wording: str, canonical: str) -> None:
    assert parse_statement(wording) == parse_statement(canonical)


def test_the_name_is_kept_as_written() -> None:
    statement = parse_statement(
        "First statutory visit within 1 week; Subsequent Visits every 6 weeks"
    )
    assert statement.remarks == ("Subsequent Visits",)


def test_alternatives_after_a_semicolon_are_still_alternatives() -> None:
    statement = parse_statement(
        "Visit within 5 days of referral if s47; otherwise within 10 days of referral"
    )
    assert len(statement.timescale.options) == 2  # type: ignore[union-attr]
