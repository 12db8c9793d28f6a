"""An event log measured against a ruleset: a status for every row, or a reason it was rejected.

The steps, each in its own module: read the table (:mod:`.events`), read
each fact column as the rules need it (:mod:`.cells`), compute deadlines
per rule over its rows at once (:mod:`.batch`, :mod:`.recurrence`), then
statuses (:mod:`.status`). Nothing is dropped: every row read is either
measured or rejected with its row number, column and reason, so rows read
= rows evaluated + rows rejected.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa

from ..calendars.base import Calendar
from ..engine.arithmetic import working_day_index
from ..engine.batch import BatchDeadlines, evaluate_rule
from ..engine.columns import BatchFacts, Flags, Labels
from ..engine.moments import BoolArray, IntArray, Moments
from ..engine.problems import Problems
from ..engine.series import evaluate_occurrences
from ..engine.timeliness import Timeliness, classify
from ..errors import UnknownRuleError
from ..needs import Need, counted_from, timescale_needs
from ..quoting import briefly
from ..ruleset import Rule, Ruleset
from ..syntax.ast import FactType
from ..syntax.names import column_key
from .reading.cells import (
    ReadFlags,
    ReadMoments,
    blank_cells,
    distinct,
    read_flags,
    read_flags_of,
    read_labels,
    read_moments,
    read_moments_of,
)
from .reading.events import (
    ColumnMap,
    EventLog,
    EventsError,
    find_columns,
    read_events,
    required_columns,
)
from .reading.mapping import FactColumns, fact_columns, match_key
from .rendering.output import (
    OUTPUT_COLUMNS,
    REJECT_COLUMNS,
    SOURCE_ROW,
    Rejected,
    reject_order,
    rows_frame,
)

Progress = Callable[[int], None]


@attrs.frozen(eq=False)
class Outcomes:
    """What measuring found for each measured row, as arrays (in measured-row order).

    The per-row table (every input column, then text dates) is built from these
    only when something asks for it: a summary needs no more than these arrays.
    """

    frame: pd.DataFrame  # the input's cells
    kept: IntArray  # the measured rows' positions in ``frame``
    due: Moments
    earliest: Moments
    target: Moments
    timeliness: Timeliness
    #: True where the due date is the earliest of an "earlier of" whose other event
    #: is not known yet, so it may move earlier once that event is known.
    provisional: BoolArray
    source_rows: IntArray
    #: Each measured row's rule as a number into ``rule_names`` (the rules measured).
    rule_codes: IntArray
    rule_names: tuple[str, ...]

    def table(self) -> pd.DataFrame:
        measured = rows_frame(
            self.frame,
            self.kept,
            self.due,
            self.earliest,
            self.target,
            self.timeliness,
            self.provisional,
        )
        measured[SOURCE_ROW] = self.source_rows
        return measured

    def column_names(self) -> list[str]:
        return [*(str(c) for c in self.frame.columns), *OUTPUT_COLUMNS, SOURCE_ROW]


@attrs.frozen(eq=False)
class RuleCodes:
    """Each row's rule as a number into ``ids``, each id once (-1: no rule): what
    grouping by rule reads, without a Python string a row."""

    codes: IntArray
    ids: tuple[str, ...]

    def strings(self) -> npt.NDArray[np.object_]:
        """Each row's rule id (None for -1)."""
        found: npt.NDArray[np.object_] = np.array([*self.ids, None], dtype=object)[self.codes]
        return found


