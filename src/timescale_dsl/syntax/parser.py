"""The Lark LALR front end: text -> AST, Lark's errors -> our diagnostics."""

from __future__ import annotations

import functools
from contextvars import ContextVar
from importlib import resources
from pathlib import Path

from lark import (
    Lark,
    Token,
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
)
from lark.exceptions import VisitError

from ..errors import Diagnostic, Severity, Span, SyntaxProblem, did_you_mean
from . import ast
from .mistakes import KNOWN_MISTAKES
from .transform import ToAst

SYNTAX_ERROR = "TS001"

_DESCRIBE = {
    "NUMBER": "a number",
    "WORD": "a name",
    "STRING": 'a quoted "text"',
    "DATE": "a date (YYYY-MM-DD)",
    "TIME": "a time (HH:MM)",
    "ORDINAL": "an ordinal such as 18th",
    "RULE_ID": "a rule id",
    "_NL": "the end of the line",
    "$END": "the end of the text",
    "_THEN": "', then'",
    "_OR_THE": "', or the'",
    "_OR": "'or'",
    "_WHICHEVER": "', whichever is'",
    "_IF_NOT_WORKING": "'if that is not a working day'",
    "_WITHIN": "'within'",
    "PICK": "'earlier' or 'later'",
    "ROLL_DIRECTION": "'next' or 'previous'",
}

_UNIT_WORDS = {"working", "calendar", "day", "days", "week", "weeks", "month", "months"}
_UNIT_WORDS |= {"year", "years", "hour", "hours", "hr", "hrs"}
_DIRECTION_WORDS = {"of", "after", "from", "following", "before", "prior"}
_UNIT_PHRASE = "a unit: working days, days, weeks, months, years, hours or working hours"
_DIRECTION_PHRASE = "'after', 'of', 'from', 'before' or 'prior to'"


# Remarks the lexer meets while one text is parsed (they are ignored tokens).
_REMARKS: ContextVar[list[Token] | None] = ContextVar("remarks", default=None)


def _keep_remark(token: Token) -> Token:
    found = _REMARKS.get()
    if found is not None:
        found.append(token)
    return token


def grammar_text() -> str:
    """The grammar: shipped inside the package, or read from the source tree."""
    packaged = resources.files("timescale_dsl").joinpath("grammar/timescale.lark")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    in_tree = Path(__file__).resolve().parents[3] / "grammar" / "timescale.lark"
    return in_tree.read_text(encoding="utf-8")


@functools.cache
def _lark() -> Lark:
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        start=["ruleset", "single"],
        propagate_positions=True,
        maybe_placeholders=False,
        lexer_callbacks={"REMARK": _keep_remark, "QUALIFIER": _keep_remark},
    )


@functools.cache
def _keywords() -> dict[str, str]:
    """Terminal name -> the literal keyword it stands for."""
    return {t.name: t.pattern.value for t in _lark().terminals if t.pattern.type == "str"}


def describe_expected(names: set[str]) -> tuple[str, list[str]]:
    """Words for what the parser expected, and the keywords among them."""
    keywords = _keywords()
    literal = {keywords[n].lower() for n in names if n in keywords}
    phrases: list[str] = []
    if len(literal & _UNIT_WORDS) >= 3:
        phrases.append(_UNIT_PHRASE)
        literal -= _UNIT_WORDS
    if len(literal & _DIRECTION_WORDS) >= 3:
        phrases.append(_DIRECTION_PHRASE)
        literal -= _DIRECTION_WORDS | {"to"}
    phrases += [f"'{k}'" for k in sorted(literal)]
    phrases += sorted({_DESCRIBE[n] for n in names if n not in keywords and n in _DESCRIBE})
    candidates = sorted({keywords[n].lower() for n in names if n in keywords})
    if len(phrases) > 1:
        text = ", ".join(phrases[:-1]) + " or " + phrases[-1]
    else:
        text = phrases[0] if phrases else "something else"
    return text, candidates


def _source_line(text: str, line: int) -> str | None:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else None


def _offending_word(error: UnexpectedInput, text: str) -> str:
    if isinstance(error, UnexpectedCharacters):
        start = error.pos_in_stream or 0
        end = start
        while end < len(text) and not text[end].isspace():
            end += 1
        return text[start:end] or text[start : start + 1]
    token = getattr(error, "token", None)
    if isinstance(token, Token):
        return "" if token.type == "$END" else str(token)
    return ""


def _word_start(text: str, position: int) -> int:
    while position > 0 and (text[position - 1].isalnum() or text[position - 1] in "'-"):
        position -= 1
    return position


def _accepts_at(text: str, start: str) -> set[str] | None:
    """What the parser accepts after ``text`` (None if ``text`` itself fails)."""
    try:
        interactive = _lark().parse_interactive(text, start=start)
        interactive.exhaust_lexer()
        return set(interactive.accepts())  # type: ignore[no-untyped-call]
    except UnexpectedInput:
        return None


