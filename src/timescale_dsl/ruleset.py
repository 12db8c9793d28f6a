"""Compiled rules and rulesets: what a developer holds to compute deadlines."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

import attrs

from .calendars.base import Calendar
from .errors import Diagnostic, EvaluationError, Span, UnknownRuleError, did_you_mean
from .evaluate import DEFAULT_PROJECTION, Evaluation
from .facts import fold_facts
from .model import Deadline, FactNeed, When
from .needs import Need, timescale_needs
from .syntax import ast
from .syntax.format import format_timescale
from .syntax.names import fold


@attrs.frozen
class Settings:
    """What every rule of a ruleset shares: its calendar and counting convention."""

    calendar: Calendar
    event_day_number: int = 0


@attrs.define(eq=False)
class Rule:
    """One timescale statement with its metadata, ready to compute deadlines."""

    id: str
    statement: ast.Statement
    settings: Settings
    section: str | None = None
    process: str | None = None
    recorded_in: str | None = None
    form: str | None = None
    recorded_by: str | None = None
    source: str | None = None
    note: str | None = None
    span: Span | None = None
    _lookup: Callable[[str], Rule] | None = attrs.field(default=None, repr=False)
    _fact_types: Mapping[str, ast.FactDecl] = attrs.field(factory=dict, repr=False)

    @property
    def task(self) -> str:
        return self.statement.task

    @property
    def timescale(self) -> str:
        return format_timescale(self.statement.timescale)

    @property
    def is_fixed(self) -> bool:
        return not isinstance(self.statement.timescale, ast.NoFixedTimescale)

    @property
    def is_recurring(self) -> bool:
        timescale = self.statement.timescale
        return isinstance(timescale, ast.Alternatives) and any(
            isinstance(o.schedule, ast.Recurrence) for o in timescale.options
        )

    def referenced(self, rule_id: str) -> Rule:
        """The rule an anchor ``[rule_id]`` of this rule refers to."""
        return self._other(rule_id)

    def _other(self, rule_id: str) -> Rule:
        if self._lookup is None:
            raise UnknownRuleError(f"[{rule_id}]: a single statement cannot refer to other rules")
        return self._lookup(rule_id)

    def _needs(self, seen: frozenset[str] = frozenset()) -> list[Need]:
        if self.id in seen:
            return []
        return timescale_needs(
            self.statement.timescale, lambda rid: self._other(rid)._needs(seen | {self.id})
        )

    def facts_needed(self) -> list[FactNeed]:
        """The facts computing this rule's deadline may need, with their kinds."""
        result = []
        for key, kind in self._needs():
            declared = self._fact_types.get(key)
            if declared is not None:
                kind = {"date-time": "datetime"}.get(declared.type.value, declared.type.value)
                result.append(FactNeed(declared.name, kind, declared.description))
            else:
                result.append(FactNeed(key, kind))
        return result

    @property
    def declared_facts(self) -> Mapping[str, ast.FactDecl]:
        """The ruleset's fact declarations, by folded name."""
        return self._fact_types

    def _evaluation(
        self,
        facts: Mapping[str, object],
        calendar: Calendar | None,
        chain: tuple[str, ...],
        projection: int = DEFAULT_PROJECTION,
    ) -> Evaluation:
        """An evaluation of this rule; ``[id]`` anchors resolve through ``chain``."""
        if self.id in chain:
            cycle = " -> ".join((*chain, self.id))
            raise EvaluationError(f"rules refer to each other in a cycle: {cycle}")

        def resolve(rule_id: str) -> Deadline:
            return self._other(rule_id).deadline(
                facts, calendar, projection=0, _chain=(*chain, self.id)
            )

        return Evaluation(
            self.task,
            fold_facts(facts),
            calendar or self.settings.calendar,
            self.settings.event_day_number,
            resolve,
            projection=projection,
        )

    def deadline(
        self,
        facts: Mapping[str, object],
        calendar: Calendar | None = None,
        *,
        projection: int = DEFAULT_PROJECTION,
        _chain: tuple[str, ...] = (),
    ) -> Deadline:
        """The deadline for the facts given (dates, date-times, booleans, text)."""
        evaluation = self._evaluation(facts, calendar, _chain, projection)
        deadline = evaluation.run(self.statement.timescale, self.id)
        if not self.statement.remarks:
            return deadline
        # The author's remarks travel with the explanation, after the working.
        steps = (*deadline.explanation.steps, *(f"remark: {r}" for r in self.statement.remarks))
        explanation = attrs.evolve(deadline.explanation, steps=steps)
        return attrs.evolve(deadline, explanation=explanation)

    def occurrence_dues(
        self,
        facts: Mapping[str, object],
        occurred: Sequence[When],
        calendar: Calendar | None = None,
    ) -> list[When]:
        """Due dates of a recurring rule's occurrences, given when earlier ones happened.

        Entry ``k`` is when occurrence ``k + 1`` is due: the first from the
        anchor, each later one from the actual date of the one before. The
        list has ``len(occurred) + 1`` entries while the rule keeps recurring.
        """
        evaluation = self._evaluation(facts, calendar, ())
        timescale = self.statement.timescale
        if isinstance(timescale, ast.NoFixedTimescale):
            return []
        chosen = evaluation.choose(timescale)
        evaluation.check_present(chosen.schedule)
        schedule = chosen.schedule
        if not isinstance(schedule, ast.Recurrence):
            return [evaluation.deadline(schedule).due]
        dues = [evaluation.recurrence_first(schedule).due]
        for number, when in enumerate(occurred, start=1):
            if not evaluation.has_next(schedule, number):
                break
            interval = evaluation.next_interval(schedule, number)
            dues.append(evaluation.shift(when, interval, ast.Direction.AFTER))
        return dues

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "section": self.section,
            "process": self.process,
            "task": self.task,
            "timescale": self.timescale,
            "fixed": self.is_fixed,
            "recurring": self.is_recurring,
            "recorded_in": self.recorded_in,
            "form": self.form,
            "recorded_by": self.recorded_by,
            "source": self.source,
            "note": self.note,
            "remarks": list(self.statement.remarks),
            "facts": [need.to_dict() for need in self.facts_needed()],
            "line": self.span.line if self.span else None,
        }


@attrs.define(eq=False)
class Ruleset:
    """A parsed, validated and compiled rule file."""

    path: str
    header: ast.Header
    rules: tuple[Rule, ...]
    settings: Settings
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def title(self) -> str | None:
        return self.header.title

    @property
    def calendar(self) -> Calendar:
        return self.settings.calendar

    @property
    def facts(self) -> tuple[ast.FactDecl, ...]:
        return self.header.facts

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def rule(self, key: str) -> Rule:
        """A rule by id, or by task name where exactly one rule has it."""
        for rule in self.rules:
            if rule.id == key:
                return rule
        by_task = [r for r in self.rules if fold(r.task) == fold(key)]
        if len(by_task) == 1:
            return by_task[0]
        if len(by_task) > 1:
            ids = ", ".join(r.id for r in by_task)
            raise UnknownRuleError(f"task '{key}' names {len(by_task)} rules ({ids}): use an id")
        suggestion = did_you_mean(key, [r.id for r in self.rules])
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        raise UnknownRuleError(f"no rule '{key}' in {self.path}{hint}")

    def deadline(
        self, key: str, facts: Mapping[str, object], calendar: Calendar | None = None
    ) -> Deadline:
        return self.rule(key).deadline(facts, calendar)