@attrs.frozen(eq=False)
class Measured:
    """The outcome of measuring an event log: rows with statuses, and rejected rows.

    ``rows`` may be given as :class:`Outcomes`; the table is then made on first use.
    ``rule_ids`` may be given as :class:`RuleCodes`, or as None with outcomes (their
    rule numbers); the Python strings are then made on first use.
    """

    _rows: pd.DataFrame | Outcomes = attrs.field(alias="rows")
    _rejects: pd.DataFrame | Rejected = attrs.field(alias="rejects")
    rows_read: int
    source: str
    as_of: dt.date
    _rule_ids: npt.NDArray[np.object_] | RuleCodes | None = attrs.field(alias="rule_ids")
    rule_of_reject: npt.NDArray[np.object_]  # the rule id of each rejected row, or None
    measured_rows: IntArray  # the row number of each measured row
    warnings: tuple[str, ...] = ()
    #: (fact, input column, how it was matched) for each fact a measured rule read.
    columns_used: tuple[tuple[str, str, str], ...] = ()
    #: The input's names of the child_id, rule and completed_at columns.
    roles: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def rule_codes(self) -> RuleCodes:
        """The rule of each measured row, as numbers."""
        held = self._rule_ids
        if isinstance(held, RuleCodes):
            return held
        if held is None:
            outcomes = self._rows
            assert isinstance(outcomes, Outcomes), "rule_ids are given with a table of rows"
            return RuleCodes(outcomes.rule_codes, outcomes.rule_names)
        codes, ids = pd.factorize(held)
        return RuleCodes(codes.astype(np.int64), tuple(str(i) for i in ids))

    @property
    def rule_ids(self) -> npt.NDArray[np.object_]:
        """The rule id of each measured row (Python strings: made once, on first use)."""
        if not isinstance(self._rule_ids, np.ndarray):
            # Frozen otherwise, so set past attrs' guard.
            object.__setattr__(self, "_rule_ids", self.rule_codes.strings())
        assert isinstance(self._rule_ids, np.ndarray)
        return self._rule_ids

    @property
    def rows(self) -> pd.DataFrame:
        """Every measured row: the input's cells, then the output columns."""
        if isinstance(self._rows, Outcomes):
            if self._rule_ids is None:  # the rule numbers, kept past the outcomes
                object.__setattr__(self, "_rule_ids", self.rule_codes)
            # Made once, on first use; frozen otherwise, so set past attrs' guard.
            object.__setattr__(self, "_rows", self._rows.table())
        assert isinstance(self._rows, pd.DataFrame)
        return self._rows

    @property
    def rejects(self) -> pd.DataFrame:
        """Every rejected row: row number, column, reason, then the input's cells."""
        if isinstance(self._rejects, Rejected):
            # Made once, on first use; frozen otherwise, so set past attrs' guard.
            object.__setattr__(self, "_rejects", self._rejects.table())
        assert isinstance(self._rejects, pd.DataFrame)
        return self._rejects

    @property
    def reject_heads(self) -> pd.DataFrame:
        """Row number, column and reason of every rejected row, without their cells."""
        if isinstance(self._rejects, Rejected):
            return self._rejects.heads()
        return self._rejects[list(REJECT_COLUMNS)]

    @property
    def outcomes(self) -> Outcomes | None:
        """The arrays the rows were measured into, while no table has been made from them."""
        return self._rows if isinstance(self._rows, Outcomes) else None

    @property
    def column_names(self) -> list[str]:
        """The columns of :attr:`rows`, without making the table."""
        if isinstance(self._rows, Outcomes):
            return self._rows.column_names()
        return [str(c) for c in self._rows.columns]

    @property
    def rows_evaluated(self) -> int:
        return len(self.measured_rows)

    @property
    def rows_rejected(self) -> int:
        return len(self._rejects)


def measure(
    events: EventLog | pd.DataFrame | str | Path,
    ruleset: Ruleset,
    as_of: dt.date,
    columns: ColumnMap | None = None,
    calendar: Calendar | None = None,
    progress: Progress | None = None,
    threads: bool = True,
) -> Measured:
    """Measure every row of an event log; see the module docstring.

    ``threads=False`` measures on the calling thread alone, as a task should
    that a distributed engine has given one core of several.
    """
    log = events if isinstance(events, EventLog) else read_events(events)
    threads_used = COLUMN_THREADS if threads else 1
    return _Measurement(
        log, ruleset, as_of, columns or ColumnMap(), calendar, progress, threads_used
    ).run()


