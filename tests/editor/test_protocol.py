"""The language server driven through the protocol: JSON-RPC over a subprocess's pipes.

One server serves the module's tests (each opens its own document); the
lifecycle tests start their own, through ``timescale lsp`` as an editor does.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from timescale_dsl import check_ruleset_text
from timescale_dsl.syntax.rewrite import canonical_text

from .client import LspClient, ServerError

SAMPLE = """\
title "Sample"
calendar england-and-wales
fact "actual meeting" date-time "When the meeting took place"
fact "scheduled meeting" date "When the meeting is planned"
fact "referral" date "When the referral arrived"
fact "section 47" boolean "Section 47 enquiries started"
fact "priority" text one of "high", "standard"
fact "date of birth" date

section "Child Protection"
process "Initial conference"

[icpc-minutes] Minutes within 15 working days after actual meeting
    recorded in "LCS" form "ICPC Chair's Report"
    source "15 working days after actual meeting date"
[icpc-report] Pre-meeting report 5 working days before scheduled meeting
[visit] Child visit within 7 days of referral if not section 47; within 1 day of referral if section 47
[qa] QA form between 11 and 15 working days after the actual meeting
[rev] Review within 3 months of referral, then every 6 months
[t] Assessment within 45 working days of referral (target 35 working days)

section "Looked after"
[leave] Leaving care on the 18th birthday, or the next working day if that is not a working day
[nf] Notes no fixed timescale "As soon as possible"
[chron] Chronology on the day of [icpc-minutes]
[pri] Triage within 1 working day of referral if priority is high; otherwise within 5 working days of referral
"""

_numbers = itertools.count()


@pytest.fixture(scope="module")
def client() -> Iterator[LspClient]:
    client = LspClient.python_module("timescale_dsl.lsp")
    client.initialize({"exampleDate": "2026-12-18"})
    yield client
    assert client.shutdown() == 0


def open_document(client: LspClient, text: str) -> tuple[str, dict[str, Any]]:
    """Open ``text`` as a new document; its uri and the diagnostics first published."""
    uri = f"file:///tmp/editor-test-{next(_numbers)}.timescales"
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "timescales", "version": 1, "text": text}},
    )
    published = client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    return uri, published


def at(text: str, needle: str, occurrence: int = 0, shift: int = 0) -> dict[str, int]:
    """The position of the ``occurrence``-th ``needle`` in ``text`` (plus ``shift`` characters)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    start += shift
    line = text.count("\n", 0, start)
    return {"line": line, "character": start - (text.rfind("\n", 0, start) + 1)}


def word_at(text: str, range_: dict[str, Any]) -> str:
    lines = text.split("\n")
    start, end = range_["start"], range_["end"]
    assert start["line"] == end["line"]
    return lines[start["line"]][start["character"] : end["character"]]


def apply(text: str, edits: list[dict[str, Any]]) -> str:
    lines = text.split("\n")
    starts = list(itertools.accumulate([0] + [len(line) + 1 for line in lines[:-1]]))

    def offset(pos: dict[str, int]) -> int:
        return starts[pos["line"]] + pos["character"]

    for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        begin, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:begin] + edit["newText"] + text[end:]
    return text


def doc(uri: str, position: dict[str, int] | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"textDocument": {"uri": uri}}
    if position is not None:
        params["position"] = position
    return params


# -- lifecycle -----------------------------------------------------------------
def test_timescale_lsp_serves_initialize_and_exits_cleanly() -> None:
    client = LspClient([sys.executable, "-m", "timescale_dsl.cli", "lsp", "--stdio"])
    result = client.initialize()
    capabilities = result["capabilities"]
    assert result["serverInfo"]["name"] == "timescale"
    for provider in (
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "documentSymbolProvider",
        "documentFormattingProvider",
    ):
        assert capabilities[provider], provider
    assert capabilities["renameProvider"]["prepareProvider"] is True
    assert "[" in capabilities["completionProvider"]["triggerCharacters"]
    assert capabilities["codeActionProvider"]["codeActionKinds"] == ["quickfix"]
    assert client.shutdown() == 0


