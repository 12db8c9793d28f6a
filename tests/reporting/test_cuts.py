"""A CSV is cut between records, never inside a quoted cell, however its quotes are
counted (a block at a time)."""

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


@pytest.mark.parametrize("block", [1, 3, 7, 1 << 20])
def test_cuts_fall_between_records_whatever_the_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes(TEXT.encode())
    monkeypatch.setattr(cuts, "_BLOCK", block)
    records = {TEXT.index(f"C{n},") for n in range(1, 6)}
    for share in range(2, 8):
        starts = _starts(path, share)
        assert starts[0] == TEXT.index("C1,")
        assert set(starts) <= records  # every cut is where a record begins
        assert starts == sorted(set(starts))
