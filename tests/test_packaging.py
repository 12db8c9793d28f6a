"""The core stays light and inert: no data-frame library, no code from rule files."""

from __future__ import annotations

import subprocess
import sys

import pytest

from timescale_dsl import SyntaxProblem, parse_ruleset
from timescale_dsl.syntax.parser import grammar_text


def test_core_import_loads_no_dataframe_library():
    code = (
        "import sys, timescale_dsl, datetime as dt\n"
        "timescale_dsl.compile_statement('A within 2 working days of x')"
        ".deadline({'x': dt.date(2026, 12, 24)})\n"
        "print(sorted(m for m in ('pandas', 'pyarrow', 'dask') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_grammar_is_found():
    assert "ruleset:" in grammar_text()


def test_python_in_a_rule_file_is_text_never_code(tmp_path):
    marker = tmp_path / "ran"
    code = f"__import__('os').system('touch {marker}')"
    text = f'fact "x" date\nfact "kind" text\n"{code}" within 2 days of x if kind is "{code}"\n'
    ruleset = parse_ruleset(text, "evil.timescales")
    (rule,) = ruleset
    assert rule.task == code
    deadline = rule.deadline({"x": "2026-12-24", "kind": code})
    assert deadline.due is not None
    with pytest.raises(SyntaxProblem):
        parse_ruleset(f"A within {code} days of x\n", "evil.timescales")
    assert not marker.exists()
