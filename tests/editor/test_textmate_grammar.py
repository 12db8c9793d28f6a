"""The VS Code extension's TextMate grammar, tokenised by the engine VS Code uses.

``editors/vscode/test/tokenize.js`` runs vscode-textmate with the Oniguruma
regex library (``npm ci --prefix editors/vscode`` installs them). Without node
or those packages the engine tests are skipped locally, and fail in CI (where
the environment variable CI is set), so the check cannot silently lapse there.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from timescale_dsl import load_ruleset

from .node import EXTENSION, require_node

ROOT = Path(__file__).resolve().parents[2]
GRAMMAR = EXTENSION / "syntaxes" / "timescales.tmLanguage.json"
RULESETS = sorted((ROOT / "rulesets").glob("*.timescales"))

Token = tuple[str, list[str]]


RULE_LINE = (
    "[icpc-minutes] Record of Outcome of S47 within 15 working days after actual meeting # why"
)
HEADER_AND_DETAILS = (
    'title "Recording timescales"',
    "calendar england-and-wales",
    'closed 2026-12-29 to 2026-12-31 "Council Christmas closure"',
    'school holidays 2026-07-23 to 2026-09-02 "Summer holidays"',
    'fact "actual meeting" date-time "When the meeting took place"',
    'section "Child Protection"',
    "[x] Minutes within 15 working days of actual meeting",
    '    recorded in "LCS" form "ICPC Chair\'s Report"',
    '    source "15 working days after actual meeting date"',
)
FORMS = [
    ("Screening within 24hrs of request", "hrs", "keyword.other.unit.timescales"),
    ("Screening within 24hrs of request", "24", "constant.numeric.timescales"),
    ("QA form 11-15 working days after meeting", "-", "keyword.operator.range.timescales"),
    (
        "Chronology on the day of [sw-assessment]",
        "sw-assessment",
        "variable.other.rule-reference.timescales",
    ),
    ("Chronology on the day of [sw-assessment]", "on the day of", "keyword.control.timescales"),
    (
        '"Outcomes, Next Conference date": on the day of conference',
        '"Outcomes, Next Conference date"',
        "entity.name.function.task.timescales",
    ),
    ("Leaving care on the 18th birthday", "18th", "constant.numeric.ordinal.timescales"),
    # "on", "by", "at" and "from" before words that do not carry a timescale on: the task's.
    (
        "Decision on contact within 1 working day of referral",
        "Decision on contact",
        "entity.name.function.task.timescales",
    ),
    (
        "Visit by social worker at the home within 5 days of referral",
        "Visit by social worker at the home",
        "entity.name.function.task.timescales",
    ),
    (
        "Letter from IRO within 5 days of review",
        "Letter from IRO",
        "entity.name.function.task.timescales",
    ),
    ("Plan by their 18th birthday", "Plan", "entity.name.function.task.timescales"),
    # "by the EVENT" where nothing after it begins a timescale: the task ends before "by".
    (
        "Permanence plan by the second review",
        "Permanence plan",
        "entity.name.function.task.timescales",
    ),
    (
        "Visit by the social worker within 5 days of referral",
        "Visit by the social worker",
        "entity.name.function.task.timescales",
    ),
    (
        "Life story book by the time of the adoption",
        "Life story book",
        "entity.name.function.task.timescales",
    ),
    # A count begins the timescale only before a unit or a range.
    (
        "Section 47 enquiry outcome within 15 working days of strategy discussion",
        "Section 47 enquiry outcome",
        "entity.name.function.task.timescales",
    ),
    ("QA form 11-15 working days after meeting", "QA form", "entity.name.function.task.timescales"),
    ("Notes 24hrs after visit", "Notes", "entity.name.function.task.timescales"),
    ("Case audit every quarter", "quarter", "keyword.other.unit.timescales"),
    (
        "Contact record by end of next working day",
        "Contact record",
        "entity.name.function.task.timescales",
    ),
    # Curly quotes, as word processors write them, quote as straight ones do.
    (
        "“Section 47 outcome”: within 5 working days of strategy",
        "“Section 47 outcome”",
        "entity.name.function.task.timescales",
    ),
    (
        "Plan no fixed timescale “As soon as possible”",
        "As soon as possible",
        "string.quoted.double.timescales",
    ),
    (
        "Case closure summary at case closure",
        "Case closure summary",
        "entity.name.function.task.timescales",
    ),
    (
        "Visit at home within 5 days of referral",
        "Visit at home",
        "entity.name.function.task.timescales",
    ),
    # Units as tables abbreviate them.
    ("Assessment within 10 WD of referral", "WD", "keyword.other.unit.timescales"),
    ("Visit within 6 wks of placement", "wks", "keyword.other.unit.timescales"),
    (
        "Audit within one calendar month of closure",
        "calendar month",
        "keyword.other.unit.timescales",
    ),
    ("Visit within 5 working-days of referral", "working-days", "keyword.other.unit.timescales"),
    ("Notes 2 w/days after visit", "w/days", "keyword.other.unit.timescales"),
    ("Notes 2 w/days after visit", "Notes", "entity.name.function.task.timescales"),
    (
        "Outcome letter on the next working day after the panel",
        "Outcome letter",
        "entity.name.function.task.timescales",
    ),
    ("Visit within 7 days of referral if not section 47", "if", "keyword.control.timescales"),
    (
        "Plan within 5 days of X or within 10 days of Y, whichever is later",
        "whichever is",
        "keyword.control.timescales",
    ),
    # The pick among alternatives, however the document joins it on.
    (
        "Plan within 5 days of X, or 10 days of Y (whichever happens first)",
        "whichever happens",
        "keyword.control.timescales",
    ),
    ("Plan within 5 days of X or 10 days of Y, the sooner", "sooner", "keyword.control.timescales"),
    # A pick said first ends the task as the timescale it begins.
    (
        "Review by the earlier of 3 months after the ICPC and 10 working days after the decision",
        "Review",
        "entity.name.function.task.timescales",
    ),
    ("Visit at the later of referral and contact", "later", "keyword.control.timescales"),
    ("PEP within ten school days of entering care", "school days", "keyword.other.unit.timescales"),
    ("PEP within ten school days of entering care", "PEP", "entity.name.function.task.timescales"),
    (
        "Care plan before the first placement or, if not practicable, within 10 working days "
        "of the start of the placement",
        "Care plan",
        "entity.name.function.task.timescales",
    ),
    (
        "CLA visit within 1 week of placement, then every 6 weeks during the first year",
        "during the first",
        "keyword.control.timescales",
    ),
    (
        'Review notes no fixed timescale "As soon as possible"',
        "no fixed timescale",
        "keyword.control.timescales",
    ),
    (
        'Review notes no fixed timescale "As soon as possible"',
        "As soon as possible",
        "string.quoted.double.timescales",
    ),
    (
        "Review within 3 months of ICPC, then every 6 months",
        "months",
        "keyword.other.unit.timescales",
    ),
]


def _files() -> list[tuple[str, ...]]:
    files = [(RULE_LINE,), HEADER_AND_DETAILS, *((text,) for text, _, _ in FORMS)]
    files += [tuple(path.read_text(encoding="utf-8").split("\n")) for path in RULESETS]
    return files


_tokenised: dict[tuple[str, ...], list[list[Token]]] = {}


@pytest.fixture(scope="module")
def engine() -> None:
    require_node("vscode-textmate", "vscode-oniguruma")
    if not _tokenised:
        # One run of node for every sample: starting the engine is the slow part.
        files = _files()
        result = subprocess.run(
            ["node", str(EXTENSION / "test" / "tokenize.js")],
            input=json.dumps(files),
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        for lines, found in zip(files, json.loads(result.stdout), strict=True):
            _tokenised[lines] = [[(t, s) for t, s in line] for line in found]


def tokens(*lines: str) -> list[list[Token]]:
    """Each line's tokens, the lines read in order as one file."""
    return _tokenised[lines]


