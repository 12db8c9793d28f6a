"""Both seed frameworks are encoded completely: every source row has rules, every rule a row.

The fixture (``source_rows.py``) lists every table row of the sources with the
rules encoding it. These tests check the fixture against the rule files (and,
where the seed documents are on disk, against the documents themselves), that
each rule keeps the source's wording verbatim, and that both files validate
with no errors and no warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from timescale_dsl import Ruleset, check_ruleset_text, load_ruleset
from timescale_dsl.cli import main

from .source_rows import JOINED_SOURCES, ROWS, RULESETS, SEEDS, SourceRow

NAMES = sorted(SEEDS)
PREFIX = {"lcs-liquidlogic": "lcs-", "recording-timescales-framework": "rtf-"}


def ruleset_path(name: str) -> Path:
    return RULESETS / f"{name}.timescales"


@pytest.fixture(scope="module", params=NAMES)
def name(request: pytest.FixtureRequest) -> str:
    value: str = request.param
    return value


@pytest.fixture(scope="module")
def ruleset(name: str) -> Ruleset:
    return load_ruleset(ruleset_path(name))


def rows_of(name: str) -> list[SourceRow]:
    return [row for row in ROWS if row.ruleset == name]


def fold(text: str) -> str:
    return " ".join(text.split())


# -- the coverage check itself -------------------------------------------------------
def coverage_problems(rows: Iterable[SourceRow], rule_ids: Iterable[str]) -> list[str]:
    """Rows without rules, rows naming unknown rules, rules without rows."""
    known = list(rule_ids)
    listed: set[str] = set()
    problems = []
    for row in rows:
        if not row.rules:
            problems.append(f"row {row.cells[:2]} has no rule")
        for rule_id in row.rules:
            listed.add(rule_id)
            if rule_id not in known:
                problems.append(f"row {row.cells[:2]} names unknown rule [{rule_id}]")
    problems.extend(f"rule [{r}] has no source row" for r in known if r not in listed)
    return problems


def test_coverage_check_reports_each_kind_of_gap() -> None:
    rows = [
        SourceRow("x", "S", ("A", "when", "record"), record_rules=("a",)),
        SourceRow("x", "S", ("B", "when", "record")),
        SourceRow("x", "S", ("C", "when", "record"), activity_rules=("ghost",)),
    ]
    assert coverage_problems(rows, ["a", "orphan"]) == [
        "row ('B', 'when') has no rule",
        "row ('C', 'when') names unknown rule [ghost]",
        "rule [orphan] has no source row",
    ]
    assert coverage_problems(rows[:1], ["a"]) == []


def test_every_row_has_a_rule_and_every_rule_a_row(name: str, ruleset: Ruleset) -> None:
    assert coverage_problems(rows_of(name), [rule.id for rule in ruleset]) == []


def test_rule_ids_are_unique_and_prefixed(name: str, ruleset: Ruleset) -> None:
    ids = [rule.id for rule in ruleset]
    assert len(ids) == len(set(ids))
    assert all(rule_id.startswith(PREFIX[name]) for rule_id in ids)


def test_rows_fill_the_right_columns(name: str) -> None:
    for row in rows_of(name):
        if name == "recording-timescales-framework":
            _task, when, records, by_when, who = row.cells
            # The timescale column (when filled) is encoded by activity rules,
            # the record columns by record rules.
            assert bool(when) == bool(row.activity_rules), row.cells[:2]
            assert bool(records or by_when or who) == bool(row.record_rules), row.cells[:2]
        else:
            process, _event, when = row.cells
            assert when and row.record_rules, row.cells
            timed_heading = bool(re.search(r"\d", process)) and "Section 47" not in process
            assert timed_heading == bool(row.activity_rules), row.cells


def test_rules_sit_in_their_rows_section(name: str, ruleset: Ruleset) -> None:
    for row in rows_of(name):
        for rule_id in row.rules:
            section = ruleset.rule(rule_id).section
            assert section is not None
            assert section.casefold() == row.section.casefold(), rule_id


def test_seed_000_rules_sit_under_their_process() -> None:
    ruleset = load_ruleset(ruleset_path("lcs-liquidlogic"))
    process = ""
    for row in rows_of("lcs-liquidlogic"):
        process = row.cells[0] or process
        for rule_id in row.rules:
            rule_process = ruleset.rule(rule_id).process
            assert rule_process and process.startswith(rule_process), (rule_id, process)


# -- faithful wording ----------------------------------------------------------------
def test_every_rule_keeps_the_source_wording_verbatim(name: str, ruleset: Ruleset) -> None:
    cells = [fold(cell) for row in rows_of(name) for cell in row.cells if cell]
    corpus = "\n".join(cells)
    for rule in ruleset:
        assert rule.source, f"[{rule.id}] has no source line"
        pieces = JOINED_SOURCES.get(rule.id)
        if pieces is None:
            assert fold(rule.source) in corpus, rule.id
        else:
            assert fold(rule.source) == fold(" ".join(pieces)), rule.id
            assert all(fold(piece) in corpus for piece in pieces), rule.id


def test_joined_sources_name_rules_of_these_rulesets() -> None:
    ids = {rule.id for name in NAMES for rule in load_ruleset(ruleset_path(name))}
    assert set(JOINED_SOURCES) <= ids


def test_rules_without_a_timescale_keep_the_source_wording(ruleset: Ruleset) -> None:
    unfixed = [rule for rule in ruleset if not rule.is_fixed]
    assert unfixed
    for rule in unfixed:
        deadline = rule.deadline({})
        assert deadline.due is None
        assert deadline.no_fixed_timescale, rule.id


def test_record_rules_say_where_and_who(name: str, ruleset: Ruleset) -> None:
    for row in rows_of(name):
        if row.record_rules:
            recorded = [ruleset.rule(r) for r in row.record_rules]
            assert any(rule.recorded_in for rule in recorded), row.cells[:2]
    for rule in ruleset:
        if rule.recorded_in:
            assert rule.recorded_by, rule.id


def test_seed_001_records_name_their_form() -> None:
    ruleset = load_ruleset(ruleset_path("recording-timescales-framework"))
    for rule in ruleset:
        if rule.recorded_in:
            assert rule.form, rule.id


# -- validation ----------------------------------------------------------------------
def test_ruleset_validates_with_no_findings(name: str) -> None:
    path = ruleset_path(name)
    findings = check_ruleset_text(path.read_text(encoding="utf-8"), str(path))
    # Notes say which event a timescale written without one counts from; nothing else.
    notes = [d for d in findings if d.severity.value == "note"]
    assert {d.code for d in notes} <= {"TS301"}
    assert [f"{d.code} {d.message}" for d in findings if d not in notes] == []


def test_timescale_check_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(RULESETS)]) == 0
    out = capsys.readouterr().out
    assert "0 error(s), 0 warning(s)" in out


def test_header(ruleset: Ruleset) -> None:
    assert ruleset.title
    assert ruleset.header.source
    assert ruleset.header.calendar == "england-and-wales"
    assert ruleset.calendar.name == "england-and-wales"


def test_every_fact_is_declared_once_with_a_description(ruleset: Ruleset) -> None:
    names = [fact.key for fact in ruleset.facts]
    assert len(names) == len(set(names))
    assert all(fact.description for fact in ruleset.facts)
    for rule in ruleset:
        for need in rule.facts_needed():
            assert need.description, f"[{rule.id}] needs undeclared fact '{need.name}'"


# -- the fixture against the documents -----------------------------------------------
def _clean(cell: str) -> str:
    return fold(re.sub(r"</?b>", "", cell))


def parse_seed_000(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(section, cells) of each row of the tab-separated tables."""
    rows: list[tuple[str, tuple[str, ...]]] = []
    section = ""
    inside = False
    for line in text.splitlines():
        if line.startswith("Process\tEvent"):
            inside = True
            continue
        if not inside or "\t" not in line:
            continue
        cells = [_clean(c) for c in line.split("\t")]
        cells += [""] * (3 - len(cells))
        if cells[0] and not cells[1] and not cells[2]:
            section = cells[0]
            continue
        rows.append((section, tuple(cells)))
    return rows


def parse_seed_001(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(section, cells) of each row of the markdown tables; a section is the line before."""
    rows: list[tuple[str, tuple[str, ...]]] = []
    section = heading = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("|"):
            heading = stripped
            continue
        cells = tuple(_clean(c) for c in stripped.strip("|").split("|"))
        if cells[0] == "Task/Activity":
            section = heading
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        rows.append((section, cells))
    return rows


PARSERS = {"lcs-liquidlogic": parse_seed_000, "recording-timescales-framework": parse_seed_001}


def test_fixture_lists_every_row_of_the_seed_document(name: str) -> None:
    seed = SEEDS[name]
    if not seed.is_file():
        pytest.skip(f"seed document not available: {seed}")
    parsed = PARSERS[name](seed.read_text(encoding="utf-8"))
    listed = [(row.section, row.cells) for row in rows_of(name)]
    assert listed == parsed


def test_fixture_row_counts() -> None:
    # 48 rows in seed 000's table; 80 rows (continuations included) in seed 001's.
    assert len(rows_of("lcs-liquidlogic")) == 48
    assert len(rows_of("recording-timescales-framework")) == 80
