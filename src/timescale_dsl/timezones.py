"""London wall-clock time: how date-times given by a caller are read (docs/semantics.md).

The engine works on naive Europe/London wall-clock times, as case systems
record them. An aware datetime is converted to London first. A naive time
the clocks skip (spring forward) or repeat (autumn) is read as Python's
``fold`` says: ``fold=0`` (the default) takes the offset in force before
the change, ``fold=1`` the one after. The deadline then carries a caveat
naming the reading, so it is never silent.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def to_london(moment: dt.datetime) -> dt.datetime:
    """A naive London wall-clock time: aware datetimes converted, naive ones kept."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(LONDON).replace(tzinfo=None)


def with_offset(moment: dt.datetime) -> dt.datetime:
    """A naive London time made aware, for output that carries its UTC offset."""
    return moment.replace(tzinfo=LONDON)


def _zone_name(moment: dt.datetime) -> str:
    return moment.replace(tzinfo=LONDON).tzname() or "London time"


def local_time_caveat(moment: dt.datetime) -> str | None:
    """A plain-English note when a naive London time does not exist or occurs twice."""
    if moment.tzinfo is not None:
        return None
    first = moment.replace(tzinfo=LONDON, fold=0)
    second = moment.replace(tzinfo=LONDON, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    chosen = moment.replace(tzinfo=LONDON)
    offset = chosen.utcoffset() or dt.timedelta(0)
    when = f"{moment:%H:%M on %a %d %b %Y}"
    instant = (moment - offset).replace(tzinfo=dt.UTC)
    utc = f"{instant:%H:%M} UTC"
    # After a spring-forward gap the fold=0 reading lies ahead of the fold=1 reading.
    if first.astimezone(dt.UTC) > second.astimezone(dt.UTC):
        wall = instant.astimezone(LONDON)
        return (
            f"{when} does not exist in London (the clocks went forward); "
            f"read as {utc}, that is {wall:%H:%M} {wall.tzname()}"
        )
    which, other = ("first", "second") if moment.fold == 0 else ("second", "first")
    return (
        f"{when} happened twice in London (the clocks went back); read as the {which} "
        f"time, {utc} ({_zone_name(chosen)}); pass fold={1 - moment.fold} for the {other}"
    )


def clock_changes(start: dt.datetime, end: dt.datetime) -> list[str]:
    """The clock changes between two naive London times, named for an explanation."""
    low, high = sorted((start, end))
    notes = []
    day = low.date()
    before = low.replace(tzinfo=LONDON).utcoffset()
    while day <= high.date():
        # London's clocks change at 01:00 UTC; noon is safely after on the day itself.
        noon = dt.datetime.combine(day, dt.time(12), tzinfo=LONDON)
        after = noon.utcoffset()
        if after != before and before is not None and after is not None:
            forward = after > before
            went, season, shift = (
                ("forward", "British Summer Time began", "later")
                if forward
                else ("back", "British Summer Time ended", "earlier")
            )
            notes.append(
                f"the clocks went {went} one hour on {day:%a %d %b %Y} ({season}): "
                f"hours are elapsed time, so the wall-clock time is an hour {shift}"
            )
            before = after
        day += dt.timedelta(days=1)
    return notes
