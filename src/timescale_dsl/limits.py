"""Bounds on what a rule file may ask for, and the errors for going past them.

Every bound is far above any real framework's need (docs/language.md lists
them) and keeps the work of checking, loading and evaluating a rule file
bounded by its size: no count that overflows the date types, no nesting
that exhausts Python's stack, no closure that enumerates millions of days.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Final

from lark import Token

from .errors import (
    DateOutOfRangeError,
    Diagnostic,
    Severity,
    Span,
    SyntaxProblem,
    TimescaleError,
)
from .syntax import ast
from .syntax.names import ordinal

#: The largest count of any unit (`within 10000 days`, `every 10000 hours`).
MAX_COUNT: Final = 10_000
#: The oldest age or birthday a rule may name.
MAX_AGE_YEARS: Final = 150
#: The longest closure, in days.
MAX_CLOSURE_DAYS: Final = 366
#: The longest chain of rules counting from one another (`[a]` from `[b]` from ...).
MAX_REFERENCE_DEPTH: Final = 32
#: The most `not` in a row in a condition.
MAX_NOT_DEPTH: Final = 20
#: The most words (and numbers) in one statement, continuation lines joined.
MAX_STATEMENT_WORDS: Final = 50_000
#: Digits a number may have before it is not read at all.
MAX_DIGITS: Final = 9

LIMIT_CODE: Final = "TS130"
AGE_CODE: Final = "TS131"
CLOSURE_CODE: Final = "TS132"
REFERENCE_CODE: Final = "TS133"
NO_WORKING_DAYS_CODE: Final = "TS134"
VALUE_CODE: Final = "TS135"
SIZE_CODE: Final = "TS136"
COUNTS_DISAGREE_CODE: Final = "TS137"


def _refuse(code: str, message: str, span: Span | None, hint: str | None = None) -> SyntaxProblem:
    return SyntaxProblem([Diagnostic(code, Severity.ERROR, message, span, hint)])


def _token_span(token: Token, path: str) -> Span:
    line, column = token.line or 0, token.column or 0
    return Span(path, line, column, line, column + len(token))


# -- while parsing ------------------------------------------------------------------
def check_size(text: str, path: str) -> None:
    """Refuse a statement of more words than any parse should have to build."""
    words, first = 0, 1
    for number, line in enumerate(text.splitlines(), start=1):
        words += len(line.split())
        if words > MAX_STATEMENT_WORDS:
            raise _refuse(
                SIZE_CODE,
                f"a statement of more than {MAX_STATEMENT_WORDS} words (the most a "
                "statement may have)",
                Span(path, first, 1),
            )
        if not line.rstrip().endswith("\\"):  # a continued line counts with the next
            words, first = 0, number + 1


def read_number(token: Token, path: str, digits: str | None = None) -> int:
    """A count as written; a number too long to be a count is refused before reading it."""
    text = str(token) if digits is None else digits
    if len(text) > MAX_DIGITS:
        raise _refuse(
            LIMIT_CODE,
            f"the number {text[:12]}... ({len(text)} digits) is larger than any count: "
            f"counts go up to {MAX_COUNT}",
            _token_span(token, path),
        )
    return int(text)


def check_counts_agree(token: Token, path: str, words: int, figures: int) -> None:
    """A count written twice ("five (5)", "10 (ten)") must say one number both ways."""
    if words != figures:
        raise _refuse(
            COUNTS_DISAGREE_CODE,
            f"'{token}' says {words} in words and {figures} in figures",
            _token_span(token, path),
            "write the count once, or the same count both ways",
        )


def read_date(token: Token, path: str) -> dt.date:
    """A YYYY-MM-DD date that exists (no 30 February, no year 0)."""
    try:
        return dt.date.fromisoformat(str(token))
    except ValueError as error:
        raise _refuse(
            VALUE_CODE, f"'{token}' is not a date: {error}", _token_span(token, path)
        ) from None


def read_time(token: Token, path: str) -> dt.time:
    """An HH:MM time of day, 00:00 to 23:59."""
    try:
        return dt.time.fromisoformat(str(token))
    except ValueError:
        raise _refuse(
            VALUE_CODE,
            f"'{token}' is not a time of day: hours run from 00 to 23, minutes from 00 to 59",
            _token_span(token, path),
            "for office hours to the end of the day write 23:59",
        ) from None


def check_not_depth(negation: ast.Not) -> ast.Not:
    """A ``not`` node, refused when it starts more ``not`` in a row than the bound."""
    depth = 0
    node: ast.Condition = negation
    while isinstance(node, ast.Not):
        depth, node = depth + 1, node.operand
        if depth > MAX_NOT_DEPTH:
            raise _refuse(
                SIZE_CODE,
                f"more than {MAX_NOT_DEPTH} 'not' in a row in a condition",
                negation.span,
                "two 'not' cancel out: remove them in pairs",
            )
    return negation


# -- while evaluating ----------------------------------------------------------------
def beyond_dates_message(
    task: str,
    duration: ast.Duration,
    direction: ast.Direction,
    start: str,
    anchor: str | None = None,
) -> str:
    """The words of DateOutOfRangeError, for the engine and the batch report alike.

    ``anchor`` names the fact (or ``[rule]``) counted from, ``start`` is its value.
    """
    count = f"{duration.count} {duration.unit.text(duration.count)}"
    source = f"{anchor} ({start})" if anchor else start
    return (
        f"{task}: {count} {direction.value} {source} falls outside the dates that can be "
        "written (years 1 to 9999)"
    )


def anchor_name(anchor: ast.Anchor) -> str:
    """An event as messages name it: the fact as written, ``[rule-id]``, "18th birthday"."""
    if isinstance(anchor, ast.BirthdayRef):
        return f"{ordinal(anchor.years)} birthday"
    return f"[{anchor.rule_id}]" if isinstance(anchor, ast.RuleRef) else anchor.text


@contextlib.contextmanager
def representable(
    task: str,
    duration: ast.Duration,
    direction: ast.Direction,
    start: str,
    anchor: str | None = None,
) -> Iterator[None]:
    """Date arithmetic past year 1 or 9999 as the library's own error, naming rule and fact."""
    try:
        yield
    except (OverflowError, ValueError) as error:
        if isinstance(error, TimescaleError):
            raise
        message = beyond_dates_message(task, duration, direction, start, anchor)
        raise DateOutOfRangeError(message) from None
