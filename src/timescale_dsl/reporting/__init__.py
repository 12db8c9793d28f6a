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
    from ..engine.batch import BatchDeadlines, Bounds, DueColumns, evaluate_rule
    from ..engine.columns import BatchFacts, Flags, Labels
    from ..engine.moments import Moments
    from ..engine.problems import Problems
    from ..engine.series import evaluate_occurrences
    from .api import (
        Report,
        measure_partition,
        partition_meta,
        recurring_rows,
        report_files,
        timeliness,
    )
    from .measuring import Measured, measure
    from .reading.events import ColumnMap, EventLog, EventsError, read_events
    from .sample import SampleOptions, sample_events
    from .summarising.summary import Summary, summarise

# Every name loads on first use: even numpy waits, so that `timescale check`
# (which registers the report command) starts without it.
_LAZY = {
    "BatchDeadlines": "timescale_dsl.engine.batch",
    "Bounds": "timescale_dsl.engine.batch",
    "DueColumns": "timescale_dsl.engine.batch",
    "evaluate_rule": "timescale_dsl.engine.batch",
    "BatchFacts": "timescale_dsl.engine.columns",
    "Flags": "timescale_dsl.engine.columns",
    "Labels": "timescale_dsl.engine.columns",
    "Moments": "timescale_dsl.engine.moments",
    "Problems": "timescale_dsl.engine.problems",
    "evaluate_occurrences": "timescale_dsl.engine.series",
    "Report": "api",
    "measure_partition": "api",
    "partition_meta": "api",
    "recurring_rows": "api",
    "report_files": "api",
    "timeliness": "api",
    "ColumnMap": "reading.events",
    "EventLog": "reading.events",
    "EventsError": "reading.events",
    "read_events": "reading.events",
    "Measured": "measuring",
    "measure": "measuring",
    "SampleOptions": "sample",
    "sample_events": "sample",
    "Summary": "summarising.summary",
    "summarise": "summarising.summary",
}


__getattr__ = lazy_getattr(__name__, _LAZY)


__all__ = [
    "BatchDeadlines",
    "BatchFacts",
    "Bounds",
    "ColumnMap",
    "DueColumns",
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
