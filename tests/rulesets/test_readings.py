"""One reading per recurring source wording, across both bundled rulesets.

The seeds say the same thing in the same words in many rows ("On day of",
"before it is sent", "following ...", "N working days after ..."). A council
trusts the rulesets only if every rule that carries a wording reads it the
same way. ``READINGS`` is the table of wordings and the reading chosen for
each (docs/rulesets.md, "Readings of recurring wordings", lists the same
labels): every rule whose ``source`` holds the wording must read it so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from timescale_dsl import Rule, load_ruleset

from .source_rows import RULESETS, SEEDS

DOCS = RULESETS.parent / "docs" / "rulesets.md"

#: A count with a unit, as the sources write it ("45 working days", "72 hours", "28days").
COUNTED = re.compile(r"\d+\s*(working |calendar )?(days?|weeks?|months?|years?|hours|hrs)\b", re.I)


#: Not straight after a count's unit or its bracketed conversion ("72 hours following").
UNCOUNTED = r"(?<!days )(?<!weeks )(?<!hours )(?<!months )(?<!\) )"


@dataclass(frozen=True)
class Reading:
    label: str
    wording: re.Pattern[str]
    reads: str
    holds: Callable[[Rule, re.Match[str]], bool]


def _wording(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _timescale_has(template: str) -> Callable[[Rule, re.Match[str]], bool]:
    """The canonical timescale holds the text, filled in with the wording's groups."""

    def holds(rule: Rule, match: re.Match[str]) -> bool:
        return template.format(*match.groups()).casefold() in rule.timescale.casefold()

    return holds


def _no_fixed_timescale(rule: Rule, _match: re.Match[str]) -> bool:
    return not rule.is_fixed


def _a_deadline(rule: Rule, _match: re.Match[str]) -> bool:
    return rule.is_fixed


def _adds_no_deadline(rule: Rule, _match: re.Match[str]) -> bool:
    # The wording gives no date; the rule has one only if its source also gives a count.
    return not rule.is_fixed or COUNTED.search(rule.source or "") is not None


def _first_year_is_a_condition(rule: Rule, _match: re.Match[str]) -> bool:
    return re.search(r"\bif\b.*\b(first year|under one year)\b", rule.timescale) is not None


def _elapsed_hours(rule: Rule, match: re.Match[str]) -> bool:
    text = rule.timescale
    return f"{match.group(1)} hours" in text and f"{match.group(1)} working hours" not in text


READINGS: tuple[Reading, ...] = (
    Reading(
        "on day of X / same day as X / at point of X / immediately after X",
        _wording(r"\b(?:on day of (?!completion)|same day as|at point of|immediately after)"),
        "a same-day deadline: on the day of X",
        _timescale_has("on the day of"),
    ),
    Reading(
        "on day of completion / when form has been completed",
        _wording(r"\bon day of completion\b|\bwhen form has been completed\b"),
        "no fixed timescale: a record due on its own completion can never be late",
        _no_fixed_timescale,
    ),
    Reading(
        "before X / prior to X, with no count",
        _wording(UNCOUNTED + r"\b(?:before|prior to) (?=\w)"),
        "a deadline: no later than the day of X",
        _a_deadline,
    ),
    Reading(
        "following X, with no count",
        _wording(UNCOUNTED + r"\bfollowing (?=\w)"),
        "no deadline from this wording",
        _adds_no_deadline,
    ),
    Reading(
        "as soon as possible / as soon as",
        _wording(r"\bas soon as\b"),
        "no deadline from this wording",
        _adds_no_deadline,
    ),
    Reading(
        "at key review points / shared at ICPC/RCPC and LAC Reviews",
        _wording(r"\bkey review points\b|\bshared at ICPC/RCPC\b"),
        "no fixed timescale: many meetings, none named as the event",
        _no_fixed_timescale,
    ),
    Reading(
        "for the first year / in the first year",
        _wording(r"\b(?:for|in) the first year\b"),
        "a condition on a declared first-year fact",
        _first_year_is_a_condition,
    ),
    Reading(
        "N working days after X (without 'within')",
        _wording(r"(?<![-\d])\b(\d+) working days after\b"),
        "a deadline: within N working days of X",
        _timescale_has("within {} working days of"),
    ),
    Reading(
        "at least / no less than / not less than / no later than N U before X",
        _wording(
            r"\b(?:at least|no less than|not less than|no later than) (\d+) "
            r"(working days|days|weeks|months) (?:before|prior to)\b"
        ),
        "the latest day: N U before X",
        _timescale_has("{} {} before"),
    ),
    Reading(
        "N days (no 'working')",
        _wording(r"(?<!working )(?<!calendar )\b(\d+) ?days\b"),
        "calendar days",
        _timescale_has("{} days"),
    ),
    Reading(
        "N hours / N hrs",
        _wording(r"(?<!working )\b(\d+) ?(?:hours|hrs)\b"),
        "elapsed hours, weekends and holidays included",
        _elapsed_hours,
    ),
    Reading(
        "N working hours",
        _wording(r"\b(\d+) working hours\b"),
        "working hours",
        _timescale_has("{} working hours"),
    ),
    Reading(
        "a count with a conversion in brackets: 6 weeks (30 working days), 3 months (91days)",
        _wording(r"\((\d+) ?(working days|days)\)"),
        "the bracketed count",
        _timescale_has("{} {}"),
    ),
    Reading(
        "(Day N from X), explaining a working-day count",
        _wording(r"\(Day (\d+) from (initial contact)\)"),
        "a second limit, whichever is earlier: within N working days of X",
        _timescale_has("within {} working days of {}, whichever is earlier"),
    ),
)


