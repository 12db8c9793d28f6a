"""The abstract syntax tree: frozen attrs nodes.

Every node carries the :class:`~timescale_dsl.errors.Span` it was parsed from;
spans are left out of equality so that text -> AST -> text -> AST compares
equal. Names of facts are stored folded (see :mod:`.names`) with the author's
spelling kept alongside for display.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TypeAlias

import attrs

from ..errors import Span


def _span() -> Span | None:
    return attrs.field(default=None, eq=False, repr=False, kw_only=True)  # type: ignore[no-any-return]


class Unit(enum.Enum):
    WORKING_DAYS = "working days"
    #: Working days on which schools are open: the ruleset declares school holidays.
    SCHOOL_DAYS = "school days"
    CALENDAR_DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"
    HOURS = "hours"
    WORKING_HOURS = "working hours"

    @property
    def is_hours(self) -> bool:
        return self in (Unit.HOURS, Unit.WORKING_HOURS)

    def text(self, count: int) -> str:
        return self.value[:-1] if count == 1 else self.value


class Direction(enum.Enum):
    AFTER = "after"
    BEFORE = "before"


class Pick(enum.Enum):
    EARLIER = "earlier"
    LATER = "later"


class Roll(enum.Enum):
    NEXT = "next"
    PREVIOUS = "previous"


@attrs.frozen
class Duration:
    count: int
    unit: Unit
    span: Span | None = _span()


@attrs.frozen
class FactRef:
    """A dated fact of the case, e.g. ``actual meeting``.

    ``implicit`` marks the start event of a timescale written without one
    ("within 10 working days"): its process's event or :data:`START_EVENT`.
    """

    key: str
    text: str = attrs.field(eq=False)
    implicit: bool = attrs.field(default=False, eq=False, kw_only=True)
    span: Span | None = _span()


#: The event a timescale with none named counts from, when its process names none.
START_EVENT = "start event"

DATE_OF_BIRTH = "date of birth"


@attrs.frozen
class RuleRef:
    """Another rule's due date, written ``[rule-id]``."""

    rule_id: str
    span: Span | None = _span()


@attrs.frozen
class BirthdayRef:
    """A birthday as the event counted from (``of the 18th birthday``): from ``date of birth``."""

    years: int
    span: Span | None = _span()

    @property
    def key(self) -> str:
        """The fact it is computed from."""
        return DATE_OF_BIRTH


Anchor: TypeAlias = FactRef | RuleRef | BirthdayRef


@attrs.frozen
class OnDay:
    anchor: Anchor
    span: Span | None = _span()


@attrs.frozen
class Offset:
    duration: Duration
    direction: Direction
    anchor: Anchor
    target: Duration | None = None
    span: Span | None = _span()


@attrs.frozen
class Window:
    """Earliest and due bounds: ``between N and M ...`` or ``from ... to ...``."""

    start: OnDay | Offset
    end: OnDay | Offset
    span: Span | None = _span()


@attrs.frozen
class Age:
    """``by age Y years and M months``: counted from the fact ``date of birth``."""

    years: int
    months: int = 0
    span: Span | None = _span()


@attrs.frozen
class Birthday:
    """``on the 18th birthday``."""

    years: int
    span: Span | None = _span()


@attrs.frozen
class Rolled:
    """A deadline moved to a working day if it is not one."""

    inner: Deadline
    roll: Roll
    #: "if that falls at a weekend": a weekday holiday does not move it.
    weekend_only: bool = False
    span: Span | None = _span()


@attrs.frozen
class Choice:
    """``A or B, whichever is earlier/later``."""

    options: tuple[Deadline | Rolled, ...]
    pick: Pick
    span: Span | None = _span()


Deadline: TypeAlias = OnDay | Offset | Window | Age | Birthday
SingleDeadline: TypeAlias = OnDay | Offset | Window | Age | Birthday | Rolled | Choice


@attrs.frozen
class Every:
    """``every N unit [after X]``: the repeating part of a recurrence."""

    interval: Duration | None
    anchor: Anchor | None = None
    #: "every 6 weeks (target 4 weeks)": each occurrence's target, from the one before.
    target: Duration | None = None
    #: "every 4-6 weeks": each occurrence's window opens this long after the one before.
    earliest: Duration | None = None
    span: Span | None = _span()