class _Measurement:
    def __init__(
        self,
        log: EventLog,
        ruleset: Ruleset,
        as_of: dt.date,
        columns: ColumnMap,
        calendar: Calendar | None,
        progress: Progress | None,
        threads: int,
    ) -> None:
        self.log = log
        self.frame = log.frame
        self.ruleset = ruleset
        self.as_of = as_of
        self.calendar = calendar
        self.progress = progress or (lambda done: None)
        self.names = required_columns(log, columns)
        self.columns = _fact_columns(self.frame, ruleset, columns, self.names.values())
        self.used: dict[str, tuple[str, str, str]] = {}
        self.joined: dict[str, pd.Series] = {}
        #: Date and flag columns read or being read, by (column, "moments" or "flags"):
        #: the whole column, or (a column few rows read) each rule's rows, by rule id.
        self.read: dict[_Place, _Found | Future[_Found]] = {}
        #: The rules reading each column that is read rule by rule, with their rows.
        self.by_rule: dict[_Place, dict[str, IntArray]] = {}
        #: The threads reading columns ahead of the rules that ask for them, if any.
        self.pool: ThreadPoolExecutor | None = None
        #: How many threads read columns (1: none beside the calling thread).
        self.threads = threads
        _check_clashes(log)
        self.size = len(self.frame)
        self.problems = Problems(self.size)
        self.warnings: list[str] = list(log.notes)
        #: Facts no column feeds, with the rules that read them (told once a fact).
        self.unfed: dict[str, list[str]] = {}

    # -- the run -----------------------------------------------------------------
    def run(self) -> Measured:
        try:
            return self.measure_all()
        finally:
            # Reads not yet begun (no rule asked for them, or the run failed) never begin.
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)

    def measure_all(self) -> Measured:
        self.read_at_once(None)
        rules = self.resolve_rules()
        self.check_children()
        self.read_at_once(rules)
        bounds = _RuleDeadlines(self.size)
        for number, (_, rows) in enumerate(rules):
            bounds.rule_code[rows] = number
        # Rules that do not read completions are measured while the completion column is
        # still being read. A row is told its first problem in the order the row is read
        # (rule, child, completion, then facts and deadline), so their problems are
        # kept apart and told after the completion's.
        told = self.problems
        self.problems = Problems(self.size)
        for rule, rows in rules:
            if not rule.is_recurring:
                self.measure_rows(rule, rows[~told.failed[rows]], None, bounds)
        facts_and_deadlines, self.problems = self.problems, told
        completed = self.read_column(self.names["completed_at"], "date")
        assert isinstance(completed, ReadMoments)
        self.reject_bad(completed, np.arange(self.size), self.names["completed_at"])
        self.problems.extend(facts_and_deadlines)
        completed_at = completed.moments
        for rule, rows in rules:
            if rule.is_recurring:
                self.measure_rows(rule, rows[~self.problems.failed[rows]], completed_at, bounds)
        self.warn_unfed()
        ok = ~self.problems.failed
        timeliness = self.classify(bounds, completed_at)
        kept = np.flatnonzero(ok)
        rejected = np.flatnonzero(~ok)
        (
            *deadlines,
            status, working_days_late, calendar_days_late, target_met,
            provisional, source_rows, rule_codes,
        ) = self.taken(
            kept,
            *(array for moments in bounds.deadlines() for array in (moments.values, moments.timed)),
            timeliness.status, timeliness.working_days_late,
            timeliness.calendar_days_late, timeliness.target_met,
            bounds.provisional, self.log.rows, bounds.rule_code,
        )  # fmt: skip
        due, earliest, target = (Moments(deadlines[i], deadlines[i + 1]) for i in (0, 2, 4))
        rule_ids = tuple(rule.id for rule, _ in rules)
        measured = Outcomes(
            self.frame,
            kept,
            due,
            earliest,
            target,
            Timeliness(status, working_days_late, calendar_days_late, target_met),
            provisional,
            source_rows,
            rule_codes,
            rule_ids,
        )
        unknown = np.full(len(self.log.malformed), None, dtype=object)
        reject_rules = np.concatenate(
            [unknown, RuleCodes(bounds.rule_code[rejected], rule_ids).strings()]
        )
        return Measured(
            measured,
            Rejected(self.frame, rejected, self.log, self.problems),
            self.log.rows_read,
            self.log.source,
            self.as_of,
            None,  # each row's rule id, made from its rule's number when asked for
            reject_rules[reject_order(self.log, rejected)],
            source_rows,
            tuple(self.warnings),
            tuple(self.used.values()),
            dict(self.names),
        )

    def taken(self, rows: IntArray, *arrays: npt.NDArray[Any]) -> list[npt.NDArray[Any]]:
        """Each array at ``rows``: side by side on the column threads where there are some
        (numpy lets go of Python's lock to take a million rows)."""
        if self.pool is None:
            return [array[rows] for array in arrays]
        return list(self.pool.map(lambda array: array[rows], arrays))

    def classify(self, bounds: _RuleDeadlines, completed: Moments) -> Timeliness:
        """Every row's status and lateness; in parts side by side on the column threads
        where there are some (each part's array operations let go of Python's lock)."""
        index = working_day_index(self.calendar or self.ruleset.calendar)

        def part(start: int, stop: int) -> Timeliness:
            return classify(
                bounds.due.part(start, stop),
                bounds.earliest.part(start, stop),
                bounds.target.part(start, stop),
                completed.part(start, stop),
                self.as_of,
                index,
            )

        if self.pool is None or self.size < CLASSIFY_PARTS * MIN_CLASSIFY_PART:
            return part(0, self.size)
        edges = np.linspace(0, self.size, CLASSIFY_PARTS + 1).astype(np.int64).tolist()
        parts = [self.pool.submit(part, a, b) for a, b in itertools.pairwise(edges)]
        return Timeliness.joined([found.result() for found in parts])

    # -- the row's rule and child --------------------------------------------------
    def resolve_rules(self) -> list[tuple[Rule, IntArray]]:
        """Each rule named in the rule column, with its rows; unknown names are rejected."""
        column = self.names["rule"]
        codes, uniques = distinct(self.frame[column])
        # Few distinct rules: as 16-bit numbers numpy sorts them by radix, in one pass.
        narrow = codes.astype(np.int16) if len(uniques) < 2**15 - 1 else codes
        by_code = np.argsort(narrow, kind="stable")
        edges = np.searchsorted(codes[by_code], np.arange(-1, len(uniques) + 1))
        found: dict[str, tuple[Rule, list[IntArray]]] = {}
        for code, key in enumerate(uniques):
            rows = by_code[edges[code + 1] : edges[code + 2]]
            if len(rows) == 0:
                continue
            try:
                rule = self.ruleset.rule(key)
            except UnknownRuleError as error:
                reason = briefly(str(error), key)
                if column_key(key) == column_key(column):  # the header again, mid-file
                    reason = HEADER_AGAIN
                self.problems.add(_mask(self.size, rows), reason, column)
                continue
            found.setdefault(rule.id, (rule, []))[1].append(rows)
        self.problems.add(codes < 0, "no rule given", column)
        order = {rule.id: number for number, rule in enumerate(self.ruleset)}
        return [
            (rule, np.sort(np.concatenate(parts)))
            for rule, parts in sorted(found.values(), key=lambda item: order[item[0].id])
        ]

    def check_children(self) -> None:
        column = self.names["child_id"]
        self.problems.add(blank_cells(self.frame[column]), "no child given", column)

    # -- facts ---------------------------------------------------------------------
    def read_at_once(self, rules: list[tuple[Rule, IntArray]] | None) -> None:
        """Begin reading every date and flag column the rules will ask for, on threads of
        their own, in the order the rules ask for them; with no rules yet (None), the
        completion column alone, which every row needs.

        A column is read in Arrow's compute functions and numpy's, which let go of
        Python's lock: on a machine with cores to spare, columns read side by side,
        the completion column while the rules are found, and the first rules are
        measured while later rules' columns are still read.

        Rules share fact columns, and a column's mostly blank cells cost little to
        read, so a column is read once for all rows; but one that only a few rules
        of few rows read is read for their rows alone, rule by rule, where that
        costs less (:func:`read_by_rule`).
        """
        completion = (self.names["completed_at"], "moments")  # every row's: read whole
        wanted: dict[_Place, dict[str, IntArray]] = {completion: {}}
        for rule, rows in rules or ():
            for key, kind in facts_read_by(rule, self.ruleset):
                column, form = self.columns.get(key), _form(kind)
                if column is not None and form is not None:
                    wanted.setdefault((column, form), {})[rule.id] = rows
        for place, readers in wanted.items():
            reading = sum(len(rows) for rows in readers.values())
            if place != completion and read_by_rule(self.size, len(readers), reading):
                self.by_rule[place] = readers
        if self.pool is None:
            if min(self.threads, os.cpu_count() or 1) < 2:
                return  # read_column reads each when asked
            self.pool = ThreadPoolExecutor(self.threads, thread_name_prefix="column")
        for place in wanted:
            if place not in self.read:
                self.read[place] = self.pool.submit(self.read_place, place)

    def read_place(self, place: _Place) -> _Found:
        """A date or flag column read: whole, or rule by rule (see :meth:`read_at_once`)."""
        name, form = place
        readers = self.by_rule.get(place)
        if readers is None:
            return _read_cells(self.frame[name], form)
        cells = self.contiguous(name)  # joined once: each rule's rows are taken from it
        read_rows = read_flags_of if form == "flags" else read_moments_of
        return {rule_id: read_rows(cells, rows) for rule_id, rows in readers.items()}

    def read_column(
        self, name: str, kind: str, rows: IntArray | None = None, rule: str | None = None
    ) -> ReadMoments | ReadFlags | Labels:
        """A column read as dates or flags (every row, once, or ``rule``'s rows where the
        column is read rule by rule), or the given rows as text."""
        form = _form(kind)
        if form is not None:
            place = (name, form)
            found = self.read.get(place)
            if isinstance(found, Future):
                found = found.result()
            if found is None:
                found = self.read_place(place)
            self.read[place] = found
            if isinstance(found, dict):
                assert rule is not None, f"column '{name}' is read rule by rule"
                return found[rule]
            return found
        cells = self.frame[name]
        if rows is not None and len(rows) < self.size:
            cells = self.contiguous(name).iloc[rows].reset_index(drop=True)
        return read_labels(cells)

    def contiguous(self, name: str) -> pd.Series:
        """The column in one Arrow chunk, made once: taking rows from a column in many
        chunks (as pyarrow's CSV reader leaves it) joins the chunks on every take."""
        found = self.joined.get(name)
        if found is None:
            found = self.joined[name] = single_chunk(self.frame[name])
        return found

    def reject_bad(
        self,
        read: ReadMoments | ReadFlags,
        rows: IntArray,
        column: str,
        bad: BoolArray | None = None,
    ) -> None:
        """Reject those of ``rows`` whose cell is bad (``read`` holds the whole column;
        ``bad``, for each of ``rows``, where the caller has it already)."""
        positions = rows[read.bad_among(rows) if bad is None else bad]
        if len(positions) == 0:
            return
        texts = read.texts.iloc[positions].astype("str").to_numpy()
        by_text = {text: briefly(read.reason_for(str(text)), str(text)) for text in set(texts)}
        reasons = np.full(self.size, None, dtype=object)
        reasons[positions] = [f"column '{column}': {by_text[text]}" for text in texts]
        self.problems.add(_mask(self.size, positions), reasons, column)

    def facts_for(self, rule: Rule, rows: IntArray) -> tuple[BatchFacts, list[str]]:
        """The rule's facts for its rows, rejecting cells that do not read; and the columns
        that tell one plan from another (for a recurring rule's series)."""
        dates: dict[str, Moments] = {}
        flags: dict[str, Flags] = {}
        texts: dict[str, Labels] = {}
        used: list[str] = []
        plan = set(plan_facts(rule, self.ruleset)) if rule.is_recurring else set()
        for key, kind in facts_read_by(rule, self.ruleset):
            column = self.columns.get(key)
            if column is None:
                readers = self.unfed.setdefault(key, [])
                if rule.id not in readers:
                    readers.append(rule.id)
                continue
            self.used.setdefault(
                key, (key, column, self.columns.how.get(match_key(key), "by name"))
            )
            if key in plan:
                used.append(column)
            read = self.read_column(column, kind, rows, rule.id)
            if isinstance(read, ReadMoments):
                dates[key], bad = read.of_rows(rows)
                self.reject_bad(read, rows, column, bad)
            elif isinstance(read, ReadFlags):
                self.reject_bad(read, rows, column)
                flags[key] = read.flags.take(rows)
            else:
                texts[key] = read
        return BatchFacts(len(rows), dates, flags, texts), used

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def warn_unfed(self) -> None:
        """One warning a fact that no column feeds, naming the rules that read it."""
        for key, readers in self.unfed.items():
            shown = ", ".join(readers[:UNFED_RULES_SHOWN])
            if len(readers) > UNFED_RULES_SHOWN:
                shown += f" and {len(readers) - UNFED_RULES_SHOWN} more"
            rules = f"rule {shown}" if len(readers) == 1 else f"rules {shown}"
            advice = self.columns.advice(key)
            self.warn(f"no column for fact '{key}' ({rules})" + (f"; {advice}" if advice else ""))

    # -- deadlines -------------------------------------------------------------------
    def measure_rows(
        self, rule: Rule, rows: IntArray, completed: Moments | None, bounds: _RuleDeadlines
    ) -> None:
        """Measure a rule's rows (those with no problem yet), and count them done."""
        if len(rows):
            self.measure_rule(rule, rows, completed, bounds)
        self.progress(len(rows))

    def measure_rule(
        self, rule: Rule, rows: IntArray, completed: Moments | None, bounds: _RuleDeadlines
    ) -> None:
        """``completed``: every row's completion, which a recurring rule's series reads."""
        facts, used = self.facts_for(rule, rows)
        rows_ok = ~self.problems.failed[rows]
        if not rows_ok.all():
            rows = rows[rows_ok]
            facts = facts.take(np.flatnonzero(rows_ok))
        if rule.is_recurring:
            assert completed is not None
            series = self.series(rows, used)
            deadlines = evaluate_occurrences(
                rule, facts, completed.take(rows), series, self.calendar
            )
        else:
            deadlines = evaluate_rule(rule, facts, self.calendar)
        self.record(rule, rows, deadlines, bounds)

    def series(self, rows: IntArray, used: Iterable[str]) -> IntArray:
        """One number per child and plan: the child and the cells of the rule's facts."""
        key = np.zeros(len(rows), dtype=np.int64)
        for column in (self.names["child_id"], *used):
            codes, uniques = distinct(self.frame[column].iloc[rows])
            combined, _ = pd.factorize(key * (len(uniques) + 1) + codes + 1)
            key = combined.astype(np.int64)
        return key

    def record(
        self, rule: Rule, rows: IntArray, deadlines: BatchDeadlines, bounds: _RuleDeadlines
    ) -> None:
        problems = deadlines.problems
        if problems.any:
            failed = np.flatnonzero(problems.failed)
            columns = np.array(
                [self.column_names(c) for c in problems.column[failed]], dtype=object
            )
            self.problems.add(
                _mask(self.size, rows[failed]),
                _spread(self.size, rows[failed], problems.reason[failed]),
                _spread(self.size, rows[failed], columns),
            )
        if deadlines.fixed:
            unexplained = ~problems.failed & deadlines.due.absent
            if unexplained.any():  # pragma: no cover - every row without a due has a reason
                self.problems.add(
                    _mask(self.size, rows[unexplained]),
                    f"{rule.task}: no due date could be computed",
                )
        bounds.due.put(rows, deadlines.due)
        bounds.earliest.put(rows, deadlines.earliest)
        bounds.target.put(rows, deadlines.target)
        if deadlines.provisional is not None:  # None: no row of the rule is provisional
            bounds.provisional[rows] = deadlines.provisional

    def column_names(self, keys: object) -> str | None:
        """Fact keys named by a problem, as the input's column names where there are columns."""
        if keys is None:
            return None
        names = [self.columns.get(k) or k for k in str(keys).split(", ")]
        return ", ".join(names)


