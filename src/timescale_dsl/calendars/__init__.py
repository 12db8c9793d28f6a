"""Business-day calendars: the protocol, the UK nations' calendars, a registry by name."""

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
