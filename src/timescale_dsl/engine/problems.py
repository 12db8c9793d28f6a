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
    """A reason (or None) and a column (or None) for each row.

    The reasons are only allocated once a row has a problem: most batches have none.
    """

    def __init__(self, size: int) -> None:
        self.failed: BoolArray = np.zeros(size, dtype=np.bool_)
        self._reason: ObjectArray | None = None
        self._column: ObjectArray | None = None

    def __len__(self) -> int:
        return len(self.failed)

    @property
    def any(self) -> bool:
        return bool(self.failed.any())

    @property
    def reason(self) -> ObjectArray:
        if self._reason is None:
            self._reason = np.full(len(self), None, dtype=object)
        return self._reason

    @property
    def column(self) -> ObjectArray:
        if self._column is None:
            self._column = np.full(len(self), None, dtype=object)
        return self._column

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

    def extend(self, later: Problems) -> None:
        """Add the problems of the same rows found by a later step (this object's win)."""
        if later.any:
            self.add(later.failed, later.reason, later.column)

    def put(self, rows: IntArray, part: Problems) -> None:
        """Merge a subset's problems back (this object's earlier problems win)."""
        if not part.any:
            return
        failed = np.flatnonzero(part.failed)
        mask = np.zeros(len(self), dtype=np.bool_)
        mask[rows[failed]] = True
        reasons = np.full(len(self), None, dtype=object)
        columns = np.full(len(self), None, dtype=object)
        reasons[rows[failed]] = part.reason[failed]
        columns[rows[failed]] = part.column[failed]
        self.add(mask, reasons, columns)
