"""Shared fixtures: the small made-up ruleset, and CSV files written from text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from timescale_dsl import Ruleset, load_ruleset

FIXTURES = Path(__file__).parent / "fixtures"
RULESET = FIXTURES / "children.timescales"


@pytest.fixture(scope="session")
def ruleset() -> Ruleset:
    return load_ruleset(RULESET)


@pytest.fixture
def csv_file(tmp_path: Path) -> Callable[..., Path]:
    """Write CSV text (lines joined with CRLF when asked, a BOM when asked) to a file."""

    def write(text: str, name: str = "events.csv", crlf: bool = False, bom: bool = False) -> Path:
        body = text.strip("\n") + "\n"
        if crlf:
            body = body.replace("\n", "\r\n")
        data = body.encode("utf-8")
        if bom:
            data = b"\xef\xbb\xbf" + data
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


def day(year: int, month: int, date: int) -> dt.date:
    return dt.date(year, month, date)
