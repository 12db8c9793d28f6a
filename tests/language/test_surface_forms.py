"""Council wordings lower onto the tree their canonical wording gives.

Each family is tested with several wordings of the class (letter case,
hyphens, other councils' phrasings), each against the canonical statement
it means; both parse to equal trees, so every later stage agrees by
construction.
"""

from __future__ import annotations

import datetime as dt

import pytest

from timescale_dsl import compile_statement, format_statement, parse_statement
from timescale_dsl.errors import SyntaxProblem
from timescale_dsl.syntax import ast, lowering

FAMILIES: dict[str, list[tuple[str, str]]] = {
    "number words": [
        ("Minutes within Ten Working Days of meeting", "Minutes within 10 working days of meeting"),
        ("Minutes WITHIN FIFTEEN WORKING DAYS OF MEETING", "Minutes within 15 working days of meeting"),
        ("Plan within twenty-eight days of referral", "Plan within 28 days of referral"),
        ("Plan within twenty eight days of referral", "Plan within 28 days of referral"),
        ("Plan within Forty-Five working days of referral", "Plan within 45 working days of referral"),
        ("Plan within ninety days of referral", "Plan within 90 days of referral"),
        ("Plan within sixty days of referral", "Plan within 60 days of referral"),
        ("Plan within one day of referral", "Plan within 1 day of referral"),
        ("Plan within twelve weeks of referral", "Plan within 12 weeks of referral"),
        ("Plan by age eighteen years", "Plan by age 18 years"),
    ],
    "a, an, a fortnight": [
        ("Visit within a week of referral", "Visit within 1 week of referral"),
        ("Screening within an hour of contact", "Screening within 1 hour of contact"),
        ("Review within a month of placement", "Review within 1 month of placement"),
        ("Review within A Fortnight of placement", "Review within 2 weeks of placement"),
        ("Review within two fortnights of placement", "Review within 4 weeks of placement"),
        ("Letter within a working day of decision", "Letter within 1 working day of decision"),
        ("Visit a child within 5 days of referral", '"Visit a child" within 5 days of referral'),
    ],
    "whichever": [
        (
            "Plan within 3 months of A or 20 days of B, whichever is sooner",
            "Plan within 3 months of A or within 20 days of B, whichever is earlier",
        ),
        (
            "Plan within 3 months of A or 20 days of B whichever is the sooner",
            "Plan within 3 months of A or within 20 days of B, whichever is earlier",
        ),
        (
            "Plan within 3 months of A or 20 days of B, whichever is soonest",
            "Plan within 3 months of A or within 20 days of B, whichever is earlier",
        ),
        (
            "Plan within 3 months of A or 20 days of B, Whichever Is The Earliest",
            "Plan within 3 months of A or within 20 days of B, whichever is earlier",
        ),
        (
            "Plan within 3 months of A or 20 days of B, whichever comes first",
            "Plan within 3 months of A or within 20 days of B, whichever is earlier",
        ),
        (
            "Plan within 3 months of A or 20 days of B, whichever occurs first",
            "Plan within 3 months of A or within 20 days of B, whichever is earlier",
        ),
        (
            "Plan within 3 months of A or 20 days of B, whichever is the later",
            "Plan within 3 months of A or within 20 days of B, whichever is later",
        ),
        (
            "Plan within 3 months of A or 20 days of B, whichever is latest",
            "Plan within 3 months of A or within 20 days of B, whichever is later",
        ),
        (
            "Plan within 3 months of A or 20 days of B, whichever comes last",
            "Plan within 3 months of A or within 20 days of B, whichever is later",
        ),
    ],
    "alternatives sharing a count": [
        (
            "Plan within 45 working days of the referral or the strategy discussion, whichever is later",
            "Plan within 45 working days of referral or within 45 working days of strategy discussion, whichever is later",
        ),
        (
            "Plan within 5 days of A or B or C, whichever comes first",
            "Plan within 5 days of A or within 5 days of B or within 5 days of C, whichever is earlier",
        ),
        (
            "Plan on the day of the meeting or the review, whichever is earlier",
            "Plan on the day of meeting or on the day of review, whichever is earlier",
        ),
        (
            "Plan within 5 days of A or the next working day or B, whichever is later",
            "Plan within 5 days of A, or the next working day if that is not a working day or within 5 days of B, or the next working day if that is not a working day, whichever is later",
        ),
    ],
    "on the day, by a birthday": [
        ("Plan: at the conference", "Plan on the day of conference"),
        ("Plan at the point of conference", "Plan on the day of conference"),
        ("Plan on or before the conference", "Plan on the day of conference"),
        ("Plan on or before the 16th birthday", "Plan on the 16th birthday"),
        ("Plan by the 18th birthday", "Plan on the 18th birthday"),
        ("Plan By 21st Birthday", "Plan on the 21st birthday"),
    ],
    "next working day, urging": [
        ("Decision: by the next working day", "Decision within 1 working day"),
        ("Decision By The Next Working Day after the referral", "Decision within 1 working day of referral"),
        (
            "Strategy discussion: as soon as possible and within 3 working days of referral",
            "Strategy discussion within 3 working days of referral (as soon as possible)",
        ),
        (
            "Strategy discussion immediately and no later than 3 working days after referral (or sooner)",
            "Strategy discussion within 3 working days of referral (immediately) (or sooner)",
        ),
    ],
    "numbers in task names": [
        (
            "Section 47 enquiry outcome: within 15 working days of the strategy discussion",
            '"Section 47 enquiry outcome" within 15 working days of strategy discussion',
        ),
        ("Stage 2 review: within 20 working days of stage 1", '"Stage 2 review" within 20 working days of stage 1'),
        ("Visit 1 of 3: within 7 days of placement", '"Visit 1 of 3" within 7 days of placement'),
    ],
    "birthday anchors": [
        (
            "Review within 3 months of your 18th birthday",
            "Review within 3 months of the 18th birthday",
        ),
        ("Review within 3 months of their 18th Birthday", "Review within 3 months of 18th birthday"),
        ("Plan 10 working days before the 16th birthday", "Plan 10 working days before 16th birthday"),
        ("Plan every year after the 18th birthday", "Plan every 1 year after the 18th birthday"),
    ],
    "limits": [
        ("Minutes not more than 5 working days after meeting", "Minutes within 5 working days of meeting"),
        ("Minutes no more than 5 working days after meeting", "Minutes within 5 working days of meeting"),
        ("Minutes No Longer Than 5 working days after meeting", "Minutes within 5 working days of meeting"),
        ("Minutes up to five working days after meeting", "Minutes within 5 working days of meeting"),
        ("Minutes by no later than 5 working days after meeting", "Minutes within 5 working days of meeting"),
        ("Minutes not later than 5 working days after meeting", "Minutes within 5 working days of meeting"),
        ("Minutes within no more than 5 working days of meeting", "Minutes within 5 working days of meeting"),
        ("Minutes in no more than 5 working days of meeting", "Minutes within 5 working days of meeting"),
        ("Step up to social work within 1 day of request", '"Step up to social work" within 1 day of request'),
    ],
    "windows before": [
        (
            "Report 10-15 working days before conference",
            "Report from 15 working days before conference to 10 working days before conference",
        ),
        (
            "Report between ten and fifteen working days before conference",
            "Report from 15 working days before conference to 10 working days before conference",
        ),
        (
            "Report two to three weeks prior to conference",
            "Report from 3 weeks before conference to 2 weeks before conference",
        ),
        (
            "QA form between 11 and 15 working days after meeting",
            "QA form from 11 working days after meeting to 15 working days after meeting",
        ),
    ],
    "anchors": [
        ("Visit within 5 days of the referral", "Visit within 5 days of referral"),
        ("Visit within 5 days of a referral", "Visit within 5 days of referral"),
        ("Visit within 5 days of any referral", "Visit within 5 days of referral"),
        ("Visit within 5 days of your referral", "Visit within 5 days of referral"),
        ("Visit within 5 days of their referral", "Visit within 5 days of referral"),
        ("Visit within 5 days of the date of the referral", "Visit within 5 days of referral"),
        ("Visit within 5 days of Date of Referral", "Visit within 5 days of referral"),
        ("Visit within 5 days of child’s referral", "Visit within 5 days of child's referral"),
        ("Plan within 5 days of the date of birth", 'Plan within 5 days of "date of birth"'),
    ],
    "frequencies": [
        ("Visit monthly", "Visit every 1 month"),
        ("Visit: Weekly", "Visit every 1 week"),
        ("Visit fortnightly", "Visit every 2 weeks"),
        ("Visit quarterly", "Visit every 3 months"),
        ("Visit annually", "Visit every 1 year"),
        ("Visit yearly", "Visit every 1 year"),
        ("Visit every month", "Visit every 1 month"),
        ("Visit every fortnight", "Visit every 2 weeks"),
        ("Visit six-monthly", "Visit every 6 months"),
        ("Visit 6 weekly", "Visit every 6 weeks"),
        ("Visit 3-monthly", "Visit every 3 months"),
        ("Visit Six Weekly", "Visit every 6 weeks"),
        ("Visit at 6 monthly intervals", "Visit every 6 months"),
        ("Visit at six-weekly intervals", "Visit every 6 weeks"),
        ("Visit at intervals of not more than 3 months", "Visit every 3 months"),
        ("Visit at intervals of no more than six weeks", "Visit every 6 weeks"),
        ("Visit at no more than 3 monthly intervals", "Visit every 3 months"),
        ("Visit at least every 6 weeks", "Visit every 6 weeks"),
        ("Visit at least once every 6 weeks", "Visit every 6 weeks"),
        ("Visit a minimum of every 6 weeks", "Visit every 6 weeks"),
        ("Visit on a monthly basis", "Visit every 1 month"),
        ("Visit at least monthly", "Visit every 1 month"),
        ("Visit monthly after placement", "Visit every 1 month after placement"),
        ("Visit every 6 months thereafter", "Visit every 6 months"),
        (
            "Review within 20 working days of conference, then six-monthly",
            "Review within 20 working days of conference, then every 6 months",
        ),
        (
            "Review within 20 working days of conference and thereafter every 6 months",
            "Review within 20 working days of conference, then every 6 months",
        ),
        (
            "Review within 20 working days of conference, and every 6 months thereafter",
            "Review within 20 working days of conference, then every 6 months",
        ),
        (
            "Review within 3 months of conference, then at intervals of not more than 6 months",
            "Review within 3 months of conference, then every 6 months",
        ),
        ("Monthly review: monthly", "Monthly review every 1 month"),
        ("Quarterly report within 5 days of quarter end", "Quarterly report within 5 days of quarter end"),
    ],
    "not required": [
        ("Visit within 5 days of referral if x; otherwise not required", "Visit within 5 days of referral if x; otherwise not required"),
        ("Visit within 5 days of referral if x; Otherwise, Not Needed", "Visit within 5 days of referral if x; otherwise not required"),
        ("Visit within 5 days of referral if x; otherwise no record is required", "Visit within 5 days of referral if x; otherwise not required"),
        ("Visit: not applicable if x; otherwise within 5 days of referral", "Visit not required if x; otherwise within 5 days of referral"),
        ("Visit: no record needed if x; within 5 days of referral if not x", "Visit not required if x; within 5 days of referral if not x"),
    ],
    "thereafter with a step": [
        ("Review within 3 months of ICPC, thereafter within 6 months", "Review within 3 months of ICPC, then every 6 months"),
        ("Review within 3 months of ICPC, then within 6 months thereafter", "Review within 3 months of ICPC, then every 6 months"),
        ("Review within 3 months of ICPC, then 6 months thereafter.", "Review within 3 months of ICPC, then every 6 months"),
        ("Review: 3 months after the ICPC and then no more than 6 months thereafter", "Review within 3 months of ICPC, then every 6 months"),
        ("Review within 3 months of ICPC, thereafter at intervals of no more than 6 months", "Review within 3 months of ICPC, then every 6 months"),
        ("LAC review within 20 working days of start, then within 3 months, thereafter within 6 months", "LAC review within 20 working days of start, then within 3 months, then every 6 months"),
        ("Visit within 1 week of placement, then within 6 weeks thereafter until age 18", "Visit within 1 week of placement, then every 6 weeks until age 18"),
        ("Visit within 1 week of placement, then within 6 weeks thereafter (target 4 weeks)", "Visit within 1 week of placement, then every 6 weeks (target 4 weeks)"),
        # Without "thereafter" a step is one more occurrence, not a frequency.
        ("Review within 3 months of ICPC, then within 6 months", "Review within 3 months of ICPC, then within 6 months"),
    ],
    "the next working day": [
        ("Outcome no later than the end of the next working day", "Outcome within 1 working day of start event"),
        ("Outcome not later than the next working day after the visit", "Outcome within 1 working day of visit"),
        ("Outcome by close of business the next working day", "Outcome within 1 working day of start event"),
        ("Outcome by close of business on the next working day after the visit", "Outcome within 1 working day of visit"),
        ("Outcome on the next working day after the visit", "Outcome within 1 working day of visit"),
        ("Outcome by the end of the same day as the visit", "Outcome on the day of visit"),
        ("Outcome by the end of the day of the visit", "Outcome on the day of visit"),
        ("Outcome by end of day of the visit", "Outcome on the day of visit"),
        ("Outcome by close of the day of the visit", "Outcome on the day of visit"),
    ],
    "otherwise after a comma": [
        ("Visit within 1 day of referral if s47, otherwise within 2 working days of referral", "Visit within 1 day of referral if s47; otherwise within 2 working days of referral"),
        ("Visit within 1 day of referral if s47 , Otherwise, within 2 working days of referral", "Visit within 1 day of referral if s47; otherwise within 2 working days of referral"),
        ("Visit within 1 day of referral if s47; within 3 days of referral if cin, otherwise within 5 days of referral", "Visit within 1 day of referral if s47; within 3 days of referral if cin; otherwise within 5 days of referral"),
        ("Visit within 5 days of referral if x, otherwise not required", "Visit within 5 days of referral if x; otherwise not required"),
        ("Strategy discussion: the same day as referral if at risk, otherwise within 2 working days of referral", "Strategy discussion on the day of referral if at risk; otherwise within 2 working days of referral"),
    ],
    "frequency or an event": [
        ("Review at least every 6 months or within 28 working days of any significant change, whichever is earlier", "Review within 6 months of previous occurrence or within 28 working days of significant change, whichever is earlier, then every 6 months"),
        ("Visit monthly after placement or within 5 days of a move, whichever comes first", "Visit within 1 month of placement or within 5 days of move, whichever is earlier, then every 1 month"),
    ],
    "target on a frequency": [
        ("Visit every 6 weeks after placement (target 4 weeks)", "Visit every 6 weeks after placement (target 4 weeks)"),
        ("Visit within 1 week of placement, then six-weekly (Target 4 Weeks)", "Visit within 1 week of placement, then every 6 weeks (target 4 weeks)"),
    ],
    "weekend only": [
        ("Plan on the 18th birthday, or the next working day if that falls at a weekend", "Plan on the 18th birthday, or the next working day if that falls at a weekend"),
        ("Plan on the 18th birthday or the next working day if it falls on a weekend", "Plan on the 18th birthday, or the next working day if that falls at a weekend"),
        ("Plan within 5 days of referral, or the previous working day if this is a weekend day", "Plan within 5 days of referral, or the previous working day if that falls at a weekend"),
    ],
    "immediacy": [
        ("Outcome immediately after the meeting", "Outcome on the day of meeting"),
        ("Outcome Immediately following meeting", "Outcome on the day of meeting"),
        ("Outcome as soon as possible after meeting", "Outcome on the day of meeting"),
        ("Outcome without delay after meeting", "Outcome on the day of meeting"),
        ("Outcome on the same day as the meeting", "Outcome on the day of meeting"),
        ("Outcome the same day as the meeting", "Outcome on the day of meeting"),
        ("Strategy discussion immediately", 'Strategy discussion no fixed timescale "immediately"'),
        ("Strategy discussion: As soon as possible", 'Strategy discussion no fixed timescale "As soon as possible"'),
        ("Strategy discussion without delay", 'Strategy discussion no fixed timescale "without delay"'),
        ("Outcome same day", 'Outcome no fixed timescale "same day"'),
        ("Outcome: on the same day", 'Outcome no fixed timescale "the same day"'),
    ],
}  # fmt: skip

