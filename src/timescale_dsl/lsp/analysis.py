"""What a document holds: its rules, facts, headings and every name's occurrences.

Built from the library's parser. While an author types, a line often does not
parse; the outline, navigation and completion then work from the rest of the
file: the lines the parser rejects are set aside (blanked, so line numbers
stay) and the text is parsed again. Diagnostics never come from here: they
are the library's check (see :mod:`.checks`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from ..errors import SyntaxProblem
from ..syntax import ast
from ..syntax.names import event_key, fold
from ..syntax.parser import parse_ruleset_text
from ..syntax.walk import rule_id_of, walk
from .text import Pos, Text, TextRange

FACT, RULE = "fact", "rule"

#: How many times a broken line is set aside before giving up on the file.
MAX_SET_ASIDE = 25

_HEADING = re.compile(r'^([ \t]*)(section|process)[ \t]+"([^"\n]*)"', re.IGNORECASE)
_DETAIL = re.compile(r"^[ \t]*(recorded|source|note)\b", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


@attrs.frozen
class Occurrence:
    """One place a fact or rule id is named."""

    kind: str  # FACT or RULE
    key: str  # a fact's folded name, or a rule id
    range: TextRange  # the name alone: inside quotes or brackets, without a leading "the"
    declaration: bool = False
    quoted: bool = False
    in_condition: bool = False


@attrs.frozen
class RuleEntry:
    id: str
    decl: ast.RuleDecl
    range: TextRange  # the rule line and its detail lines
    name_range: TextRange  # the explicit id, or else the task
    explicit: bool


@attrs.frozen
class Heading:
    kind: str  # "section" or "process"
    name: str
    line: int
    name_range: TextRange


def parse_leniently(text: Text, path: str) -> tuple[ast.RulesetFile | None, frozenset[int]]:
    """The parse of the text with the lines the parser rejects set aside, and those lines."""
    lines = list(text.lines)
    aside: set[int] = set()
    for _ in range(MAX_SET_ASIDE):
        try:
            return parse_ruleset_text("\n".join(lines), path), frozenset(aside)
        except SyntaxProblem as problem:
            failing = {d.span.line - 1 for d in problem.diagnostics if d.span is not None}
            fresh = {n for n in _whole_items(lines, failing) if lines[n].strip()}
            if not fresh:
                return None, frozenset(aside)
            for number in fresh:
                lines[number] = ""
            aside |= fresh
    return None, frozenset(aside)


def _whole_items(lines: list[str], numbers: set[int]) -> set[int]:
    """The lines of the items that hold ``numbers``: continuations and detail lines too."""
    found: set[int] = set()
    for number in numbers:
        if not 0 <= number < len(lines):
            continue
        first = number
        while first > 0 and lines[first - 1].rstrip().endswith("\\"):
            first -= 1
        last = number
        while last + 1 < len(lines) and lines[last].rstrip().endswith("\\"):
            last += 1
        if not _DETAIL.match(lines[first]):
            while last + 1 < len(lines) and _DETAIL.match(lines[last + 1]):
                last += 1
        found.update(range(first, last + 1))
    return found


class Analysis:
    """The index of one version of a document."""

    def __init__(self, source: str, path: str) -> None:
        self.text = Text(source)
        self.path = path
        self.tree, self.set_aside = parse_leniently(self.text, path)
        self.usable_lines = [
            "" if n in self.set_aside else line for n, line in enumerate(self.text.lines)
        ]
        self.facts: dict[str, ast.FactDecl] = {}
        self.occurrences: list[Occurrence] = []
        self.rules: list[RuleEntry] = []
        self._users: dict[str, list[RuleEntry]] = {}
        self.headings: list[Heading] = self._headings()
        if self.tree is not None:
            self._index(self.tree)

    # -- building ------------------------------------------------------------------
    def _headings(self) -> list[Heading]:
        found = []
        for number, line in enumerate(self.usable_lines):
            if number > 0 and self.usable_lines[number - 1].rstrip().endswith("\\"):
                continue
            match = _HEADING.match(line)
            if match:
                start = match.start(3)
                area = TextRange(Pos(number, start), Pos(number, match.end(3)))
                found.append(Heading(match.group(2).lower(), match.group(3), number, area))
        return found

    def _index(self, tree: ast.RulesetFile) -> None:
        for decl in tree.header.facts:
            self.facts.setdefault(decl.key, decl)
            if decl.span is not None:
                start = self.text.span_start(decl.span)
                quote = self.text.line(start.line).find('"', start.character)
                begin = Pos(start.line, quote + 1)
                area = TextRange(begin, Pos(start.line, quote + 1 + len(decl.name)))
                self._add(Occurrence(FACT, decl.key, area, declaration=True, quoted=True))
        for rule in tree.rules:
            self._rule(rule)

    def _add(self, occurrence: Occurrence) -> None:
        if occurrence not in self.occurrences:  # a window's bounds share one anchor
            self.occurrences.append(occurrence)

    def _rule(self, decl: ast.RuleDecl) -> None:
        if decl.span is None:
            return
        whole = self.text.trimmed(self.text.span_range(decl.span))
        rule_id = rule_id_of(decl)
        name_range = None
        if decl.rule_id:
            name_range = self.text.find_in(whole, decl.rule_id)
        if name_range is not None:
            self._add(Occurrence(RULE, rule_id, name_range, declaration=True))
        else:
            statement = decl.statement.span
            start = self.text.span_start(statement) if statement else whole.start
            line = self.text.line(start.line)
            name_range = TextRange(start, Pos(start.line, len(line.rstrip())))
        entry = RuleEntry(rule_id, decl, whole, name_range, decl.rule_id is not None)
        self.rules.append(entry)
        in_condition: set[int] = set()
        for node in walk(decl.statement.timescale):
            if isinstance(node, ast.FactTrue | ast.FactEquals):
                in_condition.add(id(node.fact))
        for node in walk(decl.statement.timescale):
            if isinstance(node, ast.FactRef):
                self._fact_ref(node, id(node) in in_condition)
                self._used_by(node.key, entry)
            elif isinstance(node, ast.Age | ast.Birthday):
                self._used_by(ast.DATE_OF_BIRTH, entry)  # counted from it, though not named
            elif isinstance(node, ast.RuleRef) and node.span is not None:
                area = self.text.find_in(self.text.span_range(node.span), node.rule_id)
                if area is not None:
                    self._add(Occurrence(RULE, node.rule_id, area))

    def _used_by(self, key: str, entry: RuleEntry) -> None:
        users = self._users.setdefault(key, [])
        if entry not in users:
            users.append(entry)

    def _fact_ref(self, ref: ast.FactRef, in_condition: bool) -> None:
        if ref.span is None:
            return
        area = self.text.span_range(ref.span)
        written = self.text.slice(area)
        if written.startswith('"'):
            start = self.text.pos_at(self.text.offset(area.start) + 1)
            end = self.text.pos_at(self.text.offset(area.end) - 1)
            self._add(Occurrence(FACT, ref.key, TextRange(start, end), False, True, in_condition))
            return
        words = _LEADING_THE.match(written)
        if (
            words
            and event_key(written[words.end() :]) == ref.key
            and fold(ref.text) != fold(written)
        ):
            area = TextRange(self.text.pos_at(self.text.offset(area.start) + words.end()), area.end)
        self._add(Occurrence(FACT, ref.key, area, in_condition=in_condition))

    # -- queries -------------------------------------------------------------------
    def occurrence_at(self, pos: Pos) -> Occurrence | None:
        for occurrence in self.occurrences:
            if occurrence.range.contains(pos):
                return occurrence
        return None

    def rule_at(self, pos: Pos) -> RuleEntry | None:
        for entry in self.rules:
            if entry.range.contains(pos):
                return entry
        return None

    def rule(self, rule_id: str) -> RuleEntry | None:
        return next((entry for entry in self.rules if entry.id == rule_id), None)

    def occurrences_of(self, kind: str, key: str) -> Iterator[Occurrence]:
        return (o for o in self.occurrences if o.kind == kind and o.key == key)

    def declaration(self, kind: str, key: str) -> Occurrence | None:
        return next((o for o in self.occurrences_of(kind, key) if o.declaration), None)

    def rules_using_fact(self, key: str) -> list[RuleEntry]:
        return list(self._users.get(key, ()))

    def fact_names(self) -> dict[str, str]:
        """Every fact the file names, by key: declared ones, then those only used."""
        names = {key: decl.name for key, decl in self.facts.items()}
        for occurrence in self.occurrences:
            if occurrence.kind == FACT and occurrence.key not in names:
                names[occurrence.key] = self.text.slice(occurrence.range)
        return names
