"""The council-wording corpus: how many rows go in as written, each meaning what it should.

Every accepted row must parse to the same tree as its canonical statement (so
it computes the same everywhere); every gap row must still be refused, so that
the acceptance rate reported in docs/language.md is the one measured here. The
probes (rows written to find what the language refused) are held to the same,
and are not counted in the rate.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from timescale_dsl import parse_statement
from timescale_dsl.errors import TimescaleError


def _rows(name: str) -> list[tuple[str, ...]]:
    return [
        tuple(part.strip() for part in line.split("||"))
        for line in Path(__file__).with_name(name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


ROWS = _rows("council_wordings.txt")
PROBES = _rows("council_probes.txt")
ACCEPTED = [(w, c) for w, c in ROWS if not c.startswith("gap:")]
GAPS = [(w, c) for w, c in ROWS if c.startswith("gap:")]
PROBES_ACCEPTED = [(w, c) for w, c in PROBES if not c.startswith("gap:")]
PROBES_REFUSED = [(w, c) for w, c in PROBES if c.startswith("gap:")]

#: The acceptance rate docs/language.md reports (accepted rows / all rows).
REPORTED_ACCEPTED = 75
REPORTED_TOTAL = 77


@pytest.mark.parametrize(("wording", "canonical"), ACCEPTED + PROBES_ACCEPTED)
def test_accepted_wording_means_its_canonical_statement(wording: str, canonical: str) -> None:
    assert parse_statement(wording) == parse_statement(canonical)


@pytest.mark.parametrize(("wording", "reason"), GAPS + PROBES_REFUSED)
def test_gap_wording_is_refused(wording: str, reason: str) -> None:
    with pytest.raises(TimescaleError):
        parse_statement(wording)


def test_corpus_is_large_and_the_reported_rate_is_the_measured_one() -> None:
    assert len(ROWS) >= 50
    assert (len(ACCEPTED), len(ROWS)) == (REPORTED_ACCEPTED, REPORTED_TOTAL)
