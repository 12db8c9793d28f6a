"""Absurd counts, dates and depths: refused at check time with a code, or at evaluation
with the library's own error; check and load agree; no recursion or quadratic work."""

from __future__ import annotations

import datetime as dt

import pytest

from timescale_dsl import check_ruleset_text, compile_statement, parse_ruleset
from timescale_dsl.calendars.registry import calendar_by_name
from timescale_dsl.errors import (
    CalendarRangeError,
    DateOutOfRangeError,
    EvaluationError,
    RulesetError,
    did_you_mean,
)
from timescale_dsl.limits import (
    MAX_COUNT,
    MAX_NOT_DEPTH,
    MAX_REFERENCE_DEPTH,
    MAX_STATEMENT_WORDS,
)

DAY = dt.date(2026, 1, 5)


def error_codes(text: str) -> list[str]:
    return [d.code for d in check_ruleset_text(text) if d.is_error]


def check_and_load_agree(text: str) -> list[str]:
    """The error codes check gives; load must raise exactly when there are some."""
    codes = error_codes(text)
    if codes:
        with pytest.raises(RulesetError) as raised:
            parse_ruleset(text)
        assert [d.code for d in raised.value.diagnostics if d.is_error] == codes
    else:
        parse_ruleset(text)
    return codes


# -- check time ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("closed 0001-01-01 to 9999-12-31\nA within 1 day of x\n", "TS132"),
        ("closed 2026-02-30\nA within 1 day of x\n", "TS135"),
        ("closed 0000-01-01\nA within 1 day of x\n", "TS135"),
        ("office hours 09:00 to 24:00\nA within 1 day of x\n", "TS135"),
        ("office hours 09:60 to 17:00\nA within 1 day of x\n", "TS135"),
        ("A on the 0th birthday\n", "TS131"),
        ("A on the 151st birthday\n", "TS131"),
        ("A by age 0 years\n", "TS131"),
        ("A by age 200 years\n", "TS131"),
        (f"A within {MAX_COUNT + 1} days of x\n", "TS130"),
        ("A within 10000000000000000000000000000000 years of x\n", "TS130"),
        ("A within " + "9" * 5000 + " days of x\n", "TS130"),
        ("A within 1 day of x, then every 99999 hours\n", "TS130"),
        ("A between 1 and 99999 days after x\n", "TS130"),
        ("A within 1 day of x if " + "not " * (MAX_NOT_DEPTH + 1) + "y\n", "TS136"),
        (
            "weekend monday, tuesday, wednesday, thursday, friday, saturday and sunday\n"
            "A within 1 working day of x\n",
            "TS134",
        ),
    ],
)
def test_absurd_values_are_refused_by_check_and_by_load(text: str, code: str) -> None:
    assert code in check_and_load_agree(text)


def test_bounds_themselves_are_allowed() -> None:
    text = (
        "closed 2026-01-01 to 2026-12-31\n"
        "office hours 00:00 to 23:59\n"
        f"A within {MAX_COUNT} hours of x\n"
        "B on the 150th birthday\n"
        "C by age 0 years and 1 month\n"
        "D within 1 day of x if " + "not " * MAX_NOT_DEPTH + "y\n"
    )
    assert check_and_load_agree(text) == []


def test_a_closure_ending_on_the_last_representable_day_loads() -> None:
    ruleset = parse_ruleset("closed 9999-12-31\nA within 1 day of x\n")
    assert ruleset.rule("a").deadline({"x": DAY}).due == dt.date(2026, 1, 6)


def test_a_number_too_long_is_refused_without_reading_it() -> None:
    [diagnostic] = check_ruleset_text("A within " + "1" * 100_000 + " days of x\n")
    assert diagnostic.code == "TS130"
    assert "100000 digits" in diagnostic.message
    assert (diagnostic.span.line, diagnostic.span.column) == (1, 10)  # type: ignore[union-attr]


def test_too_many_words_in_a_statement_are_refused() -> None:
    text = "A " + "word " * MAX_STATEMENT_WORDS + "within 1 day of x\n"
    assert error_codes(text) == ["TS136"]
    with pytest.raises(RulesetError):
        compile_statement(text)


# -- no recursion a long input can exhaust -----------------------------------------------
@pytest.mark.parametrize(
    "statement",
    [
        " ".join(["Task"] * 5000) + " within 1 day of x",
        "A within 1 day of " + " ".join(["event"] * 5000),
        "A within 1 day of x if " + " and ".join(["y"] * 3000),
        "A within 1 day of x if " + " or ".join(["y"] * 3000),
        "A within 1 day of x if " + " ".join(["long"] * 3000) + " is " + " ".join(["v"] * 3000),
    ],
)
def test_long_names_and_chains_compile(statement: str) -> None:
    rule = compile_statement(statement)
    assert rule.timescale


def test_a_long_chain_of_rule_references_is_refused_at_check_time() -> None:
    lines = [f"[r{i}] A{i} within 1 day of [r{i + 1}]" for i in range(2000)]
    text = "\n".join([*lines, "[r2000] Z within 1 working day of x"]) + "\n"
    diagnostics = [d for d in check_ruleset_text(text) if d.is_error]
    assert [d.code for d in diagnostics] == ["TS133"]
    assert "[r0]" in diagnostics[0].message
    with pytest.raises(RulesetError):
        parse_ruleset(text)


def test_a_reference_chain_at_the_bound_evaluates() -> None:
    depth = MAX_REFERENCE_DEPTH
    lines = [f"[r{i}] A{i} within 1 day of [r{i + 1}]" for i in range(depth)]
    text = "\n".join([*lines, f"[r{depth}] Z on the day of x"]) + "\n"
    ruleset = parse_ruleset(text)
    due = ruleset.rule("r0").deadline({"x": DAY}).due
    assert due == DAY + dt.timedelta(days=depth)


