"""Golden files for what people read: `timescale check` output on bad rule files.

Each tests/golden/diagnostics/NAME.timescales has NAME.expected beside it.
Re-record after an intended change with UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from timescale_dsl.cli import main

GOLDEN = Path(__file__).parent / "golden" / "diagnostics"
CASES = sorted(GOLDEN.glob("*.timescales"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_check_output_matches_golden_file(case: Path, capsys, monkeypatch):
    monkeypatch.chdir(GOLDEN)
    status = main(["check", case.name])
    output = f"exit {status}\n" + capsys.readouterr().out
    expected_file = case.with_suffix(".expected")
    if os.environ.get("UPDATE_GOLDEN"):
        expected_file.write_text(output, encoding="utf-8")
    assert output == expected_file.read_text(encoding="utf-8")
