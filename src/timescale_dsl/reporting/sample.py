"""Synthetic event logs for any ruleset: realistic in shape, entirely made up, seeded.

Every value is drawn from a seeded random generator: child ids are
``C`` and a number, workers ``W`` and a number, teams "Team 1" to "Team 8";
no real person's data is used or imitated. For each rule the generator
draws the facts the rule needs (dates in the window, a date of birth that
puts an age-based deadline in the window, true/false and text values the
rule's conditions test), computes the deadline with the batch API, and
then a completion: mostly on time, some late, some early for windows,
some not yet completed. A recurring rule gets series of occurrences per
child, each an interval (as the rule counts it) after the one before,
give or take. Completions after the window's end are left blank, as an
export taken on that day would show them.
"""

from __future__ import annotations

import datetime as dt

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..engine.batch import evaluate_rule, shift_column
from ..engine.columns import BatchFacts, Flags, Labels
from ..engine.meaning import interval_after
from ..engine.moments import DAY, NAT, BoolArray, IntArray, Moments
from ..ruleset import Rule, Ruleset
from ..syntax import ast
from ..syntax.walk import walk
from .measuring import facts_read_by

HOUR = np.timedelta64(1, "h").astype("timedelta64[us]")
TEAMS = tuple(f"Team {n}" for n in range(1, 9))


@attrs.frozen
class SampleOptions:
    rows: int = 1000
    seed: int = 0
    start: dt.date = dt.date(2025, 4, 1)
    end: dt.date = dt.date(2026, 3, 31)
    date_style: str = "iso"  # "iso": 2026-12-31 14:30; "uk": 31/12/2026 14:30


