"""timescale diff: planted changes are reported exactly, by their effect on deadlines."""

from __future__ import annotations

import datetime as dt
import json

from timescale_dsl import parse_ruleset
from timescale_dsl.framework.diff import diff_rulesets

OLD = """\
title "Test framework"
calendar england-and-wales
fact "meeting" date
fact "referral" date

section "Child Protection"
process "Conference"

[minutes] Minutes within 15 working days of meeting
    source "15 working days after the meeting"

[visit] Visit within 10 working days of referral

[plan] Plan within 2 weeks of meeting

[summary] Summary 5 working days after meeting

[old-record] Old record on the day of referral
"""

# Planted: a changed count (minutes), a changed unit (visit), a reworded-only
# rule (plan: 2 weeks -> 14 days), a statement reworded as the parser reads it
# alike (summary), a removed rule (old-record) and an added one (new-record).
NEW = """\
title "Test framework"
calendar england-and-wales
fact "meeting" date
fact "referral" date

section "Child Protection"
process "Conference"

[minutes] Minutes within 20 working days of meeting
    source "15 working days after the meeting"

[visit] Visit within 10 days of referral

[plan] Plan within 14 days of meeting

[summary] Summary within 5 working days of meeting

[new-record] New record on the day of meeting
"""

MONDAY = dt.date(2027, 1, 4)


def _diff(old: str, new: str, first: dt.date = MONDAY, last: dt.date = MONDAY):
    return diff_rulesets(
        parse_ruleset(old, "old.timescales"),
        parse_ruleset(new, "new.timescales"),
        first,
        last,
        (old, new),
    )


def test_added_and_removed_rules_are_matched_by_id():
    diff = _diff(OLD, NEW)
    assert [r.id for r in diff.added] == ["new-record"]
    assert [r.id for r in diff.removed] == ["old-record"]
    assert diff.meaning_changed


def test_a_changed_count_moves_every_deadline_by_the_difference():
    diff = _diff(OLD, NEW, MONDAY, MONDAY + dt.timedelta(days=59))
    (change,) = [c for c in diff.changed if c.id == "minutes"]
    assert change.kind == "meaning"
    assert change.fields == ("timescale",)
    move = change.movement
    assert move is not None
    assert (move.compared, move.moved) == (60, 60)
    assert (move.earliest_shift, move.latest_shift) == (5, 5)
    assert move.example is not None
    assert move.example.facts == {"meeting": "2027-01-04"}
    assert (move.example.old, move.example.new) == ("due 2027-01-25", "due 2027-02-01")


def test_a_changed_unit_reports_the_shift_in_working_days():
    diff = _diff(OLD, NEW)
    (change,) = [c for c in diff.changed if c.id == "visit"]
    assert change.kind == "meaning"
    move = change.movement
    assert move is not None and move.example is not None
    # 10 working days from Monday 4 January 2027 is the 18th; 10 days is the 14th.
    assert (move.example.old, move.example.new) == ("due 2027-01-18", "due 2027-01-14")
    assert (move.earliest_shift, move.latest_shift) == (-2, -2)


def test_a_reworded_rule_with_the_same_deadlines_is_a_wording_change():
    diff = _diff(OLD, NEW, MONDAY, MONDAY + dt.timedelta(days=365))
    by_id = {c.id: c for c in diff.changed}
    assert by_id["plan"].kind == "wording"
    assert by_id["plan"].fields == ("timescale",)
    assert by_id["summary"].kind == "wording"
    assert by_id["summary"].fields == ("statement",)
    assert set(by_id) == {"minutes", "visit", "plan", "summary"}


def test_a_new_closure_day_is_a_header_change_with_the_rules_it_moves():
    new = OLD.replace(
        "calendar england-and-wales\n",
        'calendar england-and-wales\nclosed 2027-01-06 "Training day"\n',
    )
    diff = _diff(OLD, new, MONDAY, MONDAY)
    (header,) = diff.header
    assert header.field == "closures"
    assert (header.old, header.new) == ([], ["2027-01-06 Training day"])
    # Working-day rules counting over the 6th move; the 14-day plan and same-day rule do not.
    assert [rule_id for rule_id, _ in header.moves] == ["minutes", "visit", "summary"]
    assert all(move.earliest_shift == 1 for _, move in header.moves)
    assert diff.changed == ()
    assert diff.meaning_changed


