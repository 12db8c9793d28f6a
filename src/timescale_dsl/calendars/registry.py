"""Built-in calendars by name, as used in ruleset headers and on the command line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import CalendarError, did_you_mean

if TYPE_CHECKING:
    from .base import HolidayCalendar

# Each name and its function in uk.py, imported only when a calendar is built
# (naming one, as a rule file is checked, needs neither the holiday lists nor `holidays`).
_BUILT_IN: dict[str, str] = {
    "england-and-wales": "england_and_wales",
    "scotland": "scotland",
    "northern-ireland": "northern_ireland",
    "weekends-only": "weekends_only",
}

CALENDAR_NAMES: tuple[str, ...] = tuple(_BUILT_IN)


def calendar_by_name(name: str) -> HolidayCalendar:
    """A built-in calendar; names are case-insensitive, spaces and hyphens alike."""
    from . import uk

    factory: Callable[[], HolidayCalendar] = getattr(uk, _BUILT_IN[check_calendar_name(name)])
    return factory()


def check_calendar_name(name: str) -> str:
    """The registry key of a calendar name (CalendarError if unknown), without building it."""
    key = "-".join(name.lower().replace("_", " ").split())
    if key in ("england", "wales", "england-wales"):
        key = "england-and-wales"
    factory = _BUILT_IN.get(key)
    if factory is None:
        known = ", ".join(CALENDAR_NAMES)
        suggestion = did_you_mean(key, CALENDAR_NAMES)
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        raise CalendarError(f"unknown calendar '{name}'{hint} (known: {known})")
    return key
