"""Engine gaps met while encoding the seed rulesets, fixed and pinned here.

Each test shows a behaviour a rule author needed from the language.
"""

from __future__ import annotations

from timescale_dsl import check_ruleset_text, compile_statement


def test_full_line_comments_between_lines() -> None:
    text = 'title "x"\n# a comment line\nsection "s"\n[a] A within 2 days of x\n'
    assert check_ruleset_text(text) == []


def test_whitespace_only_lines() -> None:
    text = 'title "x"\n    \nsection "s"\n[a] A within 2 days of x\n'
    assert check_ruleset_text(text) == []


def test_comment_on_the_first_line_and_after_content_already_work() -> None:
    text = '# heading comment\ntitle "x"  # trailing\nsection "s"\n[a] A within 2 days of x\n'
    assert check_ruleset_text(text) == []


def test_within_a_maximum_of() -> None:
    rule = compile_statement("Assessment within a maximum of 45 working days of contact")
    assert rule.timescale == "within 45 working days of contact"
