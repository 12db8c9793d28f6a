"""Rewrite a rule file with every statement in canonical form, keeping all else.

Comments, blank lines, header lines, ids and detail lines are left exactly as
written; only the text of each statement (located by its span) is replaced.
"""

from __future__ import annotations

from .format import format_statement
from .parser import parse_ruleset_text


def _offset(text: str, line: int, column: int) -> int:
    """Character offset of a 1-based line and column."""
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column - 1


def canonical_text(text: str, path: str = "<string>") -> str:
    """The rule file's text with its statements formatted canonically."""
    tree = parse_ruleset_text(text, path)
    source = text.lstrip("\ufeff")
    pieces: list[str] = []
    done = 0
    for rule in tree.rules:
        span = rule.statement.span
        if span is None or span.end_line is None or span.end_column is None:
            continue
        begin = _offset(source, span.line, span.column)
        end = _offset(source, span.end_line, span.end_column)
        pieces += [source[done:begin], format_statement(rule.statement)]
        done = end
    pieces.append(source[done:])
    return "".join(pieces)
