"""ISO dates read in C by Arrow's own parser, before the careful reading of a column.

Arrow casts text to timestamps in C and is strict: the fixed-width ISO
shapes only (``2026-12-31``, ``2026-12-31T14:30``, ``2026-12-31 14:30:05``),
real dates and times only (no 31 April, hour 24 or second 60), no one-digit
parts, offsets or lower-case ``t``. It differs from the report's reading in
two ways, both handled here: it refuses a whole array for one bad cell, and
it also reads shapes the report leaves to ``parse_when`` (an hour alone,
fractions of a second) and year 0. So only cells 10, 16 or 19 bytes long
(the three shapes, and no other shape Arrow reads has those lengths) are
cast, and only those with ISO's dashes (the others read as null, without a copy
of the rest), in blocks; a block Arrow refuses is
cast again in small blocks (up to :data:`MAX_REFUSED` refusals a column), and
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
Bytes = npt.NDArray[np.uint8]

#: The byte lengths of the ISO shapes the report reads at fixed places.
ISO_LENGTHS = (10, 16, 19)
#: Cells cast at once; a refused block is cast again :data:`SMALL_BLOCK` at a time.
BLOCK = 1 << 16
SMALL_BLOCK = 1 << 9
#: Refusals allowed per column: past them (many bad ISO-shaped cells) the careful
#: reading, which is no slower than before, takes the rest.
MAX_REFUSED = 32
#: 0001-01-01 in microseconds from 1970: Arrow reads year 0, the report does not.
_FIRST_DAY = int(np.datetime64("0001-01-01", "us").astype(np.int64))
_STAMP = pa.timestamp("us")


def cast_iso(
    text: pa.Array, data: Bytes, starts: IntArray, lengths: IntArray, rows: IntArray
) -> tuple[IntArray, Stamps, BoolArray]:
    """Those of ``rows`` (trimmed, not blank) that are ISO dates or date-times, with
    their stamps and whether each has a time of day (``data``, ``starts`` and
    ``lengths``: the bytes of ``text`` and where each row's are)."""
    length = lengths[rows]
    rows = rows[(length == 10) | (length == 16) | (length == 19)]
    # Only cells with ISO's dashes are cast: a column of other dates (31/12/2026 14:30)
    # would have every block refused, and a refusal costs more than a cast.
    dash = ord("-")
    rows = rows[data[starts[rows] + 4] == dash]
    rows = rows[data[starts[rows] + 7] == dash]
    candidates = text if len(rows) == len(text) else _only(text, rows)
    micros = np.zeros(len(text), dtype=np.int64)
    read = np.zeros(len(text), dtype=np.bool_)
    refused = 0
    holding = np.bincount(rows // BLOCK, minlength=-(-len(text) // BLOCK)) > 0
    for start in range(0, len(text), BLOCK):
        end = min(start + BLOCK, len(text))
        if not holding[start // BLOCK]:
            continue  # no candidate in the block: nothing to cast
        if refused >= MAX_REFUSED or _cast_into(candidates, start, end, micros, read):
            continue
        refused += 1
        for small in range(start, end, SMALL_BLOCK):
            if refused < MAX_REFUSED and not _cast_into(
                candidates, small, min(small + SMALL_BLOCK, end), micros, read
            ):
                refused += 1
    read &= micros >= _FIRST_DAY  # a cell left out reads as null: NaT, far below
    kept = np.flatnonzero(read)
    stamps: Stamps = micros[kept].view("datetime64[us]")
    return kept, stamps, lengths[kept] > 10


def _only(text: pa.Array, rows: IntArray) -> pa.Array:
    """``text`` with every cell but ``rows`` null: the same strings, not a copy of them."""
    chosen = np.zeros(text.offset + len(text), dtype=np.bool_)
    chosen[rows + text.offset] = True
    validity = pa.py_buffer(np.packbits(chosen, bitorder="little"))
    return pa.Array.from_buffers(
        text.type, len(text), [validity, *text.buffers()[1:]], offset=text.offset
    )


def _cast_into(text: pa.Array, start: int, end: int, micros: IntArray, read: BoolArray) -> bool:
    """Cast cells ``start:end``; on success put them in ``micros`` and mark them ``read``."""
    try:
        stamps = pc.cast(text.slice(start, end - start), _STAMP)
    except pa.ArrowInvalid:  # some cell of the block is not a date Arrow reads
        return False
    micros[start:end] = np.asarray(stamps.to_numpy(zero_copy_only=False)).view(np.int64)
    read[start:end] = True
    return True
