"""When a recurrence that ends ("until an adoption order is made", "until age 18") stops.

One definition for both engines: an occurrence due on or after the day the
series ends is not due. It works on dates and on numpy day arrays alike.
"""

from __future__ import annotations

from typing import TypeVar

Day = TypeVar("Day")


def past_end(due_day: Day, end_day: Day) -> Day:
    """Whether an occurrence due on ``due_day`` falls after a series ending on ``end_day``."""
    result: Day = due_day >= end_day  # type: ignore[operator]
    return result
