"""Value types handed to callers: facts needed, deadlines and their explanations."""

from __future__ import annotations

import datetime as dt

import attrs

When = dt.date | dt.datetime


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
        return f"{value:%a %d %b %Y %H:%M}"
    return f"{value:%a %d %b %Y}"


def as_date(value: When) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


@attrs.frozen
class FactNeed:
    """A fact that computing a rule's deadline may need."""

    name: str
    type: str  # "date" | "datetime" | "boolean" | "text"
    description: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "type": self.type, "description": self.description}


@attrs.frozen
class SkippedDay:
    day: dt.date
    reason: str

    def __str__(self) -> str:
        return f"{self.day:%a %d %b %Y} ({self.reason})"


@attrs.frozen
class Explanation:
    """How a deadline was reached, step by step, with the days that did not count."""

    steps: tuple[str, ...] = ()
    skipped: tuple[SkippedDay, ...] = ()

    def __str__(self) -> str:
        return "\n".join(self.steps)

    def to_dict(self) -> dict[str, object]:
        return {
            "steps": list(self.steps),
            "skipped": [{"date": s.day.isoformat(), "reason": s.reason} for s in self.skipped],
        }


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

    @property
    def is_fixed(self) -> bool:
        return self.due is not None

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "rule": self.rule_id,
            "task": self.task,
            "due": iso(self.due),
            "earliest": iso(self.earliest),
            "target": iso(self.target),
        }
        if self.schedule:
            data["schedule"] = [iso(s) for s in self.schedule]
        if self.no_fixed_timescale is not None or self.due is None:
            data["no_fixed_timescale"] = self.no_fixed_timescale or ""
        data["provisional"] = self.provisional
        data["caveats"] = list(self.caveats)
        data["explanation"] = self.explanation.to_dict()
        return data