CASES = [
    pytest.param(written, canonical, id=f"{family}: {written}")
    for family, pairs in FAMILIES.items()
    for written, canonical in pairs
]


@pytest.mark.parametrize(("written", "canonical"), CASES)
def test_wording_means_what_its_canonical_form_means(written: str, canonical: str) -> None:
    assert parse_statement(written) == parse_statement(canonical)


@pytest.mark.parametrize(("written", "canonical"), CASES)
def test_canonical_formatting_of_a_wording_reads_back_the_same(
    written: str, canonical: str
) -> None:
    statement = parse_statement(written)
    assert parse_statement(format_statement(statement)) == statement


@pytest.mark.parametrize(("word", "value"), sorted(lowering.number_words().items()))
def test_every_number_word_the_lowering_knows_is_accepted_by_the_grammar(
    word: str, value: int
) -> None:
    for spelling in (word, word.replace("-", " "), word.upper()):
        statement = parse_statement(f"Visit within {spelling} days of referral")
        assert (
            statement.timescale
            == parse_statement(f"Visit within {value} days of referral").timescale
        )


@pytest.mark.parametrize(
    "task",
    ["Visit a child", "Review one plan", "Monthly review", "Weekly visit", "Follow up visit"],
)
def test_number_and_frequency_words_stay_in_task_names(task: str) -> None:
    assert parse_statement(f"{task} within 5 days of referral").task == task


