"""What the commands share: one reading of a date argument, used by every command that takes one."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest

from timescale_dsl.cli import build_parser, main
from timescale_dsl.commands import date_argument, moment_argument

DAY = dt.date(2026, 12, 24)


@pytest.mark.parametrize(
    "text",
    [
        "2026-12-24",  # ISO, as diff --from read it
        "20261224",  # ISO basic form, which diff --from read too
        "2026-W52-4",  # ISO week date (Thursday of week 52)
        "24/12/2026",  # UK day-first, as sample-data --start read it
        " 2026-12-24 ",
    ],
)
def test_a_date_argument_reads_every_form_either_command_read(text: str) -> None:
    assert date_argument(text) == DAY


def test_a_day_first_date_may_drop_leading_zeros() -> None:
    assert date_argument("1/4/2025") == dt.date(2025, 4, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("soon", "'soon' is not a date: write it as 2026-12-31 or 31/12/2026"),
        ("31/02/2026", "'31/02/2026' is not a date: write it as 2026-12-31 or 31/12/2026"),
        ("2026-12-24T10:00", "'2026-12-24T10:00': give a date without a time"),
        ("24/12/2026 10:00", "'24/12/2026 10:00': give a date without a time"),
    ],
)
def test_a_date_argument_refuses_anything_else_with_a_clear_message(
    text: str, message: str
) -> None:
    with pytest.raises(argparse.ArgumentTypeError) as caught:
        date_argument(text)
    assert str(caught.value) == message


def test_a_moment_argument_keeps_a_time_of_day() -> None:
    assert moment_argument("24/12/2026 14:30") == dt.datetime(2026, 12, 24, 14, 30)
    assert moment_argument("2026-12-24") == DAY
    with pytest.raises(argparse.ArgumentTypeError):
        moment_argument("soon")


def _types(parser: argparse.ArgumentParser, command: str) -> dict[str, object]:
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    return {a.dest: a.type for a in commands[command]._actions}


def test_every_command_taking_a_date_reads_it_with_the_one_function() -> None:
    parser = build_parser()
    diff = _types(parser, "diff")
    assert diff["first"] is diff["last"] is date_argument
    sample = _types(parser, "sample-data")
    assert sample["start"] is sample["end"] is date_argument


def test_diff_takes_a_uk_date_as_sample_data_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "r.timescales"
    rules.write_text("[a] A within 2 working days of x\n", encoding="utf-8")
    args = ["diff", str(rules), str(rules), "--from", "24/12/2026", "--to", "2026-W52-5"]
    assert main(args) == 0
    assert "0 changed in meaning" in capsys.readouterr().out


def test_a_bad_date_is_a_usage_error_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["diff", "a", "b", "--from", "soon"])
    assert caught.value.code == 2
    assert "'soon' is not a date" in capsys.readouterr().err