# -- diagnostics ---------------------------------------------------------------
def test_diagnostics_are_the_checks_codes_ranges_and_hints(client: LspClient) -> None:
    text = (
        SAMPLE + "[late] Late within 2 days of actul meeting\n[x] X on the day of [icpc-minuts]\n"
    )
    _, published = open_document(client, text)
    expected = check_ruleset_text(text)
    assert [d.code for d in expected] == ["TS105", "TS109"]
    shown = published["diagnostics"]
    assert [d["code"] for d in shown] == [d.code for d in expected]
    for found, wanted in zip(shown, expected, strict=True):
        assert wanted.span is not None
        assert found["range"]["start"] == {
            "line": wanted.span.line - 1,
            "character": wanted.span.column - 1,
        }
        assert found["message"] == f"{wanted.message}\nhint: {wanted.hint}"
        assert found["severity"] == 1
        assert found["source"] == "timescale"
    assert word_at(text, shown[0]["range"]) == "actul meeting"


def test_a_syntax_error_is_reported_on_its_word_and_goes_when_fixed(client: LspClient) -> None:
    text = SAMPLE + "[late] Late within 2 workng days of referral\n"
    uri, published = open_document(client, text)
    (error,) = published["diagnostics"]
    assert error["code"] == "TS001"
    assert word_at(text, error["range"]) == "workng"
    assert "did you mean 'working'?" in error["message"]
    fixed = text.replace("workng", "working")
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": fixed}],
        },
    )
    again = client.wait_for(
        "textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p["version"] == 2
    )
    assert again["diagnostics"] == []


def test_a_warning_is_published_as_a_warning(client: LspClient) -> None:
    text = SAMPLE.replace(
        'fact "date of birth" date', 'fact "date of birth" date\nfact "unused" date'
    )
    _, published = open_document(client, text)
    (warning,) = published["diagnostics"]
    assert warning["code"] == "TS202"
    assert warning["severity"] == 2


def test_incremental_changes_are_applied_before_checking(client: LspClient) -> None:
    uri, _ = open_document(client, SAMPLE)
    start = at(SAMPLE, "15 working days after actual")
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [
                {
                    "range": {
                        "start": start,
                        "end": {**start, "character": start["character"] + 2},
                    },
                    "text": "0",
                }
            ],
        },
    )
    again = client.wait_for(
        "textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p["version"] == 2
    )
    assert [d["code"] for d in again["diagnostics"]] == ["TS103"]


# -- hover ---------------------------------------------------------------------
def hover_text(client: LspClient, uri: str, position: dict[str, int]) -> str:
    result = client.request("textDocument/hover", doc(uri, position))
    assert result is not None
    assert result["contents"]["kind"] == "markdown"
    return str(result["contents"]["value"])


def test_hover_on_a_rule_shows_its_meaning_and_a_worked_example(client: LspClient) -> None:
    uri, _ = open_document(client, SAMPLE)
    shown = hover_text(client, uri, at(SAMPLE, "Minutes within"))
    assert "**[icpc-minutes]** Minutes" in shown
    assert "within 15 working days of actual meeting" in shown
    assert "_Child Protection › Initial conference_" in shown
    assert (
        "e.g. actual meeting Fri 18 Dec 2026 10:00 -> due Wed 13 Jan 2027, skipping Christmas Day"
        in shown
    )
    assert "New Year's Day" in shown
    assert "Source: “15 working days after actual meeting date”" in shown


