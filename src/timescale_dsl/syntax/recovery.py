"""Error recovery: every syntax error of a rule file, and an AST of the rest.

A rule file is a sequence of logical lines (a physical line plus any that a
trailing backslash joins to it). When the parser fails, the logical line it
failed on is taken out and the file is parsed again, so each broken line gets
its own diagnostic and everything else still parses and validates. Line and
column numbers never move: a removed line is left blank, and a broken rule
whose detail lines follow (``recorded in``, ``source``, ``note``) is replaced by
a placeholder rule that keeps those lines attached to something, then dropped.

The recovery knows no grammar rule; it asks the parser which keywords can
start a line in the state before the broken one, so it follows the grammar as
the grammar changes.
"""

from __future__ import annotations

import re

import attrs

from ..errors import Diagnostic, Severity, Span, edit_distance
from . import ast
from .names import event_key, fold, slug

# A statement every version of the language accepts: the placeholder for a
# broken rule, and the probe that finds which keywords start detail lines.
PLACEHOLDER_RULE = "Placeholder within 1 day of placeholder"
SECTION_PROBE = 'section "placeholder"'

_QUOTED = re.compile(r'"([^"\n]*)"?')  # an unclosed quote runs to the end of the line
_FIRST_WORD = re.compile(r"[ \t\f]*([^\W\d_][\w'-]*)")
_EXPLICIT_ID = re.compile(r"[ \t\f]*\[([^\]\s]+)\]")


@attrs.frozen
class Unparsed:
    """What the lines that failed to parse might have defined or used.

    Validation consults it so that a broken line does not cause a second,
    false finding: a reference to a rule that failed to parse is not unknown,
    a fact whose declaration failed is not undeclared.
    """

    rule_ids: frozenset[str] = frozenset()
    task_slugs: frozenset[str] = frozenset()
    quoted: frozenset[str] = frozenset()
    texts: tuple[str, ...] = ()

    def may_define_rule(self, rule_id: str) -> bool:
        """Whether ``[rule_id]`` may name a rule that failed to parse.

        That is a rule whose explicit id was on a broken line, one whose task
        (some leading words of a broken line) ends the id, or one whose
        derived id starts with a section or process named on a broken line.
        """
        if rule_id in self.rule_ids:
            return True
        if any(rule_id == s or rule_id.endswith("-" + s) for s in self.task_slugs):
            return True
        return any(rule_id.startswith(slug(q) + "-") for q in self.quoted if slug(q))

    def may_declare_fact(self, key: str) -> bool:
        """Whether a fact with this key may have been declared on a broken line."""
        return key in self.quoted

    def may_use_fact(self, key: str) -> bool:
        """Whether a broken line mentions this fact (so it may be in use)."""
        pattern = re.compile(r"(?<!\w)" + re.escape(key) + r"(?!\w)")
        return any(pattern.search(text) for text in self.texts)


@attrs.frozen
class Recovered:
    """The AST of everything that parsed, every syntax error, and what was lost."""

    tree: ast.RulesetFile
    diagnostics: tuple[Diagnostic, ...]
    unparsed: Unparsed


def continues(line: str) -> bool:
    """Whether a physical line is joined to the next by a trailing backslash."""
    in_quotes = False
    for position, char in enumerate(line):
        if char == '"':
            in_quotes = not in_quotes
        elif char == "#" and not in_quotes:
            line = line[:position]
            break
    return line.rstrip().endswith("\\")


def is_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def logical_line(lines: list[str], number: int) -> tuple[int, int]:
    """The first and last physical line (1-based) of the logical line holding ``number``."""
    while number > 1 and is_blank(lines[number - 1]) and not continues(lines[number - 2]):
        number -= 1  # an error reported after trailing blank lines belongs above them
    first = number
    while first > 1 and continues(lines[first - 2]):
        first -= 1
    last = number
    while last < len(lines) and continues(lines[last - 1]):
        last += 1
    return first, last


def first_word(line: str) -> tuple[str, int] | None:
    """The line's first word and its 0-based column, if it starts with one."""
    match = _FIRST_WORD.match(line)
    return (match.group(1), match.start(1)) if match else None


@attrs.frozen
class LineStarts:
    """Which keywords can start a line: in the header, after a rule, in the body."""

    header: frozenset[str]
    details: frozenset[str]

    def detail_of_broken_rule(self, word: str, in_header: bool) -> bool:
        """Whether a line starting with ``word`` belongs to the rule above it."""
        return word in self.details and not (in_header and word in self.header)


#: The most words a broken rule line's task is taken to run to (a table's task names
#: run to a dozen).
TASK_WORDS = 64


def unparsed_of(lost_rules: list[str], lost_lines: list[str]) -> Unparsed:
    """What broken rule lines (``lost_rules``) and any broken lines may have held."""
    ids: set[str] = set()
    slugs: set[str] = set()
    for text in lost_rules:
        explicit = _EXPLICIT_ID.match(text)
        if explicit:
            ids.add(explicit.group(1))
            continue
        # The task is some leading run of the line's words; its id ends with that run's slug.
        # No task runs to more than TASK_WORDS words: a broken line of thousands of words
        # costs a pass over its start, not one over each of its prefixes.
        words = text.split()[:TASK_WORDS]
        for end in range(1, len(words) + 1):
            piece = slug(" ".join(words[:end]))
            if piece:
                slugs.add(piece)
    quoted = {event_key(q) for text in lost_lines for q in _QUOTED.findall(text)}
    return Unparsed(
        frozenset(ids), frozenset(slugs), frozenset(quoted), tuple(fold(t) for t in lost_lines)
    )


def plausible_slips(word: str, keywords: frozenset[str]) -> list[str]:
    """Keywords one or two slips of the keys from ``word``, the closest first."""
    typed = word.lower()
    allowed = 1 if len(typed) <= 4 else 2 if len(typed) <= 10 else 3
    scored = sorted((edit_distance(typed, k), k) for k in keywords if k.isalpha())
    return [k for distance, k in scored if 0 < distance <= allowed]


def typo_diagnostic(
    word: str, line: int, column: int, path: str, source_line: str, suggestion: str, hint: str
) -> Diagnostic:
    span = Span(path, line, column + 1, line, column + 1 + len(word))
    message = f"unexpected '{word}'; did you mean '{suggestion}'?"
    return Diagnostic("TS001", Severity.ERROR, message, span, hint, source_line)


def too_many(path: str, first: int, last: int, source_line: str) -> Diagnostic:
    """The finding that ends recovery: the lines from ``first`` on were not checked."""
    message = f"too many syntax errors: lines {first} to {last} were not checked"
    hint = "fix the errors above and check again"
    return Diagnostic("TS003", Severity.ERROR, message, Span(path, first, 1), hint, source_line)
