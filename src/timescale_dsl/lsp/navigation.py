"""Go to definition, find references, rename, and the outline of a rule file.

Facts and rule ids are the file's names: a fact is declared by ``fact "NAME"``
and used as an event or a condition; a rule id is declared by ``[id]`` (or
derived from the task) and used as ``[id]``. A rename writes each use as the
formatter would (quoting a name where its words need it) and is refused if
the file would then read differently.
"""

from __future__ import annotations

import re

import attrs

from ..syntax import ast
from ..syntax.format import format_anchor, format_condition
from ..syntax.names import event_key
from ..syntax.walk import walk
from .analysis import FACT, RULE, Analysis, Heading, Occurrence, RuleEntry
from .text import Pos, TextRange

_RULE_ID = re.compile(r"[a-z0-9][a-z0-9._-]*", re.IGNORECASE)


class RenameRefused(Exception):
    """A rename that cannot be done, with the reason in words."""


@attrs.frozen
class Edit:
    range: TextRange
    text: str


@attrs.define
class Symbol:
    name: str
    kind: str  # "fact", "section", "process" or "rule"
    range: TextRange
    selection: TextRange
    detail: str | None = None
    children: list[Symbol] = attrs.Factory(list)


# -- definition and references -------------------------------------------------
def definition(analysis: Analysis, pos: Pos) -> TextRange | None:
    occurrence = analysis.occurrence_at(pos)
    if occurrence is None:
        return None
    if occurrence.kind == RULE:
        entry = analysis.rule(occurrence.key)
        return entry.name_range if entry else None
    declared = analysis.declaration(FACT, occurrence.key)
    return declared.range if declared else None


def references(analysis: Analysis, pos: Pos, include_declaration: bool) -> list[TextRange]:
    occurrence = analysis.occurrence_at(pos)
    if occurrence is None:
        return []
    return [
        o.range
        for o in analysis.occurrences_of(occurrence.kind, occurrence.key)
        if include_declaration or not o.declaration
    ]


# -- rename --------------------------------------------------------------------
def prepare_rename(analysis: Analysis, pos: Pos) -> tuple[TextRange, str]:
    occurrence = analysis.occurrence_at(pos)
    if occurrence is None:
        raise RenameRefused("only a fact or a rule id can be renamed")
    return occurrence.range, analysis.text.slice(occurrence.range)


def rename(analysis: Analysis, pos: Pos, new_name: str) -> list[Edit]:
    occurrence = analysis.occurrence_at(pos)
    if occurrence is None:
        raise RenameRefused("only a fact or a rule id can be renamed")
    if occurrence.kind == FACT:
        edits = _rename_fact(analysis, occurrence, new_name.strip())
    else:
        edits = _rename_rule(analysis, occurrence, new_name.strip())
    _check_unchanged_reading(analysis, edits)
    return edits


def _rename_fact(analysis: Analysis, occurrence: Occurrence, new: str) -> list[Edit]:
    if not new or '"' in new or "\n" in new:
        raise RenameRefused("a fact's name is words on one line, without double quotes")
    key = event_key(new)
    if key != occurrence.key and key in analysis.fact_names():
        raise RenameRefused(f"the file already names a fact '{new}'")
    if occurrence.key == ast.DATE_OF_BIRTH and _counts_age(analysis):
        raise RenameRefused("rules written 'by age' or 'on the 18th birthday' need 'date of birth'")
    ref = ast.FactRef(key, new)
    edits = []
    for use in analysis.occurrences_of(FACT, occurrence.key):
        if use.quoted:
            text = new
        elif use.in_condition:
            text = format_condition(ast.FactTrue(ref))
        else:
            text = format_anchor(ref)
        edits.append(Edit(use.range, text))
    return edits


def _counts_age(analysis: Analysis) -> bool:
    return any(
        isinstance(node, ast.Age | ast.Birthday)
        for entry in analysis.rules
        for node in walk(entry.decl.statement.timescale)
    )


def _rename_rule(analysis: Analysis, occurrence: Occurrence, new: str) -> list[Edit]:
    if not _RULE_ID.fullmatch(new):
        raise RenameRefused(
            f"'{new}' is not a rule id: letters, digits, '.', '_' and '-', "
            "starting with a letter or digit"
        )
    if new != occurrence.key and analysis.rule(new) is not None:
        raise RenameRefused(f"a rule already has the id '{new}'")
    edits = [Edit(use.range, new) for use in analysis.occurrences_of(RULE, occurrence.key)]
    entry = analysis.rule(occurrence.key)
    if entry is not None and not entry.explicit:
        # A derived id becomes an explicit one, so that it no longer follows the task.
        edits.append(Edit(TextRange(entry.range.start, entry.range.start), f"[{new}] "))
    return edits


def apply_edits(source: str, analysis: Analysis, edits: list[Edit]) -> str:
    result = source
    for edit in sorted(edits, key=lambda e: e.range.start, reverse=True):
        start = analysis.text.offset(edit.range.start)
        end = analysis.text.offset(edit.range.end)
        result = result[:start] + edit.text + result[end:]
    return result


def _check_unchanged_reading(analysis: Analysis, edits: list[Edit]) -> None:
    """Refuse edits after which a line stops parsing or the rules change in number."""
    after = Analysis(apply_edits(analysis.text.source, analysis, edits), analysis.path)
    if len(after.set_aside) > len(analysis.set_aside) or len(after.rules) != len(analysis.rules):
        raise RenameRefused("the file would no longer read the same with this name")


# -- outline -------------------------------------------------------------------
def outline(analysis: Analysis) -> list[Symbol]:
    """Facts, then sections holding processes holding rules, in the order written."""
    symbols: list[Symbol] = []
    for key, decl in analysis.facts.items():
        declared = analysis.declaration(FACT, key)
        if declared is None:
            continue
        line = declared.range.start.line
        whole = TextRange(Pos(line, 0), Pos(line, len(analysis.text.line(line))))
        symbols.append(Symbol(decl.name, "fact", whole, declared.range, decl.type.value))
    items: list[tuple[int, Heading | RuleEntry]] = [(h.line, h) for h in analysis.headings]
    items += [(entry.range.start.line, entry) for entry in analysis.rules]
    items.sort(key=lambda item: item[0])
    last_line = len(analysis.text.lines) - 1
    section: Symbol | None = None
    process: Symbol | None = None
    for position, (line, item) in enumerate(items):
        if isinstance(item, RuleEntry):
            name = f"[{item.id}] {item.decl.statement.task}"
            rule = Symbol(name, "rule", item.range, item.name_range)
            parent = process or section
            (parent.children if parent else symbols).append(rule)
            continue
        end = _heading_end(items, position, item.kind, last_line)
        area = TextRange(Pos(line, 0), Pos(end, len(analysis.text.line(end))))
        symbol = Symbol(item.name, item.kind, area, item.name_range)
        if item.kind == "section":
            symbols.append(symbol)
            section, process = symbol, None
        else:
            (section.children if section else symbols).append(symbol)
            process = symbol
    return symbols


def _heading_end(
    items: list[tuple[int, Heading | RuleEntry]], position: int, kind: str, last: int
) -> int:
    """The last line a heading covers: the line before the next heading that closes it."""
    closing = {"section"} if kind == "section" else {"section", "process"}
    for line, item in items[position + 1 :]:
        if isinstance(item, Heading) and item.kind in closing:
            return max(line - 1, items[position][0])
    return last
