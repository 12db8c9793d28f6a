from __future__ import annotations

from pathlib import Path

import pytest

from timescale_dsl.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
RULESETS = Path(__file__).parents[2] / "rulesets"
SEED_000 = FIXTURES / "seed-000-lcs-liquidlogic.txt"
SEED_001 = FIXTURES / "seed-001-recording-timescales-framework.md"


@pytest.fixture
def run(capsys):
    """Run the ``timescale`` command; (status, stdout, stderr)."""

    def go(*args: str) -> tuple[int, str, str]:
        status = main(list(args))
        out, err = capsys.readouterr()
        return status, out, err

    return go