def scope_of(line: list[Token], text: str) -> str:
    """The innermost scope of the token whose text, stripped, is ``text``."""
    found = [scopes[-1] for token, scopes in line if token.strip() == text]
    assert found, f"no token {text!r} in {[t for t, _ in line]}"
    return found[0]


# -- always: the files VS Code reads agree with each other -----------------------
def test_the_manifest_names_the_grammar_and_the_language() -> None:
    manifest = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    grammar = json.loads(GRAMMAR.read_text(encoding="utf-8"))
    (language,) = manifest["contributes"]["languages"]
    assert language["extensions"] == [".timescales"]
    (contributed,) = manifest["contributes"]["grammars"]
    assert contributed["language"] == language["id"]
    assert contributed["scopeName"] == grammar["scopeName"]
    assert (EXTENSION / contributed["path"]).resolve() == GRAMMAR
    configuration = json.loads((EXTENSION / language["configuration"]).read_text("utf-8"))
    assert configuration["comments"]["lineComment"] == "#"
    for name in grammar["patterns"]:
        assert name["include"].lstrip("#") in grammar["repository"]


# -- with the engine -------------------------------------------------------------
def test_a_rule_line(engine: None) -> None:
    (line,) = tokens(RULE_LINE)
    assert scope_of(line, "icpc-minutes") == "entity.name.tag.rule-id.timescales"
    # "of" in a task name is a word of the name, as the parser reads it.
    assert scope_of(line, "Record of Outcome of S47") == "entity.name.function.task.timescales"
    assert scope_of(line, "within") == "keyword.control.timescales"
    assert scope_of(line, "15") == "constant.numeric.timescales"
    assert scope_of(line, "working days") == "keyword.other.unit.timescales"
    assert scope_of(line, "after") == "keyword.operator.direction.timescales"
    assert scope_of(line, "# why") == "comment.line.number-sign.timescales"


