"""timescale_dsl: recording timescales for children's social care, as a rules language.

The public API, re-exported here and documented in docs/api.md.
"""

from .calendars import (
    CALENDAR_NAMES,
    Calendar,
    HolidayCalendar,
    calendar_by_name,
    england_and_wales,
    northern_ireland,
    scotland,
    weekends_only,
)
from .compile import check_ruleset_text, compile_statement, load_ruleset, parse_ruleset
from .errors import (
    CalendarError,
    CalendarRangeError,
    DateOutOfRangeError,
    Diagnostic,
    EvaluationError,
    FactTypeError,
    FactValueError,
    MissingFactsError,
    NoApplicableAlternative,
    NonexistentTimeError,
    RulesetError,
    Severity,
    Span,
    SyntaxProblem,
    TimescaleError,
    UnknownRuleError,
    ValidationProblem,
    render_diagnostic,
)
from .model import Deadline, Explanation, FactNeed, SkippedDay
from .ruleset import Rule, Ruleset
from .syntax.format import format_statement
from .syntax.parser import parse_statement

__version__ = "0.1.0"

__all__ = [
    "CALENDAR_NAMES",
    "Calendar",
    "CalendarError",
    "CalendarRangeError",
    "DateOutOfRangeError",
    "Deadline",
    "Diagnostic",
    "EvaluationError",
    "Explanation",
    "FactNeed",
    "FactTypeError",
    "FactValueError",
    "HolidayCalendar",
    "MissingFactsError",
    "NoApplicableAlternative",
    "NonexistentTimeError",
    "Rule",
    "Ruleset",
    "RulesetError",
    "Severity",
    "SkippedDay",
    "Span",
    "SyntaxProblem",
    "TimescaleError",
    "UnknownRuleError",
    "ValidationProblem",
    "__version__",
    "calendar_by_name",
    "check_ruleset_text",
    "compile_statement",
    "england_and_wales",
    "format_statement",
    "load_ruleset",
    "northern_ireland",
    "parse_ruleset",
    "parse_statement",
    "render_diagnostic",
    "scotland",
    "weekends_only",
]
