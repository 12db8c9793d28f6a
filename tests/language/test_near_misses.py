"""Near misses: a task name to quote, timescale words swallowed into a name."""

from __future__ import annotations

import pytest

from timescale_dsl import check_ruleset_text, parse_ruleset, parse_statement
from timescale_dsl.errors import SyntaxProblem


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("Review within timescale: within 15 working days of strategy discussion", "Review within timescale"),
        ("[r] Review within timescale: within 15 working days of strategy discussion", "Review within timescale"),
        ("Visit on the day after: within 5 days of referral", "Visit on the day after"),
    ],
)  # fmt: skip
def test_an_error_inside_a_task_name_ended_by_a_colon_says_to_quote_it(
    text: str, task: str
) -> None:
    with pytest.raises(SyntaxProblem) as caught:
        parse_ruleset(text + "\n", "t")
    hint = caught.value.diagnostics[0].hint or ""
    assert f'quote it: "{task}":' in hint
    # And the quoted form is accepted.
    parse_statement(f'"{task}": within 15 working days of strategy discussion')


def test_an_error_after_the_colon_keeps_its_own_hint() -> None:
    with pytest.raises(SyntaxProblem) as caught:
        parse_statement("Minutes: within 15 dayz of meeting")
    assert "quote it" not in (caught.value.diagnostics[0].hint or "")


@pytest.mark.parametrize(
    "line",
    [
        "[a] Visit a minimum of 6 weeks after placement",
        "[a] Visit Minimum Of 6 weeks after placement",
        "[a] Review and 6 months after placement",
    ],
)
def test_timescale_words_ending_a_task_name_are_a_warning(line: str) -> None:
    found = check_ruleset_text(line + "\n", "t")
    assert [d.code for d in found] == ["TS204"]
    assert not any(d.is_error for d in found)


def test_timescale_words_inside_an_event_name_are_a_warning() -> None:
    found = check_ruleset_text("[a] Review within 3 months of ICPC every quarter\n", "t")
    assert [d.code for d in found] == ["TS204"]
    assert "'ICPC'" in (found[0].hint or "")


@pytest.mark.parametrize(
    "line",
    [
        '[a] "Visit a minimum of" within 6 weeks of placement',
        '[a] Plan within 5 days of "assessment and plan"',
        "[a] Review within 3 months of ICPC and every 6 months",
        "[a] Visit within 5 days of referral",
    ],
)
def test_names_that_only_look_alike_draw_no_warning(line: str) -> None:
    assert check_ruleset_text(line + "\n", "t") == []


def test_and_every_after_an_event_is_read_as_the_recurrence() -> None:
    assert parse_statement("Review within 3 months of ICPC and every 6 months") == parse_statement(
        "Review within 3 months of ICPC, then every 6 months"
    )


@pytest.mark.parametrize(
    ("line", "clock"),
    [
        ("[a] Outcome by 5 p.m. on the day of strategy discussion", "5 p.m."),
        ("[a] Record by 9.30am on the day of strategy discussion", "9.30am"),
        ("[a] Strategy outcome sent by 4 PM on the day of strategy discussion", "4 PM"),
    ],
)
def test_a_time_of_day_read_into_a_task_name_is_a_warning(line: str, clock: str) -> None:
    # The line reads (the task "Outcome by 5 p.m.", due the end of the day), but the
    # framework's 5 p.m. is not what the deadline counts: the author is told.
    found = check_ruleset_text(line + "\n", "t")
    assert [d.code for d in found] == ["TS207"]
    assert not any(d.is_error for d in found)
    assert f"holds a time of day ('{clock}')" in found[0].message
    assert "'within 24 hours of X'" in (found[0].hint or "")
    quoted = line.replace("[a] ", '[a] "').replace(" on the day", '" on the day')
    assert check_ruleset_text(quoted + "\n", "t") == []


@pytest.mark.parametrize(
    ("line", "words", "event"),
    [
        (
            "[a] Visit: within 5 working days of referral where the child is in need",
            "where the child is in need",
            "referral",
        ),
        (
            "[a] Plan within 5 days of referral for a child in need",
            "for a child in need",
            "referral",
        ),
        (
            "[a] Assessment within 28 days of becoming looked after unless placed for adoption",
            "unless placed for adoption",
            "becoming looked after",
        ),
        (
            "[a] Minutes within 5 days of the meeting for children under 5",
            "for children under 5",
            "meeting",
        ),
    ],
)
def test_condition_words_read_into_an_event_name_are_a_warning(
    line: str, words: str, event: str
) -> None:
    # Read as the event "referral where the child is in need", a fact no export has:
    # the author most likely meant a condition.
    found = check_ruleset_text(line + "\n", "t")
    assert [d.code for d in found] == ["TS208"]
    assert not found[0].is_error
    assert f"'{words}'" in found[0].message and f"not '{event}'" in found[0].message
    assert f"of {event} if" in (found[0].hint or "")


@pytest.mark.parametrize(
    "line",
    [
        '[a] ICPC within 15 working days of "strategy discussion where s47 was agreed"',
        "[a] Return interview within 72 hours of when the child returns",
        "[a] Plan within 5 days of referral",
    ],
)
def test_a_quoted_event_or_one_that_begins_with_the_words_is_not_warned_of(line: str) -> None:
    assert check_ruleset_text(line + "\n", "t") == []
