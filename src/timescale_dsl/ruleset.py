"""Rules and rulesets bound to a calendar: what a developer holds to compute deadlines."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from .calendars.base import Calendar, add_closures
from .calendars.cache import CalendarMemo
from .engine import meaning
from .engine.operations import DueDates
from .engine.scalar import DEFAULT_PROJECTION, Evaluation, NotDue
from .errors import (
    Diagnostic,
    EvaluationError,
    FactValueError,
    Span,
    TimescaleError,
    UnknownRuleError,
    did_you_mean,
)
from .facts import fold_facts
from .model import Deadline, FactNeed, When, as_date

if TYPE_CHECKING:
    from .case import Case, CaseResult
from .needs import Need, timescale_needs
from .syntax import ast
from .syntax.format import format_timescale
from .syntax.names import fold

_WITH_CLOSURES = CalendarMemo(add_closures)


@attrs.frozen
class Settings:
    """What every rule of a ruleset shares: its calendar and counting convention.

    ``closures`` are the header's closure days: already in ``calendar``, and
    added to any calendar a caller passes per call.
    """

    calendar: Calendar
    event_day_number: int = 0
    closures: tuple[tuple[dt.date, str], ...] = ()
    #: The header's school holidays: not school days, though working days.
    school_holidays: tuple[tuple[dt.date, str], ...] = ()
    #: The last declared school holiday: counting school days past it is provisional.
    #: Found once here, not on every deadline asked for.
    school_holidays_until: dt.date | None = attrs.field(init=False, eq=False, repr=False)

    @school_holidays_until.default
    def _last_school_holiday(self) -> dt.date | None:
        return max(day for day, _ in self.school_holidays) if self.school_holidays else None

    def calendar_for(self, calendar: Calendar | None) -> Calendar:
        """The calendar a call counts on: the caller's (with the header's closures) or ours."""
        if calendar is None:
            return self.calendar
        if not self.closures:
            return calendar
        combined: Calendar = _WITH_CLOSURES.get(calendar, self.closures)
        return combined

    def school_calendar(self, calendar: Calendar) -> Calendar | None:
        """The days schools are open, on the calendar a call counts on: None where the
        ruleset declares no school holidays (school days cannot be counted)."""
        if not self.school_holidays:
            return None
        school: Calendar = _WITH_CLOSURES.get(calendar, self.school_holidays)
        return school


@attrs.define(eq=False)
class RuleTable:
    """The rules of one file by id, for ``[id]`` anchors: a value, so rules pickle."""

    path: str
    by_id: dict[str, Rule] = attrs.field(factory=dict, repr=False)

    def __call__(self, rule_id: str) -> Rule:
        rule = self.by_id.get(rule_id)
        if rule is None:
            suggestion = did_you_mean(rule_id, list(self.by_id))
            hint = f"; did you mean '{suggestion}'?" if suggestion else ""
            raise UnknownRuleError(
                f"no rule '{rule_id}' in {self.path}{hint}", rule_id=rule_id, suggestion=suggestion
            )
        return rule


@attrs.define(eq=False, repr=False)
class Rule:
    """One timescale statement with its metadata, ready to compute deadlines.

    Rules compare equal when their text, metadata and settings are equal, and
    pickle (with the rules they refer to) for process pools.
    """

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

    def __repr__(self) -> str:
        return f"Rule({self.id!r}, {self.task!r}, {self.timescale!r})"

    def _compared(self) -> tuple[object, ...]:
        return (
            self.id,
            self.statement,
            self.settings,
            self.section,
            self.process,
            self.recorded_in,
            self.form,
            self.recorded_by,
            self.source,
            self.note,
            self.span,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Rule):
            return NotImplemented
        return self is other or self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash((self.id, self.task))

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
                result.append(FactNeed(declared.name, declared.type, declared.description))
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
        explain: bool = True,
    ) -> Evaluation:
        """An evaluation of this rule; ``[id]`` anchors resolve through ``chain``."""
        if self.id in chain:
            cycle = " -> ".join((*chain, self.id))
            raise EvaluationError(f"rules refer to each other in a cycle: {cycle}")

        def resolve(rule_id: str) -> Deadline:
            return self._other(rule_id).deadline(
                facts, calendar, projection=0, explain=explain, _chain=(*chain, self.id)
            )

        folded = fold_facts(facts)
        if self._fact_types:
            check_allowed(folded, self._fact_types, self.task)
        counted_on = self.settings.calendar_for(calendar)
        return Evaluation(
            self.task,
            folded,
            counted_on,
            self.settings.event_day_number,
            resolve,
            projection=projection,
            explain=explain,
            school_calendar=self.settings.school_calendar(counted_on),
            school_holidays_until=self.settings.school_holidays_until,
        )

    def deadline(
        self,
        facts: Mapping[str, object],
        calendar: Calendar | None = None,
        *,
        projection: int = DEFAULT_PROJECTION,
        explain: bool = True,
        _chain: tuple[str, ...] = (),
    ) -> Deadline:
        """The deadline for the facts given (dates, date-times, booleans, text).

        ``explain=False`` skips writing the explanation (the steps and the days
        not counted), which is most of a call's time; the dates are the same.
        """
        try:
            evaluation = self._evaluation(facts, calendar, _chain, projection, explain)
            deadline = evaluation.run(self.statement.timescale, self.id)
        except TimescaleError as error:
            if error.rule_id is None:
                error.rule_id = self.id
            raise
        if not (explain and self.statement.remarks):
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
        evaluation = self._evaluation(facts, calendar, (), explain=False)
        timescale = self.statement.timescale
        if isinstance(timescale, ast.NoFixedTimescale):
            return []
        schedule = evaluation.choose(timescale).schedule
        if isinstance(schedule, ast.NotRequired):
            return []
        meaning.check_present(evaluation, schedule)
        first = meaning.first_dates(evaluation, schedule).due
        try:
            meaning.end_series(evaluation, schedule, DueDates(first))
        except NotDue:
            return []
        dues = [first]
        if isinstance(schedule, ast.Recurrence):
            for number, when in enumerate(occurred, start=1):
                found = meaning.next_occurrence(evaluation, schedule, number, when, targets=False)
                if found is None:
                    break
                dues.append(found.due)
        end = evaluation.series_ended
        if end is not None:  # "until X": the series stops at the first due on or after X
            dues = list(itertools.takewhile(lambda due: as_date(due) < end, dues))
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


def check_allowed(
    facts: Mapping[str, object], declared: Mapping[str, ast.FactDecl], task: str
) -> None:
    """A text fact with declared values must have one of them (case and spacing aside)."""
    for key, value in facts.items():
        decl = declared.get(key)
        if decl is None or not decl.allowed or not isinstance(value, str):
            continue
        if fold(value) in {fold(a) for a in decl.allowed}:
            continue
        suggestion = did_you_mean(value, decl.allowed)
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        raise FactValueError(
            f"{task}: fact '{decl.name}' is '{value}', not one of its values "
            f"({', '.join(decl.allowed)}){hint}",
            fact=decl.name,
            value=value,
            allowed=decl.allowed,
            suggestion=suggestion,
        )


@attrs.define(eq=False, repr=False)
class Ruleset:
    """A parsed and validated rule file bound to its calendar; equal to its pickled copy."""

    path: str
    header: ast.Header
    rules: tuple[Rule, ...]
    settings: Settings
    diagnostics: tuple[Diagnostic, ...] = ()

    def __repr__(self) -> str:
        return f"Ruleset({self.path!r}, {len(self.rules)} rules)"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ruleset):
            return NotImplemented
        mine = (self.path, self.header, self.rules, self.settings, self.diagnostics)
        theirs = (other.path, other.header, other.rules, other.settings, other.diagnostics)
        return self is other or mine == theirs

    def __hash__(self) -> int:
        return hash((self.path, len(self.rules)))

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
        """A rule by id, or by task name where exactly one rule has it. An id may be
        written in other case or padded, as exports write them (``LCS-VISITS``), where
        that names one rule."""
        for rule in self.rules:
            if rule.id == key:
                return rule
        folded = key.strip().casefold()
        by_id = [r for r in self.rules if r.id.casefold() == folded]
        if len(by_id) == 1:
            return by_id[0]
        if len(by_id) > 1:
            ids = ", ".join(r.id for r in by_id)
            raise UnknownRuleError(
                f"'{key}' is {len(by_id)} rules' id in other case ({ids}): write it exactly",
                rule_id=key,
            )
        by_task = [r for r in self.rules if fold(r.task) == fold(key)]
        if len(by_task) == 1:
            return by_task[0]
        if len(by_task) > 1:
            ids = ", ".join(r.id for r in by_task)
            raise UnknownRuleError(f"task '{key}' names {len(by_task)} rules ({ids}): use an id")
        suggestion = did_you_mean(key, [r.id for r in self.rules])
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        raise UnknownRuleError(
            f"no rule '{key}' in {self.path}{hint}", rule_id=key, suggestion=suggestion
        )

    def deadline(
        self,
        key: str,
        facts: Mapping[str, object],
        calendar: Calendar | None = None,
        *,
        explain: bool = True,
    ) -> Deadline:
        return self.rule(key).deadline(facts, calendar, explain=explain)

    def evaluate(
        self,
        facts: Case | Mapping[str, object],
        *,
        as_of: When | str | None = None,
        completed: Mapping[str, When | str] | None = None,
        explain: bool = False,
    ) -> CaseResult:
        """Every rule's outcome for a child's case: a deadline with its status, or why not.

        ``facts``: the case's facts, or a :class:`Case` with episodes (several
        meetings, visits, reviews); ``as_of``: the moment statuses are judged
        at (default: today in London); ``completed``: when records of the
        case were made, by rule id (an episode holds its own); ``explain``:
        write each deadline's explanation too. See docs/api.md.
        """
        from .case import evaluate_case

        return evaluate_case(self, facts, as_of=as_of, completed=completed, explain=explain)
