"""Rule files and statements, parsed and checked, bound to their calendar as Rule and Ruleset.

Binding attaches a checked AST to the calendar its header names (or the
caller's) plus its closure days and the counting convention; it translates
nothing: the evaluators read the AST itself when a deadline is asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from .bundled import bundled_path, bundled_rulesets
from .calendars.base import Calendar, HolidayCalendar, add_closures
from .calendars.registry import calendar_by_name
from .check import all_findings
from .errors import (
    Diagnostic,
    RulesetFileError,
    SyntaxProblem,
    ValidationProblem,
    did_you_mean,
)
from .limits import check_size
from .ruleset import Rule, Ruleset, RuleTable, Settings
from .syntax import ast
from .syntax.parser import parse_statement
from .syntax.walk import rule_id_of
from .validate import validate_statement


def header_closures(header: ast.Header, school: bool = False) -> tuple[tuple[dt.date, str], ...]:
    """The header's closure days (``school``: its school holidays), one entry a day,
    with their names."""
    closures = []
    for closure in header.closures:
        if closure.school is not school:
            continue
        days = (closure.last - closure.first).days + 1  # never steps past 9999-12-31
        for offset in range(days):
            closures.append(
                (closure.first + dt.timedelta(days=offset), closure.name or "closure day")
            )
    return tuple(closures)


def header_calendar(header: ast.Header, override: Calendar | None = None) -> Calendar:
    """The calendar a header asks for, or the caller's, plus the header's closure days."""
    closures = header_closures(header)
    if override is not None:
        return add_closures(override, closures)
    calendar: HolidayCalendar = calendar_by_name(header.calendar or "england-and-wales")
    if header.bank_holidays_are_working_days:
        calendar = calendar.without_holidays()
    if header.weekend is not None:
        calendar = calendar.with_weekend(header.weekend)
    if header.office_hours is not None:
        calendar = calendar.with_office_hours(*header.office_hours)
    result = add_closures(calendar, closures)
    return result


def bind_ruleset(
    tree: ast.RulesetFile,
    calendar: Calendar | None = None,
    diagnostics: tuple[Diagnostic, ...] = (),
) -> Ruleset:
    """A parsed rule file bound to its calendar; it is not validated again here."""
    settings = Settings(
        header_calendar(tree.header, calendar),
        tree.header.event_day_number,
        header_closures(tree.header),
        header_closures(tree.header, school=True),
    )
    facts = {fact.key: fact for fact in tree.header.facts}
    rules: list[Rule] = []
    lookup = RuleTable(tree.path)
    by_id = lookup.by_id

    for decl in tree.rules:
        rule = Rule(
            id=rule_id_of(decl),
            statement=decl.statement,
            settings=settings,
            section=decl.section,
            process=decl.process,
            recorded_in=decl.recorded_in,
            form=decl.form,
            recorded_by=decl.recorded_by,
            source=decl.source,
            note=decl.note,
            span=decl.span,
            lookup=lookup,
            fact_types=facts,
        )
        rules.append(rule)
        by_id.setdefault(rule.id, rule)
    return Ruleset(tree.path, tree.header, tuple(rules), settings, diagnostics)


def parse_ruleset(text: str, path: str = "<string>", calendar: Calendar | None = None) -> Ruleset:
    """Parse, validate and bind a rule file's text; RulesetError lists every finding."""
    tree, found, syntax = all_findings(text, path)
    if syntax:
        raise SyntaxProblem(found)
    if any(d.is_error for d in found):
        raise ValidationProblem(found)
    return bind_ruleset(tree, calendar, tuple(found))


def ruleset_file(path_or_name: str | Path) -> Path:
    """The file a ruleset argument names: an existing path, else a bundled ruleset's name."""
    file = Path(path_or_name)
    if file.is_file():
        return file
    bundled = bundled_path(str(path_or_name))
    if bundled is not None and not file.exists():
        return bundled
    if file.exists():
        raise RulesetFileError(str(path_or_name), "not a file")
    names = bundled_rulesets()
    reason = "no such file, nor a bundled ruleset (bundled: " + ", ".join(names) + ")"
    suggestion = did_you_mean(file.name.removesuffix(".timescales"), names)
    raise RulesetFileError(str(path_or_name), reason, suggestion=suggestion)


def read_ruleset_text(file: Path) -> str:
    """A rule file's text; RulesetFileError with the path when it cannot be read."""
    try:
        return file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise RulesetFileError(str(file), f"not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise RulesetFileError(str(file), error.strerror or str(error)) from None


def load_ruleset(path: str | Path, calendar: Calendar | None = None) -> Ruleset:
    """Read, validate and bind a rule file, by path or by a bundled ruleset's name.

    ``load_ruleset("lcs-liquidlogic")`` loads a bundled ruleset (see
    :func:`bundled_rulesets`); a file of that name in the working directory wins.
    """
    file = ruleset_file(path)
    return parse_ruleset(read_ruleset_text(file), str(file), calendar)


def parse_rule(
    text: str,
    calendar: Calendar | None = None,
    *,
    event_day_number: int = 0,
    rule_id: str | None = None,
    school_holidays: Iterable[tuple[dt.date, dt.date, str | None]] = (),
) -> Rule:
    """One statement parsed, validated and bound as a Rule: ``parse_rule("Minutes within ...")``.

    ``school_holidays``: (first day, last day, name) of each, for statements that count
    school days, as a rule file's ``school holidays`` lines give them.
    """
    check_size(text, "<statement>")
    statement = parse_statement(text)
    school = tuple(ast.Closure(first, last, name, True) for first, last, name in school_holidays)
    errors = [d for d in validate_statement(statement, school) if d.is_error]
    if errors:
        raise ValidationProblem(errors)
    settings = Settings(
        calendar or calendar_by_name("england-and-wales"),
        event_day_number,
        school_holidays=header_closures(ast.Header(closures=school), school=True),
    )
    return Rule(id=rule_id or "statement", statement=statement, settings=settings)


#: The old name of :func:`parse_rule`, deprecated: kept so existing callers work.
compile_statement = parse_rule
