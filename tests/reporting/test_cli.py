"""``timescale report`` and ``timescale sample-data`` through ``timescale_dsl.cli.main``."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from timescale_dsl import Ruleset
from timescale_dsl.cli import main
from timescale_dsl.reporting.measuring import measure
from timescale_dsl.reporting.progress import ProgressBar
from timescale_dsl.reporting.sample import SampleOptions, sample_events

from .conftest import RULESET


def test_report_maps_columns_from_the_command_line(
    csv_file: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_file("Person,Form,Authorised,actual meeting\nC1,minutes,07/01/2027,14/12/2026\n")
    status = main(
        [
            "report",
            str(RULESET),
            str(path),
            "--as-of",
            "08/01/2027",
            "--format",
            "json",
            "--child-column",
            "person",
            "--rule-column",
            "form",
            "--completed-column",
            "authorised",
        ]
    )
    assert status == 0
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2027-01-08"
    assert data["statuses"]["on_time"] == 1


def test_report_errors_name_what_is_wrong(
    csv_file: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_file("child_id,rule\nC1,minutes\n")
    assert main(["report", str(RULESET), str(path)]) == 1
    assert "missing required column(s): completed_at" in capsys.readouterr().err
    good = csv_file("child_id,rule,completed_at\nC1,closure,\n", "good.csv")
    assert main(["report", str(RULESET), str(good), "--by", "tema"]) == 1
    assert "--by tema: no such column (columns: child_id, rule, completed_at" in (
        capsys.readouterr().err
    )
    assert main(["report", str(RULESET), str(tmp_path / "none.csv")]) == 2
    assert "none.csv: no such file" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "none.timescales"), str(good)]) == 2
    with pytest.raises(SystemExit):
        main(["report", str(RULESET), str(good), "--as-of", "12/31/2026"])


def test_sample_data_is_seeded_and_exactly_sized(tmp_path: Path) -> None:
    first, again, other = (tmp_path / n for n in ("a.csv", "b.csv", "c.csv"))
    for target, seed in ((first, "7"), (again, "7"), (other, "8")):
        assert (
            main(["sample-data", str(RULESET), "--rows", "400", "--seed", seed, "-o", str(target)])
            == 0
        )
    assert first.read_bytes() == again.read_bytes()
    assert first.read_bytes() != other.read_bytes()
    frame = pd.read_csv(first, dtype=str, keep_default_na=False)
    assert len(frame) == 400
    assert frame["child_id"].str.fullmatch(r"C\d{7}").all()
    assert frame["worker"].str.fullmatch(r"W\d{3}").all()


def test_sample_data_measures_cleanly_with_a_realistic_mix(ruleset: Ruleset) -> None:
    frame = sample_events(ruleset, SampleOptions(rows=3000, seed=11, date_style="uk"))
    assert frame["completed_at"].str.contains("/").any()
    measured = measure(frame, ruleset, dt.date(2026, 3, 31))
    assert measured.rows_rejected == 0, measured.rejects["reason"].head().tolist()
    counts = measured.rows["status"].value_counts()
    assert counts["on_time"] > counts["late"] > 0
    assert counts["overdue"] > 0 and counts["early"] > 0 and counts["no_timescale"] > 0
    assert set(measured.rule_ids) >= {"visit", "core-group", "review", "rhi", "plan-window"}


def test_progress_bar_draws_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet = io.StringIO()
    bar = ProgressBar(10, stream=quiet)
    bar(5)
    bar(5)
    bar.close()
    assert quiet.getvalue() == ""
    loud = Terminal()
    bar = ProgressBar(10, stream=loud, interval=0)
    bar(4)
    bar(6)
    bar.close()
    assert "\rmeasuring [" in loud.getvalue()
    assert "100% 10/10 rows" in loud.getvalue()
    assert loud.getvalue().endswith("\n")


@pytest.mark.parametrize(
    ("name", "opening"),
    [
        ("summary.html", "<!DOCTYPE html>"),
        ("summary.HTM", "<!DOCTYPE html>"),
        ("summary.json", "{"),
        ("summary.csv", "rule,task,"),
        ("summary.txt", "Timeliness of "),
    ],
)
def test_the_summary_takes_its_format_from_the_output_s_name(
    csv_file: Callable[..., Path], tmp_path: Path, name: str, opening: str
) -> None:
    events = csv_file(
        "child_id,rule,completed_at,actual meeting\nC1,minutes,07/01/2027,14/12/2026\n"
    )
    out = tmp_path / name
    args = ["report", str(RULESET), str(events), "--as-of", "2027-01-08", "-o", str(out)]
    assert main([*args, "--no-progress"]) == 0
    assert out.read_text(encoding="utf-8").startswith(opening)


def test_a_format_given_is_kept_with_a_warning_where_the_name_says_another(
    csv_file: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = csv_file(
        "child_id,rule,completed_at,actual meeting\nC1,minutes,07/01/2027,14/12/2026\n"
    )
    out = tmp_path / "summary.html"
    args = ["report", str(RULESET), str(events), "--as-of", "2027-01-08", "-o", str(out)]
    assert main([*args, "--format", "json", "--no-progress"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["rows_read"] == 1
    assert "-o " + str(out) + " is named as html but holds --format json" in capsys.readouterr().err