@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        # Counting back: the event falls after the holidays.
        ("Pre-meeting", ["scheduled meeting Fri 08 Jan 2027 -> due Thu 31 Dec 2026"]),
        ("QA form", ["between Thu 07 Jan 2027 and Wed 13 Jan 2027"]),
        ("Assessment", ["due Wed 24 Feb 2027 (target Wed 10 Feb 2027)"]),
        ("Review", ["due Thu 18 Mar 2027, then Sat 18 Sep 2027"]),
        (
            "Child visit",
            [
                "if not section 47: e.g. referral Fri 18 Dec 2026 -> due Fri 25 Dec 2026",
                "if section 47: e.g. referral Fri 18 Dec 2026 -> due Sat 19 Dec 2026",
            ],
        ),
        (
            "Triage",
            [
                "if priority is high: e.g. referral Fri 18 Dec 2026 -> due Mon 21 Dec 2026",
                "otherwise: e.g. referral Fri 18 Dec 2026 -> due Tue 29 Dec 2026",
            ],
        ),
        ("Leaving care", ["date of birth Thu 25 Dec 2008 -> due Tue 29 Dec 2026"]),
        ("Chronology", ["actual meeting Fri 18 Dec 2026 10:00 -> due Wed 13 Jan 2027"]),
    ],
)
def test_hover_examples_cover_every_form(
    client: LspClient, needle: str, expected: list[str]
) -> None:
    uri, _ = open_document(client, SAMPLE)
    shown = hover_text(client, uri, at(SAMPLE, needle))
    for line in expected:
        assert line in shown


def test_hover_on_a_rule_without_a_fixed_timescale_has_no_example(client: LspClient) -> None:
    uri, _ = open_document(client, SAMPLE)
    shown = hover_text(client, uri, at(SAMPLE, "Notes"))
    assert 'no fixed timescale "As soon as possible"' in shown
    assert "e.g." not in shown


def test_hover_on_a_fact_shows_its_declaration_and_users(client: LspClient) -> None:
    uri, _ = open_document(client, SAMPLE)
    shown = hover_text(client, uri, at(SAMPLE, "actual meeting", occurrence=1, shift=3))
    assert (
        '```timescales\nfact "actual meeting" date-time "When the meeting took place"\n```' in shown
    )
    assert "Used by 2 rules: `[icpc-minutes]`, `[qa]`" in shown


def test_hover_on_a_rule_reference_shows_that_rule(client: LspClient) -> None:
    uri, _ = open_document(client, SAMPLE)
    result = client.request(
        "textDocument/hover", doc(uri, at(SAMPLE, "of [icpc-minutes]", shift=6))
    )
    shown = result["contents"]["value"]
    assert shown.startswith("**[icpc-minutes]** Minutes")
    assert word_at(SAMPLE, result["range"]) == "icpc-minutes"


def test_hover_on_the_calendar_line_names_its_reach(client: LspClient) -> None:
    uri, _ = open_document(client, SAMPLE)
    shown = hover_text(client, uri, at(SAMPLE, "england-and-wales"))
    assert shown.startswith("**england-and-wales**")
    assert "31 Dec 2100" in shown


def test_hover_works_around_a_line_that_does_not_parse(client: LspClient) -> None:
    text = SAMPLE.replace("[rev] Review within", "[rev] Review wihtin wihtin 3 (")
    uri, published = open_document(client, text)
    assert [d["code"] for d in published["diagnostics"]] == ["TS001"]
    shown = hover_text(client, uri, at(text, "Pre-meeting"))
    assert "due Thu 31 Dec 2026" in shown


# -- completion ----------------------------------------------------------------
def labels(client: LspClient, text: str, position: dict[str, int] | None = None) -> list[str]:
    uri, _ = open_document(client, text)
    if position is None:
        lines = text.split("\n")
        position = {"line": len(lines) - 1, "character": len(lines[-1])}
    result = client.request("textDocument/completion", doc(uri, position))
    return [item["label"] for item in result["items"]]


def test_completion_offers_dated_facts_where_an_event_goes(client: LspClient) -> None:
    found = labels(client, SAMPLE + "[new] Notes within 2 days of ")
    assert {"actual meeting", "scheduled meeting", "referral", "date of birth"} <= set(found)
    assert "section 47" not in found
    assert "priority" not in found