class _RuleDeadlines:
    """Every row's deadline dates, whether its due date is provisional, and the rule
    that gave them (its number among the rules found; -1 where none was)."""

    def __init__(self, size: int) -> None:
        self.due = Moments.missing(size)
        self.earliest = Moments.missing(size)
        self.target = Moments.missing(size)
        self.provisional = np.zeros(size, dtype=np.bool_)
        self.rule_code = np.full(size, -1, dtype=np.int64)

    def deadlines(self) -> tuple[Moments, Moments, Moments]:
        """Due, earliest and target, in that order."""
        return self.due, self.earliest, self.target


#: Threads reading fact columns side by side (more gain little: the columns are few).
COLUMN_THREADS = 2
#: The reason given a row whose rule cell is the rule column's own name.
HEADER_AGAIN = "the row repeats the header row (the column names): are two exports joined?"
#: The rules a warning of a fact with no column names before it counts the rest.
UNFED_RULES_SHOWN = 5
#: Statuses are found in this many parts of the rows on those threads (more parts than
#: threads even out their turns), when each part has at least MIN_CLASSIFY_PART rows.
CLASSIFY_PARTS = 4
MIN_CLASSIFY_PART = 50_000


def _form(kind: str) -> str | None:
    """How a fact of ``kind`` is read from a whole column: "moments", "flags", or
    None for text, which is read from the rule's rows only."""
    if kind in (FactType.DATE, FactType.DATETIME):
        return "moments"
    return "flags" if kind == FactType.BOOLEAN else None


