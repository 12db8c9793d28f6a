"""timescale_dsl: recording timescales for children's social care, as a rules language.

The public API, re-exported here and documented in docs/api.md.
"""

from .bundled import bundled_rulesets
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
from .calendars.base import add_working_days, working_days_between
from .case import Case, CaseResult, Episode, Outcome, OutcomeKind
from .compile import check_ruleset_text, compile_statement, load_ruleset, parse_ruleset
from .errors import (
    CalendarError,
    CalendarRangeError,
    Diagnostic,
    EvaluationError,
    FactTypeError,
    FactValueError,
    MissingFactsError,
    NoApplicableAlternative,
    RulesetError,
    RulesetFileError,
    Severity,
    Span,
    SyntaxProblem,
    TimescaleError,
    UnknownRuleError,
    ValidationProblem,
    render_diagnostic,
)
from .facts import FactValue
from .model import (
    Deadline,
    DeadlineDict,
    Explanation,
    ExplanationDict,
    FactNeed,
    SkippedDay,
    SkippedDayDict,
    When,
)
from .ruleset import Rule, Ruleset, Settings
from .status import STATUSES, RecordStatus, StatusName
from .syntax.format import format_statement
from .syntax.parser import parse_statement

__version__ = "0.1.0"

__all__ = [
    "CALENDAR_NAMES",
    "STATUSES",
    "Calendar",
    "CalendarError",
    "CalendarRangeError",
    "Case",
    "CaseResult",
    "Deadline",
    "DeadlineDict",
    "Diagnostic",
    "Episode",
    "EvaluationError",
    "Explanation",
    "ExplanationDict",
    "FactNeed",
    "FactTypeError",
    "FactValue",
    "FactValueError",
    "HolidayCalendar",
    "MissingFactsError",
    "NoApplicableAlternative",
    "Outcome",
    "OutcomeKind",
    "RecordStatus",
    "Rule",
    "Ruleset",
    "RulesetError",
    "RulesetFileError",
    "Settings",
    "Severity",
    "SkippedDay",
    "SkippedDayDict",
    "Span",
    "StatusName",
    "SyntaxProblem",
    "TimescaleError",
    "UnknownRuleError",
    "ValidationProblem",
    "When",
    "__version__",
    "add_working_days",
    "bundled_rulesets",
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
    "working_days_between",
]