def test_completion_of_a_partly_typed_event_replaces_the_words_typed(client: LspClient) -> None:
    text = SAMPLE + "[new] Notes within 2 days of actual mee"
    uri, _ = open_document(client, text)
    end = {"line": text.count("\n"), "character": len(text.split("\n")[-1])}
    result = client.request("textDocument/completion", doc(uri, end))
    (item,) = [i for i in result["items"] if i["label"] == "actual meeting"]
    assert word_at(text, item["textEdit"]["range"]) == "actual mee"
    assert item["detail"] == "date-time"


def test_completion_offers_conditions_and_their_values(client: LspClient) -> None:
    conditions = labels(client, SAMPLE + "[new] Notes within 2 days of referral if ")
    assert {"section 47", "priority", "not"} <= set(conditions)
    assert "referral" not in conditions
    values = labels(client, SAMPLE + "[new] Notes within 2 days of referral if priority is ")
    assert {"high", "standard"} <= set(values)


def test_completion_offers_rule_ids_in_brackets(client: LspClient) -> None:
    found = labels(client, SAMPLE + "[new] Notes on the day of [ic")
    assert {"icpc-minutes", "icpc-report", "visit"} <= set(found)


def test_completion_offers_the_keywords_the_grammar_accepts(client: LspClient) -> None:
    units = labels(client, SAMPLE + "[new] Notes within 2 ")
    assert {"working days", "days", "weeks", "months", "hours", "working hours"} <= set(units)
    assert "within" not in units
    after_event = labels(client, SAMPLE + "[new] Notes within 2 days of referral ")
    assert {"if", "then", "or the"} <= set(after_event)
    after_then = labels(client, SAMPLE + "[new] Notes within 2 days of referral then ")
    assert {"within", "every", "monthly"} <= set(after_then)
    assert "between" not in after_event
    timescale = labels(client, SAMPLE + "[new] Notes ")
    assert {"within", "between", "every", "no fixed timescale"} <= set(timescale)
    assert {"by the earlier of", "by the later of", "before", "prior to"} <= set(timescale)
    assert any(label.startswith("same day") for label in timescale)
    after_every = labels(
        client, SAMPLE + "[new] Visit within 1 week of referral, then every 6 weeks "
    )
    assert "for the first" in after_every
    assert "school days" in units


def test_completion_knows_header_lines_from_rule_lines(client: LspClient) -> None:
    header = labels(client, 'title "x"\n', {"line": 1, "character": 0})
    assert {"fact", "calendar", "closed", "bank holidays are working days", "section"} <= set(
        header
    )
    assert "school holidays" in header
    after_rule = labels(client, SAMPLE + "    ")
    assert {"recorded in", "recorded by", "source", "note", "section"} <= set(after_rule)
    assert "fact" not in after_rule


def test_completion_offers_calendars_and_days(client: LspClient) -> None:
    calendars = labels(client, "calendar ")
    assert {"england-and-wales", "scotland", "northern-ireland", "weekends-only"} <= set(calendars)
    days = labels(client, "weekend saturday and ")
    assert "sunday" in days


def test_completion_works_below_a_line_that_does_not_parse(client: LspClient) -> None:
    text = SAMPLE + "[bad] Broken wihtin wihtin (\n[new] Notes within 2 days of "
    assert "referral" in labels(client, text)


def test_no_completion_inside_quoted_text_or_a_comment(client: LspClient) -> None:
    assert labels(client, SAMPLE + 'section "Chi') == []
    assert labels(client, SAMPLE + "# within 2 days of ") == []


