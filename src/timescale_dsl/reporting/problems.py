"""Why a row could not be evaluated: the array form of the engine's exceptions.

The scalar engine raises on the first thing that stops a deadline; a column
of rows cannot raise for a few of them, so each row carries its first
problem (a reason, and the column it concerns where there is one) and the
rest of the batch goes on. The first problem recorded for a row wins, as
the first exception would.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from .moments import BoolArray, IntArray

ObjectArray = npt.NDArray[np.object_]


class Problems:
    """A reason (or None) and a column (or None) for each row."""

    def __init__(self, size: int) -> None:
        self.failed: BoolArray = np.zeros(size, dtype=np.bool_)
        self.reason: ObjectArray = np.full(size, None, dtype=object)
        self.column: ObjectArray = np.full(size, None, dtype=object)

    def __len__(self) -> int:
        return len(self.failed)

    @property
    def any(self) -> bool:
        return bool(self.failed.any())

    def add(
        self,
        mask: BoolArray,
        reason: str | ObjectArray,
        column: str | ObjectArray | None = None,
    ) -> None:
        """Record a problem for the rows in ``mask`` that have none yet."""
        new = mask & ~self.failed
        if not new.any():
            return
        self.reason[new] = reason[new] if isinstance(reason, np.ndarray) else reason
        if column is not None:
            self.column[new] = column[new] if isinstance(column, np.ndarray) else column
        self.failed |= new

    def add_by_key(
        self,
        mask: BoolArray,
        keys: npt.NDArray[np.int64],
        describe: Callable[[int], tuple[str, str | None]],
    ) -> None:
        """Record problems whose wording depends on a small integer key per row.

        ``describe(key)`` gives the reason and column once per distinct key,
        so a million failing rows cost a handful of string builds.
        """
        new = mask & ~self.failed
        if not new.any():
            return
        for key in np.unique(keys[new]):
            reason, column = describe(int(key))
            self.add(new & (keys == key), reason, column)

    def take(self, rows: IntArray) -> Problems:
        part = Problems(len(rows))
        part.failed = self.failed[rows]
        part.reason = self.reason[rows]
        part.column = self.column[rows]
        return part

    def put(self, rows: IntArray, part: Problems) -> None:
        """Merge a subset's problems back (this object's earlier problems win)."""
        mask = np.zeros(len(self), dtype=np.bool_)
        mask[rows] = part.failed
        reasons = np.full(len(self), None, dtype=object)
        columns = np.full(len(self), None, dtype=object)
        reasons[rows] = part.reason
        columns[rows] = part.column
        self.add(mask, reasons, columns)
