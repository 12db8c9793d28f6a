"""The shared-union lexer gives exactly the tokens and errors of Lark's own contextual lexer.

The language's meaning rests on how its text is cut into tokens; the
shared-union lexer (syntax/lexer.py) exists only to do that cut sooner. Each
text here is parsed twice, by the library's parser and by Lark's stock
contextual lexer over the same grammar, and every token (type, text and
position) or the error (kind, place, what was acceptable, the token met) must
be the same: for the bundled rulesets and every rule file in the tests, the
council wordings, each of their lines broken in several ways, and random
texts made of the language's own words.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lark import Lark, Token, Tree, UnexpectedInput

from timescale_dsl.syntax import parser
from timescale_dsl.syntax.lexer import SharedUnionLexer

ROOT = Path(__file__).resolve().parents[2]
RULE_FILES = sorted(
    {*ROOT.joinpath("rulesets").glob("*.timescales"), *ROOT.joinpath("tests").rglob("*.timescales")}
)
WORDINGS = [
    part.strip()
    for corpus in ("council_wordings.txt", "council_probes.txt")
    for line in ROOT.joinpath("tests/language", corpus).read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
    for part in line.split("||")
    if not part.strip().startswith("gap:")
]


@functools.cache
def _stock() -> Lark:
    """The same grammar and options, with Lark's own contextual lexer."""
    return Lark(
        parser.grammar_text(),
        parser="lalr",
        lexer="contextual",
        start=["ruleset", "single"],
        propagate_positions=True,
        maybe_placeholders=False,
    )


def _token(token: Token) -> tuple[Any, ...]:
    return (
        token.type,
        str(token),
        token.start_pos,
        token.line,
        token.column,
        token.end_line,
        token.end_column,
        token.end_pos,
    )


def _row(state: Any) -> list[str] | None:
    """What the parser state accepts (state numbers differ between two builds of the tables)."""
    if state is None:
        return None
    return sorted(state.parse_conf.parse_table.states[state.position])


def _outcome(lark: Lark, text: str, start: str) -> tuple[Any, ...]:
    """Every token of the parse tree, or what the error says."""
    try:
        tree = lark.parse(text, start=start)
    except UnexpectedInput as error:
        token = getattr(error, "token", None)
        return (
            type(error).__name__,
            error.line,
            error.column,
            getattr(error, "pos_in_stream", None),
            sorted(getattr(error, "allowed", None) or ()),
            sorted(getattr(error, "expected", None) or ()),
            _token(token) if isinstance(token, Token) else None,
            _row(getattr(error, "state", None)),
        )
    assert isinstance(tree, Tree)
    return tuple(_token(t) for t in tree.scan_values(lambda v: isinstance(v, Token)))


def _same(text: str, start: str) -> None:
    assert _outcome(parser._lark(), text, start) == _outcome(_stock(), text, start)


def test_the_library_parser_uses_the_shared_union_lexer() -> None:
    assert parser._lark().options.lexer is SharedUnionLexer


def test_no_two_keywords_share_a_spelling() -> None:
    # The lexer finds the keyword a word spells with one union of them all.
    keywords = [
        t.pattern.value.casefold() for t in parser._lark().terminals if t.pattern.type == "str"
    ]
    assert len(keywords) == len(set(keywords))


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_rule_files_lex_as_with_lark(path: Path) -> None:
    _same(path.read_text(encoding="utf-8"), "ruleset")


def _broken(line: str) -> list[str]:
    """The line with each word dropped, doubled or cut short, and cut off midway."""
    words = line.split(" ")
    variants = [line[: len(line) // 2], line + ' "', line.replace(" ", "  ,", 1)]
    for i, word in enumerate(words):
        variants.append(" ".join(words[:i] + words[i + 1 :]))
        variants.append(" ".join([*words[: i + 1], word, *words[i + 1 :]]))
        variants.append(" ".join([*words[:i], word[:-1], *words[i + 1 :]]))
    return variants


def test_council_wordings_and_their_broken_forms_lex_as_with_lark() -> None:
    for wording in WORDINGS:
        _same(wording, "single")
        for variant in _broken(wording):
            _same(variant, "single")
            _same(variant + "\n", "ruleset")


def test_broken_lines_of_the_bundled_rulesets_lex_as_with_lark() -> None:
    text = ROOT.joinpath("rulesets", "lcs-liquidlogic.timescales").read_text(encoding="utf-8")
    lines = text.splitlines()
    for number, line in enumerate(lines[:80]):
        for variant in _broken(line)[:12]:
            _same("\n".join([*lines[:number], variant, *lines[number + 1 : number + 3]]), "ruleset")


_PIECES = [
    *sorted({w for wording in WORDINGS for w in wording.replace(":", " : ").split()}),
    *["\n", ",", ";", ":", "(", ")", "[", "]", "-", "\\\n", "#", '"', "'", "ſ", "\u212a"],
    "(target 5 days)",
    "(or sooner)",
    ", or as directed",
    '"quoted task"',
    "2026-02-30",
    "09:30",
    "18th",
    "rtf-cp-1",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.sampled_from(["single", "ruleset"]))
def test_random_texts_of_the_language_words_lex_as_with_lark(pieces: list[str], start: str) -> None:
    _same(" ".join(pieces), start)
