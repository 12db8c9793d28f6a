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


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Outcome by 5pm the next working day after strategy discussion", "5pm"),
        ("Outcome by 5 p.m. the next working day after strategy discussion", "5 p.m."),
        ("Record by 17:00 on the day of strategy discussion", "17:00"),
        ("Record by midday on the day after strategy discussion", "midday"),
        ("Record by 9.30am the day after strategy discussion", "9.30am"),
    ],
)
def test_a_time_of_day_is_told_as_such_with_what_to_write(text, words):
    hint = _error(text).splitlines()[-1]
    assert hint.startswith(f"    hint: a time of day ('{words}') is not counted")
    assert "'by the end of the next working day after X'" in hint
    assert "'within 24 hours of X'" in hint


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("PEP review termly", "termly"),
        ("PEP review once a term", "once a term"),
        ("PEP review every half-term", "every half-term"),
        ("PEP review half termly", "half termly"),
    ],
)
def test_school_terms_are_told_as_such_with_what_to_write(text, words):
    hint = _error(text).splitlines()[-1]
    assert hint.startswith(f"    hint: school terms ('{words}') are not counted")
    assert "('every 13 weeks')" in hint


def test_a_time_in_a_line_that_reads_is_no_error():
    # "5pm" in a quoted task name, and in a rule's source words, are the author's own.
    parse_statement('"Call back by 5pm" within 1 working day of contact')
    parse_ruleset(
        'title "t"\nfact "contact" date\n\n[r] Call within 1 working day of contact\n'
        '    source "Call back by 5pm the next working day; PEP termly"\n',
        "rules.timescales",
    )