def sample_events(ruleset: Ruleset, options: SampleOptions | None = None) -> pd.DataFrame:
    """A made-up event log of about ``options.rows`` rows for the ruleset (exactly that many)."""
    options = options or SampleOptions()
    rng = np.random.default_rng(options.seed)
    names = _fact_names(ruleset)
    rules = [rule for rule in ruleset]
    weights = np.array([0.2 if not rule.is_fixed else 1.0 for rule in rules])
    counts = rng.multinomial(options.rows, weights / weights.sum())
    children = max(options.rows // 6, 1)
    parts = [
        _Rule(ruleset, rule, options, rng, names, children).rows(int(count))
        for rule, count in zip(rules, counts, strict=True)
        if count
    ]
    columns = ["child_id", "rule", "completed_at", "team", "worker", *names.values()]
    if not parts:
        return pd.DataFrame({name: pd.Series([], dtype="str") for name in columns})
    table = pa.concat_tables(parts)
    table = table.take(pa.array(rng.permutation(len(table))))
    frame: pd.DataFrame = table.to_pandas()
    return frame


def _fact_names(ruleset: Ruleset) -> dict[str, str]:
    """Column name per fact key: the declared spelling where the ruleset declares the fact."""
    declared = {fact.key: fact.name for fact in ruleset.facts}
    names: dict[str, str] = {}
    for rule in ruleset:
        for key, _ in facts_read_by(rule, ruleset):
            names.setdefault(key, declared.get(key, key))
    return names


class _Rule:
    """Rows for one rule."""

    def __init__(
        self,
        ruleset: Ruleset,
        rule: Rule,
        options: SampleOptions,
        rng: np.random.Generator,
        names: dict[str, str],
        children: int,
    ) -> None:
        self.ruleset = ruleset
        self.rule = rule
        self.options = options
        self.rng = rng
        self.names = names
        self.children = children
        self.needs = facts_read_by(rule, ruleset)
        self.first = np.datetime64(options.start, "D")
        self.span = (options.end - options.start).days + 1
        self.end = np.datetime64(options.end, "D") + DAY
        #: How many days before the row's base day its dates fall (a range).
        self.spread = (0, 20)
        self.calendar = ruleset.calendar

    # -- facts ------------------------------------------------------------------------
    def facts(self, size: int) -> tuple[BatchFacts, dict[str, object]]:
        rng = self.rng
        dates: dict[str, Moments] = {}
        flags: dict[str, Flags] = {}
        texts: dict[str, Labels] = {}
        raw: dict[str, object] = {}
        declared = {fact.key: fact for fact in self.ruleset.facts}
        # One day per row that the rule's dates gather round, a few weeks apart at most.
        base = self.first + rng.integers(0, self.span, size).astype("timedelta64[D]")
        for key, kind in self.needs:
            if kind == "date":
                fact = declared.get(key)
                timed = fact is not None and fact.type is ast.FactType.DATETIME
                moments = self._dates(key, base, timed)
                dates[key] = moments
                raw[key] = moments
            elif kind == "boolean":
                value = rng.random(size) < 0.35
                flags[key] = Flags(value, np.ones(size, dtype=np.bool_))
                raw[key] = value
            else:
                choices = self._text_values(key)
                codes = rng.integers(0, len(choices), size).astype(np.int64)
                texts[key] = Labels(codes, tuple(choices))
                raw[key] = np.array(choices, dtype=object)[codes]
        return BatchFacts(size, dates, flags, texts), raw

    def _dates(self, key: str, base: npt.NDArray[np.datetime64], timed: bool) -> Moments:
        rng = self.rng
        size = len(base)
        if key == ast.DATE_OF_BIRTH:
            months = self._age_months()
            days = base - (months * 30.44).astype(np.int64).astype("timedelta64[D]")
        else:
            low, high = self.spread
            days = base - rng.integers(low, high, size).astype("timedelta64[D]")
        if not timed:
            return Moments.of_days(days)
        minutes = rng.integers(8 * 60, 18 * 60, size).astype("timedelta64[m]")
        return Moments(days.astype("datetime64[us]") + minutes, np.ones(size, dtype=np.bool_))

    def _age_months(self) -> IntArray:
        """Months from birth to the rule's age-based deadline, or a child's age (0-17)."""
        for node in walk(self.rule.statement.timescale):
            if isinstance(node, ast.Age):
                return np.full(1, 12 * node.years + node.months, dtype=np.int64)
            if isinstance(node, ast.Birthday):
                return np.full(1, 12 * node.years, dtype=np.int64)
        return self.rng.integers(0, 18 * 12, 1)

    def _text_values(self, key: str) -> list[str]:
        values: list[str] = []
        for fact in self.ruleset.facts:
            if fact.key == key:
                values.extend(fact.allowed)
        for node in walk(self.rule.statement.timescale):
            if isinstance(node, ast.FactEquals) and node.fact.key == key:
                values.append(node.value)
        values.append("other")
        return list(dict.fromkeys(values))

    # -- rows ---------------------------------------------------------------------------
    def rows(self, count: int) -> pa.Table:
        if not self.rule.is_fixed:
            _, raw = self.facts(count)
            days = self.first + self.rng.integers(0, self.span, count).astype("timedelta64[D]")
            return self._frame(self._children(count), raw, Moments.of_days(days))
        if self.rule.is_recurring:
            return self._series(count)
        parts = []
        needed = count
        for attempt in range(20):
            # Rows that cannot be evaluated (no alternative applies, a window that
            # crosses) are drawn again, with the rule's dates spread ever wider apart.
            if attempt:
                width = min(60 * 3 ** (attempt - 1), 400)
                self.spread = (-width, width)
            facts, raw = self.facts(int(needed * 1.2) + 5)
            deadlines = evaluate_rule(self.rule, facts)
            ok = np.flatnonzero(deadlines.ok)[:needed]
            completed = self._completions_near(deadlines.due.take(ok), deadlines.earliest.take(ok))
            raw_ok = {k: _take(v, ok) for k, v in raw.items()}
            parts.append(self._frame(self._children(len(ok)), raw_ok, completed))
            needed -= len(ok)
            if needed <= 0:
                break
        return pa.concat_tables(parts)

    def _children(self, size: int) -> IntArray:
        return self.rng.integers(1, self.children + 1, size).astype(np.int64)

    def _completions_near(self, due: Moments, earliest: Moments) -> Moments:
        """Mostly on time, some late, some early where there is an earliest, some not done."""
        rng = self.rng
        size = len(due)
        draw = rng.random(size)
        days = np.where(
            draw < 0.72,
            -rng.geometric(0.5, size) + 1,  # on time: on the day or a few days before
            rng.geometric(0.15, size),  # late: a day or weeks after
        ).astype("timedelta64[D]")
        hours = rng.integers(9, 18, size) * HOUR + rng.integers(0, 60, size) * (HOUR // 60)
        day_start = due.days.astype("datetime64[us]")
        completed = np.where(
            due.timed,
            due.values
            + np.where(draw < 0.72, -rng.integers(1, 20, size), rng.integers(1, 72, size)) * HOUR,
            day_start + days + hours,
        )
        early = earliest.present & (draw > 0.95)
        completed = np.where(
            early, earliest.days.astype("datetime64[us]") - 2 * DAY + hours, completed
        )
        blank = (draw > 0.90) & (draw <= 0.95) | (completed >= self.end.astype("datetime64[us]"))
        completed = np.where(blank | due.absent, NAT, completed)
        return Moments(completed, ~np.isnat(completed))

    def _series(self, count: int) -> pa.Table:
        """Occurrences of a recurring rule: per child, each about an interval after the last."""
        tables: list[pa.Table] = []
        made = 0
        for _ in range(50):  # series cut short (a blank, a failing row) are topped up
            table = self._some_series(max((count - made) // 4, 1))
            tables.append(table.slice(0, count - made))
            made += min(len(table), count - made)
            if made >= count:
                break
        return pa.concat_tables(tables)

    def _some_series(self, series: int) -> pa.Table:
        rng = self.rng
        lengths = 1 + rng.poisson(4, series)
        facts, raw = self.facts(series)
        deadlines = evaluate_rule(self.rule, facts)
        timescale = self.rule.statement.timescale
        assert isinstance(timescale, ast.Alternatives)
        due = deadlines.due
        child = self._children(series)
        frames = []
        previous = Moments.missing(series)
        alive = deadlines.ok.copy()
        for number in range(int(lengths.max())):
            if number:
                due = self._next_due(timescale, deadlines.choice, previous, number, alive)
            rows = np.flatnonzero(alive & (lengths > number))
            done = self._completions_near(due, Moments.missing(series))
            frames.append(
                self._frame(
                    child[rows], {k: _take(v, rows) for k, v in raw.items()}, done.take(rows)
                )
            )
            alive &= done.present  # after a blank, the series has nothing more recorded
            previous = done
        return pa.concat_tables(frames)

    def _next_due(
        self,
        timescale: ast.Alternatives,
        choice: IntArray,
        previous: Moments,
        number: int,
        alive: BoolArray,
    ) -> Moments:
        due = Moments.missing(len(choice))
        for option_number, option in enumerate(timescale.options):
            schedule = option.schedule
            rows = np.flatnonzero((choice == option_number) & alive)
            if not isinstance(schedule, ast.Recurrence) or len(rows) == 0:
                alive[rows] = False
                continue
            interval = interval_after(schedule, number)
            if interval is None:
                alive[rows] = False
                continue
            shifted, problems = shift_column(
                self.rule, previous.take(rows), interval, self.calendar
            )
            due.put(rows, shifted)
            alive[rows[problems.failed]] = False
        return due

    def _frame(self, child: IntArray, raw: dict[str, object], completed: Moments) -> pa.Table:
        """The rows as an export holds them: every cell text, blank where there is nothing."""
        size = len(child)
        style = self.options.date_style
        columns: dict[str, pa.Array] = {
            "child_id": _labels("C", child, 7),
            "rule": pa.array(np.full(size, self.rule.id, dtype=object), type=pa.string()),
            "completed_at": _moments_text(completed, style),
            "team": pa.array(np.array(TEAMS, dtype=object)[child % len(TEAMS)], type=pa.string()),
            "worker": _labels("W", child % 97 + 1, 3),
        }
        for key, name in self.names.items():
            value = raw.get(key)
            if value is None:
                columns[name] = pa.array(np.full(size, "", dtype=object), type=pa.string())
            elif isinstance(value, Moments):
                columns[name] = _moments_text(value, style)
            elif isinstance(value, np.ndarray) and value.dtype == np.bool_:
                columns[name] = pa.array(np.where(value, "Yes", "No").astype(object), pa.string())
            else:
                columns[name] = pa.array(np.asarray(value, dtype=object), type=pa.string())
        return pa.table({k: v.cast(pa.string()) for k, v in columns.items()})


def _take(value: object, rows: IntArray) -> object:
    if isinstance(value, Moments):
        return value.take(rows)
    assert isinstance(value, np.ndarray)
    return value[rows]


def _labels(prefix: str, numbers: IntArray, width: int) -> pa.Array:
    """``C0000042``-style made-up identifiers."""
    digits = pc.utf8_lpad(pa.array(numbers, type=pa.int64()).cast(pa.string()), width, "0")
    return pc.binary_join_element_wise(prefix, digits, "")


def _moments_text(moments: Moments, style: str) -> pa.Array:
    """Dates as ``2026-12-31`` (or ``31/12/2026``), date-times to the minute; blank if none."""
    date_format, time_format = (
        ("%d/%m/%Y", "%d/%m/%Y %H:%M") if style == "uk" else ("%Y-%m-%d", "%Y-%m-%d %H:%M")
    )
    present = moments.present
    arrow = pa.array(moments.values, type=pa.timestamp("us"), mask=~present)
    text = pc.if_else(
        pa.array(moments.timed),
        pc.strftime(arrow, format=time_format),
        pc.strftime(arrow, format=date_format),
    )
    return pc.fill_null(text, "")
