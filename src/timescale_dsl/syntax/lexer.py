"""Contextual lexing whose costly patterns are compiled once: Lark's tokens, sooner.

Lark's contextual lexer compiles, for each parser state it meets, one regular
expression: the union of the terminals that state accepts and the ignored
ones. Python keeps no compiled pattern from one run to the next, and the
language's wordings and remarks (QUALIFIER, FREQUENCY, NUMBER, _WITHIN, ...:
thousands of characters of pattern, most of them in every state) made those
unions cost about a tenth of a second of every `timescale check`, as much as
parsing the bundled rulesets.

This lexer gives the same tokens. At each position the first terminal to
match wins, in Lark's documented order of precedence (priority, then the
longest possible match, then the longest pattern, then the name). That order
is cut into blocks, each matched by one union compiled once and shared by
every state: each long pattern alone (the wordings, remarks, numbers), and
between them runs of short patterns or of keywords. For one state, the
blocks holding some of its terminals are tried in order. When what a block
matched is the state's, it is the token the state's own union would give:
every terminal before it failed here, those of the state among them. When it
is not (a name where the state takes only keywords), the state's terminals
of that block after it are tried, from a union compiled once for that state.
So a check compiles some thirty small unions instead of one large one for
each of seventy-odd states. Only the blocks that can begin with the
character at hand are tried (syntax/first_chars.py works out, from each
union as it is compiled, which ASCII characters it can begin with).

As in Lark, a keyword that a pattern of the same priority reads whole (a
name "day") takes the keyword's type where the state accepts the keyword,
and one whose flags the pattern's include is not tried on its own. Where the
state can read nothing, the error is Lark's contextual lexer's: an unexpected
token when some other terminal matches there, else unexpected characters.
`tests/syntax/test_lexer.py` holds this lexer's tokens and errors to Lark's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from lark import Token
from lark.common import LexerConf
from lark.exceptions import UnexpectedCharacters, UnexpectedToken
from lark.lexer import Lexer, LexerState, TerminalDef

from .first_chars import ASCII, compiled

#: A compiled pattern's ``match``.
Matcher = Callable[[str, int, int], "re.Match[str] | None"]
#: Patterns longer than this many characters are compiled on their own, once.
LONG_PATTERN = 100
#: Distinct words remembered with the keyword they spell (or none).
_KEYWORD_MEMORY = 4096
_UNKNOWN = "\0unknown"
# Lark's Token constructor without the wrapper that checks for a deprecated argument.
_new_token: Callable[..., Token] = getattr(Token, "_future_new", Token)


def precedence(terminal: TerminalDef) -> tuple[int, int, int, str]:
    """Lark's order among terminals that match at one position (the first wins)."""
    pattern = terminal.pattern
    return (-terminal.priority, -pattern.max_width, -len(pattern.value), terminal.name)


class _Union:
    """Terminals in order, as one compiled alternation whose first match wins."""

    def __init__(self, terminals: Sequence[TerminalDef], conf: LexerConf) -> None:
        alternatives = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals)
        self.pattern: re.Pattern[str] | None = None
        #: The ASCII characters a match can begin with (None: any).
        self.first: frozenset[str] | None = None
        if alternatives and conf.re_module is re:
            self.pattern, self.first = compiled(alternatives, conf.g_regex_flags)
        elif alternatives:
            self.pattern = conf.re_module.compile(alternatives, conf.g_regex_flags)

    def match(self, text: str, position: int, end: int) -> re.Match[str] | None:
        return None if self.pattern is None else self.pattern.match(text, position, end)


class _Block:
    """Neighbours in the order, matched together by one union compiled when first needed."""

    def __init__(self, terminals: list[TerminalDef], lexer: SharedUnionLexer) -> None:
        self.terminals = terminals
        self.names = [t.name for t in terminals]
        self._lexer = lexer
        self._union: _Union | None = None

    @property
    def union(self) -> _Union:
        """The compiled union."""
        if self._union is None:
            self._union = self._lexer.union(self.terminals)
        return self._union

    @property
    def matcher(self) -> Callable[[str, int, int], re.Match[str] | None]:
        """The compiled union's ``match``."""
        pattern = self.union.pattern
        assert pattern is not None, "a block is never empty"
        return pattern.match


def _cut(ordered: list[TerminalDef]) -> list[list[TerminalDef]]:
    """The order cut into blocks, each matched by one union shared by every state.

    A long pattern is a block of its own; the others are cut where patterns
    give way to keywords and back, so that states that differ in a keyword or
    two still share their blocks of patterns.
    """
    blocks: list[list[TerminalDef]] = []
    for terminal in ordered:
        long = len(terminal.pattern.value) > LONG_PATTERN
        last = blocks[-1] if blocks else None
        if (
            last is None
            or long
            or len(last[0].pattern.value) > LONG_PATTERN
            or last[-1].pattern.type != terminal.pattern.type
        ):
            blocks.append([terminal])
        else:
            last.append(terminal)
    return blocks