#: What reading a column costs, in rows' worth of reading it whole (measured on a million
#: rows, docs/performance.md): read rule by rule, it is joined into one chunk first (under
#: half a row each), and each rule's read costs a fixed 50,000 (Python's work for a read
#: however few its rows) and 4 for each of its rows (taken out, then read).
JOIN_COST = 0.45
READ_COST = 50_000
TAKEN_COST = 4


def read_by_rule(size: int, rules: int, rows: int) -> bool:
    """Whether a column of ``size`` rows that ``rules`` rules of ``rows`` rows in all
    read costs less read for their rows alone, rule by rule, than read whole."""
    return JOIN_COST * size + READ_COST * rules + TAKEN_COST * rows < size


_Place = tuple[str, str]  # a column, and how it is read ("moments" or "flags")
_Read = ReadMoments | ReadFlags
_Found = _Read | dict[str, _Read]  # the whole column, or each rule's rows by rule id


def _read_cells(cells: pd.Series, form: str) -> _Read:
    return read_flags(cells) if form == "flags" else read_moments(cells)


def facts_read_by(rule: Rule, ruleset: Ruleset) -> list[Need]:
    """Facts the rule may read, with the kind it reads them as (rule references expanded)."""
    return timescale_needs(rule.statement.timescale, _referenced_needs(rule, ruleset))


