"""Caches of what the library derives from a calendar, and when a calendar counts as changed.

A calendar is treated as unchanged while it is the same object with the
same ``cache_key`` (an optional attribute; None when absent). So:

* an immutable calendar needs nothing (``HolidayCalendar`` is one);
* a calendar that can change returns a new ``cache_key`` (a version number,
  say) after each change, and the next call sees the change;
* equal hashable calendars share one cache entry; unhashable ones without a
  ``cache_key`` are cached by identity, so each is built once, not per call.

Each cache holds at most ``SIZE`` calendars and keeps them alive meanwhile.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

SIZE = 64
T = TypeVar("T")


def calendar_key(calendar: Any) -> Hashable:
    """Equal keys mean "derive the same things": the cache key, the value, or identity."""
    key = getattr(calendar, "cache_key", None)
    if key is not None:
        return (type(calendar).__qualname__, key)
    try:
        hash(calendar)
    except TypeError:
        return ("identity", id(calendar))
    result: Hashable = calendar
    return result


class CalendarMemo:
    """Values derived from calendars: by identity first (cheap), then by key."""

    def __init__(self, build: Callable[..., Any]) -> None:
        self._build = build
        self._recent: dict[int, tuple[Any, Hashable, Any]] = {}
        self._by_key: dict[Hashable, tuple[Any, Any]] = {}

    def get(self, calendar: Any, *extra: Hashable) -> Any:
        version = getattr(calendar, "cache_key", None)
        slot = id(calendar) if not extra else hash((id(calendar), extra))
        hit = self._recent.get(slot)
        if hit is not None and hit[0] is calendar and hit[1] == (version, extra):
            return hit[2]
        key = (calendar_key(calendar), extra)
        found = self._by_key.get(key)
        if found is None:
            # The entry holds the calendar, so an identity key cannot be reused meanwhile.
            found = (calendar, self._build(calendar, *extra))
            _put(self._by_key, key, found)
        _put(self._recent, slot, (calendar, (version, extra), found[1]))
        return found[1]

    def clear(self) -> None:
        self._recent.clear()
        self._by_key.clear()


def _put(table: dict[Any, Any], key: Any, value: Any) -> None:
    table.pop(key, None)
    if len(table) >= SIZE:
        # Another thread may be trimming too; losing a cache entry is harmless.
        with contextlib.suppress(KeyError, RuntimeError, StopIteration):
            del table[next(iter(table))]
    table[key] = value
