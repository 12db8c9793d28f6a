"""Every module says its job in its docstring's first line (docs/architecture.md relies on it)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import timescale_dsl

ROOT = Path(timescale_dsl.__file__).parent
MODULES = sorted(ROOT.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_docstring_opens_with_one_line_saying_the_module_s_job(path: Path) -> None:
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert docstring, "no module docstring"
    first, _, rest = docstring.partition("\n")
    assert first.endswith("."), f"the first line is not a whole sentence: {first!r}"
    assert not rest or rest.startswith("\n"), "the summary runs onto a second line"
    assert len(first.split()) >= 4, f"too short to say a job: {first!r}"