def plan_facts(rule: Rule, ruleset: Ruleset) -> list[str]:
    """The facts that tell one of a recurring rule's plans from another: what it counts from."""
    return counted_from(rule.statement.timescale, _referenced_needs(rule, ruleset))


def _referenced_needs(rule: Rule, ruleset: Ruleset) -> Callable[[str], list[Need]]:
    """The needs of a rule ``rule`` refers to, through any chain of references."""

    def expand(rule_id: str, seen: frozenset[str]) -> list[Need]:
        if rule_id in seen:
            return []
        try:
            other = ruleset.rule(rule_id)
        except UnknownRuleError:
            return []
        return timescale_needs(other.statement.timescale, lambda rid: expand(rid, seen | {rule_id}))

    return lambda rule_id: expand(rule_id, frozenset({rule.id}))


def single_chunk(cells: pd.Series) -> pd.Series:
    """An Arrow-backed column as one chunk (other columns as they are)."""
    chunked = getattr(cells.array, "__arrow_array__", None)
    if chunked is None:
        return cells
    arrow = chunked()
    if not isinstance(arrow, pa.ChunkedArray) or arrow.num_chunks <= 1:
        return cells
    joined: pd.Series = pa.table({"cells": arrow.combine_chunks()}).to_pandas()["cells"]
    return joined.set_axis(cells.index)


def _fact_columns(
    frame: pd.DataFrame, ruleset: Ruleset, columns: ColumnMap, reserved: Iterable[str]
) -> FactColumns:
    find_columns(frame)  # two columns of one name are refused before any is matched
    facts = [key for rule in ruleset for key, _ in facts_read_by(rule, ruleset)]
    return fact_columns([str(c) for c in frame.columns], facts, columns.facts, reserved)


def _check_clashes(log: EventLog) -> None:
    found = find_columns(log.frame)
    names = (*OUTPUT_COLUMNS, SOURCE_ROW)
    clashes = [found[column_key(c)] for c in names if column_key(c) in found]
    if clashes:
        raise EventsError(
            f"{log.source}: input column(s) {', '.join(repr(c) for c in clashes)} have the "
            f"names of output columns ({', '.join(names)}); rename them"
        )


def _mask(size: int, rows: IntArray) -> npt.NDArray[np.bool_]:
    mask = np.zeros(size, dtype=np.bool_)
    mask[rows] = True
    return mask


def _spread(size: int, rows: IntArray, values: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    spread = np.full(size, None, dtype=object)
    spread[rows] = values
    return spread
