"""The UK nations' bank holidays, from the `holidays` package.

`holidays` must be asked for a subdivision: without one it returns only the
days all four nations share (no Easter Monday in Scotland, so it drops it for
everyone). It also lists a holiday falling at a weekend next to its weekday
substitute. Only the weekday substitute changes the arithmetic; the weekend
entry is kept so that explanations can name it ("Saturday (Boxing Day)").
The lists are generated once and then read from the user's cache folder
(holiday_lists.py).
"""

from __future__ import annotations

import datetime as dt
import functools

from .base import HolidayCalendar
from .holiday_lists import HolidayListKey, holiday_list

#: Years these calendars vouch for. Before 1990 case records are out of scope;
#: 2100 covers the pathway plans and leaving-care duties of any child in care today.
FIRST_YEAR = 1990
LAST_YEAR = 2100

#: The last year whose bank holidays count as announced. The Government
#: publishes England and Wales, Scotland and Northern Ireland bank holidays
#: (gov.uk/bank-holidays) for the current year and the next; when this
#: release was made (late 2026) that was up to 2027. Later years are
#: projected by the `holidays` package from the usual rules, which cannot
#: know one-off days (a jubilee, a coronation, a state funeral) or moved
#: ones, so a deadline counted across them is provisional.
ANNOUNCED_THROUGH = 2027


#: Holiday names in British English whatever the user's locale (the `holidays`
#: package otherwise follows LANG): explanations name them ("Boxing Day (observed)").
LANGUAGE = "en_GB"


def _bank_holidays(subdivision: str) -> dict[dt.date, str]:
    return holiday_list(HolidayListKey("GB", subdivision, LANGUAGE, FIRST_YEAR, LAST_YEAR))


@functools.cache
def _calendar(name: str, subdivision: str) -> HolidayCalendar:
    return HolidayCalendar(
        name=name,
        holidays=_bank_holidays(subdivision),
        first_day=dt.date(FIRST_YEAR, 1, 1),
        last_day=dt.date(LAST_YEAR, 12, 31),
        announced_until=dt.date(ANNOUNCED_THROUGH, 12, 31),
    )


def england_and_wales() -> HolidayCalendar:
    """England and Wales bank holidays (the default calendar)."""
    return _calendar("england-and-wales", "ENG")


def scotland() -> HolidayCalendar:
    return _calendar("scotland", "SCT")


def northern_ireland() -> HolidayCalendar:
    return _calendar("northern-ireland", "NIR")


def weekends_only() -> HolidayCalendar:
    """Saturdays and Sundays only: for systems that count bank holidays as working."""
    return england_and_wales().without_holidays()
