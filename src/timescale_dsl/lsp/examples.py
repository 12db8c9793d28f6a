"""Worked examples: a rule's deadline for example facts, one line per alternative.

"e.g. actual meeting Fri 18 Dec 2026 -> due Wed 13 Jan 2027, skipping
Christmas Day, Boxing Day (observed), New Year's Day". The library computes
every date (:meth:`Rule.deadline`); this module only chooses the facts and
words the result. Events fall on the Friday before Christmas so that counting
shows the bank holidays at work; an event a record is due *before* falls three
weeks later, so that counting back crosses them too. Each alternative of a
rule gets its own example, with its condition made to hold and the others not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..engine.arithmetic import add_months
from ..errors import TimescaleError
from ..model import Deadline, show_when
from ..needs import anchors
from ..ruleset import Rule
from ..syntax import ast
from ..syntax.format import format_condition
from ..syntax.names import fold
from ..syntax.walk import walk

#: Later due dates of a recurring rule shown after the first.
PROJECTED = 3
_BEFORE_SHIFT = dt.timedelta(weeks=3)
_BIRTHDAY_SHIFT = dt.timedelta(weeks=1)
_TIME_OF_DAY = dt.time(10, 0)
_DATED = (ast.FactType.DATE, ast.FactType.DATETIME)
#: How far apart a rule's events fall: a week, else (a window between two
#: events that needs them further apart, such as pregnancy weeks) half a year.
_SPACINGS = (dt.timedelta(weeks=1), dt.timedelta(weeks=26))


def default_example_day(today: dt.date, last_day: dt.date) -> dt.date:
    """The Friday on or before 18 December: counting from it meets Christmas and New Year.

    The year is this one, or the last the calendar vouches for less one, so that
    counting on from it stays inside the calendar.
    """
    year = min(today.year, last_day.year - 1)
    day = dt.date(year, 12, 18)
    return day - dt.timedelta(days=(day.weekday() - 4) % 7)


def worked_examples(rule: Rule, day: dt.date) -> list[str]:
    """One line per alternative of the rule: its facts, the dates due, the days skipped."""
    timescale = rule.statement.timescale
    if isinstance(timescale, ast.NoFixedTimescale):
        return []
    options = timescale.options
    lines = []
    for option in options:
        label = ""
        if option.otherwise or (option.condition is None and len(options) > 1):
            label = "otherwise: "
        elif option.condition is not None:
            label = f"if {format_condition(option.condition)}: "
        lines.append(label + _example(rule, option, options, day))
    return lines


def _example(
    rule: Rule, option: ast.Guarded, options: tuple[ast.Guarded, ...], day: dt.date
) -> str:
    choices = _choices(rule, option, options)
    if choices is None:
        return "no example: the condition cannot hold together with the others' being false"
    facts: dict[str, object] = dict(choices)
    for key, value in _referenced_choices(rule, option.schedule, frozenset({rule.id})).items():
        facts.setdefault(key, value)
    failure: TimescaleError | None = None
    for spacing in _SPACINGS:
        dates = _dates(rule, option.schedule, day, spacing)
        try:
            deadline = rule.deadline({**facts, **dates}, projection=PROJECTED)
            break
        except TimescaleError as error:
            failure = failure or error
    else:
        return f"no example: {failure}"
    shown = [name for name in _anchor_names(rule, option.schedule) if name in dates]
    given = ", ".join(f"{name} {show_when(_when(dates[name]))}" for name in shown)
    return f"e.g. {given} -> {_result(deadline)}" if given else f"e.g. {_result(deadline)}"


def _when(value: object) -> dt.date:
    assert isinstance(value, dt.date)
    return value


def _result(deadline: Deadline) -> str:
    if deadline.due is None:
        return "no fixed timescale"
    if deadline.earliest is not None:
        text = f"between {show_when(deadline.earliest)} and {show_when(deadline.due)}"
    else:
        text = f"due {show_when(deadline.due)}"
    if deadline.target is not None:
        text += f" (target {show_when(deadline.target)})"
    if deadline.schedule:
        text += ", then " + ", ".join(show_when(s) for s in deadline.schedule) + ", ..."
    holidays, weekend = [], 0
    for skipped in deadline.explanation.skipped:
        if skipped.reason.startswith(f"{skipped.day:%A}"):
            weekend += 1
        else:
            holidays.append(skipped.reason)
    if holidays:
        text += ", skipping " + ", ".join(holidays)
        if weekend:
            text += f" and {weekend} weekend day{'s' if weekend != 1 else ''}"
    if deadline.provisional:
        text += " (provisional: " + " ".join(deadline.caveats) + ")"
    return text


# -- dates ---------------------------------------------------------------------
def _anchor_names(rule: Rule, schedule: ast.Schedule) -> list[str]:
    """The names of the dated facts a schedule counts from, through [rule-id] anchors."""
    names: list[str] = []
    for anchor in anchors(schedule):
        if isinstance(anchor, ast.RuleRef):
            try:
                other = rule.referenced(anchor.rule_id)
            except TimescaleError:
                continue
            found = [n.name for n in other.facts_needed() if n.type in _DATED]
        else:
            declared = rule.declared_facts.get(anchor.key)
            found = [declared.name if declared else anchor.text]
        names += [name for name in found if name not in names]
    return names


def _dates(
    rule: Rule, schedule: ast.Schedule, day: dt.date, spacing: dt.timedelta
) -> dict[str, object]:
    """Example values for every dated fact the rule may need."""
    before = {
        node.anchor.key
        for node in walk(schedule)
        if isinstance(node, ast.Offset)
        and node.direction is ast.Direction.BEFORE
        and isinstance(node.anchor, ast.FactRef)
    }
    dates: dict[str, object] = {}
    dated = [n for n in rule.facts_needed() if n.type in _DATED]
    for position, need in enumerate(dated):
        key = fold(need.name)
        if key == ast.DATE_OF_BIRTH:
            value = _birth_date(schedule, day)
        else:
            value = day + spacing * position
            if key in before:
                value += _BEFORE_SHIFT
        timed = need.type is ast.FactType.DATETIME
        dates[need.name] = dt.datetime.combine(value, _TIME_OF_DAY) if timed else value
    return dates


def _birth_date(schedule: ast.Schedule, day: dt.date) -> dt.date:
    """A date of birth putting the age or birthday a week after the example day."""
    months = 18 * 12
    for node in walk(schedule):
        if isinstance(node, ast.Age):
            months = 12 * node.years + node.months
            break
        if isinstance(node, ast.Birthday):
            months = 12 * node.years
            break
    return add_months(day + _BIRTHDAY_SHIFT, -months)


# -- conditions ----------------------------------------------------------------
def _choices(
    rule: Rule, option: ast.Guarded, options: tuple[ast.Guarded, ...]
) -> dict[str, object] | None:
    """Values of condition facts under which ``option`` applies and no other does."""
    allowed = {key: decl.allowed for key, decl in rule.declared_facts.items()}
    values: dict[str, object] | None = {}
    if option.condition is not None:
        values = _make(option.condition, True, {}, allowed)
    for other in options:
        if other is option or other.condition is None or values is None:
            continue
        values = _make(other.condition, False, values, allowed) or values
    return values


def _referenced_choices(
    rule: Rule, schedule: ast.Schedule, seen: frozenset[str]
) -> dict[str, object]:
    """Condition facts for the rules a schedule counts from: each one's first alternative."""
    found: dict[str, object] = {}
    for anchor in anchors(schedule):
        if not isinstance(anchor, ast.RuleRef) or anchor.rule_id in seen:
            continue
        try:
            other = rule.referenced(anchor.rule_id)
        except TimescaleError:
            continue
        timescale = other.statement.timescale
        if isinstance(timescale, ast.NoFixedTimescale):
            continue
        first = timescale.options[0]
        deeper = _referenced_choices(other, first.schedule, seen | {anchor.rule_id})
        for key, value in {**deeper, **(_choices(other, first, timescale.options) or {})}.items():
            found.setdefault(key, value)
    return found


