"""Text dates for whole columns, read exactly as ``facts.parse_when`` reads one.

The two shapes case-management exports use are found with Arrow's regular
expressions (no captures, which are slow) and then read straight from the
UTF-8 bytes with numpy: ISO 8601 (``2026-12-31``, ``2026-12-31T14:30``,
``2026-12-31 14:30:05``) at fixed places, and the UK day-first form
(``31/12/2026``, ``1/2/2026 9:05``) by where its slashes and colons fall.
Parts that make no real date (31 April, hour 24) are left, with every other
shape (offsets, fractions of a second), to ``parse_when`` itself once per
distinct text, so the result is always the scalar reading. Month-first is
never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from ...engine.moments import NAT, BoolArray, IntArray, Moments
from ...errors import FactValueError
from ...facts import parse_when
from .iso_cast import cast_iso

_ISO = r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$"
_UK = r"^\d{1,2}/\d{1,2}/\d{4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"

Bytes = npt.NDArray[np.uint8]
Stamps = npt.NDArray[np.datetime64]
_Parts = tuple[IntArray, IntArray, IntArray, IntArray, IntArray, IntArray]
_Clock = tuple[IntArray, IntArray, IntArray]


def parse_texts(text: pa.Array | pa.ChunkedArray, blank: BoolArray) -> tuple[Moments, BoolArray]:
    """Moments from a string array, and the non-blank rows that are not dates."""
    filled, found, wrong = parse_filled_texts(text, blank)
    if filled is None:
        return found, wrong
    return spread_moments(found, filled, len(text)), spread_flags(wrong, filled, len(text))


def blank_texts(text: pa.Array | pa.ChunkedArray) -> BoolArray:
    """Missing, empty or whitespace-only cells of a string array (as
    ``utf8_trim_whitespace`` sees whitespace, without making trimmed copies)."""
    blank = pc.fill_null(pc.or_(pc.equal(pc.binary_length(text), 0), pc.utf8_is_space(text)), True)
    found: BoolArray = np.asarray(blank.to_numpy(zero_copy_only=False), dtype=np.bool_)
    return found


def spread_moments(found: Moments, filled: IntArray, size: int) -> Moments:
    """The moments of the filled rows, spread over a column of ``size`` (missing elsewhere)."""
    spread = Moments.missing(size)
    spread.put(filled, found)
    return spread


def spread_flags(found: BoolArray, filled: IntArray, size: int) -> BoolArray:
    """Flags of the filled rows, spread over a column of ``size`` (False elsewhere)."""
    spread = np.zeros(size, dtype=np.bool_)
    spread[filled] = found
    return spread


def parse_filled_texts(
    text: pa.Array | pa.ChunkedArray, blank: BoolArray
) -> tuple[IntArray | None, Moments, BoolArray]:
    """As :func:`parse_texts`, but a mostly blank column is read as its filled rows only:
    their positions, their moments and which are bad (positions None: every row).

    Most fact columns of an export are mostly blank; arrays the length of the whole
    column for each would be most of the report's memory, and fresh memory is dear.
    """
    filled = np.flatnonzero(~blank)
    if len(filled) * 2 >= len(text):  # mostly filled: taking the filled cells out costs more
        found, wrong = _parse_filled(one_chunk(text), blank)
        return None, found, wrong
    found, wrong = _parse_filled(one_chunk(text.take(pa.array(filled))), blank[filled])
    return filled, found, wrong


def one_chunk(text: pa.Array | pa.ChunkedArray) -> pa.Array:
    """The strings as one array (a copy only when they are in several chunks)."""
    if isinstance(text, pa.ChunkedArray):
        return text.chunk(0) if text.num_chunks == 1 else text.combine_chunks()
    return text


def _parse_filled(text: pa.Array, blank: BoolArray) -> tuple[Moments, BoolArray]:
    size = len(text)
    text = pc.ascii_trim_whitespace(text)
    values = np.full(size, NAT)
    timed = np.zeros(size, dtype=np.bool_)
    done = blank.copy()
    data, starts, lengths = _utf8(text)
    # Arrow reads the ISO cells in C; only what it refuses is looked at here.
    rows, stamps, has_time = cast_iso(text, data, starts, lengths, np.flatnonzero(~done))
    values[rows], timed[rows], done[rows] = stamps, has_time, True
    for find in (_iso_rows, _uk_rows):
        rows = np.flatnonzero(~done)
        if len(rows) == 0:
            break
        rows, parts, has_time = find(text, data, starts, lengths, rows)
        if len(rows) == 0:
            continue
        stamp, valid = compose(*parts)
        ok = rows[valid]
        values[ok] = stamp[valid]
        timed[ok] = has_time[valid]
        done[ok] = True
    bad = np.zeros(size, dtype=np.bool_)
    rest = np.flatnonzero(~done)
    if len(rest):
        _parse_one_by_one(text.take(pa.array(rest)), rest, values, timed, bad)
    return Moments(values, timed), bad


_Found = tuple[IntArray, _Parts, BoolArray]
_ISO_WIDTH = 19  # 2026-12-31 14:30:05
_ISO_DIGITS = (0, 1, 2, 3, 5, 6, 8, 9)
_ISO_CLOCK_DIGITS = (11, 12, 14, 15)


def _iso_rows(
    text: pa.Array, data: Bytes, starts: IntArray, lengths: IntArray, rows: IntArray
) -> _Found:
    """Those of ``rows`` in the shape of :data:`_ISO`, and their parts.

    The shape is tested on the bytes (ASCII digits and marks at fixed places)
    rather than by a regular expression: each row's first 19 bytes are
    gathered once, and bytes past a row's own text are looked at only where
    its length says they are its own.
    """
    length = lengths[rows]
    padded = np.concatenate([data, np.zeros(_ISO_WIDTH, dtype=np.uint8)])
    window = np.lib.stride_tricks.sliding_window_view(padded, _ISO_WIDTH)[starts[rows]]

    def digits(places: tuple[int, ...]) -> BoolArray:
        found = np.ones(len(rows), dtype=np.bool_)
        for place in places:
            found &= (window[:, place] >= 48) & (window[:, place] <= 57)
        return found

    def mark(place: int, *allowed: str) -> BoolArray:
        found = np.zeros(len(rows), dtype=np.bool_)
        for char in allowed:
            found |= window[:, place] == ord(char)
        return found

    has_time = length > 10
    with_seconds = length > 16
    shape = digits(_ISO_DIGITS) & mark(4, "-") & mark(7, "-")
    shape &= (length == 10) | (length == 16) | (length == 19)
    clock = digits(_ISO_CLOCK_DIGITS) & mark(10, "T", " ") & mark(13, ":")
    shape &= ~has_time | clock
    shape &= ~with_seconds | (digits((17, 18)) & mark(16, ":"))
    kept = np.flatnonzero(shape)
    window = window[kept]
    has_time = has_time[kept]
    with_seconds = with_seconds[kept]

    def number(first: int, count: int) -> IntArray:
        value = window[:, first].astype(np.int64) - 48
        for place in range(first + 1, first + count):
            value = value * 10 + window[:, place] - 48
        return value

    zero = np.zeros(len(kept), dtype=np.int64)
    parts = (
        number(0, 4),
        number(5, 2),
        number(8, 2),
        np.where(has_time, number(11, 2), zero),
        np.where(has_time, number(14, 2), zero),
        np.where(with_seconds, number(17, 2), zero),
    )
    return rows[kept], parts, has_time


def _uk_rows(
    text: pa.Array, data: Bytes, starts: IntArray, lengths: IntArray, rows: IntArray
) -> _Found:
    """Those of ``rows`` in the shape of :data:`_UK`, and their parts."""
    candidates = text if len(rows) == len(text) else text.take(pa.array(rows))
    matched = pc.fill_null(pc.match_substring_regex(candidates, _UK), False)
    rows = rows[np.asarray(matched.to_numpy(zero_copy_only=False), dtype=np.bool_)]
    parts, has_time = _uk_parts(data, starts[rows], lengths[rows])
    return rows, parts, has_time


def read_when(text: str) -> dt.date:
    """``parse_when``, with a moment London's clock cannot show (a UTC offset on 1 January
    of year 1) refused as a bad date rather than escaping as an OverflowError."""
    try:
        return parse_when(text)
    except OverflowError:
        raise FactValueError(f"'{text}' is outside the range of dates") from None


def stamp_of(when: dt.date) -> tuple[np.datetime64, bool]:
    """One Python date or date-time as a stamp and its ``timed`` flag."""
    if isinstance(when, dt.datetime):
        return np.datetime64(when.replace(tzinfo=None), "us"), True
    return np.datetime64(when, "D").astype("datetime64[us]"), False


def _parse_one_by_one(
    text: pa.Array, rows: IntArray, values: Stamps, timed: BoolArray, bad: BoolArray
) -> None:
    """The scalar reading, once per distinct text."""
    encoded = pc.dictionary_encode(text)
    codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    stamps: list[np.datetime64] = []
    flags: list[bool] = []
    wrong: list[bool] = []
    for item in encoded.dictionary.to_pylist():
        try:
            stamp, has_time = stamp_of(read_when(str(item)))
        except FactValueError:
            stamp, has_time, failed = NAT, False, True
        else:
            failed = False
        stamps.append(stamp)
        flags.append(has_time)
        wrong.append(failed)
    values[rows] = np.array(stamps, dtype="datetime64[us]")[codes]
    timed[rows] = np.array(flags, dtype=np.bool_)[codes]
    bad[rows] = np.array(wrong, dtype=np.bool_)[codes]


def _utf8(text: pa.Array) -> tuple[Bytes, IntArray, IntArray]:
    """The bytes of a string array, and where each row's text starts and how long it is."""
    _, offsets_buffer, data_buffer = text.buffers()
    wide = pa.types.is_large_string(text.type)
    offsets = np.frombuffer(
        offsets_buffer,
        dtype=np.int64 if wide else np.int32,
        count=len(text) + 1,
        offset=text.offset * (8 if wide else 4),
    ).astype(np.int64)
    data = np.zeros(1, dtype=np.uint8)
    if data_buffer is not None and data_buffer.size:
        data = np.frombuffer(data_buffer, dtype=np.uint8)
    return data, offsets[:-1], np.diff(offsets)


