"""AST -> canonical text. Parsing the text again gives an equal AST."""

from __future__ import annotations

import re

from ..errors import TimescaleError
from . import ast
from .names import ordinal

_SIMPLE_WORD = re.compile(r"^[^\W_\d][\w'’&/+.-]*$")
# Where no number can follow, a name word may also start with a digit ("section 47").
_NAME_WORD = re.compile(r"^(?:[^\W_]|&)[\w'’&/+.-]*$")
# Words that would end or change a name where it stands, so names holding
# them are written in quotes.
# A timescale may start after any word of a task name...
_TIMESCALE_STARTERS = {"within", "on", "same", "between", "from", "by", "every", "at", "no"}
_TIMESCALE_STARTERS |= {"otherwise"}
# ...and a line of a rule file may start with these.
_LINE_KEYWORDS = {"section", "process", "recorded", "source", "note", "title", "calendar"}
_LINE_KEYWORDS |= {"closed", "bank", "event", "weekend", "office", "fact"}
_ANCHOR_RESERVED = {
    "then", "if", "or", "to", "whichever", "otherwise", "the", "thereafter", "until"
}  # fmt: skip
_FACT_RESERVED = {"and", "or", "is", "not", "then", "if", "otherwise"}


def _quote(text: str) -> str:
    return f'"{text}"'


def _name(
    text: str,
    reserved: set[str],
    first_reserved: frozenset[str] = frozenset(),
    word: re.Pattern[str] = _NAME_WORD,
) -> str:
    words = text.split()
    simple = bool(words) and all(word.match(w) for w in words)
    if (
        simple
        and not any(w.lower() in reserved for w in words)
        and words[0].lower() not in first_reserved
    ):
        return " ".join(words)
    return _quote(text)


def format_task(task: str) -> str:
    if ":" in task:
        return _quote(task)
    written = _name(task, _TIMESCALE_STARTERS, frozenset(_LINE_KEYWORDS), _SIMPLE_WORD)
    if not written.startswith('"') and not _reads_back_as_task(written, task):
        # A number word before a unit, a frequency word at the end...
        return _quote(task)
    return written


def _reads_back_as_task(written: str, task: str) -> bool:
    from .parser import parse_statement  # the parser's tables load on first use

    try:
        return parse_statement(f"{written} no fixed timescale").task == task
    except TimescaleError:
        return False


def format_anchor(anchor: ast.Anchor) -> str:
    if isinstance(anchor, ast.RuleRef):
        return f"[{anchor.rule_id}]"
    if isinstance(anchor, ast.BirthdayRef):
        return f"the {ordinal(anchor.years)} birthday"
    return _name(anchor.text, _ANCHOR_RESERVED)


def format_duration(duration: ast.Duration) -> str:
    return f"{duration.count} {duration.unit.text(duration.count)}"


def format_period(period: ast.Duration) -> str:
    """A frequency's period: "the first year", "the first 3 months"."""
    words = period.unit.text(1) if period.count == 1 else format_duration(period)
    return f"the first {words}"


def _direction(direction: ast.Direction) -> str:
    return "of" if direction is ast.Direction.AFTER else "before"


def _bound(node: ast.OnDay | ast.Offset) -> str:
    if isinstance(node, ast.OnDay):
        return f"on the day of {format_anchor(node.anchor)}"
    return f"{format_duration(node.duration)} {node.direction.value} {format_anchor(node.anchor)}"


