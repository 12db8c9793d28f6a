"""Value types handed to callers: facts needed, deadlines and their explanations."""

from __future__ import annotations

import collections
import datetime as dt
from typing import TYPE_CHECKING, NotRequired, TypedDict

import attrs

if TYPE_CHECKING:
    from .calendars.base import Calendar
    from .status import RecordStatus
    from .syntax.ast import FactType

When = dt.date | dt.datetime


class SkippedDayDict(TypedDict):
    date: str
    reason: str


class ExplanationDict(TypedDict):
    steps: list[str]
    skipped: list[SkippedDayDict]


class DeadlineDict(TypedDict):
    """``Deadline.to_dict()``: the JSON of ``timescale due --json``; dates are ISO 8601
    text, date-times with their UTC offset."""

    rule: str | None
    task: str
    due: str | None
    earliest: str | None
    target: str | None
    schedule: NotRequired[list[str]]
    no_fixed_timescale: NotRequired[str]
    not_required: NotRequired[bool]
    provisional: bool
    caveats: list[str]
    explanation: NotRequired[ExplanationDict]


def from_iso(text: str | None) -> When | None:
    """The inverse of :func:`iso`: a date, or a naive London date-time."""
    if text is None:
        return None
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    from .timezones import to_london

    return to_london(dt.datetime.fromisoformat(text))


def iso(value: When | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        # London wall-clock time, written with its UTC offset so that it is unambiguous.
        from .timezones import with_offset

        return with_offset(value).isoformat(timespec="minutes")
    return value.isoformat()


def end_of(value: When) -> dt.datetime:
    """The last instant a deadline allows: a date-only deadline lasts all day."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time.max)


def show_when(value: When) -> str:
    """A date or moment as explanations and messages write it: "Fri 18 Dec 2026"."""
    if isinstance(value, dt.datetime):
        return f"{show_day(value)} {value.hour:02d}:{value.minute:02d}"
    return show_day(value)


# Explanations are English whatever the machine's locale (strftime's %a and %b follow
# it), and written from these at a fifth of strftime's cost: a step names several days.
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def show_day(day: dt.date) -> str:
    """A day as explanations write it: "Fri 18 Dec 2026"."""
    return f"{_DAY_NAMES[day.weekday()]} {day.day:02d} {_MONTH_NAMES[day.month - 1]} {day.year}"


def as_date(value: When) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


@attrs.frozen
class FactNeed:
    """A fact that computing a rule's deadline may need."""

    name: str
    type: FactType
    description: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "type": self.type.value, "description": self.description}


@attrs.frozen
class SkippedDay:
    day: dt.date
    reason: str

    def __str__(self) -> str:
        return f"{show_day(self.day)} ({self.reason})"


_WEEKDAY_NAMES = frozenset(
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
)


def is_weekend_day(skipped: SkippedDay) -> bool:
    """A day skipped for being a weekend day ("Saturday", "Saturday, Boxing Day")."""
    return skipped.reason.split(",", 1)[0] in _WEEKDAY_NAMES


def summarise_days(days: tuple[SkippedDay, ...] | list[SkippedDay]) -> str:
    """Weekend days counted, other days named, a name on several days once with their
    count: "4 weekend days and Christmas Day", "Summer holidays (27 days)"."""
    weekend = sum(1 for d in days if is_weekend_day(d))
    named = collections.Counter(d.reason for d in days if not is_weekend_day(d))
    parts = []
    if weekend:
        parts.append(f"{weekend} weekend day{'s' if weekend != 1 else ''}")
    if named:
        parts.append(
            ", ".join(name if n == 1 else f"{name} ({n} days)" for name, n in named.items())
        )
    return " and ".join(parts)


