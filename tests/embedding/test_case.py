"""The case-level API: Ruleset.evaluate, scoped episodes, Deadline.status; the docs' example."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from timescale_dsl import (
    Case,
    Episode,
    FactTypeError,
    FactValueError,
    UnknownRuleError,
    compile_statement,
    load_ruleset,
    parse_ruleset,
)

ROOT = Path(__file__).resolve().parents[2]
D, T = dt.date, dt.datetime
TEXT = (
    'fact "risk" text one of "high", "low"\n'
    'fact "referral" date\nfact "actual meeting" date\nfact "scheduled meeting" date\n'
    'fact "urgent" boolean\nfact "serious" boolean\n'
    '[visit] Visit within 1 working day of referral if risk is "high"\n'
    "[record] Record within 2 working days of referral\n"
    "[open] Plan: no fixed timescale\n"
    "[both] Both within 1 day of referral if urgent; within 2 days of referral if serious\n"
    'process "Review"\n'
    "[minutes] Minutes within 15 working days of actual meeting\n"
    "[report] Report 5 working days before scheduled meeting\n"
)


def _docs_example() -> tuple[str, str]:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    match = re.search(
        r"<!-- worked example[^>]*-->\n```python\n(.*?)```\n\nprints\n\n```text\n(.*?)```",
        text,
        re.S,
    )
    assert match, "the worked example is missing from docs/api.md"
    return match[1], match[2]


def test_the_docs_worked_example_runs_and_prints_what_the_docs_say(tmp_path):
    code, printed = _docs_example()
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == printed


def test_the_docs_worked_example_passes_mypy_strict(tmp_path):
    code, _ = _docs_example()
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / ".mypy"),
            str(script),
        ],
        capture_output=True,
        text=True,
        env={"MYPYPATH": str(ROOT / "src"), "PATH": ""},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_each_rule_gets_an_outcome_saying_why():
    ruleset = parse_ruleset(TEXT, "case.timescales")
    result = ruleset.evaluate({"referral": D(2026, 6, 1), "risk": "low"}, as_of=D(2026, 6, 2))
    kinds = {o.rule_id: o.kind for o in result}
    assert kinds == {
        "visit": "not_applicable",
        "record": "due",
        "open": "no_fixed_timescale",
        "both": "waiting",
        "minutes": "waiting",
        "report": "waiting",
    }
    (both,) = result.for_rule("both")
    assert both.missing == ("urgent", "serious")
    assert "urgent" in both.reason
    (record,) = result.for_rule("record")
    assert record.deadline is not None and record.deadline.due == D(2026, 6, 3)
    assert record.status is not None and record.status.status == "open"
    assert not result.for_rule("minutes")[0].started
    assert result.for_rule("record")[0].started


def test_two_alternatives_applying_is_an_error_outcome_not_an_exception():
    ruleset = parse_ruleset(TEXT, "case.timescales")
    result = ruleset.evaluate({"referral": D(2026, 6, 1), "urgent": True, "serious": True})
    (both,) = result.for_rule("both")
    assert both.kind == "error"
    assert "more than one alternative applies" in both.reason


def test_episodes_scope_facts_per_meeting():
    ruleset = parse_ruleset(TEXT, "case.timescales")
    case = Case(
        {"referral": D(2026, 6, 1)},
        [
            Episode(
                "review",
                {"actual meeting": D(2026, 6, 10)},
                label="first",
                completed={"minutes": D(2026, 7, 10)},
            ),
            Episode(
                "Review",
                {"actual meeting": D(2026, 9, 9), "scheduled meeting": D(2026, 9, 9)},
                label="second",
            ),
        ],
    )
    result = ruleset.evaluate(case, as_of=D(2026, 10, 1), completed={"record": D(2026, 6, 2)})
    minutes = result.for_rule("minutes")
    assert [o.episode.label for o in minutes if o.episode] == ["first", "second"]
    first, second = minutes
    assert first.deadline and first.deadline.due == D(2026, 7, 1)
    assert first.status and first.status.status == "late"
    assert first.status.working_days_late == 7
    assert second.deadline and second.deadline.due == D(2026, 9, 30)
    assert second.status and second.status.status == "overdue"
    reports = result.for_rule("report")
    assert [o.kind for o in reports] == ["waiting", "due"]
    (record,) = result.for_rule("record")
    assert record.episode is None and record.status and record.status.status == "on_time"


def test_input_mistakes_raise_with_suggestions():
    ruleset = parse_ruleset(TEXT, "case.timescales")
    with pytest.raises(FactValueError) as process:
        ruleset.evaluate(Case({}, [Episode("Reveiw", {})]))
    assert process.value.suggestion == "Review"
    with pytest.raises(UnknownRuleError) as rule:
        ruleset.evaluate({}, completed={"recrod": D(2026, 1, 1)})
    assert rule.value.suggestion == "record"
    with pytest.raises(FactTypeError):
        ruleset.evaluate({"referral": 5})
    with pytest.raises(FactValueError):
        ruleset.evaluate({"referral": D(2026, 6, 1), "risk": "medium"})


# ------------------------------------------------------------------ Deadline.status


@pytest.mark.parametrize(
    "completed, as_of, expected",
    [
        (None, D(2026, 12, 30), ("open", None, None)),
        (None, D(2026, 12, 31), ("overdue", 1, 1)),
        (None, T(2027, 1, 4, 9, 0), ("overdue", 2, 5)),
        (D(2026, 12, 30), None, ("on_time", 0, 0)),
        (T(2026, 12, 30, 23, 59), None, ("on_time", 0, 0)),
        ("2026-12-31", None, ("late", 1, 1)),
        (T(2026, 12, 31, 0, 30, tzinfo=dt.UTC), None, ("late", 1, 1)),
        (T(2026, 12, 30, 23, 30, tzinfo=dt.UTC), None, ("on_time", 0, 0)),
    ],
)
def test_status_and_lateness(completed, as_of, expected):
    # 2 working days after Thu 24 Dec 2026: Tue 29, Wed 30 (28 is the Boxing Day substitute).
    deadline = compile_statement("A within 2 working days of x").deadline({"x": D(2026, 12, 24)})
    assert deadline.due == D(2026, 12, 30)
    status = deadline.status(completed, as_of=as_of or D(2027, 6, 1))
    assert (status.status, status.working_days_late, status.calendar_days_late) == expected


def test_status_early_and_target():
    rule = compile_statement("A within 45 working days of x (target 35 working days)")
    deadline = rule.deadline({"x": D(2026, 3, 2)})
    assert deadline.target is not None and deadline.due is not None
    on_target = deadline.status(deadline.target, as_of=D(2027, 1, 1))
    assert (on_target.status, on_target.target_met) == ("on_time", True)
    after_target = deadline.status(deadline.due, as_of=D(2027, 1, 1))
    assert (after_target.status, after_target.target_met) == ("on_time", False)
    assert deadline.status(None, as_of=deadline.target).target_met is None
    window = compile_statement("A between 11 and 15 working days after x").deadline(
        {"x": D(2026, 3, 2)}
    )
    assert window.earliest is not None
    early = window.status(D(2026, 3, 3), as_of=D(2027, 1, 1))
    assert (early.status, early.working_days_late) == ("early", 0)


def test_status_of_no_fixed_timescale():
    deadline = compile_statement("A: no fixed timescale").deadline({})
    assert deadline.status(D(2026, 1, 1), as_of=D(2026, 1, 1)).status == "no_timescale"


def test_bundled_case_evaluates_every_rule():
    ruleset = load_ruleset("recording-timescales-framework")
    result = ruleset.evaluate({}, as_of=D(2026, 1, 1))
    assert len(result) == len(ruleset)
    assert {o.kind for o in result} <= {"waiting", "no_fixed_timescale", "not_applicable"}


def test_explanations_on_request():
    ruleset = parse_ruleset(TEXT, "case.timescales")
    facts = {"referral": D(2026, 12, 24)}
    (quick,) = ruleset.evaluate(facts, as_of=D(2027, 1, 1)).for_rule("record")
    (full,) = ruleset.evaluate(facts, as_of=D(2027, 1, 1), explain=True).for_rule("record")
    assert quick.deadline and full.deadline and quick.deadline.due == full.deadline.due
    assert "2 working days after referral: Wed 30 Dec 2026" in full.deadline.explanation.steps
    assert quick.deadline.explanation.steps != full.deadline.explanation.steps
