"""Working hours forward from date-times, for whole columns at once.

The engine's ``arithmetic.add_working_hours`` walks day by day: the start
rolls to the next working day (a start on a non-working day counts from that
day's midnight), the rest of that day counts, then whole working days, until
the hours are spent. Without office hours every working day holds 24 hours,
so the walk has a closed form: with ``f`` the part of the first working day
already gone and ``T = f + hours``, the result is midnight of the ``k``-th
working day after the first, plus ``T - k`` days, where ``k = ceil(T / 24h) - 1``
(an exact multiple of 24 hours ends at the *end* of a day, as the walk does).

Only the rows this covers are answered here; the caller leaves the others
(office hours, counting backwards, dates without a time, starts or results
outside the calendar) to the engine's scalar arithmetic.
"""

from __future__ import annotations

import numpy as np

from .arithmetic import WorkingDayIndex
from .moments import DAY, NAT, BoolArray, StampArray

_DAY_US = DAY.astype("timedelta64[us]").astype(np.int64)


def add_working_hours(
    index: WorkingDayIndex, starts: StampArray, hours: int
) -> tuple[StampArray, BoolArray]:
    """Each start plus ``hours`` working hours (no office hours), and where that was done.

    Rows whose start or result the index does not reach are left undone
    (NaT, ``False``) for the scalar arithmetic to refuse in its own words.
    """
    done = ~np.isnat(starts)
    dates = starts.astype("datetime64[D]")
    offsets = (dates - index.origin).astype(np.int64)
    done &= (offsets >= 0) & (offsets < len(index.is_working))
    safe = np.where(done, offsets, 0)
    # The first working day on or after the start's date, as a position in working_offsets.
    first = index.running_count[safe] - index.is_working[safe].astype(np.int64)
    done &= first < len(index.working_offsets)
    first = np.where(done, first, 0)
    midnight = (index.origin + index.working_offsets[first]).astype("datetime64[us]")
    gone = np.maximum((starts - midnight).astype(np.int64), 0)
    total = gone + hours * 3_600_000_000
    whole = np.maximum(-(-total // _DAY_US) - 1, 0)  # ceil(total / day) - 1
    last = first + whole
    done &= last < len(index.working_offsets)
    last = np.where(done, last, 0)
    end = (index.origin + index.working_offsets[last]).astype("datetime64[us]")
    result = end + (total - whole * _DAY_US).astype("timedelta64[us]")
    return np.where(done, result, NAT), done
