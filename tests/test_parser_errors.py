"""Syntax errors read like a good compiler's: location, caret, words, suggestions."""

from __future__ import annotations

import pytest

from timescale_dsl import SyntaxProblem, parse_ruleset, parse_statement, render_diagnostic
from timescale_dsl.syntax.mistakes import KNOWN_MISTAKES


def _error(text: str) -> str:
    with pytest.raises(SyntaxProblem) as caught:
        parse_statement(text)
    (diagnostic,) = caught.value.diagnostics
    return render_diagnostic(diagnostic)


@pytest.mark.parametrize(
    ("label", "example"),
    [(label, example) for label, examples in KNOWN_MISTAKES.items() for example in examples],
)
def test_every_catalogued_mistake_still_maps_to_its_message(label, example):
    assert f"hint: {label}" in _error(example)


@pytest.mark.parametrize(
    ("label", "example"),
    [(label, example) for label, examples in KNOWN_MISTAKES.items() for example in examples],
)
def test_catalogued_mistakes_map_inside_a_rule_file_too(label, example):
    text = f'title "t"\nfact "meeting" date\n{example}\n'
    with pytest.raises(SyntaxProblem) as caught:
        parse_ruleset(text, "rules.timescales")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.hint == label
    assert diagnostic.span is not None and diagnostic.span.line == 3


def test_syntax_error_has_path_line_column_and_caret():
    with pytest.raises(SyntaxProblem) as caught:
        parse_ruleset('title "t"\n\nMinutes within 15 working dayz after meeting\n', "x.timescales")
    text = str(caught.value)
    lines = text.splitlines()
    assert lines[0].startswith("x.timescales:3:27: error: unexpected 'dayz'; did you mean 'day'?")
    assert lines[1] == "    Minutes within 15 working dayz after meeting"
    assert lines[2] == "    " + " " * 26 + "^~~~"


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("Referral within 2 workng days of referral", "working"),
        ("Minutes within 15 working days aftr meeting", "after"),
        ("Minutes within 15 working days befor meeting", "before"),
        ("QA form betwen 11 and 15 working days after meeting", None),
        ("Review within 3 monthz of ICPC", "month"),  # ("mnths" is a unit, as tables write it)
    ],
)
def test_misspelt_keywords_get_did_you_mean(text, suggestion):
    rendered = _error(text)
    if suggestion:
        assert f"did you mean '{suggestion}'?" in rendered
    assert "error:" in rendered


def test_expected_is_in_words_not_token_names():
    rendered = _error("Outcomes on the dya of conference")
    assert "did you mean 'day'?" in rendered
    assert "expected 'day'" in rendered
    rendered = _error("Minutes within 15 working days after meeting if")
    assert "expected 'not', a name or a quoted \"text\"" in rendered
    for token_name in ("_NL", "WORD", "LPAR", "__ANON"):
        assert token_name not in rendered


def test_unterminated_quote_is_named():
    with pytest.raises(SyntaxProblem, match="unterminated quoted text"):
        parse_ruleset('title "oops\n')


def test_end_of_text_points_after_the_last_character():
    with pytest.raises(SyntaxProblem) as caught:
        parse_statement("Minutes within 15 working days after")
    span = caught.value.diagnostics[0].span
    assert span is not None and span.column == len("Minutes within 15 working days after") + 1


def test_keywords_are_plain_words_where_they_cannot_be_keywords():
    statement = parse_statement(
        "Record of Outcome of S47 Enquiries within 10 working days of the initial strategy discussion"
    )
    assert statement.task == "Record of Outcome of S47 Enquiries"


def test_fact_names_may_hold_numbers():
    statement = parse_statement("Visit within 1 day of referral if section 47")
    assert "section 47" in repr(statement)


def test_quoted_task_names_may_hold_punctuation():
    statement = parse_statement('"Outcomes, Next Conference date" on the day of conference')
    assert statement.task == "Outcomes, Next Conference date"


def test_keywords_are_case_insensitive():
    a = parse_statement("Minutes WITHIN 15 Working Days AFTER meeting")
    b = parse_statement("Minutes within 15 working days after meeting")
    assert a == b