def format_deadline(node: ast.SingleDeadline) -> str:
    match node:
        case ast.OnDay(anchor=anchor):
            return f"on the day of {format_anchor(anchor)}"
        case ast.Offset(anchor=ast.FactRef(implicit=True), duration=duration, target=target):
            text = f"within {format_duration(duration)}"
            return text + (f" (target {format_duration(target)})" if target else "")
        case ast.Offset(duration=duration, direction=direction, anchor=anchor, target=target):
            lead = "within " if direction is ast.Direction.AFTER else ""
            text = f"{lead}{format_duration(duration)} {_direction(direction)} "
            text += format_anchor(anchor)
            if target is not None:
                text += f" (target {format_duration(target)})"
            return text
        case ast.Window(start=start, end=end):
            if (
                isinstance(start, ast.Offset)
                and isinstance(end, ast.Offset)
                and start.anchor == end.anchor
                and start.direction == end.direction
                and start.duration.unit == end.duration.unit
                and start.target is None
                and end.target is None
            ):
                # "between 2 and 5 days before X" runs from 5 days before to 2 before.
                near, far = start.duration, end.duration
                if start.direction is ast.Direction.BEFORE:
                    near, far = end.duration, start.duration
                if start.direction is ast.Direction.AFTER or near.count <= far.count:
                    return (
                        f"between {near.count} and {format_duration(far)} "
                        f"{end.direction.value} {format_anchor(end.anchor)}"
                    )
            return f"from {_bound(start)} to {_bound(end)}"
        case ast.Age(years=years, months=months):
            text = f"by age {years} {'year' if years == 1 else 'years'}"
            if months:
                text += f" and {months} {'month' if months == 1 else 'months'}"
            return text
        case ast.Birthday(years=years):
            return f"on the {ordinal(years)} birthday"
        case ast.Rolled(inner=inner, roll=roll, weekend_only=weekend_only):
            when = "falls at a weekend" if weekend_only else "is not a working day"
            return f"{format_deadline(inner)}, or the {roll.value} working day if that {when}"
        case ast.Choice(options=options, pick=pick):
            joined = " or ".join(format_deadline(o) for o in options)
            return f"{joined}, whichever is {pick.value}"
    raise AssertionError(f"not a deadline: {node!r}")  # pragma: no cover


def format_schedule(node: ast.Schedule) -> str:
    if isinstance(node, ast.NotRequired):
        return "not required"
    if not isinstance(node, ast.Recurrence):
        return format_deadline(node)
    parts = [format_deadline(node.first)] if node.first is not None else []
    parts += [f"within {format_duration(step)}" for step in node.steps]
    for phase in node.phases:
        period = f"{_format_every(phase.every)} for {format_period(phase.period)}"
        if phase.anchor_written:
            period += f" of {format_anchor(phase.anchor)}"
        parts.append(period)
    if node.every is not None:
        parts.append(_format_every(node.every))
    text = ", then ".join(parts)
    if node.until is not None:
        text += f" until {format_anchor(node.until)}"
    return text


def _format_every(node: ast.Every) -> str:
    every = "every"
    if node.interval is not None and node.earliest is not None:
        every += f" {node.earliest.count}-{format_duration(node.interval)}"
    elif node.interval is not None:
        every += f" {format_duration(node.interval)}"
    if node.anchor is not None:
        every += f" after {format_anchor(node.anchor)}"
    if node.target is not None:
        every += f" (target {format_duration(node.target)})"
    return every


def _fact(fact: ast.FactRef) -> str:
    return _name(fact.text, _FACT_RESERVED)


def _value(value: str) -> str:
    return _name(value, _FACT_RESERVED | _ANCHOR_RESERVED) if value else _quote(value)


def format_condition(node: ast.Condition) -> str:
    match node:
        case ast.FactTrue(fact=fact):
            return _fact(fact)
        case ast.FactEquals(fact=fact, value=value, negated=negated):
            return f"{_fact(fact)} is {'not ' if negated else ''}{_value(value)}"
        case ast.Not(operand=operand):
            return f"not {format_condition(operand)}"
        case ast.AllOf(operands=operands):
            return " and ".join(format_condition(o) for o in operands)
        case ast.AnyOf(operands=operands):
            return " or ".join(format_condition(o) for o in operands)
    raise AssertionError(f"not a condition: {node!r}")  # pragma: no cover


def format_guarded(node: ast.Guarded) -> str:
    if node.otherwise:
        return f"otherwise {format_schedule(node.schedule)}"
    text = format_schedule(node.schedule)
    if node.condition is not None:
        text += f" if {format_condition(node.condition)}"
    return text


def format_timescale(node: ast.Timescale) -> str:
    if isinstance(node, ast.NoFixedTimescale):
        wording = f" {_quote(node.wording)}" if node.wording is not None else ""
        return "no fixed timescale" + wording
    return "; ".join(format_guarded(option) for option in node.options)


def format_statement(node: ast.Statement) -> str:
    remarks = "".join(f" ({remark})" for remark in node.remarks)
    return f"{format_task(node.task)} {format_timescale(node.timescale)}{remarks}"