@attrs.frozen
class Explanation:
    """How a deadline was reached, step by step, with the days that did not count."""

    steps: tuple[str, ...] = ()
    skipped: tuple[SkippedDay, ...] = ()

    def __str__(self) -> str:
        return "\n".join(self.steps)

    @property
    def summary(self) -> str:
        """The days not counted in a few words: weekends counted, other days named."""
        return summarise_days(self.skipped)

    @property
    def named_days(self) -> tuple[SkippedDay, ...]:
        """The days not counted that are not weekend days (holidays, closures)."""
        return tuple(d for d in self.skipped if not is_weekend_day(d))

    def to_dict(self) -> ExplanationDict:
        return {
            "steps": list(self.steps),
            "skipped": [{"date": s.day.isoformat(), "reason": s.reason} for s in self.skipped],
        }

    @classmethod
    def from_dict(cls, data: ExplanationDict) -> Explanation:
        skipped = tuple(
            SkippedDay(dt.date.fromisoformat(s["date"]), s["reason"]) for s in data["skipped"]
        )
        return cls(tuple(data["steps"]), skipped)


#: The explanation of a deadline computed with ``explain=False``.
NOT_EXPLAINED = Explanation(("not explained: computed with explain=False",))


@attrs.frozen
class Deadline:
    """By when a record must be made: due, and where the rule says so earliest and target.

    ``due`` is None only for a rule with no fixed timescale, whose wording is
    in ``no_fixed_timescale``. ``schedule`` holds the next due dates of a
    recurring rule, projected from each previous due date.

    ``provisional`` is True when the date may still move: it rests on
    projected bank holidays, or on alternatives whose events are not yet
    known. ``caveats`` says why, in plain English, one sentence each.
    """

    task: str
    due: When | None
    rule_id: str | None = None
    earliest: When | None = None
    target: When | None = None
    explanation: Explanation = Explanation()
    schedule: tuple[When, ...] = ()
    no_fixed_timescale: str | None = None
    provisional: bool = False
    caveats: tuple[str, ...] = ()
    #: True when the rule's facts take a ``not required`` alternative: no record is due.
    not_required: bool = False
    #: The calendar it was counted on: for working days late in :meth:`status`.
    calendar: Calendar | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def is_fixed(self) -> bool:
        return self.due is not None

    def status(
        self,
        completed: When | str | None = None,
        *,
        as_of: When | str | None = None,
        calendar: Calendar | None = None,
    ) -> RecordStatus:
        """Where a record stands: the statuses and lateness of the report (docs/report.md).

        ``completed``: when the record was made, or None if it is not yet;
        ``as_of``: the moment to judge an incomplete record at (default: today
        in London); ``calendar``: for working days late (default: the one
        this deadline was counted on).
        """
        from .status import record_status

        return record_status(
            self.due,
            completed=completed,
            as_of=as_of,
            earliest=self.earliest,
            target=self.target,
            calendar=calendar or self.calendar,
        )

    def to_dict(self) -> DeadlineDict:
        data: DeadlineDict = {
            "rule": self.rule_id,
            "task": self.task,
            "due": iso(self.due),
            "earliest": iso(self.earliest),
            "target": iso(self.target),
            "provisional": self.provisional,
            "caveats": list(self.caveats),
        }
        if self.schedule:
            data["schedule"] = [str(iso(s)) for s in self.schedule]
        if self.not_required:
            data["not_required"] = True
        elif self.no_fixed_timescale is not None or self.due is None:
            data["no_fixed_timescale"] = self.no_fixed_timescale or ""
        data["explanation"] = self.explanation.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: DeadlineDict, calendar: Calendar | None = None) -> Deadline:
        """A Deadline from :meth:`to_dict` (or ``timescale due --json``) output."""
        explanation = data.get("explanation")
        return cls(
            task=data["task"],
            due=from_iso(data["due"]),
            rule_id=data["rule"],
            earliest=from_iso(data["earliest"]),
            target=from_iso(data["target"]),
            explanation=Explanation.from_dict(explanation) if explanation else Explanation(),
            schedule=tuple(d for d in map(from_iso, data.get("schedule", [])) if d is not None),
            no_fixed_timescale=data.get("no_fixed_timescale"),
            provisional=data["provisional"],
            caveats=tuple(data["caveats"]),
            not_required=data.get("not_required", False),
            calendar=calendar,
        )
