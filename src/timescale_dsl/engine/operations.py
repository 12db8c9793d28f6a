"""What an evaluation path provides to the one definition of the language's meaning.

:mod:`.meaning` says what every construct means once, in terms of the
operations below. Two paths implement them: :mod:`.scalar` over one case's
facts (Python dates, an explanation, exceptions) and :mod:`.batch` over
columns of many rows (numpy arrays, a problem per row instead of an
exception). ``V`` is a path's moment (``When``, or ``Moments`` for a column)
``M`` its truth value (``bool``, or a boolean array: a condition that holds
for some rows and not others is just a mask) and ``C`` the alternative taken
(an index, or an array of them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar

import attrs

from ..errors import TimescaleError
from ..model import When
from ..syntax import ast

T = TypeVar("T")


class Truth(Protocol):
    """A truth value of a path: combined with ``&`` and ``|`` (negated by the path)."""

    def __and__(self: T, other: T, /) -> T: ...

    def __or__(self: T, other: T, /) -> T: ...


V = TypeVar("V")
M = TypeVar("M", bound=Truth)
C = TypeVar("C")

#: The alternative taken by a row whose choice failed.
NO_CHOICE = -1


@attrs.frozen
class DueDates(Generic[V]):
    """A deadline's dates: when it is due, and where the rule has them, the earliest
    day a window opens and the target inside the limit."""

    due: V
    earliest: V | None = None
    target: V | None = None


@attrs.frozen
class Refusal:
    """Why a deadline cannot be given, and the fact column it concerns where there is one."""

    error: TimescaleError
    column: str | None = None


#: Explanation text built from the values a path shows (only the scalar path writes it).
Step = Callable[[Callable[[V], str]], str]
#: A refusal decided from one row's flags (each flag: whether its mask holds for the row).
Describe = Callable[[Sequence[bool]], Refusal | None]


class Operations(Protocol[V, M, C]):
    """The primitives a path evaluates the language with (see the module docstring)."""

    task: str
    event_day_number: int
    has_office_hours: bool

    # -- facts -------------------------------------------------------------------
    def fact(self, anchor: ast.FactRef) -> V:
        """A dated fact's value (missing where it is blank, on a path that can hold that)."""

    def rule_due(self, anchor: ast.RuleRef) -> V:
        """The due date of the rule ``[id]`` names, for the same facts."""

    def absent(self, key: str) -> M:
        """Where the fact with this folded name is blank or not given."""

    def flag(self, fact: ast.FactRef) -> tuple[M, M]:
        """A true-or-false fact: (its value, whether it is known)."""

    def label(self, fact: ast.FactRef, wanted: Callable[[str], bool]) -> tuple[M, M]:
        """Whether a text fact's value is ``wanted``, and whether it is known."""

    # -- truth values ---------------------------------------------------------------
    def constant(self, value: bool) -> M: ...

    def negate(self, mask: M) -> M: ...

    def anywhere(self, mask: M) -> bool:
        """Whether ``mask`` holds at all (to skip work no row needs)."""

    # -- moments -------------------------------------------------------------------
    def nothing(self) -> V:
        """No moment: what a row without a deadline holds."""

    def date_of(self, value: V) -> V: ...

    def timed(self, value: V) -> M:
        """Where a moment has a time of day (a date-time, not a date)."""

    def later(self, first: V, second: V) -> M:
        """Where ``first`` ends after ``second`` (a date lasts all day)."""

    def same_day(self, first: V, second: V) -> M: ...

    def present(self, value: V) -> M:
        """Where there is a moment (a row whose count failed has none)."""

    def pick(self, mask: M, chosen: V, other: V) -> V:
        """``chosen`` where ``mask`` holds, ``other`` elsewhere."""

    def pick_dates(self, mask: M, chosen: DueDates[V], other: DueDates[V]) -> DueDates[V]:
        """``chosen``'s dates where ``mask`` holds, ``other``'s elsewhere."""

    def start_of_day(self, day: V) -> V:
        """A date's midnight, as a date-time."""

    # -- calendar arithmetic ---------------------------------------------------------
    def add_days(self, day: V, days: int) -> V: ...

    def add_months(self, day: V, months: int) -> V:
        """Calendar months, clipped to the month's last day."""

    def working_days(self, day: V, count: int, forward: bool, event_day: V) -> V:
        """The ``count``-th working day strictly after (or before) ``day``; ``event_day``
        is the event's own day (``day`` is a day earlier where the event day counts as
        day 1), for what a path notes about the days counted over."""

    def school_days(self, day: V, count: int, forward: bool, event_day: V) -> V:
        """As ``working_days``, on the days schools are open (the ruleset's school
        holidays taken out); refused where the ruleset declares none."""

    def roll_day(self, day: V, forward: bool, only: M | None) -> V:
        """A day onto a working day: itself if it works, else the next (previous) one;
        where ``only`` is given, days outside it stay."""

    def at_weekend(self, day: V) -> M: ...

    def add_hours(self, moment: V, hours: int) -> V:
        """Elapsed hours from date-times in London (clock changes shift the wall clock)."""

    def working_hours(self, moment: V, hours: int, forward: bool) -> V:
        """Hours counted only on working days (and office hours, if the calendar has them)."""

    # -- structure --------------------------------------------------------------------
    def counted(self, start: V, compute: Callable[[], V], beyond: Callable[[str], str]) -> V:
        """``compute()``, refusing results before year 1 or after 9999 with
        ``beyond(start as shown)``."""

    def split(
        self,
        mask: M,
        value: V,
        if_true: Callable[[Operations[V, M, C], V], V],
        if_false: Callable[[Operations[V, M, C], V], V],
    ) -> V:
        """``if_true`` where ``mask`` holds and ``if_false`` elsewhere, each over its own rows."""

    def only_where(self, mask: M, compute: Callable[[], DueDates[V]]) -> DueDates[V] | None:
        """``compute()`` for the rows in ``mask``; its problems elsewhere are set aside."""

    def branches(
        self,
        choice: C,
        count: int,
        each: Callable[[Operations[V, M, C], int], DueDates[V]],
    ) -> DueDates[V]:
        """For each alternative ``number < count``, ``each`` over the rows that took it."""

    def choose_where(self, mask: M, number: int, otherwise: C) -> C:
        """The alternative ``number`` where ``mask`` holds, ``otherwise`` elsewhere."""

    def choice_constant(self, number: int) -> C: ...

    # -- outcomes ----------------------------------------------------------------------
    def refuse(self, mask: M, refusal: Refusal) -> None:
        """No deadline where ``mask`` holds, for this reason."""

    def refuse_by_flags(self, masks: Sequence[M], describe: Describe) -> None:
        """No deadline where ``describe`` of a row's flags gives a refusal."""

    def refuse_crossed(
        self, mask: M, first: V, second: V, describe: Callable[[When, When], str]
    ) -> None:
        """No deadline where ``mask`` holds, for a reason naming the two moments."""

    def unknown_events(self, masks: Sequence[M], names: Sequence[str]) -> None:
        """Events set aside as not known yet where their masks hold: the deadline is
        provisional there."""

    def not_required(self, mask: M, ended: V | None) -> None:
        """No record is due where ``mask`` holds (the series ended on ``ended``, if given)."""

    def say(self, step: Step[V], only_if: M | None = None) -> None:
        """One step of the explanation (where ``only_if`` holds, if given)."""
