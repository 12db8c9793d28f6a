"""The council-wording corpus: how many rows go in as written, each meaning what it should.

Every accepted row must parse to the same tree as its canonical statement (so
it computes the same everywhere); every gap row must still be refused, so that
the acceptance rate reported in docs/language.md is the one measured here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from timescale_dsl import parse_statement
from timescale_dsl.errors import TimescaleError

CORPUS = Path(__file__).with_name("council_wordings.txt")
ROWS = [
    tuple(part.strip() for part in line.split("||"))
    for line in CORPUS.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
ACCEPTED = [(w, c) for w, c in ROWS if not c.startswith("gap:")]
GAPS = [(w, c) for w, c in ROWS if c.startswith("gap:")]

#: The acceptance rate docs/language.md reports (accepted rows / all rows).
REPORTED_ACCEPTED = 85
REPORTED_TOTAL = 94


@pytest.mark.parametrize(("wording", "canonical"), ACCEPTED)
def test_accepted_wording_means_its_canonical_statement(wording: str, canonical: str) -> None:
    assert parse_statement(wording) == parse_statement(canonical)


@pytest.mark.parametrize(("wording", "reason"), GAPS)
def test_gap_wording_is_refused(wording: str, reason: str) -> None:
    with pytest.raises(TimescaleError):
        parse_statement(wording)


def test_corpus_is_large_and_the_reported_rate_is_the_measured_one() -> None:
    assert len(ROWS) >= 50
    assert (len(ACCEPTED), len(ROWS)) == (REPORTED_ACCEPTED, REPORTED_TOTAL)
