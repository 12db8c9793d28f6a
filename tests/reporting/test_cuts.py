"""A CSV is cut between records, never inside a quoted cell."""

from __future__ import annotations

import mmap
from pathlib import Path

import pytest

from timescale_dsl.reporting.reading import cuts

TEXT = 'child_id,note\nC1,"one\nline ""quoted"" and\nmore"\nC2,plain\nC3,"a,b\n"\nC4,"x"\nC5,last\n'


def _starts(path: Path, share: int) -> list[int]:
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        body = cuts.line_end(data, 0, 0, b"\n")
        assert body is not None
        return cuts.record_starts(data, body, len(data), share, bare_cr=False)


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_cuts_fall_between_records_never_inside_a_quoted_cell(
    tmp_path: Path, line_end: str
) -> None:
    path = tmp_path / "events.csv"
    text = TEXT.replace("\n", line_end)
    path.write_bytes(text.encode())
    records = {text.index(f"C{n},") for n in range(1, 6)}
    for share in range(2, 8):
        starts = _starts(path, share)
        assert starts[0] == text.index("C1,")
        assert set(starts) <= records  # every cut is where a record begins
        assert starts == sorted(set(starts))