# -- definition, references, rename ----------------------------------------------
def test_definition_of_a_fact_and_of_a_rule_reference(client: LspClient) -> None:
    uri, _ = open_document(client, SAMPLE)
    found = client.request("textDocument/definition", doc(uri, at(SAMPLE, "actual meeting", 1)))
    assert found["uri"] == uri
    assert found["range"]["start"] == at(SAMPLE, "actual meeting")
    assert word_at(SAMPLE, found["range"]) == "actual meeting"
    found = client.request(
        "textDocument/definition", doc(uri, at(SAMPLE, "of [icpc-minutes]", shift=4))
    )
    assert found["range"]["start"] == at(SAMPLE, "icpc-minutes")


def test_references_of_a_fact_and_a_rule_id(client: LspClient) -> None:
    uri, _ = open_document(client, SAMPLE)
    params = {
        **doc(uri, at(SAMPLE, "of referral", shift=3)),
        "context": {"includeDeclaration": True},
    }
    found = client.request("textDocument/references", params)
    assert len(found) == SAMPLE.count("of referral") + 1
    assert {word_at(SAMPLE, r["range"]) for r in found} == {"referral"}
    params["context"]["includeDeclaration"] = False
    assert len(client.request("textDocument/references", params)) == SAMPLE.count("of referral")
    params = {**doc(uri, at(SAMPLE, "icpc-minutes")), "context": {"includeDeclaration": True}}
    assert len(client.request("textDocument/references", params)) == 2


def rename(client: LspClient, text: str, position: dict[str, int], new: str) -> str:
    uri, _ = open_document(client, text)
    prepared = client.request("textDocument/prepareRename", doc(uri, position))
    assert prepared["range"]["start"]["line"] == position["line"]
    result = client.request("textDocument/rename", {**doc(uri, position), "newName": new})
    return apply(text, result["changes"][uri])


def test_rename_a_fact_everywhere_quoting_where_its_words_need_it(client: LspClient) -> None:
    renamed = rename(client, SAMPLE, at(SAMPLE, "actual meeting", 1), "meeting held")
    assert 'fact "meeting held" date-time' in renamed
    assert "15 working days after meeting held" in renamed
    assert "after the meeting held" in renamed  # the author's "the" stays
    assert "actual meeting" not in renamed.replace("after actual meeting date", "")
    assert check_ruleset_text(renamed) == []
    quoted = rename(client, SAMPLE, at(SAMPLE, "section 47", 1), "s47 or ICPC")
    assert 'if not "s47 or ICPC"; within 1 day of referral if "s47 or ICPC"' in quoted
    assert check_ruleset_text(quoted) == []


def test_rename_a_rule_id_and_its_references(client: LspClient) -> None:
    renamed = rename(client, SAMPLE, at(SAMPLE, "icpc-minutes"), "minutes")
    assert "[minutes] Minutes within" in renamed
    assert "on the day of [minutes]" in renamed
    assert check_ruleset_text(renamed) == []


def test_rename_is_refused_with_a_reason(client: LspClient) -> None:
    uri, _ = open_document(client, SAMPLE)
    position = at(SAMPLE, "icpc-minutes")
    with pytest.raises(ServerError, match="already has the id 'visit'"):
        client.request("textDocument/rename", {**doc(uri, position), "newName": "visit"})
    with pytest.raises(ServerError, match="is not a rule id"):
        client.request("textDocument/rename", {**doc(uri, position), "newName": "two words"})
    fact = at(SAMPLE, "of referral", shift=3)
    with pytest.raises(ServerError, match="already names a fact 'Priority'"):
        client.request("textDocument/rename", {**doc(uri, fact), "newName": "Priority"})
    with pytest.raises(ServerError, match="only a fact or a rule id"):
        client.request("textDocument/prepareRename", doc(uri, at(SAMPLE, "Notes")))


