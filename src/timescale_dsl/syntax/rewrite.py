"""Rewrite a rule file's layout, keeping all else.

``tidy_text`` keeps the author's wording and normalises spacing only: runs of
spaces inside a statement fold to one, punctuation sits where prose puts it
(no space before a comma, one after), trailing spaces go, and the file ends
with one line break. ``canonical_text`` goes further, on request: every
statement is replaced by its canonical wording.

Comments, blank lines, header lines, ids and detail lines are left as written;
a statement is located by its span.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import ast
from .format import format_statement
from .parser import parse_ruleset_text

_QUOTED = re.compile(r'("[^"\n]*")')
_SPACES = re.compile(r"[ \t\f]+")
_BEFORE_PUNCTUATION = re.compile(r" +([,;:)])")
_AFTER_OPENING = re.compile(r"\( +")
_AFTER_PUNCTUATION = re.compile(r"([,;:])(?=[^\s,;:])")
_TRAILING = re.compile(r"[ \t\f]+$", re.MULTILINE)


def _offset(text: str, line: int, column: int) -> int:
    """Character offset of a 1-based line and column."""
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column - 1


def _tidy_words(text: str) -> str:
    text = _SPACES.sub(" ", text)
    text = _BEFORE_PUNCTUATION.sub(r"\1", text)
    text = _AFTER_OPENING.sub("(", text)
    return _AFTER_PUNCTUATION.sub(r"\1 ", text)


def tidy_statement_text(text: str) -> str:
    """One statement's text with its spacing normalised; words and quotes untouched."""
    lines = text.split("\n")
    tidied = []
    for number, line in enumerate(lines):
        indent = line[: len(line) - len(line.lstrip())] if number else ""
        pieces = _QUOTED.split(line.strip())
        tidied.append(
            indent + "".join(p if p.startswith('"') else _tidy_words(p) for p in pieces).strip()
        )
    return "\n".join(tidied)


def _rewrite(text: str, path: str, statement_text: Callable[[ast.Statement, str], str]) -> str:
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
        pieces += [source[done:begin], statement_text(rule.statement, source[begin:end])]
        done = end
    pieces.append(source[done:])
    tidied = _TRAILING.sub("", "".join(pieces))
    return tidied.rstrip("\n") + "\n" if tidied.strip() else tidied


def tidy_text(text: str, path: str = "<string>") -> str:
    """The rule file's text with its layout normalised and its wording kept."""
    return _rewrite(text, path, lambda _statement, written: tidy_statement_text(written))


def canonical_text(text: str, path: str = "<string>") -> str:
    """The rule file's text with its statements in canonical wording."""
    return _rewrite(text, path, lambda statement, _written: format_statement(statement))
