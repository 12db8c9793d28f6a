"""timescale export: the staff-facing table, and a CSV that imports back with the same meanings."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest

from timescale_dsl import load_ruleset, parse_ruleset
from timescale_dsl.framework.effects import outcome, plan_facts
from timescale_dsl.framework.importer import import_tables
from timescale_dsl.framework.spreadsheet import spreadsheet_safe, spreadsheet_unguarded
from timescale_dsl.framework.staff_table import CSV_COLUMNS, to_csv, to_html, to_markdown
from timescale_dsl.framework.tables import read_tables

from .conftest import FIXTURES, RULESETS

SMALL = FIXTURES / "small.timescales"

SMALL_MARKDOWN = """\
# Small framework

## Referral

| Process | Activity | Activity timescale | Record / system / form | Record timescale | Who records it |
|---|---|---|---|---|---|
| Contact | Contact | On the day of contact | EHM: Contact Form | Within 24 hours of contact[^1] | Duty worker |

## Meetings

| Process | Activity | Activity timescale | Record / system / form | Record timescale | Who records it |
|---|---|---|---|---|---|
| Review \\| meeting |  |  | LCS: Minutes | Within 15 working days of meeting | =Chair |
|  | Notes |  | LCS | As agreed |  |

## Notes

[^1]: [contact-form] 24 elapsed hours: weekends count.
"""


def test_markdown_groups_by_section_and_process_with_notes_as_footnotes():
    assert to_markdown(load_ruleset(SMALL)) == SMALL_MARKDOWN


def test_html_is_one_accessible_printable_page_without_external_assets():
    page = to_html(load_ruleset(SMALL))
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert "<title>Small framework</title>" in page
    assert page.count("<caption>") == 2
    assert "<caption>Referral</caption>" in page
    assert page.count('<th scope="col">') == 12
    assert '<th scope="rowgroup" rowspan="2">Review | meeting</th>' in page
    assert "@page { size: A4" in page
    assert '<li id="note-1">24 elapsed hours: weekends count.' in page
    assert '<a href="#note-1"' in page
    # Nothing is fetched: no scripts, stylesheets, images, fonts or remote URLs.
    assert not re.search(r"<(script|link|img|iframe)\b|@import|url\(|https?://", page)


def test_html_escapes_the_authors_text():
    text = SMALL.read_text(encoding="utf-8").replace('"Duty worker"', '"<b>Duty</b> & co"')
    page = to_html(parse_ruleset(text, "x.timescales"))
    assert "&lt;b&gt;Duty&lt;/b&gt; &amp; co" in page
    assert "<b>Duty</b>" not in page


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_html_text_colours_meet_wcag_aa_contrast_on_their_backgrounds():
    page = to_html(load_ruleset(SMALL))
    pairs = re.findall(r"background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6})", page)
    pairs += re.findall(r"color: (#[0-9a-f]{6}); background: (#[0-9a-f]{6})", page)
    assert pairs
    for first, second in pairs:
        light, dark = sorted((_relative_luminance(first), _relative_luminance(second)))[::-1]
        assert (light + 0.05) / (dark + 0.05) >= 4.5


def test_csv_has_one_row_per_rule_with_the_columns_named():
    rows = list(csv.reader(io.StringIO(to_csv(load_ruleset(SMALL)))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row[0] for row in rows[1:]] == ["contact", "contact-form", "minutes", "notes"]
    minutes = dict(zip(CSV_COLUMNS, rows[3], strict=True))
    assert minutes["timescale"] == "within 15 working days of meeting"
    assert minutes["recorded by"] == "'=Chair"
    assert minutes["source"] == "'-15 working days after the meeting"
    notes = dict(zip(CSV_COLUMNS, rows[4], strict=True))
    assert notes["timescale"] == 'no fixed timescale "As agreed"'


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+44 1603", "'+44 1603"),
        ("-5 days", "'-5 days"),
        ("@risk", "'@risk"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("-5", "-5"),
        ("+3.5", "+3.5"),
        ("within 5 days", "within 5 days"),
        ("", ""),
    ],
)
def test_spreadsheet_safe_guards_formula_starts_but_not_plain_numbers(cell, safe):
    assert spreadsheet_safe(cell) == safe
    assert spreadsheet_unguarded(spreadsheet_safe(cell)) == cell


def test_cli_export_writes_a_file_and_never_its_input(tmp_path, run):
    ruleset = tmp_path / "small.timescales"
    ruleset.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    status, _, err = run("export", str(ruleset), "--format", "csv", "-o", str(ruleset))
    assert status == 2 and "is the input" in err
    assert ruleset.read_text(encoding="utf-8") == SMALL.read_text(encoding="utf-8")
    out = tmp_path / "table.md"
    assert run("export", str(ruleset), "--format", "markdown", "-o", str(out))[0] == 0
    assert out.read_text(encoding="utf-8") == SMALL_MARKDOWN
    status, stdout, _ = run("export", str(ruleset), "--format", "html")
    assert status == 0 and stdout.startswith("<!DOCTYPE html>")
    assert run("export", str(tmp_path / "missing.timescales"), "--format", "csv")[0] == 2


def test_cli_export_takes_its_format_from_the_output_s_name(tmp_path, run):
    for name, opening in [("t.md", "# "), ("t.HTML", "<!DOCTYPE html>"), ("t.csv", "id,")]:
        out = tmp_path / name
        assert run("export", str(SMALL), "-o", str(out))[0] == 0
        assert out.read_text(encoding="utf-8").startswith(opening)
    assert (tmp_path / "t.md").read_text(encoding="utf-8") == SMALL_MARKDOWN
    for missing in (["-o", str(tmp_path / "t.xlsx")], []):
        status, stdout, err = run("export", str(SMALL), *missing)
        assert status == 2 and "give --format markdown, html or csv" in err and not stdout
    assert not (tmp_path / "t.xlsx").exists()


ANCHORS = [dt.date(2027, 1, 4), dt.date(2027, 3, 31), dt.date(2027, 5, 28), dt.date(2027, 12, 24)]


@pytest.mark.parametrize(
    "name", ["lcs-liquidlogic.timescales", "recording-timescales-framework.timescales"]
)
def test_export_to_csv_then_import_gives_the_same_rules_meanings(tmp_path, name):
    original = load_ruleset(RULESETS / name)
    table = tmp_path / "framework.csv"
    table.write_text(to_csv(original), encoding="utf-8")
    draft = import_tables(read_tables(table), origin=table.name)
    assert draft.summary.problems == ()
    again = parse_ruleset(draft.text, "again.timescales")
    assert [r.id for r in again] == [r.id for r in original]
    computable = 0
    for rule in original:
        back = again.rule(rule.id)
        assert (back.task, back.section, back.process) == (rule.task, rule.section, rule.process)
        assert (back.recorded_in, back.form, back.recorded_by) == (
            rule.recorded_in,
            rule.form,
            rule.recorded_by,
        )
        assert (back.source, back.note) == (rule.source, rule.note)
        assert back.is_fixed == rule.is_fixed
        if not rule.is_fixed:
            continue
        computable += 1
        plan = plan_facts([rule, back])
        for day in ANCHORS:
            for scenario in plan.scenarios:
                facts = plan.facts(day, scenario)
                assert outcome(back, facts) == outcome(rule, facts), (rule.id, day, scenario)
    assert computable > len(original) / 2


def test_staff_tables_name_the_task_a_rule_counts_from_not_its_id():
    text = 'fact "meeting" date\n[a] Assessment within 5 working days of meeting\n[b] Plan on the day of [a]\n'
    table = to_markdown(parse_ruleset(text, "x.timescales"))
    assert "| On the day of the deadline for Assessment |" in table
    assert "[a]" not in table
    assert "on the day of [a]" in to_csv(parse_ruleset(text, "x.timescales"))


def test_export_refuses_a_link_to_its_input(tmp_path, run):
    ruleset = tmp_path / "small.timescales"
    ruleset.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    link = tmp_path / "link.csv"
    link.hardlink_to(ruleset)
    status, _, err = run("export", str(ruleset), "--format", "csv", "-o", str(link))
    assert status == 2 and "is the input" in err
    assert ruleset.read_text(encoding="utf-8") == SMALL.read_text(encoding="utf-8")


def test_csv_round_trip_keeps_rules_without_section_or_process_apart(tmp_path):
    text = (
        'fact "meeting" date\n[loose] Loose within 2 days of meeting\n'
        'section "S"\nprocess "P"\n[a] A within 5 working days of meeting\n'
        'section "T"\n[b] B within 3 days of meeting\n'
    )
    table = tmp_path / "t.csv"
    table.write_text(to_csv(parse_ruleset(text, "x.timescales")), encoding="utf-8")
    again = parse_ruleset(import_tables(read_tables(table), origin="t.csv").text)
    assert [(r.id, r.section, r.process) for r in again] == [
        ("loose", None, None),
        ("a", "S", "P"),
        ("b", "T", None),
    ]


def test_html_tags_are_balanced():
    from html.parser import HTMLParser

    class Balance(HTMLParser):
        void = frozenset({"meta", "br"})

        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag not in self.void:
                self.stack.append(tag)

        def handle_endtag(self, tag):
            assert self.stack and self.stack.pop() == tag, tag

    checker = Balance()
    checker.feed(to_html(load_ruleset(RULESETS / "recording-timescales-framework.timescales")))
    assert checker.stack == []
