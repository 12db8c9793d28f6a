"""Counts and rates per rule, and per any grouping columns (team, worker, month of due date).

* ``pct_on_time``: on time as a percentage of the records that can be
  judged: on time, late, early and overdue. Open records (not yet due) and
  rules with no fixed timescale are left out; an early record is not on
  time (it is outside its window).
* lateness: median and 90th percentile (linear interpolation, as
  ``numpy.percentile``) of working and calendar days late, over the
  records completed late.
* overdue now: how many records are overdue as of the as-of date, and the
  longest overdue in working days.
* target: of the records with a target that can be judged, how many met it.

The headline (``totals``) is the same figures across all rules, per value of
the grouping columns: what a manager reads first (on time per team, and per
team and month when ``due_month`` is among them); the per-rule figures are
the drill-down.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from ...engine.moments import Moments
from ...engine.timeliness import CODE, NO_DAYS
from ...ruleset import Ruleset
from ...status import LATE, MEASURED, ON_TIME, OVERDUE, STATUSES
from ...syntax.names import column_key
from ..measuring import Measured
from ..partition import REJECTED
from ..reading.cells import distinct, distinct_of, encoded_prefixes
from ..reading.events import EventsError, find_columns
from ..rendering.output import month_text
from .collected import measured_from_rows, status_codes
from .grouping import Key, RowFigures, group_figures

#: ``--by due_month`` (or ``month`` when the input has no such column).
DUE_MONTH: Final = "due_month"
BLANK: Final = "(blank)"
NO_DUE: Final = "(no due date)"
ALL_RULES: Final = "(all rules)"
#: Buckets of the lateness chart, in working days late: (label, first, last).
LATENESS_BUCKETS: Final = (
    ("1", 1, 1),
    ("2", 2, 2),
    ("3", 3, 3),
    ("4-5", 4, 5),
    ("6-10", 6, 10),
    ("11-20", 11, 20),
    ("21-40", 21, 40),
    ("41+", 41, None),
)


@attrs.frozen
class GroupSummary:
    """The figures for one rule, or one rule and one value of each grouping column."""

    rule: str
    task: str
    group: tuple[tuple[str, str], ...]
    counts: dict[str, int]
    rows: int
    pct_on_time: float | None
    late_median_working_days: float | None
    late_p90_working_days: float | None
    late_median_calendar_days: float | None
    late_p90_calendar_days: float | None
    overdue_now: int
    overdue_max_working_days: int | None
    with_target: int
    target_met: int
    pct_target_met: float | None
    rejected: int = 0

    @property
    def measured(self) -> int:
        return sum(self.counts[s] for s in MEASURED)

    @property
    def is_total(self) -> bool:
        """Across all rules (a headline), not one rule's figures."""
        return self.rule == ALL_RULES

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {} if self.is_total else {"rule": self.rule, "task": self.task}
        data.update(dict(self.group))
        data["rows"] = self.rows
        data.update(self.counts)
        data["measured"] = self.measured
        data["pct_on_time"] = self.pct_on_time
        for name in (
            "late_median_working_days",
            "late_p90_working_days",
            "late_median_calendar_days",
            "late_p90_calendar_days",
            "overdue_now",
            "overdue_max_working_days",
            "with_target",
            "target_met",
            "pct_target_met",
        ):
            data[name] = getattr(self, name)
        if not self.group and not self.is_total:
            data["rejected"] = self.rejected
        return data