def _all_rules() -> list[Rule]:
    return [
        rule for name in sorted(SEEDS) for rule in load_ruleset(RULESETS / f"{name}.timescales")
    ]


RULES = _all_rules()


def carriers(reading: Reading, rules: list[Rule]) -> list[tuple[Rule, re.Match[str]]]:
    return [
        (rule, match) for rule in rules for match in reading.wording.finditer(rule.source or "")
    ]


def differing(reading: Reading, rules: list[Rule]) -> list[str]:
    """The rules that carry the wording but do not read it as the table says."""
    return [
        f"[{rule.id}] '{match.group(0)}' -> {rule.timescale}"
        for rule, match in carriers(reading, rules)
        if not reading.holds(rule, match)
    ]


@pytest.mark.parametrize("reading", READINGS, ids=lambda r: r.label)
def test_every_rule_reads_the_wording_the_same_way(reading: Reading) -> None:
    assert carriers(reading, RULES), f"no rule carries {reading.label!r}: the table is stale"
    assert differing(reading, RULES) == [], f"{reading.label}: should read as {reading.reads}"


def test_a_rule_reading_a_wording_differently_is_caught(tmp_path: Path) -> None:
    path = tmp_path / "two-readings.timescales"
    path.write_text(
        'fact "contact" date "When the contact was received"\n'
        '[same-day] Contact record on the day of contact\n    source "On day of contact"\n'
        '[next-day] Contact form within 1 working day of contact\n    source "On day of contact"\n'
        '[no-date] Contact note: no fixed timescale\n    source "Always up to date before case transfer"\n',
        encoding="utf-8",
    )
    rules = list(load_ruleset(path))
    by_label = {reading.label: reading for reading in READINGS}
    same_day = by_label["on day of X / same day as X / at point of X / immediately after X"]
    assert [line.split("]")[0] for line in differing(same_day, rules)] == ["[next-day"]
    before = by_label["before X / prior to X, with no count"]
    assert [line.split("]")[0] for line in differing(before, rules)] == ["[no-date"]


def test_most_wordings_recur() -> None:
    # The table is about wordings used in more than one rule; a single use is still
    # pinned, but most rows must recur, or the table has drifted into one-offs.
    recurring = [r.label for r in READINGS if len({rule.id for rule, _ in carriers(r, RULES)}) > 1]
    assert len(recurring) >= len(READINGS) - 2


def test_docs_list_every_reading() -> None:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## Readings of recurring wordings", 1)
    assert len(section) == 2, "docs/rulesets.md has no 'Readings of recurring wordings' section"
    body = section[1].split("\n## ", 1)[0]
    missing = [r.label for r in READINGS if r.label not in body]
    assert missing == []


def test_docs_name_only_rules_that_exist() -> None:
    ids = {rule.id for rule in RULES}
    named = set(re.findall(r"`((?:lcs|rtf)-[a-z0-9-]*[a-z0-9])`", DOCS.read_text(encoding="utf-8")))
    assert named - ids == set()


def test_every_difference_between_the_seeds_names_a_rule_of_each() -> None:
    text = DOCS.read_text(encoding="utf-8")
    body = text.split("### Between the two sources", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in body.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) >= 20
    for row in rows:
        rules_cell = row.rstrip(" |").rsplit("|", 1)[1]
        assert "`lcs-" in rules_cell and "`rtf-" in rules_cell, row
