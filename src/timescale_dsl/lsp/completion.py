"""Completion: what the grammar accepts at the cursor, and the names the file knows.

The text before the cursor is fed to the library's own LALR parser (Lark's
interactive parser), whose ``accepts()`` names the tokens that may come next:
keywords among them are offered, extended into phrases while the grammar
allows only one way on ("no" -> "no fixed timescale"). Where the grammar
takes a name, the token before it says which: after `of`, `before`, `after`
... an event (a dated fact); after `if`, `and`, `or`, `not` a condition fact;
after `is` one of that fact's values; inside `[` a rule id; after `calendar`
a calendar name; after `weekend` a day. Lines above the cursor that do not
parse are read as the analysis sets them aside, so one broken line does not
stop completion elsewhere.
"""

from __future__ import annotations

import re

import attrs
from lark import Token
from lark.exceptions import UnexpectedInput
from lark.parsers.lalr_interactive_parser import InteractiveParser

from ..calendars.base import WEEKDAY_NAMES
from ..calendars.registry import CALENDAR_NAMES
from ..syntax import ast
from ..syntax.format import format_anchor, format_condition
from ..syntax.names import event_key

# The parser's own Lark instance and keyword table, so that completion offers
# exactly what the grammar the parser uses accepts.
from ..syntax.parser import _keywords, _lark
from .analysis import Analysis
from .text import Pos, TextRange

KEYWORD, FACT, VALUE, RULE, CALENDAR, DAY = "keyword", "fact", "value", "rule", "calendar", "day"

#: Tokens written by a pattern rather than one literal word: what an author types for them.
_PATTERN_WORDS: dict[str, tuple[str, ...]] = {
    "_WITHIN": ("within", "within a maximum of", "at least", "no later than", "no less than"),
    "_THEN": ("then",),
    "_OR_THE": ("or the",),
    "_WHICHEVER": ("whichever is",),
    "_IF_NOT_WORKING": ("if that is not a working day",),
    "PICK": ("earlier", "later"),
    "ROLL_DIRECTION": ("next", "previous"),
    "FREQUENCY": ("monthly", "weekly", "fortnightly", "quarterly", "annually"),
    "IMMEDIATELY": ("immediately",),
    "SAME_DAY": ("same day",),
    "_EVERY": ("every",),
    "_UNTIL": ("until",),
    "NOT_REQUIRED": ("not required",),
    "IF_WEEKEND": ("if that falls at a weekend",),
    "_ON": ("on",),
    "_BY": ("by",),
    "_AT": ("at",),
    "_FROM_BOUND": ("from",),
    "_BETWEEN": ("between",),
    "_NO_FIXED": ("no fixed timescale",),
    "_SECTION": ("section",),
    "_PROCESS": ("process",),
    "_SCHOOL_HOLIDAYS": ("school holidays",),
    "_FOR_FIRST": ("for the first",),
    "PICK_OF": ("by the earlier of", "by the later of"),
    "_BEFORE_EVENT": ("before", "prior to"),
}
_ANCHOR_BEFORE = {"OF", "AFTER", "FROM", "FOLLOWING", "BEFORE", "TO", "AS", "THE"}
_CONDITION_BEFORE = {"IF", "AND", "_OR", "NOT"}
# The declared kinds a fact may have where it is suggested.
_CONDITION_KINDS = (ast.FactType.BOOLEAN, ast.FactType.TEXT)
_EVENT_KINDS = (ast.FactType.DATE, ast.FactType.DATETIME)
_NAME_CHARS = re.compile(r"[\w'’&/+.-]*$")
#: Phrases branch into at most this many continuations ("working" -> "working days", ...).
_BRANCHES = 6


@attrs.frozen
class Suggestion:
    label: str
    kind: str
    insert: str
    range: TextRange
    detail: str | None = None
    documentation: str | None = None


def complete(analysis: Analysis, pos: Pos) -> list[Suggestion]:
    line = analysis.text.line(pos.line)[: pos.character]
    if _in_text_or_comment(line):
        return []
    typed = _NAME_CHARS.search(line)
    start = typed.start() if typed else len(line)
    partial = TextRange(Pos(pos.line, start), pos)
    parser = _parser_at(analysis, pos.line, line[:start])
    if parser is None:
        if line[:start].rstrip().endswith("["):
            return _rule_ids(analysis, partial)
        return []
    interactive, tokens, after_comma = parser
    accepts = set(interactive.accepts())  # type: ignore[no-untyped-call]
    found = _keywords_accepted(interactive, accepts, partial)
    declaring = len(tokens) < 2 or tokens[-2].type == "_NL"  # "[" opens the line: a new id
    if "RULE_ID" in accepts and not declaring:
        found += _rule_ids(analysis, partial)
    if "WORD" in accepts and not after_comma:
        found += _names(analysis, tokens, pos, line)
    return found


def _in_text_or_comment(line: str) -> bool:
    """Whether the end of ``line`` is inside quoted text or a comment."""
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == "#" and not quoted:
            return True
    return quoted


def _parser_at(
    analysis: Analysis, number: int, before: str
) -> tuple[InteractiveParser, list[Token], bool] | None:
    """The parser after the text up to ``before`` on line ``number``, the tokens it read,
    and whether a trailing comma was set aside to get there."""
    first = number
    while first > 0 and analysis.text.line(first - 1).rstrip().endswith("\\"):
        first -= 1
    # Reading from the last heading above is enough to know where the cursor is
    # (a heading starts the body); blank lines in its place keep line numbers.
    start = max((h.line for h in analysis.headings if h.line < first), default=0)
    lines = analysis.usable_lines[start:first] + analysis.text.lines[first:number] + [before]
    prefix = "\n" * start + "\n".join(lines)
    attempts = [prefix]
    if prefix.rstrip().endswith(","):
        # ", then" and ", or the" are single tokens: read the comma as theirs.
        attempts.append(prefix.rstrip()[:-1] + " ")
    for attempt, text in enumerate(attempts):
        try:
            interactive = _lark().parse_interactive(text, start="ruleset")
            tokens: list[Token] = interactive.exhaust_lexer()
        except UnexpectedInput:
            continue
        return interactive, tokens, attempt > 0
    return None