# -- outline, formatting, quick fixes ------------------------------------------
def test_document_symbols_nest_rules_in_processes_in_sections(client: LspClient) -> None:
    uri, _ = open_document(client, SAMPLE)
    symbols = client.request("textDocument/documentSymbol", doc(uri))
    names = [s["name"] for s in symbols]
    assert names[:3] == ["actual meeting", "scheduled meeting", "referral"]
    protection, looked_after = symbols[-2:]
    assert protection["name"] == "Child Protection"
    (process,) = protection["children"]
    assert process["name"] == "Initial conference"
    assert [r["name"] for r in process["children"]][:2] == [
        "[icpc-minutes] Minutes",
        "[icpc-report] Pre-meeting report",
    ]
    assert looked_after["children"][0]["name"] == "[leave] Leaving care"
    for child in process["children"]:
        assert process["range"]["start"]["line"] <= child["range"]["start"]["line"]
        assert child["range"]["end"]["line"] <= process["range"]["end"]["line"]


def test_formatting_is_timescale_fmt(client: LspClient) -> None:
    text = SAMPLE.replace(
        "within 15 working days after actual meeting", "15 working days following actual meeting"
    )
    uri, _ = open_document(client, text)
    edits = client.request(
        "textDocument/formatting", {**doc(uri), "options": {"tabSize": 4, "insertSpaces": True}}
    )
    assert apply(text, edits) == canonical_text(text)
    assert "Minutes within 15 working days of actual meeting" in apply(text, edits)
    again, _ = open_document(client, canonical_text(text))
    assert (
        client.request(
            "textDocument/formatting",
            {**doc(again), "options": {"tabSize": 4, "insertSpaces": True}},
        )
        == []
    )


def test_formatting_leaves_a_file_that_does_not_parse_alone(client: LspClient) -> None:
    uri, _ = open_document(client, SAMPLE + "[bad] Broken wihtin 2 (\n")
    assert (
        client.request(
            "textDocument/formatting", {**doc(uri), "options": {"tabSize": 4, "insertSpaces": True}}
        )
        is None
    )


def quick_fixes(client: LspClient, text: str) -> tuple[str, list[dict[str, Any]]]:
    uri, published = open_document(client, text)
    (diagnostic,) = published["diagnostics"]
    params = {
        **doc(uri),
        "range": diagnostic["range"],
        "context": {"diagnostics": [diagnostic], "only": ["quickfix"]},
    }
    return uri, client.request("textDocument/codeAction", params)


@pytest.mark.parametrize(
    ("mistake", "fixed"),
    [
        # TS201: the misspelt keyword was read as a word of the task name.
        ("[late] Late wihtin 2 days of referral", "[late] Late within 2 days of referral"),
        (
            "[late] Late within 2 days of actul meeting",
            "[late] Late within 2 days of actual meeting",
        ),
        (
            "[late] Late within 2 days of referral if secton 47",
            "[late] Late within 2 days of referral if section 47",
        ),
        ("[late] Late on the day of [icpc-minuts]", "[late] Late on the day of [icpc-minutes]"),
        (
            "[late] Late within 2 days of referral if priority is hihg",
            "[late] Late within 2 days of referral if priority is high",
        ),
    ],
)
def test_quick_fix_takes_the_suggestion(client: LspClient, mistake: str, fixed: str) -> None:
    text = SAMPLE + mistake + "\n"
    uri, actions = quick_fixes(client, text)
    (action,) = actions
    assert action["kind"] == "quickfix"
    assert action["isPreferred"] is True
    result = apply(text, action["edit"]["changes"][uri])
    assert result == SAMPLE + fixed + "\n"
    assert check_ruleset_text(result) == []


def test_quick_fix_declares_an_undeclared_event(client: LspClient) -> None:
    text = SAMPLE + "[late] Late within 2 days of panel decision\n"
    uri, actions = quick_fixes(client, text)
    (action,) = actions
    assert action["title"] == 'Declare it: fact "panel decision" date'
    result = apply(text, action["edit"]["changes"][uri])
    assert 'fact "date of birth" date\nfact "panel decision" date\n' in result
    assert check_ruleset_text(result) == []


