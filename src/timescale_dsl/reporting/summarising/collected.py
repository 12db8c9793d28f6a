"""A measurement rebuilt from per-row output collected from partitions (Dask, Spark).

:func:`~.api.measure_partition` returns every input row with its status, a
rejected row marked ``rejected`` with its column and reason. Collected into
one DataFrame (``rows.compute()``, ``spark_rows.toPandas()``), that is all
:func:`~.summary.summarise` needs: this module turns it back into a
:class:`~.measure.Measured`, so a distributed run is summarised exactly as
the plain command summarises.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import numpy.typing as npt
import pandas as pd

from ...errors import UnknownRuleError
from ...ruleset import Ruleset
from ...status import STATUSES
from ...syntax.names import column_key
from ..measuring import Measured, RuleCodes
from ..partition import PARTITION_COLUMNS, REJECTED
from ..reading.cells import distinct, encoded
from ..reading.events import ColumnMap, EventsError, find_columns
from ..rendering.output import OUTPUT_COLUMNS, SOURCE_ROW


def measured_from_rows(
    rows: pd.DataFrame,
    ruleset: Ruleset,
    as_of: dt.date,
    columns: ColumnMap | None = None,
    source: str = "<collected rows>",
) -> Measured:
    """The :class:`Measured` whose per-row output (with rejects in place) ``rows`` is."""
    missing = [c for c in PARTITION_COLUMNS if c not in rows.columns]
    if missing:
        raise EventsError(
            f"{source}: not the output of measure_partition (no column(s) {', '.join(missing)})"
        )
    frame = rows.reset_index(drop=True)
    status = status_codes(frame["status"])
    rejected = status == len(STATUSES)
    numbers = np.arange(1, len(frame) + 1, dtype=np.int64)
    if SOURCE_ROW in frame.columns:
        numbers = frame[SOURCE_ROW].to_numpy(dtype=np.int64)
    rules = _rule_codes(frame, ruleset, columns or ColumnMap())
    kept = np.flatnonzero(~rejected)
    lost = np.flatnonzero(rejected)
    unknown = kept[rules.codes[kept] < 0]
    if len(unknown):
        raise EventsError(
            f"{source}: row {numbers[unknown[0]]} has status "
            f"{frame['status'].iloc[unknown[0]]!r} but a rule that is not in "
            f"{ruleset.path or 'the ruleset'}: were the rows measured against another one?"
        )
    inputs = [c for c in frame.columns if c not in PARTITION_COLUMNS]
    measured = frame.iloc[kept][[*inputs, *OUTPUT_COLUMNS]].reset_index(drop=True)
    measured["status"] = pd.Categorical.from_codes(
        status[kept], dtype=pd.CategoricalDtype(list(STATUSES))
    )
    for name in ("working_days_late", "calendar_days_late"):
        measured[name] = measured[name].astype("Int64")
    for name in ("target_met", "provisional"):
        measured[name] = measured[name].astype("boolean")
    own = frame.iloc[lost][inputs].reset_index(drop=True)
    own.columns = [f"{c} (input)" if str(c) in ("row", "column", "reason") else c for c in own]
    head = pd.DataFrame(
        {
            "row": numbers[lost],
            "column": frame["reject_column"].iloc[lost].astype("str").to_numpy(),
            "reason": frame["reject_reason"].iloc[lost].astype("str").to_numpy(),
        }
    )
    return Measured(
        measured,
        pd.concat([head, own], axis=1),
        len(frame),
        source,
        as_of,
        RuleCodes(rules.codes[kept], rules.ids),
        RuleCodes(rules.codes[lost], rules.ids).strings(),
        numbers[kept],
    )


def status_codes(cells: pd.Series) -> npt.NDArray[np.int8]:
    """Each row's status as its place in STATUSES; ``rejected`` one past the last.

    A blank cell, or one that is no status, is refused, naming it: the rows are
    not the output of measure_partition.
    """
    dictionary, codes = encoded(cells)
    labels = [str(label) for label in dictionary.to_pylist()]
    if (codes < 0).any():
        raise EventsError(f"the collected rows have a row with no status (row {_first(codes)})")
    known = [*STATUSES, REJECTED]
    unknown = [label for label in labels if label not in known]
    if unknown:
        raise EventsError(
            f"the collected rows have status {unknown[0]!r}, which measure_partition "
            f"never writes (statuses: {', '.join(known)})"
        )
    places = np.array([known.index(label) for label in labels], dtype=np.int8)
    found: npt.NDArray[np.int8] = places[codes]
    return found


def _first(codes: npt.NDArray[np.integer]) -> int:
    return int(np.flatnonzero(codes < 0)[0]) + 1


def _rule_codes(frame: pd.DataFrame, ruleset: Ruleset, columns: ColumnMap) -> RuleCodes:
    """The rule of each row, from the rule column as the input wrote it (-1: no rule of
    the ruleset)."""
    column = find_columns(frame).get(column_key(columns.rule))
    if column is None:
        raise EventsError(f"no rule column '{columns.rule}' in the collected rows")
    codes, uniques = distinct(frame[column])
    ids: dict[str, int] = {}
    renumber = []
    for key in uniques:  # two spellings of one rule's name are one rule
        try:
            rule_id = ruleset.rule(key).id
        except UnknownRuleError:
            renumber.append(-1)
            continue
        renumber.append(ids.setdefault(rule_id, len(ids)))
    renumber.append(-1)  # a blank cell (code -1)
    return RuleCodes(np.array(renumber, dtype=np.int64)[codes], tuple(ids))