def _syntax_diagnostic(error: UnexpectedInput, text: str, path: str, start: str) -> Diagnostic:
    position = getattr(error, "pos_in_stream", None)
    token = getattr(error, "token", None)
    if isinstance(token, Token) and token.start_pos is not None:
        position = token.start_pos
    if position is not None and 0 < position < len(text) and text[position].isalnum():
        begin = _word_start(text, position)
        if begin < position:
            # A keyword matched the front of a longer word ("day" in "dayz"):
            # report the whole word, and what could have stood in its place.
            accepts = _accepts_at(text[:begin], start)
            if accepts is not None:
                return _word_diagnostic(text, path, begin, accepts)
    line = getattr(error, "line", 0) or 0
    column = getattr(error, "column", 0) or 0
    token = getattr(error, "token", None)
    at_end = isinstance(token, Token) and token.type == "$END"
    if isinstance(error, UnexpectedEOF) or at_end or line <= 0:
        lines = text.splitlines() or [""]
        line, column = len(lines), len(lines[-1]) + 1
    # `accepts` holds only the tokens that really continue the text here;
    # `expected` also has look-aheads merged in from other contexts.
    expected_names: set[str] = set(
        getattr(error, "accepts", None)
        or getattr(error, "expected", None)
        or getattr(error, "allowed", None)
        or set()
    )
    expected, candidates = describe_expected(expected_names)
    word = _offending_word(error, text)
    if word.startswith('"') and not word.endswith('"'):
        message = 'unterminated quoted text: close it with " on the same line'
        word = ""
    elif word:
        message = f"unexpected '{word}'"
        if isinstance(token, Token) and token.type == "_NL":
            message = "unexpected end of line"
    else:
        message = "unexpected end of text"
    suggestion = did_you_mean(word, candidates) if word[:1].isalpha() else None
    if suggestion:
        message += f"; did you mean '{suggestion}'?"
    hint = f"expected {expected}"
    known = _known_mistake(error, start)
    if known:
        hint = known
    quote = _quote_task_hint(_source_line(text, line), column)
    if quote:
        hint = quote
    end_column = column + max(len(word), 1)
    span = Span(path, line, column, line, end_column)
    return Diagnostic(SYNTAX_ERROR, Severity.ERROR, message, span, hint, _source_line(text, line))


@functools.cache
def _mistake_states(start: str) -> tuple[tuple[int, frozenset[str], str], ...]:
    """Where each catalogued mistake leaves the parser: (state, acceptable tokens, label)."""
    found = []
    for label, examples in KNOWN_MISTAKES.items():
        for example in examples:
            text = example + "\n" if start == "ruleset" else example
            try:
                _lark().parse(text, start=start)
            except UnexpectedToken as error:
                accepts = frozenset(error.accepts or error.expected)
                found.append((error.state.position, accepts, label))
    return tuple(found)


def _word_diagnostic(text: str, path: str, begin: int, accepts: set[str]) -> Diagnostic:
    end = begin
    while end < len(text) and not text[end].isspace():
        end += 1
    word = text[begin:end]
    line = text.count("\n", 0, begin) + 1
    column = begin - (text.rfind("\n", 0, begin) + 1) + 1
    expected, candidates = describe_expected(accepts)
    message = f"unexpected '{word}'"
    suggestion = did_you_mean(word, candidates)
    if suggestion:
        message += f"; did you mean '{suggestion}'?"
    span = Span(path, line, column, line, column + len(word))
    return Diagnostic(
        SYNTAX_ERROR,
        Severity.ERROR,
        message,
        span,
        f"expected {expected}",
        _source_line(text, line),
    )


def _quote_task_hint(source: str | None, column: int) -> str | None:
    """When the error falls inside a task name the author ended with ':', say to quote it."""
    if source is None:
        return None
    body = source.lstrip()
    offset = len(source) - len(body)
    if body.startswith("["):
        closing = body.find("]")
        offset += closing + 1 if closing >= 0 else 0
    colon = source.find(":", offset)
    task = source[offset:colon].strip() if colon >= 0 else ""
    if not task or task.startswith('"') or not offset < column - 1 < colon:
        return None
    return f'the task name holds words the language reads as a timescale; quote it: "{task}":'


def _known_mistake(error: UnexpectedInput, start: str) -> str | None:
    """The catalogue's explanation for a mistake made in the same parser state.

    Lark's own ``match_examples`` also compares stack depth, which differs
    between a bare statement and one deep in a rule file; the state and the
    tokens it accepts are what identify the mistake.
    """
    if not isinstance(error, UnexpectedToken):
        return None
    accepts = frozenset(error.accepts or error.expected)
    for position, example_accepts, label in _mistake_states(start):
        if position == error.state.position and accepts == example_accepts:
            return label
    return None


def _parse(text: str, path: str, start: str) -> object:
    remarks: list[Token] = []
    collecting = _REMARKS.set(remarks)
    try:
        tree = _lark().parse(text, start=start)
    except UnexpectedInput as error:
        raise SyntaxProblem([_syntax_diagnostic(error, text, path, start)]) from None
    finally:
        _REMARKS.reset(collecting)
    try:
        return ToAst(path, remarks).transform(tree)
    except VisitError as error:  # pragma: no cover - a transformer bug, not bad input
        raise error.orig_exc from None


def parse_statement(text: str, path: str = "<statement>") -> ast.Statement:
    """Parse one statement such as ``Minutes within 15 working days after meeting``."""
    # A trailing line continuation has nothing to continue onto.
    body = text.strip()
    while body.endswith("\\"):
        body = body[:-1].strip()
    result = _parse(body, path, "single")
    assert isinstance(result, ast.Statement)
    return result


def parse_ruleset_text(text: str, path: str = "<string>") -> ast.RulesetFile:
    """Parse the text of a rule file."""
    body = text.lstrip("\ufeff")
    if not body.endswith("\n"):
        body += "\n"
    result = _parse(body, path, "ruleset")
    assert isinstance(result, ast.RulesetFile)
    return result