def test_positions_count_utf16_units(client: LspClient) -> None:
    text = SAMPLE + "[wide] Visit 𝒳 note within 2 days of referral\n"
    uri, _ = open_document(client, text)
    line = text.count("\n") - 1
    column = text.split("\n")[line].index("referral") + 1  # one astral character: two units
    params = {
        **doc(uri, {"line": line, "character": column + 2}),
        "context": {"includeDeclaration": False},
    }
    found = client.request("textDocument/references", params)
    assert {"line": line, "character": column} in [r["range"]["start"] for r in found]


# -- files as authors keep them ------------------------------------------------
UNDECLARED = """\
section "S"
Minutes within 2 days of meeting
Other on the day of [s-minutes] if urgent
"""


def test_a_file_without_declarations_still_navigates(client: LspClient) -> None:
    found = labels(client, UNDECLARED + "Third within 3 days of ")
    assert "meeting" in found
    assert "urgent" not in found  # used as a condition, not as an event
    renamed = rename(client, UNDECLARED, at(UNDECLARED, "[s-minutes]", shift=1), "minutes")
    assert "[minutes] Minutes within 2 days of meeting" in renamed  # the derived id made explicit
    assert "on the day of [minutes]" in renamed
    assert check_ruleset_text(renamed) == []
    uri, _ = open_document(client, UNDECLARED)
    shown = hover_text(client, uri, at(UNDECLARED, "meeting", shift=2))
    assert "**meeting**: not declared (the file declares no facts)" in shown


def test_crlf_line_endings_and_a_byte_order_mark(client: LspClient) -> None:
    text = '\ufefffact "meeting" date\r\n[a] Minutes within 2 days of meeting\r\n[b] Other on the day of [a]\r\n'
    uri, published = open_document(client, text)
    assert published["diagnostics"] == []
    found = client.request("textDocument/definition", doc(uri, at(text, "of meeting", shift=4)))
    assert found["range"] == {
        "start": {"line": 0, "character": 7},
        "end": {"line": 0, "character": 14},
    }
    edits = client.request(
        "textDocument/formatting", {**doc(uri), "options": {"tabSize": 4, "insertSpaces": True}}
    )
    assert edits == []


def test_an_empty_document(client: LspClient) -> None:
    uri, published = open_document(client, "")
    assert published["diagnostics"] == []
    assert client.request("textDocument/hover", doc(uri, {"line": 0, "character": 0})) is None
    assert client.request("textDocument/documentSymbol", doc(uri)) == []
    assert "fact" in labels(client, "")


def test_date_of_birth_is_used_by_age_rules(client: LspClient) -> None:
    uri, _ = open_document(client, SAMPLE)
    shown = hover_text(client, uri, at(SAMPLE, "date of birth", shift=2))
    assert "Used by 1 rule: `[leave]`" in shown
    with pytest.raises(ServerError, match="need 'date of birth'"):
        client.request(
            "textDocument/rename",
            {**doc(uri, at(SAMPLE, "date of birth", shift=2)), "newName": "born"},
        )


def test_completion_of_weekend_days_after_other_lines(client: LspClient) -> None:
    days = labels(client, 'title "x"\ncalendar scotland\nweekend friday, ')
    assert "saturday" in days
    assert "scotland" not in days


def test_a_rule_under_an_unknown_calendar_shows_why_there_is_no_example(client: LspClient) -> None:
    text = SAMPLE.replace("calendar england-and-wales", "calendar narnia")
    uri, published = open_document(client, text)
    assert [d["code"] for d in published["diagnostics"]] == ["TS110"]
    shown = hover_text(client, uri, at(text, "Minutes within"))
    assert "within 15 working days of actual meeting" in shown
    assert "No worked example while the header's calendar cannot be used." in shown
    past_the_end = client.request("textDocument/hover", doc(uri, {"line": 999, "character": 0}))
    assert past_the_end is None


def test_no_rule_ids_are_offered_for_a_new_rules_own_id(client: LspClient) -> None:
    assert labels(client, SAMPLE + "[") == []