class _StateTerminals:
    """What one set of acceptable terminals can read, and the keywords its patterns take."""

    def __init__(self, lexer: SharedUnionLexer, accepts: frozenset[str]) -> None:
        by_name = lexer.by_name
        present = [by_name[n] for n in accepts | lexer.ignore if n in by_name]
        regexes = [t for t in present if t.pattern.type == "re"]
        words = [t for t in present if t.pattern.type == "str"]
        #: For each pattern, the keywords here it reads whole: a match spelling one takes its type.
        self.retypes: dict[str, frozenset[str]] = {
            r.name: frozenset(w.name for w in words if lexer.covers(r, w)) for r in regexes
        }
        # A keyword read whole by a pattern whose flags include its own is not
        # tried on its own: it is met only through that pattern.
        embedded = {
            w.name
            for w in words
            for r in regexes
            if w.name in self.retypes[r.name] and set(w.pattern.flags) <= set(r.pattern.flags)
        }
        self.names = frozenset(t.name for t in present if t.name not in embedded)
        self.allowed = frozenset(self.names - lexer.ignore) or frozenset({"<END-OF-FILE>"})
        # The blocks holding some of this state's terminals, and whether they hold
        # only its terminals (then whatever the block's union matches is the state's).
        self._blocks = [
            (block, all(n in self.names for n in block.names), block.union.first)
            for block in lexer.blocks
            if any(n in self.names for n in block.names)
        ]
        # For each character met, the blocks that can match there (compiled when first needed).
        self._tries: dict[str, list[tuple[Matcher, bool, _Block]]] = {}
        self._lexer = lexer
        self._rest: dict[str, _Union] = {}

    def _tries_at(self, character: str) -> list[tuple[Matcher, bool, _Block]]:
        """The blocks to try, in order, where the text goes on with ``character``."""
        tries = [
            (block.matcher, only_ours, block)
            for block, only_ours, first in self._blocks
            if first is None or character not in ASCII or character in first
        ]
        if character in ASCII:  # (past ASCII, every block: nothing to remember per letter)
            self._tries[character] = tries
        return tries

    def match(self, text: str, position: int, end: int) -> re.Match[str] | None:
        """The first of this state's terminals, in order, that matches at ``position``."""
        character = text[position]
        tries = self._tries.get(character)
        if tries is None:
            tries = self._tries_at(character)
        for matcher, only_ours, block in tries:
            found = matcher(text, position, end)
            if found is None:
                continue
            name = found.lastgroup or ""
            if only_ours or name in self.names:
                # Every terminal of the block before it failed, this state's among them.
                return found
            found = self._after(block, name).match(text, position, end)
            if found is not None:
                return found
        return None

    def _after(self, block: _Block, name: str) -> _Union:
        """This state's terminals of ``block`` that come after ``name``, as one union."""
        union = self._rest.get(name)
        if union is None:
            later = block.terminals[block.names.index(name) + 1 :]
            union = self._rest[name] = self._lexer.union([t for t in later if t.name in self.names])
        return union