@attrs.frozen
class Summary:
    source: str
    ruleset: str
    as_of: dt.date
    rows_read: int
    rows_evaluated: int
    rows_rejected: int
    statuses: dict[str, int]
    pct_on_time: float | None
    rules: tuple[GroupSummary, ...]
    by: tuple[str, ...]
    groups: tuple[GroupSummary, ...]
    months: tuple[tuple[str, int, int], ...]  # (due month, on time, measured)
    lateness: tuple[tuple[str, int], ...]  # (bucket, records late by that much)
    reject_reasons: tuple[tuple[str, int], ...]
    warnings: tuple[str, ...]
    #: Across all rules, per value of the ``by`` columns (one entry, overall, without them).
    totals: tuple[GroupSummary, ...] = ()
    #: With ``due_month`` and other ``by`` columns: across all rules and months, per the others.
    totals_all_months: tuple[GroupSummary, ...] = ()
    #: Which input column fed which fact or role: (fact, column, how it was matched).
    columns_used: tuple[tuple[str, str, str], ...] = ()

    @property
    def headline_by(self) -> tuple[str, ...]:
        """The columns of :attr:`totals_all_months` (the ``by`` columns but the month)."""
        return tuple(c for c in self.by if c != DUE_MONTH)

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "ruleset": self.ruleset,
            "as_of": self.as_of.isoformat(),
            "rows_read": self.rows_read,
            "rows_evaluated": self.rows_evaluated,
            "rows_rejected": self.rows_rejected,
            "statuses": self.statuses,
            "pct_on_time": self.pct_on_time,
            "totals": [t.to_dict() for t in self.totals],
            "totals_all_months": [t.to_dict() for t in self.totals_all_months],
            "rules": [r.to_dict() for r in self.rules],
            "by": list(self.by),
            "groups": [g.to_dict() for g in self.groups],
            "months": [
                {"month": m, "on_time": on, "measured": n, "pct_on_time": _pct(on, n)}
                for m, on, n in self.months
            ],
            "lateness_working_days": [{"days": b, "records": n} for b, n in self.lateness],
            "reject_reasons": [{"reason": r, "rows": n} for r, n in self.reject_reasons],
            "warnings": list(self.warnings),
            "columns_used": [
                {"fact": fact, "column": column, "matched": how}
                for fact, column, how in self.columns_used
            ],
        }


def check_by(frame: pd.DataFrame | Sequence[str], by: Sequence[str]) -> None:
    """Fail early, naming the columns there are, when a ``by`` column is not in the input."""
    names = [str(c) for c in (frame.columns if isinstance(frame, pd.DataFrame) else frame)]
    found = find_columns(names)
    for name in by:
        if column_key(name) in found or column_key(name) in (column_key(DUE_MONTH), "month"):
            continue
        have = ", ".join(names)
        raise EventsError(
            f"--by {name}: no such column (columns: {have}; or {DUE_MONTH} for the month of "
            "the due date)"
        )


def summarise(
    measured: Measured | pd.DataFrame,
    ruleset: Ruleset,
    by: Sequence[str] = (),
    as_of: dt.date | None = None,
) -> Summary:
    """The summary of a measurement, per rule and per the ``by`` columns.

    ``measured`` may also be the per-row output of :func:`~.api.measure_partition`
    collected into one DataFrame (from Dask or Spark); give ``as_of`` then.
    """
    if isinstance(measured, pd.DataFrame):
        if as_of is None:
            raise TypeError("summarise(rows, ...): give the as_of date the rows were measured at")
        measured = measured_from_rows(measured, ruleset, as_of)
    check_by(measured.column_names, by)
    table = _table(measured, by)
    by_names = tuple(table.by)
    tasks = {rule.id: rule.task for rule in ruleset}
    month = f"by:{DUE_MONTH}"
    others = [name for name in by_names if name != month]
    # The groupings are independent passes over the rows: side by side on two threads,
    # as numpy lets go of Python's lock for each pass's array operations.
    with ThreadPoolExecutor(2, thread_name_prefix="summary") as side:
        per_rule = side.submit(_groups, table, ["rule"], tasks)
        headline = side.submit(_groups, table, list(by_names), tasks)
        per_group = side.submit(_groups, table, ["rule", *by_names], tasks) if by_names else None
        per_other = (
            side.submit(_groups, table, others, tasks) if others and month in by_names else None
        )
        months = _months(table)
        lateness = _lateness(table.figures)
        reasons = _reasons(measured.reject_heads)
    rejected: dict[str, int] = {}
    for rule_id in measured.rule_of_reject:
        if rule_id is not None:
            rejected[str(rule_id)] = rejected.get(str(rule_id), 0) + 1
    found = {g.rule: g for g in per_rule.result()}
    for rule_id in rejected:  # rules whose every row was rejected still show
        found.setdefault(rule_id, _empty(rule_id, tasks.get(rule_id, "")))
    rules = tuple(
        attrs.evolve(found[rule.id], rejected=rejected.get(rule.id, 0))
        for rule in ruleset
        if rule.id in found
    )
    counted = np.bincount(table.figures.status, minlength=len(STATUSES))
    statuses = {name: int(counted[code]) for code, name in enumerate(STATUSES)}
    return Summary(
        measured.source,
        ruleset.path,
        measured.as_of,
        measured.rows_read,
        measured.rows_evaluated,
        measured.rows_rejected,
        statuses,
        _pct(statuses[ON_TIME], sum(statuses[s] for s in MEASURED)),
        rules,
        tuple(name[3:] for name in by_names),
        per_group.result() if per_group is not None else (),
        months,
        lateness,
        reasons,
        measured.warnings,
        headline.result(),
        per_other.result() if per_other is not None else (),
        measured.columns_used,
    )


