"""``timescale_dsl.reporting`` loads pandas and pyarrow only when a report function is used.

The batch API (``evaluate_rule``, ``evaluate_occurrences`` and their column
types) needs numpy alone, so it runs on one partition of any engine and in
an install without the ``report`` extra. Each check runs in a fresh
interpreter: this test process has long since imported pandas.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import timescale_dsl.reporting as reporting

HEAVY = ("pandas", "pyarrow", "dask")

_SCRIPT = """\
import datetime as dt, json, sys
import numpy as np

def heavy():
    return sorted(m for m in {heavy!r} if m in sys.modules)

seen = {{}}
import timescale_dsl
seen["import timescale_dsl"] = heavy()
import timescale_dsl.reporting as reporting
from timescale_dsl.reporting import BatchFacts, Moments, evaluate_occurrences, evaluate_rule
seen["import timescale_dsl.reporting"] = heavy()

rule = timescale_dsl.compile_statement("Visit within 2 working days of referral")
days = Moments.of_python([dt.date(2026, 12, 24), None])
deadlines = evaluate_rule(rule, BatchFacts(2, {{"referral": days}}))
every = timescale_dsl.compile_statement("Visit every 10 working days after referral")
series = evaluate_occurrences(
    every, BatchFacts(2, {{"referral": days}}), days, np.zeros(2, dtype=np.int64)
)
seen["batch evaluation"] = heavy()
seen["due"] = [str(d) for d in deadlines.due.to_python()] + [str(series.due.item(0))]

getattr(reporting, {name!r})
seen["first use"] = heavy()
print(json.dumps(seen))
"""


def _run(name: str) -> dict[str, list[str]]:
    code = _SCRIPT.format(heavy=HEAVY, name=name)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    seen: dict[str, list[str]] = json.loads(result.stdout)
    return seen


def test_pandas_and_pyarrow_load_only_when_a_report_function_is_used() -> None:
    seen = _run("summarise")
    assert seen["import timescale_dsl"] == []
    assert seen["import timescale_dsl.reporting"] == []
    assert seen["batch evaluation"] == []
    assert seen["due"] == ["2026-12-30", "None", "2027-01-12"]
    assert {"pandas", "pyarrow"} <= set(seen["first use"])


LAZY_HOMES = {
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


@pytest.mark.parametrize(("name", "home"), sorted(LAZY_HOMES.items()))
def test_each_deferred_name_is_the_object_its_module_defines(name: str, home: str) -> None:
    # No public name is also a submodule's: once imported, the module would be
    # bound over the name (reporting.measure was, before its module was renamed).
    import timescale_dsl.reporting.api  # noqa: F401  (imports every home there is)

    module = sys.modules.get(f"timescale_dsl.reporting.{home}")
    if module is None:
        __import__(f"timescale_dsl.reporting.{home}")
        module = sys.modules[f"timescale_dsl.reporting.{home}"]
    assert getattr(reporting, name) is getattr(module, name)


def test_every_public_name_resolves() -> None:
    assert set(LAZY_HOMES) <= set(reporting.__all__)
    for name in reporting.__all__:
        assert getattr(reporting, name) is not None, name


def test_an_unknown_name_is_an_attribute_error() -> None:
    assert not hasattr(reporting, "no_such_report")
    with pytest.raises(AttributeError, match="has no attribute 'no_such_report'"):
        reporting.no_such_report  # noqa: B018
