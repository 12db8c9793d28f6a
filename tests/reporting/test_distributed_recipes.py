"""The Dask and Spark recipes of docs/report.md run as written and agree with the plain report.

Each recipe is taken from the docs, written to a folder with an event log
and the ruleset, and run as a script in its own Python process, as a reader
would run it. Its per-row output must match what ``timeliness`` gives for
the same log, row for row; the Dask recipe's summary, from the collected
rows, must match the plain summary.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from timescale_dsl import load_ruleset
from timescale_dsl.reporting.api import timeliness
from timescale_dsl.reporting.rendering.output import SOURCE_ROW
from timescale_dsl.reporting.rendering.render import render_table
from timescale_dsl.reporting.sample import SampleOptions, sample_events
from timescale_dsl.reporting.summarising.summary import summarise

from .browser import need_binary

ROOT = Path(__file__).parents[2]
RULESET = ROOT / "rulesets" / "lcs-liquidlogic.timescales"
RELATIVE = f"rulesets/{RULESET.name}"
AS_OF = dt.date(2026, 3, 31)
RESULTS = [
    "due",
    "earliest",
    "target",
    "status",
    "working_days_late",
    "calendar_days_late",
    "target_met",
    "provisional",
]


def recipe(first_line: str) -> str:
    """The Python block of docs/report.md that starts with ``first_line``."""
    docs = (ROOT / "docs" / "report.md").read_text(encoding="utf-8")
    for block in re.findall(r"```python\n(.*?)```", docs, flags=re.S):
        if block.startswith(first_line):
            return str(block)
    raise AssertionError(f"no recipe starting {first_line!r} in docs/report.md")


def _folder(tmp_path: Path) -> pd.DataFrame:
    """A made-up log with a record id, some rows bad, and the ruleset beside it."""
    ruleset = load_ruleset(RULESET)
    frame = sample_events(ruleset, SampleOptions(rows=3000, seed=11))
    frame.insert(0, "record", [f"R{n:05d}" for n in range(len(frame))])
    frame.loc[5, "rule"] = "no-such-rule"
    frame.loc[9, "completed_at"] = "31/02/2026"
    frame.loc[12, "rule"] = frame.loc[12, "rule"].upper()
    (tmp_path / "rulesets").mkdir()
    shutil.copy(RULESET, tmp_path / "rulesets" / RULESET.name)
    frame.to_csv(tmp_path / "events.csv", index=False)
    half = len(frame) // 2
    frame.iloc[:half].to_csv(tmp_path / "events-1.csv", index=False)
    frame.iloc[half:].to_csv(tmp_path / "events-2.csv", index=False)
    return frame


def _run(script: str, folder: Path, name: str) -> str:
    (folder / name).write_text(script, encoding="utf-8")
    # Spark's Python workers are this Python, as the docs tell a reader to arrange.
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYSPARK_PYTHON": sys.executable}
    done = subprocess.run(
        [sys.executable, name], cwd=folder, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _comparable(rows: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The columns as text, whichever engine typed them (Spark's nullable longs come
    back from Parquet as floats, its empty cells as nulls), blanks as empty text."""
    out = rows[columns].copy()
    for name in ("working_days_late", "calendar_days_late"):
        out[name] = out[name].astype("Int64")
    blanks = {"<NA>": "", "None": "", "nan": ""}
    return out.astype("str").fillna("").replace(blanks).reset_index(drop=True)


def _same_rows(distributed: pd.DataFrame, folder: Path) -> None:
    """Every row the plain report gives, cell for cell, and its rejects in place."""
    plain = timeliness(folder / "events.csv", load_ruleset(RULESET), AS_OF)
    theirs = distributed.set_index("record").sort_index()
    measured = theirs[theirs["status"] != "rejected"]
    ours = plain.rows.set_index("record").sort_index()
    assert list(measured.index) == list(ours.index)
    # Every input cell and every result; only the source row number is the plain run's own.
    columns = [c for c in ours.columns if c != SOURCE_ROW]
    assert columns[-len(RESULTS) :] == RESULTS
    pd.testing.assert_frame_equal(
        _comparable(measured, columns), _comparable(ours, columns), check_dtype=False
    )
    rejected = theirs[theirs["status"] == "rejected"]
    assert len(rejected) == 2
    expected = plain.rejects.set_index("record").sort_index()
    assert list(rejected.index) == list(expected.index)
    # The scripts name the ruleset by a relative path, so their reasons do too.
    reasons = expected["reason"].astype("str").str.replace(str(RULESET), RELATIVE, regex=False)
    assert list(rejected["reject_reason"]) == list(reasons)


@pytest.mark.parametrize("scheduler", ["threads", "processes"])
def test_dask_recipe_runs_as_written(tmp_path: Path, scheduler: str) -> None:
    pytest.importorskip("dask")
    _folder(tmp_path)
    script = recipe("# measure_with_dask.py")
    assert 'scheduler="processes"' in script
    script = script.replace('scheduler="processes"', f'scheduler="{scheduler}"')
    printed = _run(script, tmp_path, "measure_with_dask.py")
    collected = pd.read_parquet(tmp_path / "rows")  # every part of the per-row output
    _same_rows(collected, tmp_path)
    # The summary from the collected rows is the plain command's summary.
    ruleset = load_ruleset(RULESET)
    plain = timeliness(tmp_path / "events.csv", ruleset, AS_OF, by=["team"]).summary
    ours = summarise(collected, ruleset, by=["team"], as_of=AS_OF)
    expected, got = plain.to_dict(), ours.to_dict()
    for key in ("source", "columns_used", "warnings"):
        expected.pop(key), got.pop(key)
    for reason in expected["reject_reasons"]:  # type: ignore[attr-defined]
        reason["reason"] = reason["reason"].replace(str(RULESET), RELATIVE)
    assert got == expected
    assert render_table(ours).splitlines()[1:] == printed.rstrip("\n").splitlines()[1:]


def test_summarise_needs_the_as_of_date_for_collected_rows() -> None:
    with pytest.raises(TypeError, match="as_of"):
        summarise(pd.DataFrame(), load_ruleset(RULESET))


def test_spark_recipe_runs_as_written_in_local_mode(tmp_path: Path) -> None:
    need_binary(("java",), "A Java runtime", "default-jre-headless")
    if os.environ.get("CI"):
        import pyspark  # noqa: F401  (CI installs the test extra, which has it)
    else:
        pytest.importorskip("pyspark")
    _folder(tmp_path)
    _run(recipe("# measure_with_spark.py"), tmp_path, "measure_with_spark.py")
    rows = pd.read_parquet(tmp_path / "rows-spark")
    _same_rows(rows, tmp_path)