def test_nothing_changed_in_meaning_exits_0_and_a_change_exits_1(tmp_path, run):
    old = tmp_path / "old.timescales"
    old.write_text(OLD, encoding="utf-8")
    reworded = tmp_path / "reworded.timescales"
    reworded.write_text(OLD.replace("within 2 weeks of meeting", "within 14 days of meeting"))
    new = tmp_path / "new.timescales"
    new.write_text(NEW, encoding="utf-8")
    status, out, _ = run("diff", str(old), str(old))
    assert status == 0
    assert out.endswith(
        "0 added, 0 removed, 0 changed in meaning, 0 in wording only, 0 header change(s)\n"
    )
    status, out, _ = run(
        "diff", str(old), str(reworded), "--from", "2027-01-04", "--to", "2027-01-10"
    )
    assert status == 0
    assert "reworded [plan] Plan (timescale)" in out
    status, out, _ = run("diff", str(old), str(new), "--from", "2027-01-04", "--to", "2027-01-04")
    assert status == 1
    assert "changed  [minutes] Minutes (timescale)" in out
    assert "    1 of 1 deadlines move, by +5 working days" in out
    assert (
        "    e.g. meeting = 2027-01-04: was due 2027-01-25, now due 2027-02-01 (+5 working days)"
        in out
    )


def test_stdin_either_side_and_json_output(tmp_path, run, monkeypatch):
    import io

    new = tmp_path / "new.timescales"
    new.write_text(NEW, encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(OLD))
    status, out, _ = run(
        "diff", "-", str(new), "--json", "--from", "2027-01-04", "--to", "2027-01-04"
    )
    assert status == 1
    data = json.loads(out)
    assert data["old"] == "<stdin>"
    assert [a["id"] for a in data["added"]] == ["new-record"]
    assert [r["id"] for r in data["removed"]] == ["old-record"]
    assert {c["id"]: c["kind"] for c in data["changed"]} == {
        "minutes": "meaning",
        "visit": "meaning",
        "plan": "wording",
        "summary": "wording",
    }
    assert data["header"] == []
    minutes = next(c for c in data["changed"] if c["id"] == "minutes")
    assert minutes["deadlines"]["moved"] == 1
    assert minutes["deadlines"]["earliest_shift"] == 5


def test_errors_exit_2_like_diff(tmp_path, run, monkeypatch):
    import io

    good = tmp_path / "good.timescales"
    good.write_text(OLD, encoding="utf-8")
    bad = tmp_path / "bad.timescales"
    bad.write_text("Minutes wihtin 15 working days of\n", encoding="utf-8")
    status, _, err = run("diff", str(good), str(bad))
    assert status == 2 and "bad.timescales:1" in err
    assert run("diff", str(good), str(tmp_path / "missing.timescales"))[0] == 2
    status, _, err = run("diff", str(good), str(good), "--from", "2027-02-01", "--to", "2027-01-01")
    assert status == 2 and "before --from" in err
    monkeypatch.setattr("sys.stdin", io.StringIO(OLD))
    status, _, err = run("diff", "-", "-")
    assert status == 2 and "only one side" in err


def test_a_rule_counting_from_a_changed_rule_moves_with_it():
    old = 'fact "meeting" date\n[a] A within 5 working days of meeting\n[b] B within 2 working days of [a]\n'
    new = old.replace("within 5 working days", "within 6 working days")
    diff = _diff(old, new)
    by_id = {c.id: c for c in diff.changed}
    assert by_id["b"].kind == "meaning" and by_id["b"].fields == ()
    assert by_id["b"].movement is not None and by_id["b"].movement.earliest_shift == 1


def test_conditions_are_tried_both_ways():
    old = (
        'fact "referral" date\nfact "urgent" boolean\n'
        "[v] Visit within 1 day of referral if urgent; otherwise within 7 days of referral\n"
    )
    new = old.replace("within 1 day", "within 2 days")
    diff = _diff(old, new)
    (change,) = diff.changed
    assert change.movement is not None
    assert (change.movement.compared, change.movement.moved) == (2, 1)
    assert change.movement.example is not None
    assert change.movement.example.facts["urgent"] == "true"


def test_a_count_too_large_for_any_date_is_a_change_not_a_crash(run, tmp_path):
    old = tmp_path / "old.timescales"
    old.write_text('fact "x" date\n[a] A within 5 days of x\n', encoding="utf-8")
    new = tmp_path / "new.timescales"
    new.write_text('fact "x" date\n[a] A within 10000 years of x\n', encoding="utf-8")
    status, out, _ = run("diff", str(old), str(new), "--from", "2027-01-01", "--to", "2027-01-01")
    assert status == 1
    assert "now error: A: 10000 years after x" in out
    assert "(years 1 to 9999)" in out


def test_a_count_over_the_language_limit_is_an_error_in_the_new_file(run, tmp_path):
    old = tmp_path / "old.timescales"
    old.write_text('fact "x" date\n[a] A within 5 days of x\n', encoding="utf-8")
    new = tmp_path / "new.timescales"
    new.write_text('fact "x" date\n[a] A within 99999999999 days of x\n', encoding="utf-8")
    status, _, err = run("diff", str(old), str(new))
    assert status == 2
    assert "new.timescales:2:" in err