def test_a_long_cycle_is_reported_not_recursed() -> None:
    lines = [f"[r{i}] A{i} within 1 day of [r{(i + 1) % 1500}]" for i in range(1500)]
    codes = error_codes("\n".join(lines) + "\n")
    assert "TS106" in codes


# -- bounded work ---------------------------------------------------------------------------
def test_suggestions_skip_words_far_longer_than_any_keyword(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import timescale_dsl.errors as errors
    import timescale_dsl.validate as validate

    compared: list[tuple[int, int]] = []
    real = errors.edit_distance

    def counting(a: str, b: str) -> int:
        compared.append((len(a), len(b)))
        return real(a, b)

    real_close = errors.one_edit_apart

    def counting_close(a: str, b: str) -> bool:
        compared.append((len(a), len(b)))
        return real_close(a, b)

    monkeypatch.setattr(errors, "edit_distance", counting)
    monkeypatch.setattr(validate, "one_edit_apart", counting_close)
    word = "b" * 1_000_000
    assert did_you_mean(word, ["within", "working"]) is None
    check_ruleset_text(f"A {word} within 1 day of x\n")
    check_ruleset_text(f"A within 1 {word} of x\n")
    assert compared == [] or max(a for a, _ in compared) < 20
    assert did_you_mean("wihtin", ["within", "working"]) == "within"


def test_ten_thousand_then_within_steps_evaluate() -> None:
    rule = compile_statement("A within 1 day of x" + ", then within 1 day" * 10_000)
    deadline = rule.deadline({"x": DAY}, projection=3)
    assert deadline.due == DAY + dt.timedelta(days=1)
    assert deadline.schedule == tuple(DAY + dt.timedelta(days=n) for n in (2, 3, 4))


# -- evaluation ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("statement", "facts"),
    [
        ("A within 10 days of x", {"x": dt.date(9999, 12, 28)}),
        ("A 10 days before x", {"x": dt.date(1, 1, 3)}),
        ("A within 2 weeks of x", {"x": dt.date(9999, 12, 28)}),
        ("A within 10 months of x", {"x": dt.date(9999, 12, 28)}),
        ("A within 10000 years of x", {"x": dt.date(2026, 1, 1)}),
        ("A 3 years before x", {"x": dt.date(2, 1, 1)}),
        ("A within 72 hours of x", {"x": dt.datetime(9999, 12, 30, 9)}),
        ("A within 72 hours of x", {"x": dt.date(9999, 12, 30)}),
        ("A by age 150 years", {"date of birth": dt.date(9900, 1, 1)}),
        ("A on the 150th birthday", {"date of birth": dt.date(9900, 1, 1)}),
    ],
)
def test_dates_past_year_9999_or_before_year_1_are_the_librarys_error(
    statement: str, facts: dict[str, object]
) -> None:
    rule = compile_statement(statement)
    with pytest.raises(EvaluationError) as raised:
        rule.deadline(facts)
    assert isinstance(raised.value, CalendarRangeError)
    assert isinstance(raised.value, DateOutOfRangeError)
    assert str(raised.value).startswith("A: ")
    assert "years 1 to 9999" in str(raised.value)
    [fact] = facts
    assert f" {fact} (" in str(raised.value)  # the fact counted from, then its value


def test_a_recurrence_projected_past_the_calendar_keeps_its_first_due_date() -> None:
    rule = compile_statement("A within 1 working day of x, then every 100 working days")
    deadline = rule.deadline({"x": dt.date(2100, 6, 3)})
    assert deadline.due == dt.date(2100, 6, 4)
    assert len(deadline.schedule) == 1  # the next would fall past 2100, the data's end
    assert dt.date(2100, 10, 1) < deadline.schedule[0] <= dt.date(2100, 12, 31)
    assert any("not projected" in step for step in deadline.explanation.steps)


def test_a_recurrence_projected_past_year_9999_keeps_its_first_due_date() -> None:
    rule = compile_statement("A within 1 day of x, then every 3000 years")
    deadline = rule.deadline({"x": dt.date(2026, 1, 1)})
    assert deadline.due == dt.date(2026, 1, 2)
    assert deadline.schedule == (dt.date(5026, 1, 2), dt.date(8026, 1, 2))


def test_a_calendar_without_working_days_says_so() -> None:
    everything = calendar_by_name("england-and-wales").with_weekend(range(7))
    rule = compile_statement("A within 1 working day of x", everything)
    with pytest.raises(CalendarRangeError, match="has no working days"):
        rule.deadline({"x": DAY})


def test_a_calendar_closed_on_every_day_says_so_too() -> None:
    closures = []
    first = dt.date(1990, 1, 1)
    while first <= dt.date(2100, 12, 31):
        last = first + dt.timedelta(days=365)
        closures.append(f"closed {first} to {last}")
        first = last + dt.timedelta(days=1)
    text = "\n".join([*closures, "A within 1 working day of x", ""])
    assert error_codes(text) == []
    rule = parse_ruleset(text).rule("a")
    with pytest.raises(CalendarRangeError, match="has no working days"):
        rule.deadline({"x": DAY})


def test_continuation_lines_count_as_one_statement() -> None:
    half = "word " * (MAX_STATEMENT_WORDS // 2 + 1)
    text = 'title "t"\nA ' + half + "\\\n" + half + "within 1 day of x\n"
    [diagnostic] = [d for d in check_ruleset_text(text) if d.is_error]
    assert diagnostic.code == "TS136"
    assert diagnostic.span is not None and diagnostic.span.line == 2
