"""Quick fixes for diagnostics that say how to fix them.

A diagnostic whose message or hint says "did you mean 'X'?" gets a fix that
puts X in place of the word it quotes first (the word found wrong); one whose
hint says "declare it: fact ..." gets a fix that adds that declaration after
the file's last one. Names are written as the formatter writes them, quoted
where their words need it.
"""

from __future__ import annotations

import re

import attrs

from ..errors import Diagnostic
from ..syntax import ast
from ..syntax.format import format_anchor, format_condition
from ..syntax.names import event_key
from .analysis import Analysis
from .navigation import Edit
from .text import Pos, TextRange

_SUGGESTION = re.compile(r"did you mean '([^']+)'\?")
_QUOTED = re.compile(r"'([^']+)'")
_DECLARE = re.compile(r"declare it: (fact .+)$")
#: Codes whose suggestion is a fact written where an event or a condition goes.
_EVENT_CODES, _CONDITION_CODES = {"TS105"}, {"TS104"}


@attrs.frozen
class Fix:
    title: str
    edits: tuple[Edit, ...]
    preferred: bool = True


def fixes_for(analysis: Analysis, diagnostic: Diagnostic, area: TextRange) -> list[Fix]:
    """The quick fixes of one diagnostic, found at ``area`` of the document."""
    found = []
    suggestion = _SUGGESTION.search(f"{diagnostic.message} {diagnostic.hint or ''}")
    wrong = _QUOTED.search(diagnostic.message)
    if suggestion and wrong:
        place = _place_of(analysis, area, wrong.group(1))
        if place is not None:
            text = _written(diagnostic.code, suggestion.group(1), analysis, place)
            found.append(Fix(f"Change to '{suggestion.group(1)}'", (Edit(place, text),)))
    declare = _DECLARE.search(diagnostic.hint or "")
    if declare:
        edit = _declaration_edit(analysis, declare.group(1))
        if edit is not None:
            found.append(Fix(f"Declare it: {declare.group(1)}", (edit,)))
    return found


def _place_of(analysis: Analysis, area: TextRange, wrong: str) -> TextRange | None:
    """Where the wrong word stands: within the diagnostic's range, else on its line."""
    found = analysis.text.find_in(area, wrong, last=True)
    if found is None:
        line = area.start.line
        whole = TextRange(Pos(line, 0), Pos(line, len(analysis.text.line(line))))
        found = analysis.text.find_in(whole, wrong)
    return found


def _written(code: str, suggestion: str, analysis: Analysis, place: TextRange) -> str:
    """The suggestion as it must be written where the wrong word stands."""
    text = analysis.text
    line = text.line(place.start.line)
    quoted = line[place.start.character - 1 : place.start.character] == '"' and (
        line[place.end.character : place.end.character + 1] == '"'
    )
    if quoted:
        return suggestion
    ref = ast.FactRef(event_key(suggestion), suggestion)
    if code in _EVENT_CODES:
        return format_anchor(ref)
    if code in _CONDITION_CODES:
        return format_condition(ast.FactTrue(ref))
    return suggestion


def _declaration_edit(analysis: Analysis, declaration: str) -> Edit | None:
    """Insert ``declaration`` on a new line after the last fact declaration."""
    declared = [
        o.range.start.line for o in analysis.occurrences if o.kind == "fact" and o.declaration
    ]
    if not declared:
        return None
    line = max(declared)
    current = analysis.text.line(line)
    indent = current[: len(current) - len(current.lstrip())]
    end = Pos(line, len(current))
    return Edit(TextRange(end, end), f"\n{indent}{declaration}")