def _number(data: Bytes, at: IntArray, width: IntArray | int) -> IntArray:
    """The number written in ``width`` ASCII digits at ``at`` (width fixed, or 1 or 2 per row).

    Callers pass only rows their pattern matched, so every place read is a digit
    of the row's own text.
    """
    if isinstance(width, int):
        value = data[at].astype(np.int64) - 48
        for k in range(1, width):
            value = value * 10 + data[at + k] - 48
        return value
    first = data[at].astype(np.int64) - 48
    two = width == 2
    result: IntArray = np.where(two, first * 10 + data[np.where(two, at + 1, at)] - 48, first)
    return result


def _clock(
    data: Bytes, at: IntArray, has_time: BoolArray, read: Callable[[IntArray], _Clock]
) -> _Clock:
    """Hours, minutes and seconds of the rows that have a time (zero elsewhere)."""
    hours, minutes, seconds = (np.zeros(len(at), dtype=np.int64) for _ in range(3))
    rows = np.flatnonzero(has_time)
    if len(rows):
        hours[rows], minutes[rows], seconds[rows] = read(rows)
    return hours, minutes, seconds


def _uk_parts(data: Bytes, at: IntArray, length: IntArray) -> tuple[_Parts, BoolArray]:
    """D/M/YYYY[( |T)H:MM[:SS]], already matched: day, month and hour take one or two digits."""

    def width_from(start: IntArray, mark: str) -> IntArray:
        result: IntArray = np.where(data[start + 1] == ord(mark), 1, 2).astype(np.int64)
        return result

    day_width = width_from(at, "/")
    month_at = at + day_width + 1
    month_width = width_from(month_at, "/")
    year_at = month_at + month_width + 1
    end = at + length
    has_time = end > year_at + 4

    def read(rows: IntArray) -> _Clock:
        hour_at = year_at[rows] + 5
        hour_width = width_from(hour_at, ":")
        minute_at = hour_at + hour_width + 1
        seconds = np.zeros(len(rows), dtype=np.int64)
        with_seconds = np.flatnonzero(end[rows] > minute_at + 2)
        seconds[with_seconds] = _number(data, minute_at[with_seconds] + 3, 2)
        return _number(data, hour_at, hour_width), _number(data, minute_at, 2), seconds

    parts = (
        _number(data, year_at, 4),
        _number(data, month_at, month_width),
        _number(data, at, day_width),
        *_clock(data, at, has_time, read),
    )
    return parts, has_time


def compose(
    year: IntArray,
    month: IntArray,
    day: IntArray,
    hour: IntArray,
    minute: IntArray,
    second: IntArray,
) -> tuple[Stamps, BoolArray]:
    """Microsecond stamps from parts, and which parts make a real date and time."""
    valid = (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1)
    valid &= (hour <= 23) & (minute <= 59) & (second <= 59)
    epoch = np.datetime64("1970-01", "M")
    months = np.where(valid, (year - 1970) * 12 + month - 1, 0).astype("timedelta64[M]")
    first = (epoch + months).astype("datetime64[D]")
    following = (epoch + months + np.timedelta64(1, "M")).astype("datetime64[D]")
    valid &= day <= (following - first).astype(np.int64)
    days = first + np.where(valid, day - 1, 0).astype("timedelta64[D]")
    clock = (hour * 3600 + minute * 60 + second).astype("timedelta64[s]")
    stamps: Stamps = days.astype("datetime64[us]") + clock
    return stamps, valid
