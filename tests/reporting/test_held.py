"""What a column's bytes hold, found in one pass over its chunks, for each string asked."""

from __future__ import annotations

import pyarrow as pa

from timescale_dsl.reporting.reading.held import (
    EXCEL_TEXT,
    LINE_BREAK,
    held,
    held_by_name,
    joined,
)


def _chunked(*chunks: list[str]) -> pa.ChunkedArray:
    return pa.chunked_array([pa.array(c, pa.large_string()) for c in chunks], pa.large_string())


def test_each_string_is_found_in_whichever_chunk_holds_it() -> None:
    column = _chunked(["a", ""], [], ['="0123"'], ["two\nlines"])
    assert held(column) == {EXCEL_TEXT, LINE_BREAK}
    assert held(column, (LINE_BREAK,)) == {LINE_BREAK}
    assert held(_chunked(["plain", "text"], [""])) == frozenset()
    assert held(_chunked()) == frozenset()


def test_pieces_read_one_after_another_hold_together_what_each_holds() -> None:
    first = pa.table({"note": _chunked(["a\nb"]), "id": _chunked(["C1"])})
    second = pa.table({"note": _chunked(["c"]), "id": _chunked(['="007"'])})
    assert joined([held_by_name(first), held_by_name(second)]) == {
        "note": {LINE_BREAK},
        "id": {EXCEL_TEXT},
    }
