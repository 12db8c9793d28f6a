"""Source spans, diagnostics and the one error hierarchy of the library.

Errors stay values (``Diagnostic``) with spans until the edge of the program,
where :func:`render_diagnostic` turns them into compiler-style text.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence

import attrs


@attrs.frozen
class Span:
    """Where a piece of text came from: 1-based line and column."""

    file: str
    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@attrs.frozen
class Diagnostic:
    """One finding about a rule file or statement, with a stable code."""

    code: str
    severity: Severity
    message: str
    span: Span | None = None
    hint: str | None = None
    source_line: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.span.file if self.span else None,
            "line": self.span.line if self.span else None,
            "column": self.span.column if self.span else None,
            "hint": self.hint,
        }


def render_diagnostic(diagnostic: Diagnostic) -> str:
    """Render as ``path:line:col: error: message`` plus the line and a caret."""
    where = f"{diagnostic.span}: " if diagnostic.span else ""
    lines = [f"{where}{diagnostic.severity.value}: {diagnostic.message} [{diagnostic.code}]"]
    if diagnostic.span is not None and diagnostic.source_line is not None:
        text = diagnostic.source_line.rstrip("\r\n").expandtabs(1)
        start = max(diagnostic.span.column - 1, 0)
        width = 1
        if diagnostic.span.end_line == diagnostic.span.line and diagnostic.span.end_column:
            width = max(diagnostic.span.end_column - diagnostic.span.column, 1)
        lines.append(f"    {text}")
        lines.append("    " + " " * start + "^" + "~" * (width - 1))
    if diagnostic.hint:
        lines.append(f"    hint: {diagnostic.hint}")
    return "\n".join(lines)


def edit_distance(a: str, b: str) -> int:
    """Edits between two words, a swap of neighbours counting as one ("wihtin")."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a misspelt word, if it is a plausible slip of the keys."""
    typed = word.lower()
    allowed = 1 if len(typed) <= 4 else 2 if len(typed) <= 10 else 3
    best: tuple[int, str] | None = None
    for candidate in candidates:
        distance = edit_distance(typed, candidate.lower())
        if 0 < distance <= allowed and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best else None


class TimescaleError(Exception):
    """Base class of every error the library raises on purpose."""


class RulesetError(TimescaleError):
    """A rule file or statement that does not parse or does not validate."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        errors = [d for d in self.diagnostics if d.is_error] or list(self.diagnostics)
        super().__init__("\n".join(render_diagnostic(d) for d in errors))


class SyntaxProblem(RulesetError):
    """The text does not follow the grammar."""


class ValidationProblem(RulesetError):
    """The text parses but says something impossible or inconsistent."""


class EvaluationError(TimescaleError):
    """A deadline cannot be computed from the facts given."""


class MissingFactsError(EvaluationError):
    """Facts that the rule needs were not supplied."""

    def __init__(self, task: str, missing: Sequence[str]) -> None:
        self.task = task
        self.missing = tuple(missing)
        names = ", ".join(f"'{m}'" for m in self.missing)
        super().__init__(f"{task}: missing fact(s) {names}")


class FactTypeError(EvaluationError):
    """A fact was supplied with a value of the wrong kind."""


class NoApplicableAlternative(EvaluationError):
    """No condition of a rule's alternatives holds for the facts given."""


class UnknownRuleError(TimescaleError, KeyError):
    """A rule id or task name that the ruleset does not hold."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown rule"


class CalendarError(TimescaleError):
    """A calendar cannot be built or found."""


class CalendarRangeError(CalendarError):
    """A date outside the years a calendar can vouch for."""


class FactValueError(TimescaleError, ValueError):
    """A text value that is not a date, date-time, boolean as expected."""