@attrs.frozen(eq=False)
class _Table:
    """The measured rows as the summary counts them: figures, and the columns grouped by."""

    figures: RowFigures
    rule: Key
    due_month: Key
    #: ``by:COLUMN`` (the input's name for it, or ``due_month``) -> its cells.
    by: dict[str, Key]

    def key(self, name: str) -> Key:
        return self.rule if name == "rule" else self.by[name]


def _table(measured: Measured, by: Sequence[str]) -> _Table:
    outcomes = measured.outcomes
    if outcomes is None:
        figures, rule, due_month = _from_rows(measured)
    else:  # straight from the measured arrays: no per-row table with text dates is made
        timeliness = outcomes.timeliness
        figures = RowFigures(
            timeliness.status,
            timeliness.working_days_late,
            timeliness.calendar_days_late,
            timeliness.target_met,
        )
        rule = Key(outcomes.rule_codes, outcomes.rule_names)
        due_month = _months_of(outcomes.due)
    table = _Table(figures, rule, due_month, {})
    found = find_columns(measured.column_names) if by else {}
    for name in by:
        column = found.get(column_key(name))
        if column is None:  # check_by has let only the due month through
            table.by[f"by:{DUE_MONTH}"] = due_month
            continue
        table.by[f"by:{column}"] = _labelled(_by_cells(measured, column))
    return table


def _labelled(cells: pd.Series) -> Key:
    """A grouping column's trimmed texts, blank cells as BLANK."""
    codes, labels = distinct(cells)
    blank = labels.index(BLANK) if BLANK in labels else len(labels)
    codes[codes < 0] = blank
    return Key(codes, labels if blank < len(labels) else [*labels, BLANK])


def _months_of(due: Moments) -> Key:
    """Each row's due month, numbered, with ``YYYY-MM`` texts (NO_DUE where there is none).

    Months are few and close together: they are numbered by counting, not sorting."""
    present = due.present
    months = due.months.astype(np.int64)
    if not present.any():
        return Key(np.zeros(len(months), dtype=np.int64), [NO_DUE])
    low, high = int(months[present].min()), int(months[present].max())
    if high - low > 4 * len(months) + 1024:  # far apart: sorting costs less than counting
        used, codes = np.unique(np.where(present, months, low), return_inverse=True)
        codes = codes.reshape(-1).astype(np.int64)
    else:
        used = np.flatnonzero(np.bincount(months[present] - low, minlength=high - low + 1))
        renumber = np.zeros(high - low + 1, dtype=np.int64)
        renumber[used] = np.arange(len(used))
        codes = renumber[np.where(present, months - low, 0)]
        used = used + low
    first_days = Moments.of_days(used.astype("datetime64[M]").astype("datetime64[D]"))
    labels = [str(text) for text in month_text(first_days).tolist()]
    codes[~present] = len(labels)
    return Key(codes, [*labels, NO_DUE])


def _from_rows(measured: Measured) -> tuple[RowFigures, Key, Key]:
    """The figures, rules and due months of a measurement held as a per-row table."""
    rows = measured.rows.reset_index(drop=True)
    status = status_codes(rows["status"])
    if (status == len(STATUSES)).any():
        raise EventsError(f"{measured.source}: a measured row has status '{REJECTED}'")
    met = rows["target_met"].astype("boolean")
    figures = RowFigures(
        status,
        _days(rows["working_days_late"]),
        _days(rows["calendar_days_late"]),
        np.where(met.isna(), -1, met.fillna(False).astype(np.int8)).astype(np.int8),
    )
    rules = measured.rule_codes
    return figures, Key(rules.codes, list(rules.ids)), _months_of_text(rows["due"])


def _months_of_text(due: pd.Series) -> Key:
    """Each row's due month from ISO dates as text (the engine's): the first seven
    characters."""
    months, labels = distinct_of(*encoded_prefixes(due, 7))
    months[months < 0] = len(labels)  # no due date
    return Key(months, [*labels, NO_DUE])