# -- keywords ------------------------------------------------------------------
def _words_for(terminal: str) -> tuple[str, ...]:
    if terminal in _PATTERN_WORDS:
        return _PATTERN_WORDS[terminal]
    keyword = _keywords().get(terminal)
    if keyword is not None:
        return (keyword,) if keyword[:1].isalpha() else ()
    return _PATTERN_WORDS.get(terminal, ())


def _keywords_accepted(
    interactive: InteractiveParser, accepts: set[str], partial: TextRange
) -> list[Suggestion]:
    phrases: list[str] = []
    for terminal in sorted(accepts):
        for word in _words_for(terminal):
            for phrase in _phrases(interactive, terminal, word, branch=True):
                if phrase not in phrases:
                    phrases.append(phrase)
    return [Suggestion(p, KEYWORD, p, partial) for p in phrases]


def _phrases(interactive: InteractiveParser, terminal: str, word: str, branch: bool) -> list[str]:
    """``word`` and, where the grammar allows only keywords next, the phrases it starts."""
    following = interactive.copy(deepcopy_values=False)  # type: ignore[no-untyped-call]
    try:
        following.feed_token(Token(terminal, word))
    except UnexpectedInput:
        return [word]
    nexts = set(following.accepts())
    words = [(t, w) for t in sorted(nexts) for w in _words_for(t)]
    if not words or len(words) != len(nexts):
        return [word]  # a name, number or the end of the line may follow: stop here
    if len(words) == 1:
        (next_terminal, next_word) = words[0]
        return [f"{word} {p}" for p in _phrases(following, next_terminal, next_word, branch)]
    if branch and len(words) <= _BRANCHES:
        return [f"{word} {p}" for t, w in words for p in _phrases(following, t, w, branch=False)]
    return [word]


# -- names ---------------------------------------------------------------------
def _rule_ids(analysis: Analysis, partial: TextRange) -> list[Suggestion]:
    return [
        Suggestion(entry.id, RULE, entry.id, partial, entry.decl.statement.task)
        for entry in analysis.rules
    ]


def _names(analysis: Analysis, tokens: list[Token], pos: Pos, line: str) -> list[Suggestion]:
    """Facts, values, calendars or days, by the token before the name being typed."""
    index = len(tokens)
    while index > 0 and tokens[index - 1].type == "WORD":
        index -= 1
    before = tokens[index - 1] if index > 0 else None
    if before is None or before.type == "_NL":
        return []
    if before.line != pos.line + 1:
        begin = Pos(pos.line, len(line) - len(line.lstrip()))
    else:
        column = before.end_column - 1 if before.end_column else 0
        begin = Pos(pos.line, column + len(line[column:]) - len(line[column:].lstrip()))
    area = TextRange(begin, pos)
    kind = before.type
    breaks = [n for n in range(index) if tokens[n].type == "_NL"]
    first = tokens[breaks[-1] + 1 if breaks else 0]
    if first.type == "WEEKEND":
        return [Suggestion(d, DAY, d, area) for d in WEEKDAY_NAMES]
    if kind == "CALENDAR":
        return [Suggestion(c, CALENDAR, c, area) for c in CALENDAR_NAMES]
    if kind == "IS" or (kind == "NOT" and index > 1 and tokens[index - 2].type == "IS"):
        return _values(analysis, tokens, index, area)
    if kind in _CONDITION_BEFORE:
        return _facts(analysis, area, condition=True)
    if kind in _ANCHOR_BEFORE:
        return _facts(analysis, area, condition=False)
    return []


def _facts(analysis: Analysis, area: TextRange, *, condition: bool) -> list[Suggestion]:
    wanted = _CONDITION_KINDS if condition else _EVENT_KINDS
    found = []
    for key, name in analysis.fact_names().items():
        declared = analysis.facts.get(key)
        if declared is not None and declared.type not in wanted:
            continue
        if declared is None and analysis.facts:
            continue  # a file that declares facts accepts only those
        if declared is None and not _used_as(analysis, key, condition):
            continue
        ref = ast.FactRef(key, name)
        insert = format_condition(ast.FactTrue(ref)) if condition else format_anchor(ref)
        detail = declared.type.value if declared else None
        documentation = declared.description if declared else None
        found.append(Suggestion(name, FACT, insert, area, detail, documentation))
    return found


def _used_as(analysis: Analysis, key: str, condition: bool) -> bool:
    return any(o.in_condition == condition for o in analysis.occurrences_of("fact", key))


def _values(
    analysis: Analysis, tokens: list[Token], index: int, area: TextRange
) -> list[Suggestion]:
    """The allowed values of the fact named before ``is``."""
    words: list[str] = []
    for token in reversed(tokens[: index - 1]):
        if token.type not in ("WORD", "STRING", "IS"):
            break
        if token.type != "IS":
            words.insert(0, str(token).strip('"'))
    declared = analysis.facts.get(event_key(" ".join(words)))
    if declared is None:
        return []
    found = []
    for value in declared.allowed:
        written = format_condition(ast.FactEquals(ast.FactRef("x", "x"), value))
        insert = written.split(" is ", 1)[1]
        found.append(Suggestion(value, VALUE, insert, area, f"a value of {declared.name}"))
    return found
