"""Every statement form the language promises, computed through the API and the CLI.

Expected dates are worked out by hand from the England and Wales calendar:
Christmas 2026 falls on Friday 25 Dec, Boxing Day on Saturday 26 Dec with
its substitute on Monday 28 Dec, New Year's Day on Friday 1 Jan 2027.
"""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from timescale_dsl import (
    EvaluationError,
    MissingFactsError,
    NoApplicableAlternative,
    compile_statement,
)
from timescale_dsl.cli import main

D = dt.date
T = dt.datetime

# (statement, facts, due, earliest, target)
FORMS: list[tuple[str, dict[str, object], object, object, object]] = [
    # 1. same day
    (
        "Outcomes on the day of conference",
        {"conference": D(2026, 12, 24)},
        D(2026, 12, 24),
        None,
        None,
    ),
    ("Outcomes on day of conference", {"conference": D(2026, 12, 24)}, D(2026, 12, 24), None, None),
    (
        "Outcomes same day as conference",
        {"conference": D(2026, 12, 24)},
        D(2026, 12, 24),
        None,
        None,
    ),
    (
        "Outcomes on the day of conference",
        {"conference": T(2026, 12, 24, 15, 0)},
        D(2026, 12, 24),
        None,
        None,
    ),
    # 2. working days after: Thu 24 Dec; 25, 26, 27, 28 do not count; 29 is day 1, 30 day 2
    (
        "Referral record within 2 working days of referral",
        {"referral": D(2026, 12, 24)},
        D(2026, 12, 30),
        None,
        None,
    ),
    (
        "Referral record within 2 working days after referral",
        {"referral": D(2026, 12, 24)},
        D(2026, 12, 30),
        None,
        None,
    ),
    (
        "Referral record within 2 working days from referral",
        {"referral": D(2026, 12, 24)},
        D(2026, 12, 30),
        None,
        None,
    ),
    (
        "Referral record within 1 working day of referral",
        {"referral": D(2026, 12, 24)},
        D(2026, 12, 29),
        None,
        None,
    ),
    # an anchor on a non-working day: the first working day after it is day 1
    (
        "Referral record within 1 working day of referral",
        {"referral": D(2026, 12, 26)},
        D(2026, 12, 29),
        None,
        None,
    ),
    # 3. working days before: Tue 5 Jan 2027 -> 4 Jan (1), 31 Dec (2), 30 (3), 29 (4), 24 Dec (5)
    (
        "Pre-meeting report 5 working days before scheduled meeting",
        {"scheduled meeting": D(2027, 1, 5)},
        D(2026, 12, 24),
        None,
        None,
    ),
    (
        "Pre-meeting report 5 working days prior to scheduled meeting",
        {"scheduled meeting": D(2027, 1, 5)},
        D(2026, 12, 24),
        None,
        None,
    ),
    (
        "Pre-meeting report at least 5 working days before scheduled meeting",
        {"scheduled meeting": D(2027, 1, 5)},
        D(2026, 12, 24),
        None,
        None,
    ),
    # 4. calendar units: no rolling, even onto Christmas Day
    (
        "Child visit within 7 days of referral",
        {"referral": D(2026, 12, 18)},
        D(2026, 12, 25),
        None,
        None,
    ),
    (
        "Child visit within 7 calendar days of referral",
        {"referral": D(2026, 12, 18)},
        D(2026, 12, 25),
        None,
        None,
    ),
    (
        "Child visit within 2 weeks of referral",
        {"referral": D(2026, 12, 18)},
        D(2027, 1, 1),
        None,
        None,
    ),
    ("Review within 1 month of referral", {"referral": D(2027, 1, 31)}, D(2027, 2, 28), None, None),
    ("Review within 1 year of referral", {"referral": D(2028, 2, 29)}, D(2029, 2, 28), None, None),
    ("Request 3 months before review", {"review": D(2026, 5, 31)}, D(2026, 2, 28), None, None),
    ("Request 10 days before review", {"review": D(2027, 1, 3)}, D(2026, 12, 24), None, None),
    # 5. hours
    (
        "Plan update within 24 hours after actual meeting",
        {"actual meeting": T(2026, 12, 24, 10, 30)},
        T(2026, 12, 25, 10, 30),
        None,
        None,
    ),
    (
        "Pre-meeting report 72 hours before scheduled meeting",
        {"scheduled meeting": D(2026, 12, 29)},
        D(2026, 12, 26),
        None,
        None,
    ),
    (
        "Pre-meeting report 72 hours before scheduled meeting",
        {"scheduled meeting": T(2026, 12, 29, 9, 0)},
        T(2026, 12, 26, 9, 0),
        None,
        None,
    ),
    (
        "Screening within 24hrs of request",
        {"request": D(2026, 12, 24)},
        D(2026, 12, 25),
        None,
        None,
    ),
    # clocks go forward at 01:00 on 29 Mar 2026: 24 elapsed hours end at 13:00 local
    (
        "Plan update within 24 hours after actual meeting",
        {"actual meeting": T(2026, 3, 28, 12, 0)},
        T(2026, 3, 29, 13, 0),
        None,
        None,
    ),
    # 6. working hours: a working day counts all 24 hours
    (
        "Case allocation within 24 working hours of allocation",
        {"allocation": T(2026, 11, 20, 14, 0)},
        T(2026, 11, 23, 14, 0),
        None,
        None,
    ),
    # Thu 24 Dec 09:00 leaves 15 hours that day; 9 more on Tue 29 Dec
    (
        "Case allocation within 24 working hours of allocation",
        {"allocation": T(2026, 12, 24, 9, 0)},
        T(2026, 12, 29, 9, 0),
        None,
        None,
    ),
    # 7. windows: Fri 18 Dec -> day 11 is Thu 7 Jan, day 15 is Wed 13 Jan 2027
    (
        "QA form between 11 and 15 working days after actual meeting",
        {"actual meeting": D(2026, 12, 18)},
        D(2027, 1, 13),
        D(2027, 1, 7),
        None,
    ),
    (
        "QA form 11-15 working days after actual meeting",
        {"actual meeting": D(2026, 12, 18)},
        D(2027, 1, 13),
        D(2027, 1, 7),
        None,
    ),
    # 8. calendar window
    (
        "Care plan from 10 calendar days before CLA start to 10 days after CLA start",
        {"CLA start": D(2026, 12, 24)},
        D(2027, 1, 3),
        D(2026, 12, 14),
        None,
    ),
    # 11. age
    (
        "Pathway plan by age 16 years and 3 months",
        {"date of birth": D(2010, 11, 30)},
        D(2027, 2, 28),
        None,
        None,
    ),
    # 18th birthday Sat 26 Dec 2026 -> Sun, then Mon 28 (Boxing Day substitute) -> Tue 29
    (
        "Leaving care on the 18th birthday, or the next working day if that is not a working day",
        {"date of birth": D(2008, 12, 26)},
        D(2026, 12, 29),
        None,
        None,
    ),
    # born 29 Feb: the 18th birthday is 28 Feb 2026, a Saturday -> Mon 2 Mar
    (
        "Leaving care on the 18th birthday, or the next working day if that is not a working day",
        {"date of birth": D(2008, 2, 29)},
        D(2026, 3, 2),
        None,
        None,
    ),
    (
        "Leaving care on the 18th birthday, or the previous working day if that is not a working day",
        {"date of birth": D(2008, 12, 26)},
        D(2026, 12, 24),
        None,
        None,
    ),
    # 12. whichever: X + 5 wd = Tue 5 Jan 2027; Y + 10 wd = Wed 6 Jan 2027
    (
        "A within 5 working days of X or within 10 working days of Y, whichever is later",
        {"X": D(2026, 12, 24), "Y": D(2026, 12, 18)},
        D(2027, 1, 6),
        None,
        None,
    ),
    (
        "A within 5 working days of X or within 10 working days of Y, whichever is earlier",
        {"X": D(2026, 12, 24), "Y": D(2026, 12, 18)},
        D(2027, 1, 5),
        None,
        None,
    ),
    # 13. target: Mon 23 Nov 2026 + 45 wd = Thu 28 Jan 2027; + 35 wd = Thu 14 Jan 2027
    (
        "Social work assessment within 45 working days of referral (target 35 working days)",
        {"referral": D(2026, 11, 23)},
        D(2027, 1, 28),
        None,
        D(2027, 1, 14),
    ),
    (
        "Social work assessment within 45 working days (target 35 working days) of referral",
        {"referral": D(2026, 11, 23)},
        D(2027, 1, 28),
        None,
        D(2027, 1, 14),
    ),
]


