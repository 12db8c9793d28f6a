"""Timeliness reporting: deadlines for whole columns of case records, and reports on them.

The batch API (:func:`evaluate_rule`, :func:`evaluate_occurrences`) needs
only numpy. Reading event logs, measuring and writing reports use pandas
and pyarrow (the ``report`` extra); they are imported on first use, so
``import timescale_dsl.reporting`` works without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_getattr

if TYPE_CHECKING:
    from .api import (
        Report,
        measure_partition,
        partition_meta,
        recurring_rows,
        report_files,
        timeliness,
    )
    from .batch import BatchDeadlines, Bounds, evaluate_rule
    from .columns import BatchFacts, Flags, Labels
    from .events import ColumnMap, EventLog, EventsError, read_events
    from .measuring import Measured, measure
    from .moments import Moments
    from .problems import Problems
    from .recurrence import evaluate_occurrences
    from .sample import SampleOptions, sample_events
    from .summary import Summary, summarise

# Every name loads on first use: even numpy waits, so that `timescale check`
# (which registers the report command) starts without it.
_LAZY = {
    "BatchDeadlines": "batch",
    "Bounds": "batch",
    "evaluate_rule": "batch",
    "BatchFacts": "columns",
    "Flags": "columns",
    "Labels": "columns",
    "Moments": "moments",
    "Problems": "problems",
    "evaluate_occurrences": "recurrence",
    "Report": "api",
    "measure_partition": "api",
    "partition_meta": "api",
    "recurring_rows": "api",
    "report_files": "api",
    "timeliness": "api",
    "ColumnMap": "events",
    "EventLog": "events",
    "EventsError": "events",
    "read_events": "events",
    "Measured": "measuring",
    "measure": "measuring",
    "SampleOptions": "sample",
    "sample_events": "sample",
    "Summary": "summary",
    "summarise": "summary",
}


__getattr__ = lazy_getattr(__name__, _LAZY)


__all__ = [
    "BatchDeadlines",
    "BatchFacts",
    "Bounds",
    "ColumnMap",
    "EventLog",
    "EventsError",
    "Flags",
    "Labels",
    "Measured",
    "Moments",
    "Problems",
    "Report",
    "SampleOptions",
    "Summary",
    "evaluate_occurrences",
    "evaluate_rule",
    "measure",
    "measure_partition",
    "partition_meta",
    "read_events",
    "recurring_rows",
    "report_files",
    "sample_events",
    "summarise",
    "timeliness",
]