def _days(cells: pd.Series) -> npt.NDArray[np.int64]:
    return np.asarray(cells.astype("Int64").fillna(NO_DAYS).to_numpy(), dtype=np.int64)


def _by_cells(measured: Measured, column: str) -> pd.Series:
    """A grouping column's cells for the measured rows (from the input where it is one)."""
    outcomes = measured.outcomes
    if outcomes is None or column not in outcomes.frame.columns:
        return measured.rows[column]
    cells = outcomes.frame[column]
    if len(outcomes.kept) < len(cells):
        cells = cells.iloc[outcomes.kept]
    return cells.reset_index(drop=True)


def _groups(table: _Table, keys: list[str], tasks: dict[str, str]) -> tuple[GroupSummary, ...]:
    """Figures per value of ``keys``: per rule when "rule" leads them, else across all rules."""
    chosen = [table.key(name) for name in keys]
    if not (keys and keys[0] == "rule"):  # a constant key: the headline across all rules
        size = len(table.figures.status)
        chosen = [Key(np.zeros(size, dtype=np.int64), [ALL_RULES]), *chosen]
        keys = ["all_rules", *keys]
    results = []
    for found in group_figures(table.figures, chosen):
        rule, *values = found.values
        counts = found.counts
        measured_count = sum(counts[s] for s in MEASURED)
        results.append(
            GroupSummary(
                rule=rule,
                task=tasks.get(rule, ""),
                group=tuple(
                    (name[3:], value) for name, value in zip(keys[1:], values, strict=True)
                ),
                counts=counts,
                rows=sum(counts.values()),
                pct_on_time=_pct(counts[ON_TIME], measured_count),
                late_median_working_days=found.late_median_working_days,
                late_p90_working_days=found.late_p90_working_days,
                late_median_calendar_days=found.late_median_calendar_days,
                late_p90_calendar_days=found.late_p90_calendar_days,
                overdue_now=counts[OVERDUE],
                overdue_max_working_days=found.overdue_max_working_days,
                with_target=found.with_target,
                target_met=found.target_met,
                pct_target_met=_pct(found.target_met, found.with_target),
            )
        )
    order = {rule: number for number, rule in enumerate(tasks)}
    results.sort(key=lambda g: (order.get(g.rule, len(order)), _blank_last(g.group)))
    return tuple(results)


def _blank_last(group: tuple[tuple[str, str], ...]) -> tuple[tuple[bool, str], ...]:
    return tuple((value in (BLANK, NO_DUE), value) for _, value in group)


def _empty(rule: str, task: str) -> GroupSummary:
    counts = {name: 0 for name in STATUSES}
    return GroupSummary(
        rule, task, (), counts, 0, None, None, None, None, None, 0, None, 0, 0, None
    )


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _months(table: _Table) -> tuple[tuple[str, int, int], ...]:
    status = table.figures.status
    judged = np.isin(status, [CODE[name] for name in MEASURED])
    if not judged.any():
        return ()
    month = table.due_month
    size = len(month.labels)
    measured = np.bincount(month.codes[judged], minlength=size)
    on_time = np.bincount(month.codes[status == CODE[ON_TIME]], minlength=size)
    found = [
        (month.labels[m], int(on_time[m]), int(measured[m]))
        for m in np.flatnonzero(measured).tolist()
    ]
    return tuple(sorted(found))


def _lateness(figures: RowFigures) -> tuple[tuple[str, int], ...]:
    days = figures.working_days_late
    days = days[(figures.status == CODE[LATE]) & (days != NO_DAYS)]
    result = []
    for label, first, last in LATENESS_BUCKETS:
        inside = days >= first if last is None else (days >= first) & (days <= last)
        result.append((label, int(inside.sum())))
    late_same_day = int((days == 0).sum())
    if late_same_day:
        result.insert(0, ("0", late_same_day))
    return tuple(result)


def _reasons(rejects: pd.DataFrame, limit: int = 20) -> tuple[tuple[str, int], ...]:
    if rejects.empty:
        return ()
    # The reason without the cell's own text, so alike rejects count together.
    general = rejects["reason"].astype("str").str.replace(r"'[^']*'", "'…'", regex=True)
    top = general.value_counts().head(limit)
    return tuple((str(reason), int(count)) for reason, count in top.items())