def _make(
    condition: ast.Condition,
    want: bool,
    values: dict[str, object],
    allowed: Mapping[str, tuple[str, ...]],
) -> dict[str, object] | None:
    """``values`` extended so that ``condition`` comes out ``want``, or None if it cannot."""
    match condition:
        case ast.FactTrue(fact=fact):
            if fact.key in values:
                return values if values[fact.key] is want else None
            return {**values, fact.key: want}
        case ast.FactEquals(fact=fact, value=value, negated=negated):
            equal = want != negated
            if fact.key in values:
                same = fold(str(values[fact.key])) == fold(value)
                return values if same == equal else None
            if equal:
                return {**values, fact.key: value}
            others = [a for a in allowed.get(fact.key, ()) if fold(a) != fold(value)]
            return {**values, fact.key: others[0] if others else f"not {value}"}
        case ast.Not(operand=operand):
            return _make(operand, not want, values, allowed)
        case ast.AllOf(operands=operands) | ast.AnyOf(operands=operands):
            every_one = isinstance(condition, ast.AllOf) == want
            if every_one:
                result: dict[str, object] | None = values
                for operand in operands:
                    if result is None:
                        return None
                    result = _make(operand, want, result, allowed)
                return result
            for operand in operands:
                found = _make(operand, want, values, allowed)
                if found is not None:
                    return found
            return None
    raise AssertionError(f"not a condition: {condition!r}")  # pragma: no cover
