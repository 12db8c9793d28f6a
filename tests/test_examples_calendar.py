"""Worked examples of the calendar arithmetic, each pinning one behaviour of docs/semantics.md.

Everything goes through the public API: ``compile_statement(text).deadline(facts)``
and, for header conventions, ``parse_ruleset``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from timescale_dsl import (
    Calendar,
    CalendarRangeError,
    Deadline,
    compile_statement,
    england_and_wales,
    northern_ireland,
    parse_ruleset,
    scotland,
)

D = dt.date
T = dt.datetime


def deadline(text: str, calendar: Calendar | None = None, **facts: object) -> Deadline:
    """The deadline of one statement; facts by keyword, underscores for spaces."""
    named = {name.replace("_", " "): value for name, value in facts.items()}
    return compile_statement(text, calendar).deadline(named)


def due(text: str, calendar: Calendar | None = None, **facts: object) -> dt.date | None:
    return deadline(text, calendar, **facts).due


def skipped(result: Deadline) -> dict[dt.date, str]:
    return {day.day: day.reason for day in result.explanation.skipped}


def ruleset_due(header: str, statement: str, **facts: object) -> dt.date | None:
    named = {name.replace("_", " "): value for name, value in facts.items()}
    ruleset = parse_ruleset(f"{header}\n[r] {statement}\n")
    return ruleset.deadline("r", named).due


AFTER_1 = "Minutes within 1 working day of meeting"

# --------------------------------------------------------------------- Christmas, New Year


def test_working_days_skip_christmas_and_substitute_boxing_day_2026() -> None:
    # 2026: Christmas Fri 25, Boxing Day Sat 26, substitute Mon 28 December.
    result = deadline(AFTER_1, meeting=D(2026, 12, 24))
    assert result.due == D(2026, 12, 29)
    assert set(skipped(result)) == {D(2026, 12, d) for d in (25, 26, 27, 28)}


def test_working_days_skip_both_substitute_days_when_christmas_is_at_a_weekend_2027() -> None:
    # 2027: Christmas Sat 25, Boxing Day Sun 26, substitutes Mon 27 and Tue 28 December.
    assert due(AFTER_1, meeting=D(2027, 12, 24)) == D(2027, 12, 29)
    assert due("Minutes within 2 working days of meeting", meeting=D(2027, 12, 23)) == D(
        2027, 12, 29
    )


def test_working_days_skip_new_years_day_2027() -> None:
    assert due(AFTER_1, meeting=D(2026, 12, 31)) == D(2027, 1, 4)


def test_working_days_skip_substitute_new_years_day_2022() -> None:
    # 1 January 2022 was a Saturday: Monday 3 January was the bank holiday.
    assert due(AFTER_1, meeting=D(2021, 12, 31)) == D(2022, 1, 4)


def test_scotland_closes_2_january_and_england_does_not() -> None:
    assert due(AFTER_1, meeting=D(2025, 12, 31)) == D(2026, 1, 2)
    assert due(AFTER_1, scotland(), meeting=D(2025, 12, 31)) == D(2026, 1, 5)


def test_working_days_before_christmas_count_back_over_the_substitute_day() -> None:
    assert due("Report 2 working days before meeting", meeting=D(2026, 12, 29)) == D(2026, 12, 23)


# --------------------------------------------------------------------- Easter


def test_working_days_skip_good_friday_and_easter_monday_2026() -> None:
    result = deadline(AFTER_1, meeting=D(2026, 4, 2))
    assert result.due == D(2026, 4, 7)
    assert skipped(result)[D(2026, 4, 3)] == "Good Friday"
    assert skipped(result)[D(2026, 4, 6)] == "Easter Monday"


def test_scotland_has_good_friday_but_no_easter_monday() -> None:
    assert due(AFTER_1, scotland(), meeting=D(2026, 4, 2)) == D(2026, 4, 6)


def test_northern_ireland_has_easter_monday_and_st_patricks_day() -> None:
    assert due(AFTER_1, northern_ireland(), meeting=D(2026, 4, 2)) == D(2026, 4, 7)
    # Tuesday 17 March 2026.
    assert due(AFTER_1, northern_ireland(), meeting=D(2026, 3, 16)) == D(2026, 3, 18)
    assert due(AFTER_1, meeting=D(2026, 3, 16)) == D(2026, 3, 17)


def test_working_days_before_easter_count_back_over_the_long_weekend() -> None:
    assert due("Report 2 working days before meeting", meeting=D(2026, 4, 7)) == D(2026, 4, 1)


# --------------------------------------------------------------------- one-off bank holidays


def test_working_days_skip_the_state_funeral_of_19_september_2022() -> None:
    result = deadline(AFTER_1, meeting=D(2022, 9, 16))
    assert result.due == D(2022, 9, 20)
    assert "Queen Elizabeth" in skipped(result)[D(2022, 9, 19)]


def test_working_days_skip_the_coronation_of_8_may_2023() -> None:
    result = deadline(AFTER_1, meeting=D(2023, 5, 5))
    assert result.due == D(2023, 5, 9)
    assert "Coronation" in skipped(result)[D(2023, 5, 8)]


def test_working_days_skip_the_platinum_jubilee_and_the_moved_spring_holiday_2022() -> None:
    # Spring bank holiday moved to Thursday 2 June; Friday 3 June 2022 was the jubilee.
    result = deadline(AFTER_1, meeting=D(2022, 6, 1))
    assert result.due == D(2022, 6, 6)
    assert "Jubilee" in skipped(result)[D(2022, 6, 3)]
    assert due(AFTER_1, meeting=D(2022, 5, 27)) == D(2022, 5, 30)  # 30 May is a working day


def test_one_off_holidays_apply_in_every_nation() -> None:
    for calendar in (scotland(), northern_ireland()):
        assert due(AFTER_1, calendar, meeting=D(2022, 9, 16)) == D(2022, 9, 20)
        assert due(AFTER_1, calendar, meeting=D(2023, 5, 5)) == D(2023, 5, 9)


# --------------------------------------------------------------------- counting conventions


def test_anchor_day_itself_never_counts_as_a_working_day() -> None:
    assert due("Minutes within 1 working day of meeting", meeting=D(2026, 3, 2)) == D(2026, 3, 3)


def test_anchor_on_a_weekend_makes_the_next_working_day_day_1() -> None:
    assert due(AFTER_1, meeting=D(2026, 3, 7)) == D(2026, 3, 9)
    assert due(AFTER_1, meeting=D(2026, 3, 8)) == D(2026, 3, 9)


def test_date_time_anchor_counts_working_days_from_its_date() -> None:
    assert due(AFTER_1, meeting=T(2026, 3, 2, 23, 59)) == D(2026, 3, 3)


def test_calendar_days_do_not_roll_onto_a_working_day() -> None:
    # 5 days after Monday 21 December 2026 is Saturday 26 December.
    assert due("Visit within 5 days of referral", referral=D(2026, 12, 21)) == D(2026, 12, 26)


def test_rolling_moves_a_calendar_date_past_christmas_to_the_next_working_day() -> None:
    text = "Visit within 5 days of referral, or the next working day if that is not a working day"
    result = deadline(text, referral=D(2026, 12, 21))
    assert result.due == D(2026, 12, 29)
    assert D(2026, 12, 26) in skipped(result)


def test_rolling_to_the_previous_working_day_goes_back_before_christmas() -> None:
    text = "Visit within 4 days of referral, or the previous working day"
    assert due(text, referral=D(2026, 12, 21)) == D(2026, 12, 24)


def test_weeks_are_seven_calendar_days() -> None:
    assert due("Visit within 2 weeks of referral", referral=D(2026, 12, 21)) == D(2027, 1, 4)


def test_target_is_kept_alongside_the_limit() -> None:
    text = "Assessment within 45 working days of referral (target 35 working days)"
    result = deadline(text, referral=D(2026, 1, 5))
    assert result.due == D(2026, 3, 9)
    assert result.target == D(2026, 2, 23)


def test_window_between_n_and_m_working_days_skips_holidays() -> None:
    result = deadline("QA between 1 and 3 working days after meeting", meeting=D(2026, 12, 23))
    assert (result.earliest, result.due) == (D(2026, 12, 24), D(2026, 12, 30))


def test_window_from_days_before_to_days_after() -> None:
    result = deadline(
        "Plan from 5 days before meeting to 3 days after meeting", meeting=D(2026, 3, 2)
    )
    assert (result.earliest, result.due) == (D(2026, 2, 25), D(2026, 3, 5))


def test_whichever_is_later_picks_the_later_deadline() -> None:
    text = "Review within 10 working days of referral or within 3 days of visit, whichever is later"
    result = deadline(text, referral=D(2026, 12, 21), visit=D(2027, 1, 6))
    assert result.due == D(2027, 1, 9)
    text = text.replace("later", "earlier")
    assert due(text, referral=D(2026, 12, 21), visit=D(2027, 1, 6)) == D(2027, 1, 7)


def test_recurrence_projects_from_each_previous_due_date() -> None:
    text = "Review within 3 months of ICPC, then every 6 months"
    result = deadline(text, ICPC=D(2026, 11, 30))
    assert result.due == D(2027, 2, 28)
    assert result.schedule[:2] == (D(2027, 8, 28), D(2028, 2, 28))


# --------------------------------------------------------------------- months, leap years


def test_29_february_plus_one_year_is_28_february() -> None:
    assert due("Review within 1 year of event", event=D(2028, 2, 29)) == D(2029, 2, 28)


def test_31_january_plus_one_month_is_29_february_in_2028() -> None:
    assert due("Review within 1 month of event", event=D(2028, 1, 31)) == D(2028, 2, 29)


def test_31_january_plus_one_month_is_28_february_in_2027() -> None:
    assert due("Review within 1 month of event", event=D(2027, 1, 31)) == D(2027, 2, 28)


def test_months_before_clip_to_the_end_of_a_shorter_month() -> None:
    assert due("Request 1 month before event", event=D(2028, 3, 31)) == D(2028, 2, 29)


def test_18th_birthday_of_a_leap_day_baby_is_28_february() -> None:
    assert due("Pathway plan on the 18th birthday", date_of_birth=D(2012, 2, 29)) == D(2030, 2, 28)


def test_age_in_years_and_months_clips_to_the_month_end() -> None:
    text = "Pathway plan by age 17 years and 6 months"
    assert due(text, date_of_birth=D(2010, 8, 31)) == D(2028, 2, 29)


# --------------------------------------------------------------------- hours, daylight saving


def test_hours_are_elapsed_time_across_the_clocks_going_forward() -> None:
    # 29 March 2026: 01:00 GMT becomes 02:00 BST; a day later by the clock is 23 hours.
    result = due("Visit within 24 hours of referral", referral=T(2026, 3, 28, 12, 0))
    assert result == T(2026, 3, 29, 13, 0)


def test_hours_skip_the_missing_hour_when_the_clocks_go_forward() -> None:
    result = due("Visit within 2 hours of referral", referral=T(2026, 3, 29, 0, 30))
    assert result == T(2026, 3, 29, 3, 30)


def test_hours_are_elapsed_time_across_the_clocks_going_back() -> None:
    # 25 October 2026: 02:00 BST becomes 01:00 GMT; the day has 25 hours.
    result = due("Visit within 24 hours of referral", referral=T(2026, 10, 24, 12, 0))
    assert result == T(2026, 10, 25, 11, 0)


def test_hours_before_count_back_across_the_clocks_going_back() -> None:
    result = due("Notice 24 hours before meeting", meeting=T(2026, 10, 25, 12, 0))
    assert result == T(2026, 10, 24, 13, 0)


def test_hours_are_a_date_time_deadline_when_the_anchor_has_a_time() -> None:
    result = due("Visit within 1 hour of referral", referral=T(2026, 3, 2, 23, 30))
    assert result == T(2026, 3, 3, 0, 30)


def test_multiple_of_24_hours_after_a_date_is_the_end_of_a_later_day() -> None:
    result = due("Visit within 48 hours of referral", referral=D(2026, 3, 6))
    assert result == D(2026, 3, 8)
    assert type(result) is dt.date


def test_72_hours_before_a_date_is_three_days_earlier() -> None:
    assert due("Notice 72 hours before meeting", meeting=D(2026, 12, 29)) == D(2026, 12, 26)


def test_hours_not_a_multiple_of_24_after_a_date_round_up_to_whole_days() -> None:
    assert due("Visit within 36 hours of referral", referral=D(2026, 3, 6)) == D(2026, 3, 8)
    assert due("Visit within 1 hour of referral", referral=D(2026, 3, 6)) == D(2026, 3, 7)


# --------------------------------------------------------------------- working hours


def test_24_working_hours_after_friday_afternoon_is_monday_afternoon() -> None:
    result = due("Visit within 24 working hours of referral", referral=T(2026, 3, 6, 14, 0))
    assert result == T(2026, 3, 9, 14, 0)


def test_24_working_hours_from_christmas_eve_resume_after_the_substitute_day() -> None:
    result = due("Visit within 24 working hours of referral", referral=T(2026, 12, 24, 9, 0))
    assert result == T(2026, 12, 29, 9, 0)


def test_working_hours_from_a_weekend_start_at_the_next_working_day() -> None:
    result = due("Visit within 6 working hours of referral", referral=T(2026, 3, 7, 15, 0))
    assert result == T(2026, 3, 9, 6, 0)


def test_working_hours_before_count_back_over_the_weekend() -> None:
    result = due("Notice 24 working hours before meeting", meeting=T(2026, 3, 9, 10, 0))
    assert result == T(2026, 3, 6, 10, 0)


def test_working_hours_with_office_hours_count_only_open_hours() -> None:
    office = england_and_wales().with_office_hours(dt.time(9), dt.time(17))
    # Friday 14:00-17:00 is 3 hours, then Monday 09:00-14:00 is 5.
    result = due("Visit within 8 working hours of referral", office, referral=T(2026, 3, 6, 14, 0))
    assert result == T(2026, 3, 9, 14, 0)


def test_working_hours_after_closing_time_start_at_the_next_opening() -> None:
    office = england_and_wales().with_office_hours(dt.time(9), dt.time(17))
    result = due("Visit within 2 working hours of referral", office, referral=T(2026, 3, 6, 18, 0))
    assert result == T(2026, 3, 9, 11, 0)


def test_office_hours_from_a_ruleset_header() -> None:
    header = "office hours 09:00 to 17:00"
    statement = "Visit within 8 working hours of referral"
    assert ruleset_due(header, statement, referral=T(2026, 12, 24, 13, 0)) == T(2026, 12, 29, 13, 0)


def test_working_hours_in_whole_days_from_a_date_are_working_days() -> None:
    result = due("Visit within 48 working hours of referral", referral=D(2026, 12, 24))
    assert result == D(2026, 12, 30)


def test_working_hours_from_a_date_start_at_the_beginning_of_the_next_working_day() -> None:
    result = due("Visit within 12 working hours of referral", referral=D(2026, 3, 6))
    assert result == T(2026, 3, 9, 12, 0)


# --------------------------------------------------------------------- ruleset conventions


def test_event_day_counts_as_day_1_in_a_ruleset() -> None:
    header = "event day counts as day 1"
    statement = "Minutes within 2 working days of meeting"
    assert ruleset_due(header, statement, meeting=D(2026, 3, 2)) == D(2026, 3, 3)
    assert ruleset_due("", statement, meeting=D(2026, 3, 2)) == D(2026, 3, 4)


def test_event_day_counts_as_day_1_for_calendar_days() -> None:
    header = "event day counts as day 1"
    assert ruleset_due(header, "Visit within 7 days of referral", referral=D(2026, 3, 1)) == D(
        2026, 3, 7
    )


def test_event_day_counts_as_day_1_leaves_weeks_and_months_alone() -> None:
    header = "event day counts as day 1"
    assert ruleset_due(header, "Visit within 2 weeks of referral", referral=D(2026, 3, 1)) == D(
        2026, 3, 15
    )
    assert ruleset_due(header, "Visit within 1 month of referral", referral=D(2026, 3, 1)) == D(
        2026, 4, 1
    )


def test_event_day_1_on_a_weekend_counts_from_the_next_working_day() -> None:
    header = "event day counts as day 1"
    statement = "Minutes within 1 working day of meeting"
    assert ruleset_due(header, statement, meeting=D(2026, 3, 7)) == D(2026, 3, 9)


def test_event_day_counts_as_day_1_through_compile_statement() -> None:
    rule = compile_statement("Minutes within 2 working days of meeting", event_day_number=1)
    assert rule.deadline({"meeting": D(2026, 12, 24)}).due == D(2026, 12, 29)


def test_bank_holidays_are_working_days_in_a_ruleset() -> None:
    header = "bank holidays are working days"
    assert ruleset_due(header, AFTER_1, meeting=D(2026, 12, 24)) == D(2026, 12, 25)
    assert ruleset_due(header, AFTER_1, meeting=D(2026, 12, 25)) == D(2026, 12, 28)


def test_closures_from_a_ruleset_header_are_skipped_and_named() -> None:
    ruleset = parse_ruleset(
        f'closed 2026-12-29 to 2026-12-31 "council Christmas closure"\n[r] {AFTER_1}\n'
    )
    result = ruleset.deadline("r", {"meeting": D(2026, 12, 24)})
    assert result.due == D(2027, 1, 4)
    names = skipped(result)
    assert names[D(2026, 12, 30)] == "council Christmas closure"
    assert names[D(2027, 1, 1)] == "New Year's Day"


def test_closures_in_a_header_join_a_scottish_calendar() -> None:
    header = 'calendar scotland\nclosed 2026-01-05 "training day"'
    assert ruleset_due(header, AFTER_1, meeting=D(2025, 12, 31)) == D(2026, 1, 6)


def test_a_different_weekend_from_a_ruleset_header() -> None:
    header = "weekend friday and saturday"
    # Thursday 5 March 2026: Friday and Saturday are the weekend, Sunday works.
    assert ruleset_due(header, AFTER_1, meeting=D(2026, 3, 5)) == D(2026, 3, 8)


# --------------------------------------------------------------------- vouched range


def test_anchor_before_1990_raises_calendar_range_error() -> None:
    with pytest.raises(CalendarRangeError, match="1989-12-29"):
        due(AFTER_1, meeting=D(1989, 12, 29))


def test_counting_past_2100_raises_calendar_range_error() -> None:
    with pytest.raises(CalendarRangeError):
        due("Minutes within 5 working days of meeting", meeting=D(2100, 12, 27))


def test_counting_back_before_1990_raises_calendar_range_error() -> None:
    with pytest.raises(CalendarRangeError):
        due("Report 5 working days before meeting", meeting=D(1990, 1, 3))


def test_working_hours_past_2100_raise_calendar_range_error() -> None:
    with pytest.raises(CalendarRangeError):
        due("Visit within 48 working hours of referral", referral=T(2100, 12, 31, 9, 0))


def test_rolling_outside_the_range_raises_calendar_range_error() -> None:
    text = "Visit within 3 months of referral, or the next working day"
    with pytest.raises(CalendarRangeError):
        due(text, referral=D(2100, 11, 15))


def test_the_last_vouched_working_day_is_still_counted() -> None:
    assert due(AFTER_1, meeting=D(2100, 12, 30)) == D(2100, 12, 31)


def test_a_wider_range_lets_counting_continue_past_2030() -> None:
    wider = england_and_wales().with_range(D(1990, 1, 1), D(2031, 12, 31))
    result = due("Minutes within 5 working days of meeting", wider, meeting=D(2030, 12, 27))
    assert result is not None and result.year == 2031


# --------------------------------------------------------------------- explanations


def test_explanation_names_each_skipped_holiday_and_weekend_day() -> None:
    result = deadline("Minutes within 3 working days of meeting", meeting=D(2027, 12, 23))
    assert result.due == D(2027, 12, 30)
    names = skipped(result)
    assert "Christmas Day" in names[D(2027, 12, 25)]
    assert "Saturday" in names[D(2027, 12, 25)]
    assert "Christmas Day" in names[D(2027, 12, 27)]
    assert "Boxing Day" in names[D(2027, 12, 28)]
    assert names[D(2027, 12, 26)].startswith("Sunday")


def test_explanation_steps_show_the_anchor_and_the_due_date() -> None:
    result = deadline(AFTER_1, meeting=D(2026, 12, 24))
    text = str(result.explanation)
    assert "Thu 24 Dec 2026" in text
    assert "Tue 29 Dec 2026" in text


def test_explanation_lists_no_skipped_days_when_none_were_skipped() -> None:
    assert deadline(AFTER_1, meeting=D(2026, 3, 2)).explanation.skipped == ()
