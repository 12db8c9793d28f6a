"""Source spans, diagnostics and the one error hierarchy of the library.

Errors stay values (``Diagnostic``) with spans until the edge of the program,
where :func:`render_diagnostic` turns them into compiler-style text.
"""

from __future__ import annotations

import datetime as dt
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
            "end_line": self.span.end_line if self.span else None,
            "end_column": self.span.end_column if self.span else None,
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


def not_utf8_finding(path: str, error: UnicodeDecodeError) -> Diagnostic:
    """The finding for a rule file that is not UTF-8 text."""
    line = error.object[: error.start].count(b"\n") + 1
    message = f"not UTF-8 text (byte 0x{error.object[error.start]:02x} at offset {error.start})"
    hint = "save the file as UTF-8"
    return Diagnostic("TS002", Severity.ERROR, message, Span(path, line, 1), hint)


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


def one_edit_apart(a: str, b: str) -> bool:
    """Whether ``edit_distance(a, b) == 1``, in one pass (it runs on every task-name word)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) < len(b):
        return a[start:] == b[start + 1 :]
    if a[start + 1 :] == b[start + 1 :]:
        return True
    swapped = start + 1 < len(a) and a[start] == b[start + 1] and a[start + 1] == b[start]
    return swapped and a[start + 2 :] == b[start + 2 :]


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a misspelt word, if it is a plausible slip of the keys.

    A candidate that differs from the word in case alone is the closest of all
    (``LCS-VISITS`` -> ``lcs-visits``); the word itself is never suggested."""
    typed = word.lower()
    allowed = 1 if len(typed) <= 4 else 2 if len(typed) <= 10 else 3
    best: tuple[int, str] | None = None
    for candidate in candidates:
        # Edits are at least the difference in length: skip the quadratic comparison.
        if candidate == word or abs(len(typed) - len(candidate)) > allowed:
            continue
        distance = edit_distance(typed, candidate.lower())
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best else None


class TimescaleError(Exception):
    """Base class of every error the library raises on purpose.

    Besides the message, an error carries what a program needs to react to
    it; a field that does not apply is None. ``rule_id``: the rule being
    evaluated; ``fact``: the fact at fault; ``value``: the value given;
    ``allowed``: the values that would have been accepted; ``suggestion``:
    the closest known name to a misspelt one.
    """

    rule_id: str | None = None
    fact: str | None = None
    value: object = None
    allowed: tuple[str, ...] | None = None
    suggestion: str | None = None

    def __init__(
        self,
        *args: object,
        rule_id: str | None = None,
        fact: str | None = None,
        value: object = None,
        allowed: Iterable[str] | None = None,
        suggestion: str | None = None,
    ) -> None:
        super().__init__(*args)
        self.rule_id = rule_id
        self.fact = fact
        self.value = value
        self.allowed = tuple(allowed) if allowed is not None else None
        self.suggestion = suggestion


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

    def __init__(
        self,
        task: str,
        missing: Sequence[str],
        *,
        rule_id: str | None = None,
        suggestion: str | None = None,
        given: str | None = None,
    ) -> None:
        self.task = task
        self.missing = tuple(missing)
        names = ", ".join(f"'{m}'" for m in self.missing)
        hint = ""
        if suggestion is not None and given is not None:
            hint = f" (a fact '{given}' was given: did you mean '{suggestion}'?)"
        super().__init__(
            f"{task}: missing fact(s) {names}{hint}",
            rule_id=rule_id,
            fact=self.missing[0] if self.missing else None,
            value=given,
            suggestion=suggestion,
        )


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
    """A date outside the years a calendar can vouch for.

    ``day`` is the date at fault; ``first_day``..``last_day`` the range the
    calendar vouches for.
    """

    def __init__(
        self,
        message: str,
        *,
        day: dt.date | None = None,
        first_day: dt.date | None = None,
        last_day: dt.date | None = None,
        rule_id: str | None = None,
    ) -> None:
        super().__init__(message, rule_id=rule_id, value=day)
        self.day = day
        self.first_day = first_day
        self.last_day = last_day


class RulesetFileError(TimescaleError, OSError):
    """A rule file that cannot be found or read; ``path`` names it.

    ``suggestion`` is a bundled ruleset's name close to the one given.
    """

    def __init__(self, path: str, reason: str, *, suggestion: str | None = None) -> None:
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        TimescaleError.__init__(self, f"{path}: {reason}{hint}", suggestion=suggestion)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return str(self.args[0])


class DateOutOfRangeError(EvaluationError, CalendarRangeError):
    """A date computed before year 1 or after year 9999, which no date type holds."""


class FactValueError(TimescaleError, ValueError):
    """A text value that is not a date, date-time, boolean as expected."""


class NonexistentTimeError(EvaluationError, ValueError):
    """A London wall-clock time that never happened (inside the spring-forward gap)."""
