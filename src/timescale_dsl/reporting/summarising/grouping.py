"""The summary's figures per group of rows, counted with numpy from numbered columns.

Every grouping the summary makes (per rule, per rule and ``by`` values, the
headline across rules) numbers each row's group once and counts from those
numbers: statuses with one ``bincount``, lateness from each group's late
rows sorted together once. A million rows fall into a few dozen to a few
thousand groups, so nothing here is per row in Python.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs
import numpy as np
import numpy.typing as npt

from ...engine.moments import BoolArray, IntArray
from ...engine.timeliness import CODE, NO_DAYS
from ...status import LATE, OVERDUE, STATUSES


@attrs.frozen(eq=False)
class RowFigures:
    """Per measured row: status (a code into STATUSES), days late (NO_DAYS: none),
    and whether the target was met (1, 0, or -1: no target or not known yet)."""

    status: npt.NDArray[np.int8]
    working_days_late: IntArray
    calendar_days_late: IntArray
    target_met: npt.NDArray[np.int8]


@attrs.frozen(eq=False)
class Key:
    """A grouping column: each row's code into ``labels``."""

    codes: IntArray
    labels: Sequence[str]


@attrs.frozen
class Figures:
    """One group's figures (medians and 90th percentiles over its late rows)."""

    values: tuple[str, ...]  # the group's label in each key
    counts: dict[str, int]
    late_median_working_days: float | None
    late_p90_working_days: float | None
    late_median_calendar_days: float | None
    late_p90_calendar_days: float | None
    overdue_max_working_days: int | None
    with_target: int
    target_met: int


def group_figures(rows: RowFigures, keys: Sequence[Key]) -> list[Figures]:
    """The figures of every group of rows alike in all ``keys`` (only groups that have rows)."""
    size = len(rows.status)
    if size == 0:
        return []
    group, codes = _number_groups(keys, size)
    count = len(codes)
    statuses = np.bincount(
        group * len(STATUSES) + rows.status, minlength=count * len(STATUSES)
    ).reshape(count, len(STATUSES))
    late = rows.status == CODE[LATE]
    working = _median_and_p90(group, late, rows.working_days_late, count)
    calendar = _median_and_p90(group, late, rows.calendar_days_late, count)
    overdue = (rows.status == CODE[OVERDUE]) & (rows.working_days_late != NO_DAYS)
    longest = np.full(count, NO_DAYS, dtype=np.int64)
    np.maximum.at(longest, group[overdue], rows.working_days_late[overdue])
    with_target = np.bincount(group[rows.target_met >= 0], minlength=count)
    met = np.bincount(group[rows.target_met == 1], minlength=count)
    return [
        Figures(
            tuple(str(key.labels[code]) for key, code in zip(keys, codes[number], strict=True)),
            {name: int(statuses[number, code]) for code, name in enumerate(STATUSES)},
            *working[number],
            *calendar[number],
            None if longest[number] == NO_DAYS else int(longest[number]),
            int(with_target[number]),
            int(met[number]),
        )
        for number in range(count)
    ]


def _number_groups(keys: Sequence[Key], size: int) -> tuple[IntArray, list[tuple[int, ...]]]:
    """Each row's group number, and each group's code in every key.

    Few possible groups (the usual case: rules x teams x months) are numbered
    by counting; many, by sorting.
    """
    radices = [max(len(key.labels), 1) for key in keys]
    possible = math.prod(radices)
    if _few(possible, size):
        combined = np.ravel_multi_index(tuple(key.codes for key in keys), radices)
        used = np.flatnonzero(np.bincount(combined, minlength=possible))
        renumber = np.zeros(possible, dtype=np.int64)
        renumber[used] = np.arange(len(used))
        found = zip(*(part.tolist() for part in np.unravel_index(used, radices)), strict=True)
        return renumber[combined], list(found)
    combined = np.zeros(size, dtype=np.int64)
    for key, radix in zip(keys, radices, strict=True):
        if int(combined.max()) >= 2**62 // radix:  # renumbered first, so it cannot overflow
            combined = np.unique(combined, return_inverse=True)[1].reshape(-1)
        combined = combined * radix + key.codes
    _, firsts, group = np.unique(combined, return_index=True, return_inverse=True)
    codes = [tuple(int(key.codes[first]) for key in keys) for first in firsts.tolist()]
    return group.reshape(-1).astype(np.int64), codes


def _few(possible: int, size: int) -> bool:
    """Whether so few groups are possible that counting them beats sorting the rows."""
    return possible <= 4 * size + 1024


_Spread = list[tuple[float | None, float | None]]


def _median_and_p90(group: IntArray, rows: BoolArray, days: IntArray, count: int) -> _Spread:
    """Each group's median and 90th percentile (linear) of ``days`` among ``rows``
    (missing figures left out), to one decimal place; None for a group with none."""
    chosen = rows & (days != NO_DAYS)
    owners, values = group[chosen], days[chosen]
    result: _Spread = [(None, None)] * count
    if len(values) == 0:
        return result
    low = int(values.min())
    span = int(values.max()) - low + 1
    if span * count < 2**62:  # one sort of a number that holds both the group and the days
        ordered = np.sort(owners * span + (values - low))
        owners, values = ordered // span, ordered % span + low
    else:
        order = np.lexsort((values, owners))
        owners, values = owners[order], values[order]
    edges = np.searchsorted(owners, np.arange(count + 1))
    starts, sizes = edges[:-1], np.diff(edges)
    has = sizes > 0
    starts, sizes = starts[has], sizes[has]
    ordered_values = values.astype(np.float64)
    middle = starts + (sizes - 1) // 2
    median = (ordered_values[middle] + ordered_values[starts + sizes // 2]) / 2
    # The 90th percentile as numpy and pandas interpolate it: between the two nearest.
    place = 0.9 * (sizes - 1)
    below = np.floor(place).astype(np.int64)
    fraction = place - below
    lower = ordered_values[starts + below]
    upper = ordered_values[starts + np.minimum(below + 1, sizes - 1)]
    p90 = lower + fraction * (upper - lower)
    for number, m, p in zip(
        np.flatnonzero(has).tolist(), median.tolist(), p90.tolist(), strict=True
    ):
        result[number] = (round(m, 1), round(p, 1))
    return result
