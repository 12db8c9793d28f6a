"""Date and true/false columns read on worker threads, ahead of the rules that need them.

Reading a column of dates is Arrow and numpy over a million cells, which
run without Python's lock; measuring a rule is Python directing numpy. So
the measurement asks for every column its rules will read, in the order
they will read them, and a worker reads them while the rules before are
measured. A column is read once, whoever asks; an error in reading one is
raised where it is asked for, as if it had been read there.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import pandas as pd

from .cells import ReadFlags, ReadMoments, read_flags, read_moments

Read = ReadMoments | ReadFlags
#: Workers besides the measuring thread, which has a core of its own: one on two cores
#: (more threads than cores only contend for Python's lock), two on more.
WORKERS = max(1, min(2, (os.cpu_count() or 2) - 1))


class ColumnReader:
    """``reader.get(cells, "date")`` is ``read_moments(cells)`` (``"boolean"``:
    ``read_flags``), read once per column name and kind, perhaps already on a worker."""

    def __init__(self, workers: int = WORKERS) -> None:
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="read-column")
        self._found: dict[tuple[str, str], Future[Read]] = {}

    def ahead(self, name: str, kind: str, cells: pd.Series) -> None:
        """Begin reading a column that will be asked for."""
        if (name, kind) not in self._found:
            self._found[(name, kind)] = self._pool.submit(_reader(kind), cells)

    def get(self, name: str, kind: str, cells: pd.Series) -> Read:
        self.ahead(name, kind, cells)
        return self._found[(name, kind)].result()

    def close(self) -> None:
        """Stop the workers (columns not yet begun are not read)."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def _reader(kind: str) -> Callable[[pd.Series], Read]:
    return read_flags if kind == "boolean" else read_moments
