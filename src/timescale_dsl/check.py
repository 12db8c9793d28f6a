"""Every finding about a rule file's text, in one call: the check behind `timescale check`.

It parses (recovering at each broken line) and validates, and needs nothing
of the evaluation machinery, so checking starts without importing numpy or
building a calendar.
"""

from __future__ import annotations

import functools

from .errors import Diagnostic, RulesetError
from .limits import check_size
from .syntax import ast
from .syntax.parser import parse_ruleset_recovering
from .validate import validate


def _position(diagnostic: Diagnostic) -> tuple[int, int]:
    span = diagnostic.span
    return (span.line, span.column) if span else (0, 0)


@functools.lru_cache(maxsize=16)
def _checked(text: str, path: str) -> tuple[ast.RulesetFile, tuple[Diagnostic, ...], bool]:
    # Everything here is immutable, so a text seen before (a report's workers
    # loading one ruleset, an editor re-checking an unchanged file) is not
    # parsed again.
    try:
        check_size(text, path)
    except RulesetError as error:  # too large to parse at all: that is the one finding
        return ast.RulesetFile(ast.Header(), (), path), tuple(error.diagnostics), True
    recovered = parse_ruleset_recovering(text, path)
    found = [*recovered.diagnostics, *validate(recovered.tree, text, path, recovered.unparsed)]
    return recovered.tree, tuple(sorted(found, key=_position)), bool(recovered.diagnostics)


def all_findings(text: str, path: str) -> tuple[ast.RulesetFile, list[Diagnostic], bool]:
    """The AST of what parsed, every finding in order of position, and whether any is syntax."""
    tree, found, syntax = _checked(text, path)
    return tree, list(found), syntax


def check_ruleset_text(text: str, path: str = "<string>") -> list[Diagnostic]:
    """Every diagnostic for a rule file's text, in order of position.

    One call reports every syntax error (parsing recovers at the next line)
    and every validation finding about the lines that parsed, each with its
    span; it never raises for bad input.
    """
    return all_findings(text, path)[1]
