"""Byte offsets between the records of a CSV file, found without parsing it.

A line end is between records when an even number of quotes comes before
it (a cell may hold line breaks inside quotes, and a doubled quote inside a
quoted cell counts twice, so it changes nothing). Quotes are counted with
numpy over the file's mapped bytes, which reads it at the speed of memory.
Counting is exact for files that quote as CSV does; a quote in the middle
of an unquoted cell (which readers keep as it is) throws the count off, so a
reader of the pieces checks the cut (see :mod:`.parts`).
"""

from __future__ import annotations

import mmap

import numpy as np

_QUOTE = ord('"')


def line_ending(bare_cr: bool) -> bytes:
    """The byte that ends a line: a line feed, or a carriage return alone (old Macs)."""
    return b"\r" if bare_cr else b"\n"


def record_starts(data: mmap.mmap, start: int, stop: int, share: int, bare_cr: bool) -> list[int]:
    """Where each of ``share`` ranges of bytes ``start`` to ``stop`` begins, cut between records.

    ``start`` is the beginning of a record (outside any quoted value). Fewer
    ranges come back where records are longer than a share.
    """
    starts = [start]
    quotes, counted = 0, start
    for k in range(1, share):
        target = start + (stop - start) * k // share
        if target <= starts[-1]:
            continue
        quotes += _quotes(data, counted, target)
        counted = target
        cut = line_end(data, target, quotes, line_ending(bare_cr))
        if cut is None or cut >= stop:
            break
        quotes += _quotes(data, counted, cut)
        counted = cut
        starts.append(cut)
    return starts


def _quotes(data: mmap.mmap, start: int, stop: int) -> int:
    view = np.frombuffer(data, dtype=np.uint8, count=stop - start, offset=start)
    return int(np.count_nonzero(view == _QUOTE))


def line_end(data: mmap.mmap, start: int, quotes_before: int, end: bytes) -> int | None:
    """Just past the first line end at or after ``start`` outside quotes (None: none).

    ``quotes_before`` is the number of quotes before ``start``.
    """
    quotes = quotes_before
    position = start
    while True:
        found = data.find(end, position)
        if found < 0:
            return None
        quotes += data[position:found].count(b'"')
        if quotes % 2 == 0:
            return found + 1
        position = found + 1