class SharedUnionLexer(Lexer):
    """A contextual lexer for Lark's LALR parser whose costly patterns are compiled once.

    Given to Lark as ``lexer=SharedUnionLexer``: Lark's interface for a custom
    lexer that sees the parser's state.
    """

    __future_interface__ = 2

    def __init__(self, conf: LexerConf) -> None:
        self.conf = conf
        self.by_name: dict[str, TerminalDef] = dict(conf.terminals_by_name)
        self.ignore = frozenset(conf.ignore)
        self.ordered = sorted(conf.terminals, key=precedence)
        self.rank = {t.name: i for i, t in enumerate(self.ordered)}
        self.blocks = [_Block(terminals, self) for terminals in _cut(self.ordered)]
        self.callbacks = dict(conf.callbacks)
        self._unions: dict[tuple[str, ...], _Union] = {}
        self._states: dict[int, _StateTerminals] = {}
        self._by_accepts: dict[frozenset[str], _StateTerminals] = {}
        self._covers: dict[tuple[str, str], bool] = {}
        self._spelled: dict[str, str | None] = {}  # (a dict, as threads may share the lexer)
        self._keywords: _Union | None = None
        self._everywhere: _StateTerminals | None = None

    # -- patterns, each compiled once ---------------------------------------------
    def union(self, terminals: Sequence[TerminalDef]) -> _Union:
        key = tuple(t.name for t in terminals)
        found = self._unions.get(key)
        if found is None:
            found = self._unions[key] = _Union(terminals, self.conf)
        return found

    def covers(self, regex: TerminalDef, word: TerminalDef) -> bool:
        """Whether ``regex`` reads the keyword ``word`` whole, at its priority (as Lark tests)."""
        if regex.priority != word.priority:
            return False
        key = (regex.name, word.name)
        found = self._covers.get(key)
        if found is None:
            literal = word.pattern.value
            pattern = self.union([regex]).pattern
            matched = pattern.match(literal) if pattern is not None else None
            found = self._covers[key] = matched is not None and matched[0] == literal
        return found

    def _keyword_spelled(self, value: str) -> str | None:
        """The keyword that reads ``value`` whole, if any (no two keywords share a spelling)."""
        known = self._spelled.get(value, _UNKNOWN)
        if known is not _UNKNOWN:
            return known
        if self._keywords is None:
            words = [t for t in self.ordered if t.pattern.type == "str"]
            self._keywords = _Union(words, self.conf)
        pattern = self._keywords.pattern
        found = pattern.fullmatch(value) if pattern is not None else None
        keyword = found.lastgroup if found is not None else None
        if len(self._spelled) >= _KEYWORD_MEMORY:
            self._spelled.clear()
        self._spelled[value] = keyword
        return keyword

    def _state(self, parser_state: Any) -> _StateTerminals:
        position = parser_state.position
        state = self._states.get(position)
        if state is None:
            accepts = frozenset(parser_state.parse_conf.parse_table.states[position])
            state = self._by_accepts.get(accepts)
            if state is None:
                state = self._by_accepts[accepts] = _StateTerminals(self, accepts)
            self._states[position] = state
        return state

    # -- lexing ---------------------------------------------------------------
    def _token(
        self, match: re.Match[str], lexer_state: LexerState, retypes: dict[str, frozenset[str]]
    ) -> Token:
        """The token for a match, the line counter moved past it; a keyword's spelling its type."""
        counter = lexer_state.line_ctr
        value = match.group(0)
        start, line, column = counter.char_pos, counter.line, counter.column
        counter.feed(value)
        kind = match.lastgroup or ""
        token = Token(
            kind, value, start, line, column, counter.line, counter.column, counter.char_pos
        )
        keywords = retypes.get(kind)
        if keywords:
            keyword = self._keyword_spelled(value)
            if keyword is not None and keyword in keywords:
                token.type = keyword
        callback = self.callbacks.get(kind)
        if callback is not None and token.type == kind:
            token = callback(token)
        return token

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        # The line counter is kept in locals here (this loop runs once for each
        # token and each run of spacing) and written back before each token is
        # handed on and before any error.
        text = lexer_state.text
        whole, end = text.text, text.end
        counter = lexer_state.line_ctr
        newline = counter.newline_char
        position, line, line_start = counter.char_pos, counter.line, counter.line_start_pos
        skipped = self.ignore - self.callbacks.keys()  # spacing and comments: nothing to keep
        ignore, callbacks = self.ignore, self.callbacks
        states = self._states
        spelled = self._keyword_spelled
        while position < end:
            # (Looked up at each step: the parser's state moves when it takes a token.)
            state = states.get(parser_state.position) or self._state(parser_state)
            match = state.match(whole, position, end)
            if match is None:
                counter.char_pos, counter.line, counter.line_start_pos = position, line, line_start
                counter.column = position - line_start + 1
                self._unexpected(lexer_state, parser_state, state)
            assert match is not None
            kind = match.lastgroup or ""
            value = match.group(0)
            start, start_line, start_column = position, line, position - line_start + 1
            newlines = value.count(newline)
            if newlines:
                line += newlines
                line_start = position + value.rindex(newline) + 1
            position += len(value)
            if kind in skipped:
                continue
            token = _new_token(
                kind,
                value,
                start,
                start_line,
                start_column,
                line,
                position - line_start + 1,
                position,
            )
            keywords = state.retypes.get(kind)
            if keywords:
                keyword = spelled(value)
                if keyword is not None and keyword in keywords:
                    token.type = keyword
            callback = callbacks.get(kind)
            if callback is not None and token.type == kind:
                token = callback(token)
            if kind in ignore:
                continue
            counter.char_pos, counter.line, counter.line_start_pos = position, line, line_start
            counter.column = position - line_start + 1
            lexer_state.last_token = token
            yield token
        counter.char_pos, counter.line, counter.line_start_pos = position, line, line_start
        counter.column = position - line_start + 1

    def _unexpected(
        self, lexer_state: LexerState, parser_state: Any, state: _StateTerminals
    ) -> None:
        """Raise as Lark's contextual lexer does where the state can read nothing."""
        counter = lexer_state.line_ctr
        last = lexer_state.last_token
        error = UnexpectedCharacters(  # type: ignore[no-untyped-call]
            lexer_state.text.text,
            counter.char_pos,
            counter.line,
            counter.column,
            allowed=set(state.allowed),
            token_history=[last] if last else None,
            state=parser_state,
            terminals_by_name=self.by_name,
        )
        # A terminal defined but not acceptable here is an unexpected token,
        # read as if every terminal were acceptable.
        if self._everywhere is None:
            self._everywhere = _StateTerminals(self, frozenset(self.by_name))
        everywhere = self._everywhere
        text = lexer_state.text
        match = everywhere.match(text.text, counter.char_pos, text.end)
        if match is None:
            raise error
        token = self._token(match, lexer_state, everywhere.retypes)
        lexer_state.last_token = token
        raise UnexpectedToken(  # type: ignore[no-untyped-call]
            token,
            set(state.allowed),
            state=parser_state,
            token_history=[last],
            terminals_by_name=self.by_name,
        )
