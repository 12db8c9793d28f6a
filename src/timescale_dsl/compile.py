"""Validated AST -> Rule and Ruleset objects bound to a calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .calendars.base import Calendar, HolidayCalendar, add_closures
from .calendars.registry import calendar_by_name
from .errors import Diagnostic, RulesetError, ValidationProblem
from .limits import check_size
from .ruleset import Rule, Ruleset, Settings
from .syntax import ast
from .syntax.parser import parse_ruleset_text, parse_statement
from .validate import rule_id_of, validate, validate_statement


def header_calendar(header: ast.Header, override: Calendar | None = None) -> Calendar:
    """The calendar a header asks for, or the caller's, plus the header's closure days."""
    closures = []
    for closure in header.closures:
        days = (closure.last - closure.first).days + 1  # never steps past 9999-12-31
        for offset in range(days):
            closures.append(
                (closure.first + dt.timedelta(days=offset), closure.name or "closure day")
            )
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


def compile_ruleset(
    tree: ast.RulesetFile,
    calendar: Calendar | None = None,
    diagnostics: tuple[Diagnostic, ...] = (),
) -> Ruleset:
    settings = Settings(header_calendar(tree.header, calendar), tree.header.event_day_number)
    facts = {fact.key: fact for fact in tree.header.facts}
    rules: list[Rule] = []
    by_id: dict[str, Rule] = {}

    def lookup(rule_id: str) -> Rule:
        from .errors import UnknownRuleError

        if rule_id not in by_id:
            raise UnknownRuleError(f"no rule '{rule_id}' in {tree.path}")
        return by_id[rule_id]

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


def check_ruleset_text(text: str, path: str = "<string>") -> list[Diagnostic]:
    """Every diagnostic for a rule file's text: syntax errors, then semantic findings."""
    try:
        check_size(text, path)
        tree = parse_ruleset_text(text, path)
    except RulesetError as error:
        return list(error.diagnostics)
    found = validate(tree, text, path)
    return sorted(found, key=lambda d: (d.span.line, d.span.column) if d.span else (0, 0))


def parse_ruleset(text: str, path: str = "<string>", calendar: Calendar | None = None) -> Ruleset:
    """Parse, validate and compile a rule file's text; RulesetError if it has errors."""
    check_size(text, path)
    tree = parse_ruleset_text(text, path)
    found = validate(tree, text, path)
    errors = [d for d in found if d.is_error]
    if errors:
        raise ValidationProblem(found)
    return compile_ruleset(tree, calendar, tuple(found))


def load_ruleset(path: str | Path, calendar: Calendar | None = None) -> Ruleset:
    """Read, validate and compile a rule file."""
    file = Path(path)
    return parse_ruleset(file.read_text(encoding="utf-8-sig"), str(path), calendar)


def compile_statement(
    text: str,
    calendar: Calendar | None = None,
    *,
    event_day_number: int = 0,
    rule_id: str | None = None,
) -> Rule:
    """A single statement as a Rule: ``compile_statement("Minutes within 15 ...")``."""
    check_size(text, "<statement>")
    statement = parse_statement(text)
    errors = [d for d in validate_statement(statement) if d.is_error]
    if errors:
        raise ValidationProblem(errors)
    settings = Settings(calendar or calendar_by_name("england-and-wales"), event_day_number)
    return Rule(id=rule_id or "statement", statement=statement, settings=settings)
