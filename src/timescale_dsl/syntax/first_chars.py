"""Which ASCII characters can begin a match of a regular expression.

The lexer (syntax/lexer.py) tries, at each position, only the patterns that
can begin with the character there. The answer here may be too wide, never
too narrow: whatever it cannot be sure of (a construct it does not know, a
pattern that can match nothing at all, a non-ASCII letter that case-folds
into ASCII) makes it answer None, "any character", and the pattern is always
tried. Zero-width checks (``\\b``, look-arounds) are passed over, which only
widens the answer. Characters past ASCII are not answered for: at one of
those the lexer tries every pattern.

It reads the pattern with the standard library's own regular-expression
parser (``re._parser``), whose output has had the same shape since long
before the oldest Python this library supports; anything else falls back
to None.
"""

from __future__ import annotations

import re
from typing import Any

ASCII = frozenset(chr(code) for code in range(128))


class _Unsure(Exception):
    """A construct whose first characters are not worked out here."""


def compiled(pattern: str, flags: int = 0) -> tuple[re.Pattern[str], frozenset[str] | None]:
    """``pattern`` compiled, and the ASCII characters a match can begin with (None: any).

    The pattern is read once, by the standard library's parser, for both.
    """
    try:
        from re import _compiler as compiler  # type: ignore[attr-defined]
        from re import _constants as codes
        from re import _parser as parser

        parsed = parser.parse(pattern, flags)
    except (ImportError, AttributeError):  # pragma: no cover - a Python whose re is laid out anew
        return re.compile(pattern, flags), None
    first = _first_of(parsed, flags, codes)
    try:
        return compiler.compile(parsed, flags), first
    except (AttributeError, TypeError):  # pragma: no cover - as above
        return re.compile(pattern, flags), first


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The ASCII characters a match of ``pattern`` can begin with; None if not known."""
    return compiled(pattern, flags)[1]


def _first_of(parsed: Any, flags: int, codes: Any) -> frozenset[str] | None:
    try:
        # (with the flags the pattern sets for itself, "(?i)...")
        found, can_be_empty = _sequence(list(parsed), flags | parsed.state.flags, codes)
    except (_Unsure, AttributeError, TypeError, ValueError):
        return None
    return None if can_be_empty else frozenset(found)


def _sequence(items: list[Any], flags: int, codes: Any) -> tuple[set[str], bool]:
    """First characters of items matched one after another, and whether all may be empty."""
    found: set[str] = set()
    for op, argument in items:
        first, can_be_empty = _item(op, argument, flags, codes)
        found |= first
        if not can_be_empty:
            return found, False
    return found, True


def _item(op: Any, argument: Any, flags: int, codes: Any) -> tuple[set[str], bool]:
    if op is codes.LITERAL:
        return _literal(argument, flags), False
    if op is codes.IN:
        return _set_members(argument, flags, codes), False
    if op is codes.SUBPATTERN:
        _group, add, remove, inner = argument
        return _sequence(list(inner), (flags | add) & ~remove, codes)
    if op is codes.ATOMIC_GROUP:
        return _sequence(list(argument), flags, codes)
    if op is codes.BRANCH:
        found: set[str] = set()
        any_empty = False
        for alternative in argument[1]:
            first, can_be_empty = _sequence(list(alternative), flags, codes)
            found |= first
            any_empty = any_empty or can_be_empty
        return found, any_empty
    if op in (codes.MAX_REPEAT, codes.MIN_REPEAT, getattr(codes, "POSSESSIVE_REPEAT", None)):
        least, _most, inner = argument
        first, can_be_empty = _sequence(list(inner), flags, codes)
        return first, can_be_empty or least == 0
    if op in (codes.AT, codes.ASSERT, codes.ASSERT_NOT):
        return set(), True  # zero-width: what follows decides
    raise _Unsure(op)


def _literal(code: int, flags: int) -> set[str]:
    character = chr(code)
    if not flags & re.IGNORECASE:
        return {character} if character in ASCII else set()
    if character not in ASCII:
        raise _Unsure(character)  # e.g. the Kelvin sign matches "k" when case is ignored
    return {character, character.lower(), character.upper()} & ASCII


def _set_members(members: list[Any], flags: int, codes: Any) -> set[str]:
    """The ASCII characters a bracketed set can match (more, where unsure)."""
    ignore_case = bool(flags & re.IGNORECASE)
    found: set[str] = set()
    negated = False
    for op, argument in members:
        if op is codes.NEGATE:
            negated = True
        elif op is codes.LITERAL:
            if ignore_case and chr(argument) not in ASCII:
                raise _Unsure(argument)
            found |= {chr(argument)} & ASCII
        elif op is codes.RANGE:
            low, high = argument
            if ignore_case and high >= len(ASCII):
                raise _Unsure(argument)
            found |= {chr(c) for c in range(low, min(high, len(ASCII) - 1) + 1)}
        elif op is codes.CATEGORY and argument in _CATEGORIES:
            found |= _CATEGORIES[argument]
        else:
            raise _Unsure(op)
    if negated:
        found = set(ASCII - found)
    if ignore_case:  # either case of what matches may match (negated too: a wider answer)
        found |= {c.swapcase() for c in found} & ASCII
    return found


def _category(test: Any) -> frozenset[str]:
    return frozenset(c for c in ASCII if test(c))


# \d, \w, \s and their opposites, for ASCII characters (where str's tests agree with re's).
_DIGIT = _category(str.isdigit)
_WORD = _category(lambda c: c.isalnum() or c == "_")
_SPACE = _category(str.isspace)
try:
    from re import _constants as _codes

    _CATEGORIES: dict[Any, frozenset[str]] = {
        _codes.CATEGORY_DIGIT: _DIGIT,
        _codes.CATEGORY_NOT_DIGIT: ASCII - _DIGIT,
        _codes.CATEGORY_WORD: _WORD,
        _codes.CATEGORY_NOT_WORD: ASCII - _WORD,
        _codes.CATEGORY_SPACE: _SPACE,
        _codes.CATEGORY_NOT_SPACE: ASCII - _SPACE,
    }
except (ImportError, AttributeError):  # pragma: no cover - a Python whose re is laid out anew
    _CATEGORIES = {}
