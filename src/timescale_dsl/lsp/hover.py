"""Hover: a rule's meaning with worked examples, a fact's declaration, a calendar's reach.

Text is Markdown. A rule shows its timescale in canonical words (the
formatter's), the calendar it counts on, one worked example per alternative
(:mod:`.examples`) and its record details; ``[rule-id]`` shows the rule it
names; a fact shows its declaration and the rules that use it.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from ..binding import bind_ruleset
from ..calendars.registry import calendar_by_name
from ..errors import TimescaleError
from ..ruleset import Rule, Ruleset
from ..syntax.format import format_timescale
from .analysis import FACT, RULE, Analysis, RuleEntry
from .examples import default_example_day, worked_examples
from .text import Pos, TextRange

#: At most this many rules are listed as a fact's users.
USERS_SHOWN = 12

_CALENDAR_LINE = re.compile(r'^[ \t]*calendar[ \t]+"?([^"#\n]*?)"?[ \t]*(#.*)?$', re.IGNORECASE)


@attrs.frozen
class HoverText:
    markdown: str
    range: TextRange


def bound_ruleset(analysis: Analysis) -> Ruleset | None:
    """The document's rules ready to compute, or None if its header cannot be used."""
    if analysis.tree is None:
        return None
    try:
        return bind_ruleset(analysis.tree)
    except TimescaleError:
        return None


def hover(
    analysis: Analysis, pos: Pos, ruleset: Ruleset | None, example_day: dt.date | None
) -> HoverText | None:
    occurrence = analysis.occurrence_at(pos)
    if occurrence is not None and occurrence.kind == FACT:
        return HoverText(fact_text(analysis, occurrence.key), occurrence.range)
    if occurrence is not None and occurrence.kind == RULE:
        entry = analysis.rule(occurrence.key)
        if entry is None:
            return HoverText(f"No rule has the id `{occurrence.key}`.", occurrence.range)
        return HoverText(rule_text(entry, ruleset, example_day), occurrence.range)
    line = analysis.text.line(pos.line)
    usable = analysis.usable_lines[pos.line] if pos.line < len(analysis.usable_lines) else ""
    calendar = _CALENDAR_LINE.match(usable)
    if calendar:
        area = TextRange(Pos(pos.line, 0), Pos(pos.line, len(line)))
        return HoverText(calendar_text(calendar.group(1).strip()), area)
    entry = analysis.rule_at(pos)
    if entry is not None:
        return HoverText(rule_text(entry, ruleset, example_day), entry.name_range)
    return None


def fact_text(analysis: Analysis, key: str) -> str:
    declared = analysis.facts.get(key)
    parts = []
    if declared is not None and declared.span is not None:
        line = analysis.text.line(declared.span.line - 1).strip()
        parts.append(f"```timescales\n{line}\n```")
        if declared.description:
            parts.append(declared.description)
    else:
        name = analysis.fact_names().get(key, key)
        why = (
            "the file declares no facts"
            if not analysis.facts
            else f'declare it: `fact "{name}" date`'
        )
        parts.append(f"**{name}**: not declared ({why})")
    users = analysis.rules_using_fact(key)
    if users:
        listed = ", ".join(f"`[{u.id}]`" for u in users[:USERS_SHOWN])
        more = f" and {len(users) - USERS_SHOWN} more" if len(users) > USERS_SHOWN else ""
        noun = "rule" if len(users) == 1 else "rules"
        parts.append(f"Used by {len(users)} {noun}: {listed}{more}")
    else:
        parts.append("No rule uses it.")
    return "\n\n".join(parts)


def rule_text(entry: RuleEntry, ruleset: Ruleset | None, example_day: dt.date | None) -> str:
    decl = entry.decl
    heading = f"**[{entry.id}]** {decl.statement.task}"
    parts = [heading]
    where = " › ".join(x for x in (decl.section, decl.process) if x)
    if where:
        parts.append(f"_{where}_")
    parts.append(f"```timescales\n{format_timescale(decl.statement.timescale)}\n```")
    rule = _bound_rule(ruleset, entry.id)
    if rule is None:
        parts.append("_No worked example while the header's calendar cannot be used._")
    else:
        calendar = rule.settings.calendar
        day = example_day or default_example_day(dt.date.today(), calendar.last_day)
        counting = "day 1" if rule.settings.event_day_number == 1 else "day 0"
        parts.append(f"Working days: {calendar.name} calendar; the event's own day is {counting}.")
        examples = worked_examples(rule, day)
        if examples:
            parts.append("\n".join(f"- {line}" for line in examples))
    details = []
    if decl.recorded_in:
        details.append(f"Recorded in {decl.recorded_in}")
    if decl.form:
        details.append(f"form {decl.form}")
    if decl.recorded_by:
        details.append(f"by {decl.recorded_by}")
    if details:
        parts.append(", ".join(details) + ".")
    if decl.source:
        parts.append(f"Source: “{decl.source}”")
    if decl.note:
        parts.append(f"Note: {decl.note}")
    return "\n\n".join(parts)


def _bound_rule(ruleset: Ruleset | None, rule_id: str) -> Rule | None:
    if ruleset is None:
        return None
    return next((rule for rule in ruleset.rules if rule.id == rule_id), None)


def calendar_text(name: str) -> str:
    try:
        calendar = calendar_by_name(name)
    except TimescaleError as error:
        return str(error)
    off = "weekends and bank holidays are" if calendar.holidays else "only weekends are"
    return (
        f"**{calendar.name}**: {off} not working days; dates from "
        f"{calendar.first_day:%d %b %Y} to {calendar.last_day:%d %b %Y} are known."
    )
