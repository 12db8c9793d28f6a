"""The chase list: the records a team has to act on, worst first.

Late and overdue records (and, on request, open records due within N
working days of the as-of date), per team or worker, sorted by team and then
by how late: the most overdue first. Each row names the child, the rule and
its task, the due date, the days late (or working days left), whether the
due date is provisional (it may move earlier once an event is known) and the
source row number to find the record again in the export.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from ...calendars.base import Calendar
from ...engine.arithmetic import working_day_index
from ...ruleset import Ruleset
from ...status import LATE, OPEN, OVERDUE
from ...syntax.names import column_key
from ..measuring import Measured
from ..reading.events import find_columns
from .summary import BLANK, DUE_MONTH

#: Columns a chase list is grouped by when no ``--by`` input column is given.
DEFAULT_GROUPS: Final = ("team", "worker")
WORKING_DAYS_LEFT: Final = "working_days_left"


def chase_groups(measured: Measured, by: Sequence[str]) -> list[str]:
    """The input columns a chase list is grouped by: the ``by`` columns, else team and worker."""
    found = find_columns(measured.column_names)
    chosen = [found[column_key(b)] for b in by if column_key(b) in found and b != DUE_MONTH]
    if not chosen:
        chosen = [found[column_key(name)] for name in DEFAULT_GROUPS if column_key(name) in found]
    return chosen


def chase_list(
    measured: Measured,
    ruleset: Ruleset,
    by: Sequence[str] = (),
    due_within: int | None = None,
    calendar: Calendar | None = None,
) -> pd.DataFrame:
    """Late and overdue records (and open ones due within ``due_within`` working days)."""
    rows = measured.rows
    status = rows["status"].astype("str").to_numpy()
    wanted = (status == LATE) | (status == OVERDUE)
    left = np.full(len(rows), -1, dtype=np.int64)
    if due_within is not None:
        is_open = (status == OPEN) & rows["due"].notna().to_numpy()
        if is_open.any():
            index = working_day_index(calendar or ruleset.calendar)
            due = rows["due"].astype("str").str.slice(0, 10).to_numpy()
            due_days = np.array(np.where(is_open, due, "1970-01-01"), dtype="datetime64[D]")
            as_of = np.full(len(rows), np.datetime64(measured.as_of, "D"))
            countable = is_open & index.in_range(due_days) & index.in_range(as_of)
            left[countable] = index.count_between_array(as_of[countable], due_days[countable])
            wanted |= countable & (left <= due_within)
    groups = chase_groups(measured, by)
    names = measured.roles
    tasks = {rule.id: rule.task for rule in ruleset}
    picked = np.flatnonzero(wanted)
    chosen = rows.iloc[picked]
    rule_ids = measured.rule_ids[picked]
    out = pd.DataFrame(
        {name: _text(chosen[name]) for name in groups}
        | {
            "child_id": _text(chosen[names.get("child_id", "child_id")]),
            "rule": pd.Series(rule_ids, dtype="str"),
            "task": pd.Series([tasks.get(str(r), "") for r in rule_ids], dtype="str"),
            "status": chosen["status"].astype("str").to_numpy(),
            "due": chosen["due"].to_numpy(),
            "completed_at": _text(chosen[names.get("completed_at", "completed_at")], ""),
            "working_days_late": chosen["working_days_late"].to_numpy(),
            "calendar_days_late": chosen["calendar_days_late"].to_numpy(),
            WORKING_DAYS_LEFT: pd.array(
                np.where(left[picked] >= 0, left[picked], 0),
                dtype="Int64",
            ),
            "provisional": chosen["provisional"].astype("boolean").array,
            "source_row": measured.measured_rows[picked],
        }
    )
    out[WORKING_DAYS_LEFT] = out[WORKING_DAYS_LEFT].mask(left[picked] < 0)
    # Worst first within a group: the most days late, then the soonest due of the open ones.
    lateness = out["working_days_late"].fillna(-1).to_numpy(dtype=np.int64)
    out = out.assign(_late=-lateness, _left=out[WORKING_DAYS_LEFT].fillna(0))
    out = out.sort_values([*groups, "_late", "_left", "source_row"], kind="stable")
    return out.drop(columns=["_late", "_left"]).reset_index(drop=True)


def _text(series: pd.Series, blank: str = BLANK) -> npt.NDArray[np.object_]:
    cells = series.astype("str").str.strip()
    return np.asarray(cells.where(cells.notna() & (cells != ""), blank), dtype=object)
