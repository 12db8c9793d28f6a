"""timescale_dsl: recording timescales for children's social care, as a rules language.

The public API, re-exported here and documented in docs/api.md.
"""

from typing import TYPE_CHECKING

from .lazy import lazy_getattr

if TYPE_CHECKING:
    from .binding import compile_statement, load_ruleset, parse_rule, parse_ruleset
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
    from .check import check_ruleset_text
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
    from .syntax.ast import FactType
    from .syntax.format import format_statement
    from .syntax.parser import parse_statement

# Each public name and the module it lives in. Importing the package loads
# none of them; the first use of a name loads its module (PEP 562), so that
# `timescale check` starts without numpy or the holidays tables.
_HOMES = {
    "bundled_rulesets": "bundled",
    "add_working_days": "calendars.base",
    "working_days_between": "calendars.base",
    "Case": "case",
    "CaseResult": "case",
    "Episode": "case",
    "Outcome": "case",
    "OutcomeKind": "case",
    "RulesetFileError": "errors",
    "DateOutOfRangeError": "errors",
    "NonexistentTimeError": "errors",
    "FactValue": "facts",
    "DeadlineDict": "model",
    "ExplanationDict": "model",
    "SkippedDayDict": "model",
    "When": "model",
    "Settings": "ruleset",
    "STATUSES": "status",
    "RecordStatus": "status",
    "StatusName": "status",
    "CALENDAR_NAMES": "calendars",
    "Calendar": "calendars",
    "HolidayCalendar": "calendars",
    "calendar_by_name": "calendars",
    "england_and_wales": "calendars",
    "northern_ireland": "calendars",
    "scotland": "calendars",
    "weekends_only": "calendars",
    "check_ruleset_text": "check",
    "compile_statement": "binding",
    "load_ruleset": "binding",
    "parse_rule": "binding",
    "parse_ruleset": "binding",
    "CalendarError": "errors",
    "CalendarRangeError": "errors",
    "Diagnostic": "errors",
    "EvaluationError": "errors",
    "FactTypeError": "errors",
    "FactValueError": "errors",
    "MissingFactsError": "errors",
    "NoApplicableAlternative": "errors",
    "RulesetError": "errors",
    "Severity": "errors",
    "Span": "errors",
    "SyntaxProblem": "errors",
    "TimescaleError": "errors",
    "UnknownRuleError": "errors",
    "ValidationProblem": "errors",
    "render_diagnostic": "errors",
    "Deadline": "model",
    "Explanation": "model",
    "FactNeed": "model",
    "SkippedDay": "model",
    "Rule": "ruleset",
    "Ruleset": "ruleset",
    "FactType": "syntax.ast",
    "format_statement": "syntax.format",
    "parse_statement": "syntax.parser",
}


__getattr__ = lazy_getattr(__name__, _HOMES)


def __dir__() -> list[str]:
    return sorted(__all__)


__version__ = "0.1.0"

__all__ = [
    "CALENDAR_NAMES",
    "STATUSES",
    "Calendar",
    "CalendarError",
    "CalendarRangeError",
    "Case",
    "CaseResult",
    "DateOutOfRangeError",
    "Deadline",
    "DeadlineDict",
    "Diagnostic",
    "Episode",
    "EvaluationError",
    "Explanation",
    "ExplanationDict",
    "FactNeed",
    "FactType",
    "FactTypeError",
    "FactValue",
    "FactValueError",
    "HolidayCalendar",
    "MissingFactsError",
    "NoApplicableAlternative",
    "NonexistentTimeError",
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
    "parse_rule",
    "parse_ruleset",
    "parse_statement",
    "render_diagnostic",
    "scotland",
    "weekends_only",
    "working_days_between",
]
