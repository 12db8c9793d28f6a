"""What a rule computes over a range of anchor dates: the evidence ``diff`` compares.

Every date fact a rule reads is set to the same anchor day (date-time facts
to 10:00 that day), and each case-fact scenario is tried: every combination of
the booleans and of the text values the rule's conditions name (and one
other, unless a version declares the fact's values). The outcome
of a deadline is its due, earliest and target dates and its projected
schedule, or the error it raises, so a change that makes a rule fail is a
change too.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence

import attrs

from ..errors import TimescaleError
from ..model import When
from ..ruleset import Rule
from ..syntax import ast
from ..syntax.walk import walk

#: At most this many case-fact scenarios per rule (the first ones in a fixed order).
MAX_SCENARIOS = 32
_OTHER_VALUE = "(another value)"

Outcome = tuple[When | None, When | None, When | None, tuple[When, ...]] | str
Scenario = tuple[tuple[str, object], ...]


@attrs.frozen
class FactPlan:
    """How to give a rule its facts: which are dates, which choose alternatives."""

    dates: tuple[str, ...]
    datetimes: tuple[str, ...]
    scenarios: tuple[Scenario, ...]

    def facts(self, day: dt.date, scenario: Scenario) -> dict[str, object]:
        facts: dict[str, object] = {name: day for name in self.dates}
        moment = dt.datetime.combine(day, dt.time(10, 0))
        facts.update((name, moment) for name in self.datetimes)
        facts.update(scenario)
        return facts


def _condition_values(rule: Rule) -> dict[str, set[str]]:
    values: dict[str, set[str]] = {}
    for node in walk(rule.statement.timescale):
        if isinstance(node, ast.FactEquals):
            values.setdefault(node.fact.key, set()).add(node.value)
    return values


def plan_facts(rules: Sequence[Rule]) -> FactPlan:
    """One plan for the versions of a rule, so both are given the same facts."""
    kinds: dict[str, ast.FactType] = {}
    names: dict[str, str] = {}
    values: dict[str, set[str]] = {}
    closed: set[str] = set()  # text facts whose values some version declares
    for rule in rules:
        for need in rule.facts_needed():
            key = need.name.casefold()
            names.setdefault(key, need.name)
            if kinds.get(key) is not ast.FactType.DATETIME:
                kinds[key] = need.type
        for key, seen in _condition_values(rule).items():
            values.setdefault(key, set()).update(seen)
        for key, declared in rule.declared_facts.items():
            if declared.allowed:
                closed.add(key)
                if key in values:
                    values[key].update(declared.allowed)
    dates = tuple(names[k] for k, kind in kinds.items() if kind is ast.FactType.DATE)
    datetimes = tuple(names[k] for k, kind in kinds.items() if kind is ast.FactType.DATETIME)
    choices: list[list[tuple[str, object]]] = []
    for key, kind in kinds.items():
        if kind is ast.FactType.BOOLEAN:
            choices.append([(names[key], True), (names[key], False)])
        elif kind is ast.FactType.TEXT:
            options: list[str] = sorted(values.get(key, set()), key=str.casefold)
            # A value outside the declared ones is refused as input, not a case
            # whose deadlines can be compared.
            if key not in closed or not options:
                options.append(_OTHER_VALUE)
            choices.append([(names[key], option) for option in options])
    scenarios = tuple(itertools.islice(itertools.product(*choices), MAX_SCENARIOS))
    return FactPlan(dates, datetimes, scenarios)


def outcome(rule: Rule, facts: dict[str, object]) -> Outcome:
    try:
        deadline = rule.deadline(facts, projection=2)
    except TimescaleError as error:
        return f"error: {error}"
    return (deadline.due, deadline.earliest, deadline.target, deadline.schedule)


def days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)