def _iso(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    assert isinstance(value, dt.date)
    return value.isoformat()


def _json_iso(value: object) -> object:
    """JSON date-times carry London's UTC offset at that moment."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=ZoneInfo("Europe/London")).isoformat(timespec="minutes")
    return _iso(value)


@pytest.mark.parametrize(("text", "facts", "due", "earliest", "target"), FORMS)
def test_form_computes_through_the_api(text, facts, due, earliest, target):
    deadline = compile_statement(text).deadline(facts)
    assert (deadline.due, deadline.earliest, deadline.target) == (due, earliest, target)
    assert type(deadline.due) is type(due)


@pytest.mark.parametrize(("text", "facts", "due", "earliest", "target"), FORMS)
def test_form_computes_through_due_json(text, facts, due, earliest, target, capsys):
    args = ["due", "--statement", text, "--json"]
    for name, value in facts.items():
        args += ["--fact", f"{name}={_iso(value)}"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["due"] == _json_iso(due)
    assert data["earliest"] == _json_iso(earliest)
    assert data["target"] == _json_iso(target)
    assert data["task"] == compile_statement(text).task


CONDITIONAL = (
    "Child visit within 7 days of referral if child in need; within 1 day of referral if section 47"
)


def test_condition_picks_the_alternative_that_holds():
    rule = compile_statement(CONDITIONAL)
    referral = D(2026, 12, 24)
    assert rule.deadline({"referral": referral, "child in need": True}).due == D(2026, 12, 31)
    assert rule.deadline({"referral": referral, "section 47": True}).due == D(2026, 12, 25)
    both_known = {"referral": referral, "child in need": False, "section 47": True}
    assert rule.deadline(both_known).due == D(2026, 12, 25)


def test_condition_with_no_fact_supplied_names_the_missing_facts():
    with pytest.raises(MissingFactsError) as caught:
        compile_statement(CONDITIONAL).deadline({"referral": D(2026, 12, 24)})
    assert caught.value.missing == ("child in need", "section 47")


def test_condition_none_holding_without_otherwise_is_an_error():
    facts = {"referral": D(2026, 12, 24), "child in need": False, "section 47": False}
    with pytest.raises(NoApplicableAlternative):
        compile_statement(CONDITIONAL).deadline(facts)


def test_condition_two_holding_is_an_error():
    facts = {"referral": D(2026, 12, 24), "child in need": True, "section 47": True}
    with pytest.raises(EvaluationError, match="more than one alternative"):
        compile_statement(CONDITIONAL).deadline(facts)


def test_otherwise_applies_when_no_condition_holds():
    rule = compile_statement(
        "Child visit within 7 days of referral if child in need; otherwise within 1 day of referral"
    )
    assert rule.deadline({"referral": D(2026, 12, 24), "child in need": False}).due == D(
        2026, 12, 25
    )


def test_text_condition_compares_case_insensitively():
    rule = compile_statement(
        "Meeting within 2 weeks of screen if initial risk is high; "
        "within 10 days of screen if initial risk is not high"
    )
    assert rule.deadline({"screen": D(2026, 1, 5), "initial risk": "HIGH"}).due == D(2026, 1, 19)
    assert rule.deadline({"screen": D(2026, 1, 5), "initial risk": "medium"}).due == D(2026, 1, 15)


def test_recurrence_first_from_anchor_then_from_previous_due():
    rule = compile_statement("Review conference within 3 months of ICPC, then every 6 months")
    deadline = rule.deadline({"ICPC": D(2026, 11, 30)}, projection=3)
    assert deadline.due == D(2027, 2, 28)
    assert deadline.schedule == (D(2027, 8, 28), D(2028, 2, 28), D(2028, 8, 28))


def test_recurrence_with_steps():
    # Tue 1 Dec 2026 + 20 working days = Thu 31 Dec 2026 (24 Dec is day 17;
    # 25 and 28 Dec are bank holidays)
    rule = compile_statement(
        "LAC review within 20 working days of becoming looked after, "
        "then within 3 months, then every 6 months"
    )
    deadline = rule.deadline({"becoming looked after": D(2026, 12, 1)}, projection=3)
    assert deadline.due == D(2026, 12, 31)
    assert deadline.schedule == (D(2027, 3, 31), D(2027, 9, 30), D(2028, 3, 30))


def test_recurrence_without_anchor_counts_from_previous_occurrence():
    # Fri 18 Dec 2026 + 10 working days = Wed 6 Jan 2027
    deadline = compile_statement("CP visit every 10 working days").deadline(
        {"previous occurrence": D(2026, 12, 18)}, projection=1
    )
    assert deadline.due == D(2027, 1, 6)
    assert deadline.schedule == (D(2027, 1, 20),)


def test_recurrence_occurrences_count_from_actual_dates():
    rule = compile_statement("Core group within 10 working days of ICPC, then every 6 weeks")
    dues = rule.occurrence_dues({"ICPC": D(2026, 12, 18)}, [D(2027, 1, 4), D(2027, 2, 1)])
    # first from the ICPC (Wed 6 Jan 2027), then six weeks after each actual meeting
    assert dues == [D(2027, 1, 6), D(2027, 2, 15), D(2027, 3, 15)]


def test_no_fixed_timescale_keeps_its_wording():
    deadline = compile_statement(
        'Review notes no fixed timescale "As soon as possible after review"'
    ).deadline({})
    assert deadline.due is None
    assert deadline.no_fixed_timescale == "As soon as possible after review"
    assert not deadline.is_fixed


def test_no_fixed_timescale_through_due_json(capsys):
    text = 'Review notes no fixed timescale "As soon as possible after review"'
    assert main(["due", "--statement", text, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["due"] is None
    assert data["no_fixed_timescale"] == "As soon as possible after review"


def test_recurring_due_json_has_schedule(capsys):
    text = "Review conference within 3 months of ICPC, then every 6 months"
    assert main(["due", "--statement", text, "--fact", "ICPC=2026-11-30", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["due"] == "2027-02-28"
    assert data["schedule"][:2] == ["2027-08-28", "2028-02-28"]


def test_event_names_match_case_insensitively_with_spaces_folded():
    rule = compile_statement("Minutes within 15 working days after Actual   Meeting")
    assert rule.deadline({"actual meeting": D(2026, 12, 18)}).due == D(2027, 1, 13)
    assert rule.deadline({"ACTUAL MEETING": D(2026, 12, 18)}).due == D(2027, 1, 13)


def test_explanation_names_start_unit_skipped_days_and_result():
    deadline = compile_statement("Minutes within 15 working days after meeting").deadline(
        {"meeting": D(2026, 12, 18)}
    )
    text = str(deadline.explanation)
    assert "meeting: Fri 18 Dec 2026" in text
    assert "15 working days after meeting: Wed 13 Jan 2027" in text
    reasons = {s.day: s.reason for s in deadline.explanation.skipped}
    assert reasons[D(2026, 12, 25)] == "Christmas Day"
    assert reasons[D(2026, 12, 28)] == "Boxing Day (observed)"
    assert reasons[D(2027, 1, 1)] == "New Year's Day"
    assert reasons[D(2026, 12, 19)] == "Saturday"
    assert D(2027, 1, 14) not in reasons
