"""The Lark LALR front end: text -> AST, Lark's errors -> our diagnostics."""

from __future__ import annotations

import contextlib
import copy
import functools
import gc
import re
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

import attrs
from lark import (
    Lark,
    Token,
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
)
from lark.parsers.lalr_interactive_parser import InteractiveParser

from ..errors import Diagnostic, RulesetError, Severity, Span, SyntaxProblem, did_you_mean
from . import ast, build, recovery
from .lexer import SharedUnionLexer
from .mistakes import KNOWN_MISTAKES
from .parser_cache import cache_file
from .spacing import plain_spaces
from .transform import ToAst
from .uncounted import TIME_OF_DAY_ADVICE, school_terms, time_of_day

SYNTAX_ERROR = "TS001"
#: After this many syntax errors in one file, the rest of it is not checked.
MAX_SYNTAX_ERRORS = 100

_DESCRIBE = {
    "NUMBER": "a number",
    "LEADING_NUMBER": "a number",
    "WORD": "a name",
    "STRING": 'a quoted "text"',
    "DATE": "a date (YYYY-MM-DD)",
    "TIME": "a time (HH:MM)",
    "ORDINAL": "an ordinal such as 18th",
    "RULE_ID": "a rule id",
    "_NL": "the end of the line",
    "$END": "the end of the text",
    "_THEN": "', then'",
    "_COMMA_OTHERWISE": "', otherwise'",
    "_OR_THE": "', or the'",
    "_OR": "'or'",
    "_WHICHEVER": "', whichever is'",
    "_OPEN_WHICHEVER": "'(whichever is'",
    "SEPARATED_PICK": "', the earlier' or ', the later'",
    "_PICK_AND": "'and' or 'or' before the next alternative",
    "_IF_NOT_WORKING": "'if that is not a working day'",
    "PICK": "'earlier' or 'later'",
    "CLOSED_PICK": "'earlier)' or 'later)'",
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
    package = Path(__file__).resolve().parents[1]
    for candidate in (
        package / "grammar" / "timescale.lark",
        package.parents[1] / "grammar" / "timescale.lark",
    ):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    from importlib import resources  # an install that is not plain files (a zip)

    packaged = resources.files("timescale_dsl").joinpath("grammar/timescale.lark")
    return packaged.read_text(encoding="utf-8")


#: How the grammar is built; part of the parser-table cache's key, as Lark's own check is.
_LARK_OPTIONS: dict[str, object] = {
    "parser": "lalr",
    # Lark's contextual lexing, from patterns compiled once (syntax/lexer.py).
    "lexer": SharedUnionLexer,
    "start": ["ruleset", "single"],
    "propagate_positions": True,
    "maybe_placeholders": False,
}


@functools.cache
def _lark() -> Lark:
    grammar = grammar_text()
    cache = cache_file(grammar, _options_key())
    return Lark(
        grammar,
        **_LARK_OPTIONS,
        cache=cache or False,
        # The grammar object too, for tools that read it (Hypothesis's from_lark).
        cache_grammar=cache is not None,
        lexer_callbacks={
            "REMARK": _keep_remark,
            "QUALIFIER": _keep_remark,
            "BOUND_REMARK": _keep_remark,
        },
    )


def _options_key() -> str:
    """The build options as text: a cache written with other options gets another file."""
    named = {
        k: f"{v.__module__}.{v.__qualname__}" if isinstance(v, type) else repr(v)
        for k, v in _LARK_OPTIONS.items()
    }
    return repr(sorted(named.items()))


# Terminals written as patterns (to take the wordings around a keyword) and the
# keyword each stands for in messages and suggestions ("evry": did you mean 'every'?).
_PATTERN_KEYWORDS = {
    "_WITHIN": "within",
    "_EVERY": "every",
    "SAME_DAY": "same",
    "_THEREAFTER": "thereafter",
    "_THEREAFTER_END": "thereafter",
    "_NOT_LATER_THAN": "no",
    "_ON": "on",
    "_BY": "by",
    "_AT": "at",
    "_FROM_BOUND": "from",
    "_BETWEEN": "between",
    "_NO_FIXED": "no",
    "_SECTION": "section",
    "_PROCESS": "process",
}


@functools.cache
def _keywords() -> dict[str, str]:
    """Terminal name -> the literal keyword it stands for."""
    found = {t.name: t.pattern.value for t in _lark().terminals if t.pattern.type == "str"}
    names = {t.name for t in _lark().terminals}
    found.update((n, k) for n, k in _PATTERN_KEYWORDS.items() if n in names)
    return found


def describe_expected(names: set[str]) -> tuple[str, list[str]]:
    """Words for what the parser expected, and the keywords among them."""
    keywords = _keywords()
    # "the earlier of ..." can begin a timescale or follow "of" almost anywhere one can:
    # listing it beside every count and event would crowd the hint out.
    names = names - {"PICK_OF"}
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


def _printable(word: str) -> str:
    """The word as it can be shown on one line: control characters escaped ("\\x00")."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in word)


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
    source = _source_line(text, line)
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
    # A keyword that takes the blanks before it (" (whichever is") is shown, and
    # pointed at, from its first mark.
    stripped = word.lstrip(" \t\f")
    column += len(word) - len(stripped)
    word = stripped
    if word.startswith('"') and (word == '"' or not word.endswith('"')):
        message = 'unterminated quoted text: close it with " on the same line'
        word = ""
    elif word:
        message = f"unexpected '{_printable(word)}'"
        if isinstance(token, Token) and token.type == "_NL":
            message = "unexpected end of line"
    else:
        message = "unexpected end of text"
    if not word or message == "unexpected end of line":
        # The line ran out inside a name: a word that begins a timescale is read as a
        # name's when the words after it do not follow on ("on the dya of").
        misspelt = _misspelt_starter(source, path, line)
        if misspelt is not None:
            return misspelt
    suggestion = _keyword_slip(word, candidates) if word[:1].isalpha() else None
    if suggestion:
        message += f"; did you mean '{suggestion}'?"
    hint = f"expected {expected}"
    known = _known_mistake(error, start)
    if known:
        hint = known
    quote = _quote_task_hint(source, column)
    if quote:
        hint = quote
    after = None if suggestion else _after_colon_hint(source, column)
    if after:
        hint = after
    uncounted = _uncounted_hint(source)
    if uncounted:
        hint = uncounted
    end_column = column + max(len(word), 1)
    span = Span(path, line, column, line, end_column)
    return Diagnostic(SYNTAX_ERROR, Severity.ERROR, message, span, hint, source)


def _keyword_slip(word: str, candidates: list[str]) -> str | None:
    """The keyword a word is a slip away from; not the word itself in other case (keywords
    read in any case, so that word is out of place, not misspelt)."""
    suggestion = did_you_mean(word, candidates)
    return None if suggestion is None or suggestion.lower() == word.lower() else suggestion


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
    suggestion = _keyword_slip(word, candidates)
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


#: Words that begin a timescale only before one of these (after an optional "the").
_STARTER_WORDS = {"on": ("day", "same"), "by": ("next", "age"), "at": ("point",)}
_STARTER = re.compile(r"\b(on|by|at)[ \t]+(?:the[ \t]+)?([A-Za-z]+)", re.IGNORECASE)


def _misspelt_starter(source: str | None, path: str, line: int) -> Diagnostic | None:
    """An error at the misspelt word after "on", "by" or "at" ("on the dya of"), if any."""
    if source is None:
        return None
    for found in _STARTER.finditer(source):
        choices = _STARTER_WORDS[found[1].lower()]
        word = found[2]
        suggestion = None if word.lower() in choices else did_you_mean(word, choices)
        if suggestion is None:
            continue
        column = found.start(2) + 1
        expected = " or ".join(f"'{choice}'" for choice in choices)
        return Diagnostic(
            SYNTAX_ERROR,
            Severity.ERROR,
            f"unexpected '{word}'; did you mean '{suggestion}'?",
            Span(path, line, column, line, column + len(word)),
            f"expected {expected} after '{found[1]}' (else '{found[1]}' is read as part of a name)",
            source,
        )
    return None


def _task_before_colon(source: str | None) -> tuple[str, int, int] | None:
    """A rule line's unquoted task name ended with ':', where it starts, and the colon."""
    if source is None:
        return None
    body = source.lstrip()
    offset = len(source) - len(body)
    if body.startswith("["):
        closing = body.find("]")
        offset += closing + 1 if closing >= 0 else 0
    colon = source.find(":", offset)
    task = source[offset:colon].strip() if colon >= 0 else ""
    if not task or task.startswith('"'):
        return None
    return task, offset, colon


def _quote_task_hint(source: str | None, column: int) -> str | None:
    """When the error falls inside a task name the author ended with ':', say to quote it."""
    found = _task_before_colon(source)
    if found is None or not found[1] < column - 1 < found[2]:
        return None
    return f'the task name holds words the language reads as a timescale; quote it: "{found[0]}":'


def _uncounted_hint(source: str | None) -> str | None:
    """When the line that could not be read holds a time of day or school terms, which
    no timescale counts, say what to write instead."""
    if source is None:
        return None
    found = time_of_day(source)
    if found:
        return (
            f"a time of day ('{found}') is not counted: {TIME_OF_DAY_ADVICE}; keep the "
            "framework's words in `source`"
        )
    found = school_terms(source)
    if found:
        return (
            f"school terms ('{found}') are not counted: their dates differ by council and "
            "year; write the interval the framework means ('every 13 weeks') and keep its "
            "words in `source`"
        )
    return None


def _after_colon_hint(source: str | None, column: int) -> str | None:
    """When the error is the first word after a task's ':', say what may come there."""
    found = _task_before_colon(source)
    if source is None or found is None:
        return None
    task, _, colon = found
    rest = source[colon + 1 :]
    if column - 1 != colon + 1 + len(rest) - len(rest.lstrip()):
        return None
    return (
        f"after '{task}:' comes the timescale, or what is done as a verb "
        f"('{task}: to be sent within ...'); if the ':' is part of the task's name, "
        "quote the whole name"
    )


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


def _build(text: str, path: str, start: str) -> object:
    """The AST of ``text``, built as it is parsed (syntax/build.py).

    A value the grammar reads but the language refuses (a RulesetError from
    the builder) is raised only if the whole text parses: a syntax error
    anywhere comes first, as it would if the tree were built before the AST.
    """
    remarks: list[Token] = []
    collecting = _REMARKS.set(remarks)
    try:
        interactive = _lark().parse_interactive(text, start=start)
        conf = copy.copy(interactive.parser_state.parse_conf)
        # (Lark's annotation says the keys are names; they are its rules.)
        conf.callbacks = build.callbacks(_lark().rules, ToAst(path, remarks))  # type: ignore[assignment]
        interactive.parser_state.parse_conf = conf
        try:
            result = interactive.resume_parse()  # type: ignore[no-untyped-call]
        except RulesetError:
            _check_syntax(text, start)
            raise
    finally:
        _REMARKS.reset(collecting)
    return build.value_of(result)


@contextlib.contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a text is parsed.

    A parse makes tens of thousands of short-lived objects (tokens, tree
    nodes) and no reference cycles, so reference counting frees them all;
    left running, the collector would walk every live object again and again
    during one parse (about a tenth of `timescale check`). It is switched
    back on afterwards only if it was on before.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _parse(text: str, path: str, start: str) -> object:
    with _cycle_collector_paused():
        return _parse_text(text, path, start)


def _parse_text(text: str, path: str, start: str) -> object:
    try:
        return _build(text, path, start)
    except UnexpectedInput as error:
        raise SyntaxProblem([_syntax_diagnostic(error, text, path, start)]) from None


def parse_statement(text: str, path: str = "<statement>") -> ast.Statement:
    """Parse one statement such as ``Minutes within 15 working days after meeting``."""
    # A trailing line continuation has nothing to continue onto.
    body = plain_spaces(text).strip()
    while body.endswith("\\"):
        body = body[:-1].strip()
    result = _parse(body, path, "single")
    assert isinstance(result, ast.Statement)
    return result


# -- recovery --------------------------------------------------------------------
def _treeless(text: str, start: str = "ruleset") -> InteractiveParser:
    """A parser over ``text`` that builds no tree.

    Without tree-building callbacks a run is cheaper, and the parser can be
    copied and fed further without touching any tree a copy shares.
    """
    interactive = _lark().parse_interactive(text, start=start)
    conf = copy.copy(interactive.parser_state.parse_conf)
    conf.callbacks = {}
    interactive.parser_state.parse_conf = conf
    return interactive


def _parser_after(prefix: str) -> InteractiveParser | None:
    """The parser having read ``prefix`` (None if ``prefix`` fails), building no tree."""
    interactive = _treeless(prefix)
    try:
        interactive.exhaust_lexer()
    except UnexpectedInput:
        return None
    return interactive


def _check_syntax(text: str, start: str = "ruleset") -> None:
    """Raise the first syntax error of a text, as parsing does, building nothing."""
    interactive = _treeless(text, start)
    try:
        tokens = interactive.exhaust_lexer()
        interactive.feed_eof(tokens[-1] if tokens else None)  # type: ignore[no-untyped-call]
    except UnexpectedInput as error:
        # As Lark's own parser does, so that the error can say what was acceptable.
        error.interactive_parser = interactive
        raise


def _reads(parser: InteractiveParser, line: str) -> bool:
    """Whether ``line`` (one logical line) can follow where ``parser`` stands."""
    lexed = _lark().parse_interactive(line + "\n", start="ruleset")
    state = parser.parser_state.copy(deepcopy_values=False)
    trial = InteractiveParser(lexed.parser, state, lexed.lexer_thread)
    try:
        trial.exhaust_lexer()
    except UnexpectedInput:
        return False
    return True


def _keywords_of(parser: InteractiveParser | None) -> frozenset[str]:
    """The keywords that can come next (at a line start: that can start the line)."""
    if parser is None:
        return frozenset()
    keywords = _keywords()
    accepts = parser.accepts()  # type: ignore[no-untyped-call]
    return frozenset(keywords[n].lower() for n in accepts if n in keywords)


def _line_keywords(prefix: str) -> frozenset[str]:
    """The keywords that can start the line after ``prefix`` (a whole number of lines)."""
    return _keywords_of(_parser_after(prefix))


@functools.cache
def _line_starts() -> recovery.LineStarts:
    at_start = _line_keywords("")
    after_rule = _line_keywords(recovery.PLACEHOLDER_RULE + "\n")
    after_section = _line_keywords(recovery.SECTION_PROBE + "\n")
    return recovery.LineStarts(header=at_start - after_section, details=after_rule - after_section)


def _line_typo(
    lines: list[str],
    first: int,
    last: int,
    parser: InteractiveParser | None,
    allowed: frozenset[str],
    path: str,
) -> tuple[Diagnostic, str] | None:
    """A misspelt keyword at the start of a broken line, if correcting it mends the line."""
    found = recovery.first_word(lines[first - 1])
    if parser is None or found is None or found[0].lower() in allowed:
        return None
    word, column = found
    rest = "\n".join(lines[first - 1 : last])
    for keyword in recovery.plausible_slips(word, allowed):
        mended = rest[:column] + keyword + rest[column + len(word) :]
        if _reads(parser, mended):
            expected, _ = describe_expected(
                {n for n, k in _keywords().items() if k.isalpha() and k.lower() in allowed}
            )
            hint = f"a line here can start with {expected}"
            diagnostic = recovery.typo_diagnostic(
                word, first, column, path, lines[first - 1], keyword, hint
            )
            return diagnostic, keyword
    return None


def parse_ruleset_recovering(text: str, path: str = "<string>") -> recovery.Recovered:
    """Parse a rule file, reporting every broken line and keeping everything else.

    Each syntax error gets its own diagnostic; the AST holds every rule,
    header line and section that parsed; ``unparsed`` says what the broken
    lines may have defined, so that validation does not report it as missing.
    """
    with _cycle_collector_paused():
        return _parse_recovering(text, path)


def _parse_recovering(text: str, path: str) -> recovery.Recovered:
    body = plain_spaces(text.lstrip("\ufeff"))
    if not body.endswith("\n"):
        body += "\n"
    lines = body.split("\n")
    found: list[Diagnostic] = []
    placeholders: set[int] = set()
    lost_rules: list[str] = []
    lost_lines: list[str] = []
    for attempt in range(len(lines) + 2):
        work = "\n".join(lines)
        try:
            # The first parse builds the AST (most files have no error); after
            # an error, broken lines are found without building one, and the
            # AST is built once they are all set aside.
            if attempt:
                _check_syntax(work)
            result = _build(work, path, "ruleset")
        except UnexpectedInput as error:
            line = getattr(error, "line", 0) or 0
            token = getattr(error, "token", None)
            if line <= 0 or (isinstance(token, Token) and token.type == "$END"):
                line = len(lines)
            first, last = recovery.logical_line(lines, min(line, len(lines)))
            if all(recovery.is_blank(x) for x in lines[first - 1 : last]):
                break  # nothing left to take out: give up on the rest, keep the findings
            if len(found) >= MAX_SYNTAX_ERRORS:
                # Each recovery parses the file again: past this many, set the rest aside.
                rest = "\n".join(lines[first - 1 :])
                lost_rules.append(rest)
                lost_lines.append(rest)
                last_line = len(lines) - 1 if lines[-1] == "" else len(lines)
                found.append(recovery.too_many(path, first, last_line, lines[first - 1]))
                lines[first - 1 :] = [""] * (len(lines) - first + 1)
                continue
            diagnostic = _syntax_diagnostic(error, work, path, "ruleset")
            prefix = "".join(x + "\n" for x in lines[: first - 1])
            before = _parser_after(prefix)
            allowed = _keywords_of(before)
            typo = _line_typo(lines, first, last, before, allowed, path)
            leading = recovery.first_word(lines[first - 1])
            keyword = leading[0].lower() if leading else ""
            if typo is not None:
                diagnostic, keyword = typo
            found.append(diagnostic)
            text_of_line = "\n".join(lines[first - 1 : last])
            lost_lines.append(text_of_line)
            is_rule = keyword not in allowed
            if is_rule:
                lost_rules.append(text_of_line)
            for number in range(first, last + 1):
                lines[number - 1] = ""
            if is_rule and _details_follow(lines, last, allowed):
                lines[first - 1] = recovery.PLACEHOLDER_RULE
                placeholders.add(first)
            continue
        except RulesetError as refused:
            # A value the grammar reads but the language refuses (2026-02-30, a
            # count of 40 digits): that line is set aside like a syntax error.
            spans = [d.span for d in refused.diagnostics if d.span is not None]
            if not spans or len(found) >= MAX_SYNTAX_ERRORS:
                found.extend(refused.diagnostics)
                break
            found.extend(refused.diagnostics)
            first, last = recovery.logical_line(lines, min(spans[0].line, len(lines)))
            prefix = "".join(x + "\n" for x in lines[: first - 1])
            leading = recovery.first_word(lines[first - 1])
            text_of_line = "\n".join(lines[first - 1 : last])
            lost_lines.append(text_of_line)
            if not leading or leading[0].lower() not in _keywords_of(_parser_after(prefix)):
                lost_rules.append(text_of_line)
            for number in range(first, last + 1):
                lines[number - 1] = ""
            continue
        assert isinstance(result, ast.RulesetFile)
        if placeholders:
            kept = tuple(
                r for r in result.rules if r.span is None or r.span.line not in placeholders
            )
            result = attrs.evolve(result, rules=kept)
        unparsed = recovery.unparsed_of(lost_rules, lost_lines)
        return recovery.Recovered(result, tuple(found), unparsed)
    empty = ast.RulesetFile(ast.Header(), (), path=path)
    return recovery.Recovered(empty, tuple(found), recovery.unparsed_of(lost_rules, lost_lines))


def _details_follow(lines: list[str], last: int, allowed: frozenset[str]) -> bool:
    """Whether the lines after a broken rule are its detail lines."""
    starts = _line_starts()
    in_header = bool(allowed & starts.header)
    for line in lines[last:]:
        if recovery.is_blank(line):
            continue
        leading = recovery.first_word(line)
        return leading is not None and starts.detail_of_broken_rule(leading[0].lower(), in_header)
    return False


def parse_ruleset_text(text: str, path: str = "<string>") -> ast.RulesetFile:
    """Parse the text of a rule file; SyntaxProblem lists every syntax error."""
    recovered = parse_ruleset_recovering(text, path)
    if recovered.diagnostics:
        raise SyntaxProblem(recovered.diagnostics)
    return recovered.tree
