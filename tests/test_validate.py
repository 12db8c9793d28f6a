"""Semantic checks: each finding has a stable code and a precise location."""

from __future__ import annotations

import pytest

from timescale_dsl import ValidationProblem, check_ruleset_text, parse_ruleset


def codes(text: str) -> list[tuple[str, int]]:
    return [
        (d.code, d.span.line if d.span else 0) for d in check_ruleset_text(text, "t.timescales")
    ]


HEAD = 'title "t"\n'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[a] A on the day of x\n[a] B on the day of x\n", [("TS101", 3)]),
        ("Outcomes on the day of x\nOutcomes on the day of y\n", [("TS101", 3)]),
        ("A between 15 and 11 working days after x\n", [("TS102", 2)]),
        ("A from 3 days after x to 1 day after x\n", [("TS102", 2)]),
        ("A from 1 week after x to 3 days after x\n", [("TS102", 2)]),
        ("A from 2 working days after x to on the day of x\n", [("TS102", 2)]),
        ("A within 0 working days of x\n", [("TS103", 2)]),
        ("A 0 hours before x\n", [("TS103", 2)]),
        ("[a] A within 2 days of [b]\n[b] B within 2 days of [a]\n", [("TS106", 2)]),
        ("[a] A within 2 days of [a]\n", [("TS106", 2)]),
        ("A within 3 months of x, then every\n", [("TS107", 2)]),
        ("A within 2 days of [nobody]\n", [("TS109", 2)]),
        ("A within 5 working days of x (target 10 working days)\n", [("TS119", 2)]),
        ("A within 1 day of x; within 2 days of x\n", [("TS118", 2)]),
        ("A otherwise within 1 day of x; within 2 days of x if y\n", [("TS118", 2)]),
    ],
)
def test_each_semantic_error_has_its_code_and_line(body, expected):
    assert codes(HEAD + body) == expected


def test_valid_windows_pass():
    assert codes(HEAD + "A from 10 days before x to 10 days after x\n") == []
    assert codes(HEAD + "A between 11 and 15 working days after x\n") == []
    assert codes(HEAD + "A from 1 day after x to 3 working days after x\n") == []


DECLARED = (
    HEAD
    + 'fact "referral" date "Received"\n'
    + 'fact "child in need" boolean\n'
    + 'fact "initial risk" text one of "high", "medium"\n'
)


def test_undeclared_condition_fact_is_an_error_when_facts_are_declared():
    found = check_ruleset_text(
        DECLARED + "A within 7 days of referral if child in ned\n"
        "B within 7 days of referral if child in need and initial risk is high\n",
        "t.timescales",
    )
    (error,) = [d for d in found if d.is_error]
    assert error.code == "TS104"
    assert error.span is not None and (error.span.line, error.span.column) == (5, 32)
    assert error.hint == "did you mean 'child in need'?"


def test_undeclared_facts_are_fine_when_none_are_declared():
    assert codes(HEAD + "A within 7 days of referral if child in need\n") == []


def test_undeclared_anchor_is_an_error_when_facts_are_declared():
    found = check_ruleset_text(
        DECLARED + "A within 7 days of referal if child in need\nB on the day of referral if "
        "initial risk is medium\n",
        "t",
    )
    assert [(d.code, d.message) for d in found if d.is_error] == [
        ("TS105", "event 'referal' is not a declared fact")
    ]


def test_fact_used_as_the_wrong_kind():
    found = check_ruleset_text(
        DECLARED + "A within 7 days of child in need if referral\nB on the day of referral "
        "if initial risk is high\n",
        "t",
    )
    assert sorted(d.code for d in found if d.is_error) == ["TS108", "TS108"]


def test_text_value_must_be_declared_value():
    found = check_ruleset_text(
        DECLARED + "A within 7 days of referral if initial risk is hihg or child in need\n", "t"
    )
    assert [d.code for d in found if d.is_error] == ["TS114"]


def test_unused_fact_is_a_warning_not_an_error():
    found = check_ruleset_text(DECLARED + "A within 7 days of referral\n", "t")
    assert {d.code for d in found} == {"TS202"}
    assert not any(d.is_error for d in found)


def test_header_checks():
    found = codes(
        'title "t"\ncalendar mars\nevent day counts as day 3\nweekend friday and sundae\n'
        'office hours 18:00 to 08:00\nclosed 2026-12-30 to 2026-12-20\nfact "x" date\n'
        'fact "x" date\nA on the day of x\n'
    )
    assert found == [
        ("TS110", 2),
        ("TS111", 3),
        ("TS116", 4),
        ("TS117", 5),
        ("TS112", 6),
        ("TS113", 8),
    ]


def test_parse_ruleset_raises_with_every_error_and_keeps_warnings():
    with pytest.raises(ValidationProblem) as caught:
        parse_ruleset(HEAD + "A within 0 days of x\nB within 2 days of [c]\n", "t")
    assert [d.code for d in caught.value.diagnostics] == ["TS103", "TS109"]
    ruleset = parse_ruleset(DECLARED + "A within 7 days of referral\n", "t")
    assert [d.code for d in ruleset.diagnostics] == ["TS202", "TS202"]


def test_misspelt_keyword_in_task_name_warns_but_real_words_do_not():
    assert codes(HEAD + "Minutes wihtin 15 working days after x\n") == [("TS201", 2)]
    assert codes(HEAD + "EDT Worker record within 1 working day of x\n") == []


def test_declared_previous_occurrence_is_used_by_a_bare_recurrence():
    found = check_ruleset_text(
        'fact "previous occurrence" date\nfact "referral" date\n'
        "Visit every 6 weeks\nPlan within 5 days of referral\n",
        "t",
    )
    assert found == []


def test_declared_previous_occurrence_unused_without_a_recurrence_still_warns():
    found = check_ruleset_text(
        'fact "previous occurrence" date\nfact "referral" date\nPlan within 5 days of referral\n',
        "t",
    )
    assert [d.code for d in found] == ["TS202"]


def test_at_without_the_is_noted_as_an_event_where_no_fact_is_declared():
    text = HEAD + "Visit at home\nOutcome at the conference\nNotes at each review\n"
    found = [d for d in check_ruleset_text(text, "t.timescales") if d.code == "TS302"]
    assert [(d.span.line, d.span.column) for d in found if d.span] == [(2, 7)]
    assert found[0].message == "'at home' is read as due on the day of an event called 'home'"
    assert found[0].hint is not None and '"Visit at home"' in found[0].hint


def test_at_without_the_is_left_to_the_declarations_where_facts_are_declared():
    text = HEAD + 'fact "home" date\nVisit at home\n'
    assert [d.code for d in check_ruleset_text(text, "t.timescales")] == []