@pytest.mark.parametrize(
    "text",
    [
        "Visit within tenn days of referral",
        "Visit within a days of referral",
        "Visit every month monthly",
        "Outcome immediately before",
        "Plan by age 18 years or the review, whichever is earlier",
    ],
)
def test_near_misses_of_the_new_wordings_are_syntax_errors(text: str) -> None:
    with pytest.raises(SyntaxProblem):
        parse_statement(text)


def test_window_before_an_event_opens_at_the_far_bound() -> None:
    window = parse_statement("Report 10-15 working days before conference").timescale
    assert isinstance(window, ast.Alternatives)
    node = window.options[0].schedule
    assert isinstance(node, ast.Window)
    assert isinstance(node.start, ast.Offset) and isinstance(node.end, ast.Offset)
    assert (node.start.duration.count, node.end.duration.count) == (15, 10)


def test_a_birthday_counted_from_is_computed_from_the_date_of_birth() -> None:
    rule = compile_statement("Review within 3 months of your 18th birthday")
    assert [n.name for n in rule.facts_needed()] == ["date of birth"]
    # Born on a leap day: the 18th birthday falls on 28 February, then 3 months on.
    due = rule.deadline({"date of birth": dt.date(2008, 2, 29)}).due
    assert due == dt.date(2026, 5, 28)
    plain = compile_statement("Review on the 18th birthday")
    born = {"date of birth": dt.date(2009, 8, 31)}
    assert plain.deadline(born).due == dt.date(2027, 8, 31)
    assert rule.deadline(born).due == dt.date(2027, 11, 30)


def test_the_end_of_the_same_day_alone_keeps_its_words_out_of_the_task_name() -> None:
    statement = parse_statement("Record the outcome by the end of the same working day")
    assert statement.task == "Record the outcome"
    assert format_statement(statement) == (
        'Record the outcome no fixed timescale "by the end of the same working day"'
    )


@pytest.mark.parametrize(
    "text",
    [
        "Close of business review within 5 days of referral",
        "Business review on the next working day after referral",
        "Next working day review by the next working day",
    ],
)
def test_the_words_of_the_next_working_day_stay_words_of_a_task_name(text: str) -> None:
    task = text.split(" within ")[0].split(" on the next")[0].split(" by the next")[0]
    assert parse_statement(text).task == task