@attrs.frozen
class Phase:
    """``every 6 weeks for the first year [of X]``: a frequency that holds while an
    occurrence falls within a period counted from an event, then gives way."""

    every: Every
    period: Duration
    #: The event the period counts from: the one written, or the schedule's own.
    anchor: Anchor
    #: Whether the statement names it ("for the first year of the placement").
    anchor_written: bool = attrs.field(default=False, eq=False)
    span: Span | None = _span()


@attrs.frozen
class Recurrence:
    """A first deadline, then steps from each previous occurrence, then frequencies
    that hold for a period (``phases``), then ``every``."""

    first: SingleDeadline | None
    steps: tuple[Duration, ...] = ()
    every: Every | None = None
    #: "until X": no occurrence is due on or after X (an event or a birthday).
    until: Anchor | None = None
    phases: tuple[Phase, ...] = ()
    span: Span | None = _span()


@attrs.frozen
class NotRequired:
    """``not required`` ("not needed", "no record is required"): under this
    alternative's condition no record is due."""

    span: Span | None = _span()


Schedule: TypeAlias = SingleDeadline | Recurrence | NotRequired


@attrs.frozen
class FactTrue:
    fact: FactRef
    span: Span | None = _span()


@attrs.frozen
class FactEquals:
    fact: FactRef
    value: str
    negated: bool = False
    span: Span | None = _span()


@attrs.frozen
class Not:
    operand: Condition
    span: Span | None = _span()


@attrs.frozen
class AllOf:
    operands: tuple[Condition, ...]
    span: Span | None = _span()


@attrs.frozen
class AnyOf:
    operands: tuple[Condition, ...]
    span: Span | None = _span()


Condition: TypeAlias = FactTrue | FactEquals | Not | AllOf | AnyOf


@attrs.frozen
class Guarded:
    """One alternative: a schedule and the condition under which it applies."""

    schedule: Schedule
    condition: Condition | None = None
    otherwise: bool = False
    span: Span | None = _span()


@attrs.frozen
class Alternatives:
    options: tuple[Guarded, ...]
    span: Span | None = _span()


@attrs.frozen
class NoFixedTimescale:
    """A row with no computable deadline, kept with its wording."""

    wording: str | None = None
    span: Span | None = _span()


Timescale: TypeAlias = Alternatives | NoFixedTimescale


@attrs.frozen
class Statement:
    """A task and its timescale; ``remarks`` are the author's asides, kept verbatim."""

    task: str
    timescale: Timescale
    remarks: tuple[str, ...] = ()
    span: Span | None = _span()


class FactType(enum.StrEnum):
    """A fact's kind as rule files write it; also what FactNeed.type reports."""

    DATE = "date"
    DATETIME = "date-time"
    BOOLEAN = "boolean"
    TEXT = "text"


@attrs.frozen
class FactDecl:
    key: str
    name: str = attrs.field(eq=False)
    type: FactType
    description: str | None = None
    allowed: tuple[str, ...] = ()
    span: Span | None = _span()


@attrs.frozen
class Closure:
    first: dt.date
    last: dt.date
    name: str | None = None
    #: A school holiday ("school holidays ..."): not a school day, still a working day.
    school: bool = False
    span: Span | None = _span()


@attrs.frozen
class Header:
    title: str | None = None
    source: str | None = None
    calendar: str | None = None
    closures: tuple[Closure, ...] = ()
    facts: tuple[FactDecl, ...] = ()
    bank_holidays_are_working_days: bool = False
    event_day_number: int = 0
    weekend: tuple[str, ...] | None = None
    office_hours: tuple[dt.time, dt.time] | None = None
    #: Where each header line was written, by its key ("calendar", "weekend", ...).
    spans: tuple[tuple[str, Span | None], ...] = attrs.field(default=(), eq=False, repr=False)
    span: Span | None = _span()

    def span_of(self, key: str) -> Span | None:
        return dict(self.spans).get(key, self.span)


@attrs.frozen
class RuleDecl:
    statement: Statement
    rule_id: str | None = None
    section: str | None = None
    process: str | None = None
    recorded_in: str | None = None
    form: str | None = None
    recorded_by: str | None = None
    source: str | None = None
    note: str | None = None
    span: Span | None = _span()


@attrs.frozen
class RulesetFile:
    header: Header
    rules: tuple[RuleDecl, ...]
    path: str = attrs.field(default="<string>", eq=False)
    span: Span | None = _span()
