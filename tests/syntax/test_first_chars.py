"""The characters a pattern can begin with: never too few, so the lexer never skips a match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timescale_dsl.syntax import parser
from timescale_dsl.syntax.first_chars import ASCII, compiled, first_chars

ROOT = Path(__file__).resolve().parents[2]

PATTERNS = [
    r"(?i:within)",
    r"[ \t\f]+",
    r",?[ \t\f]*(and[ \t\f]+)?then\b",
    r"(?:[^\W_]|[&])[\w'’&\/+.-]*",
    r"\d+(?!\d)",
    r"(?i)k",
    r"(?i:[a-c])",
    r"(?i:[^a-c])x",
    r"\s*\S",
    r"\bor\b",
    r"(?=ab)a",
    r"(?<=x)y",
    r"(?>a|b)c",
    r"a++b",
    r"x{2,3}|y{0,2}z",
    r"[\d,;]|\(",
    r"\x00|é",
]


def _matching_starts(pattern: str, text: str) -> set[str]:
    regex = re.compile(pattern)
    return {text[i] for i in range(len(text)) if regex.match(text, i)}


@pytest.mark.parametrize("pattern", PATTERNS)
@given(
    text=st.text(
        alphabet=st.sampled_from("aAbBcCkK xyz\t,;()0123456789_-&'é\u212a\u017f\n"), max_size=40
    )
)
def test_every_character_a_match_begins_with_is_answered(pattern: str, text: str) -> None:
    first = first_chars(pattern)
    if first is not None:
        assert _matching_starts(pattern, text) & ASCII <= first


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?i:or)", set("oO")),
        (r",?[ \t\f]*until", set(", \t\fu")),
        (r"\d+", set("0123456789")),
        (r"(?i)k", set("kK")),
        (r"(?=ab)a", {"a"}),
        (r"a*", None),  # can match nothing: any character
        (r"(?i:\u212a)", None),  # the Kelvin sign matches "k" when case is ignored
        (r".x", None),
    ],
)
def test_the_answer_for_plain_cases(pattern: str, expected: set[str] | None) -> None:
    first = first_chars(pattern)
    assert first == (None if expected is None else frozenset(expected))


def test_compiled_matches_as_re_compiles() -> None:
    for pattern in PATTERNS:
        mine, _ = compiled(pattern)
        theirs = re.compile(pattern)
        for text in ("within", "K then", "  or x", "ab", "12;", "xxz", "é"):
            found, expected = mine.match(text), theirs.match(text)
            assert (found and (found.span(), found.lastgroup)) == (
                expected and (expected.span(), expected.lastgroup)
            )


def test_no_terminal_of_the_grammar_begins_where_its_answer_says_it_cannot() -> None:
    texts = [p.read_text("utf-8") for p in sorted(ROOT.joinpath("rulesets").glob("*.timescales"))]
    for corpus in ("council_wordings.txt", "council_probes.txt"):
        texts.append(ROOT.joinpath("tests/language", corpus).read_text("utf-8"))
    for terminal in parser._lark().terminals:
        pattern = terminal.pattern.to_regexp()
        first = first_chars(pattern)
        if first is None:
            continue
        for text in texts:
            assert _matching_starts(pattern, text) & ASCII <= first, terminal.name
