"""ISO dates read in C by Arrow's own parser, before the careful reading of a column.

Arrow casts text to timestamps in C and is strict: the fixed-width ISO
shapes only (``2026-12-31``, ``2026-12-31T14:30``, ``2026-12-31 14:30:05``),
real dates and times only (no 31 April, hour 24 or second 60), no one-digit
parts, offsets or lower-case ``t``. It differs from the report's reading in
two ways, both handled here: it refuses a whole array for one bad cell, and
it also reads shapes the report leaves to ``parse_when`` (an hour alone,
fractions of a second) and year 0. So only cells 10, 16 or 19 bytes long
(the three shapes, and no other shape Arrow reads has those lengths) are
cast, in blocks; a block Arrow refuses is cast again in small blocks, and
what is still refused, with any year 0, is left to the careful reading in
:mod:`.textdates`, which gives every bad cell its reason. The result is the
careful reading's, cell for cell (a property test holds them together).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from ...engine.moments import BoolArray, IntArray

Stamps = npt.NDArray[np.datetime64]

#: The byte lengths of the ISO shapes the report reads at fixed places.
ISO_LENGTHS = (10, 16, 19)
#: Cells cast at once; a refused block is cast again :data:`SMALL_BLOCK` at a time.
BLOCK = 1 << 16
SMALL_BLOCK = 1 << 9
#: 0001-01-01 in microseconds from 1970: Arrow reads year 0, the report does not.
_FIRST_DAY = int(np.datetime64("0001-01-01", "us").astype(np.int64))
_STAMP = pa.timestamp("us")


def cast_iso(
    text: pa.Array, lengths: IntArray, rows: IntArray
) -> tuple[IntArray, Stamps, BoolArray]:
    """Those of ``rows`` (trimmed, not blank) that are ISO dates or date-times, with
    their stamps and whether each has a time of day."""
    length = lengths[rows]
    rows = rows[(length == 10) | (length == 16) | (length == 19)]
    candidates = text if len(rows) == len(text) else text.take(pa.array(rows))
    micros = np.zeros(len(rows), dtype=np.int64)
    read = np.zeros(len(rows), dtype=np.bool_)
    for start in range(0, len(rows), BLOCK):
        if not _cast_into(candidates, start, min(start + BLOCK, len(rows)), micros, read):
            for small in range(start, min(start + BLOCK, len(rows)), SMALL_BLOCK):
                end = min(small + SMALL_BLOCK, len(rows), start + BLOCK)
                _cast_into(candidates, small, end, micros, read)
    read &= micros >= _FIRST_DAY
    kept = np.flatnonzero(read)
    stamps: Stamps = micros[kept].view("datetime64[us]")
    return rows[kept], stamps, lengths[rows[kept]] > 10


def _cast_into(text: pa.Array, start: int, end: int, micros: IntArray, read: BoolArray) -> bool:
    """Cast cells ``start:end``; on success put them in ``micros`` and mark them ``read``."""
    try:
        stamps = pc.cast(text.slice(start, end - start), _STAMP)
    except pa.ArrowInvalid:  # some cell of the block is not a date Arrow reads
        return False
    micros[start:end] = np.asarray(stamps.to_numpy(zero_copy_only=False)).view(np.int64)
    read[start:end] = True
    return True