@pytest.mark.parametrize(("text", "word", "scope"), FORMS)
def test_statement_forms(engine: None, text: str, word: str, scope: str) -> None:
    (line,) = tokens(text)
    assert scope_of(line, word) == scope


def test_header_and_detail_lines(engine: None) -> None:
    lines = tokens(*HEADER_AND_DETAILS)
    title, calendar, closed, school, fact, section, _, recorded, source = lines
    assert scope_of(title, "title") == "keyword.other.declaration.timescales"
    assert scope_of(calendar, "england-and-wales") == "support.constant.calendar.timescales"
    assert scope_of(closed, "2026-12-29") == "constant.numeric.date.timescales"
    assert scope_of(school, "school holidays") == "keyword.other.declaration.timescales"
    assert scope_of(school, "2026-09-02") == "constant.numeric.date.timescales"
    assert scope_of(fact, "actual meeting") == "variable.other.fact.timescales"
    assert scope_of(fact, "date-time") == "storage.type.fact.timescales"
    assert scope_of(section, "Child Protection") == "entity.name.section.timescales"
    assert scope_of(recorded, "recorded in") == "keyword.other.detail.timescales"
    assert scope_of(recorded, "form") == "keyword.other.detail.timescales"
    # A source line is the author's wording: no keyword inside it is highlighted.
    assert scope_of(source, "15 working days after actual meeting date") == (
        "string.quoted.double.timescales"
    )


@pytest.mark.parametrize("path", RULESETS, ids=lambda p: p.name)
def test_every_rule_of_the_real_rulesets_shows_its_id_and_task(engine: None, path: Path) -> None:
    """The grammar finds each rule's id and task where the parser does."""
    lines = path.read_text(encoding="utf-8").split("\n")
    tokenised = tokens(*lines)
    checked = 0
    for rule in load_ruleset(path):
        assert rule.span is not None
        line = tokenised[rule.span.line - 1]
        ids = [t for t, s in line if s[-1] == "entity.name.tag.rule-id.timescales"]
        tasks = [t for t, s in line if s[-1] == "entity.name.function.task.timescales"]
        assert ids == [rule.id], lines[rule.span.line - 1]
        assert [t.strip().strip('"') for t in tasks] == [rule.task], lines[rule.span.line - 1]
        checked += 1
    assert checked > 50
