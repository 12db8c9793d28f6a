"""Business-day calendars: the protocol, the UK nations' calendars, a registry by name."""

from typing import TYPE_CHECKING

from ..lazy import lazy_getattr

if TYPE_CHECKING:
    from .base import Calendar, HolidayCalendar
    from .registry import CALENDAR_NAMES, calendar_by_name
    from .uk import england_and_wales, northern_ireland, scotland, weekends_only

__all__ = [
    "CALENDAR_NAMES",
    "Calendar",
    "HolidayCalendar",
    "calendar_by_name",
    "england_and_wales",
    "northern_ireland",
    "scotland",
    "weekends_only",
]

# Each name loads its module on first use: checking a rule file names a
# calendar without building one, and needs neither the holiday lists nor `holidays`.
__getattr__ = lazy_getattr(
    __name__,
    {
        "Calendar": "base",
        "HolidayCalendar": "base",
        "CALENDAR_NAMES": "registry",
        "calendar_by_name": "registry",
        "england_and_wales": "uk",
        "northern_ireland": "uk",
        "scotland": "uk",
        "weekends_only": "uk",
    },
)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
