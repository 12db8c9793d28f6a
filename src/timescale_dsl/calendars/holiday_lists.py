"""The `holidays` package's lists of bank holidays, kept between runs as JSON.

Generating a century of a nation's bank holidays takes the `holidays`
package a few hundred milliseconds (importing it, then computing every
year's rules), which every process that counts working days on a UK
calendar would pay. The list is therefore saved once in the private cache
folder (cache_folder.py) and read back in a few milliseconds, without
importing `holidays` at all.

The file is JSON, never a pickle (reading a cache must not be able to run
code). Its name and its header hold everything that decides the list: the
country, subdivision, language and years asked for, the `holidays` version
and this file format's version; so an upgrade of `holidays` generates a new
list. A file is used only when it is the user's own, its header matches,
its checksum matches and every entry is a named day in range, in order;
anything else (truncated, edited, from another version) is ignored and the
list generated again, so a damaged cache costs time, never a wrong calendar
or an error. It is written to a temporary file first and renamed into
place, so a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import stat
from pathlib import Path
from typing import Any, NamedTuple

from ..cache_folder import private_cache_folder

#: Changes whenever the file's layout or the way a list is generated changes.
FORMAT = 1

#: A nation's list for 1990-2100 takes 33 to 44 KB; anything far larger is not ours.
MAX_BYTES = 1 << 20


class HolidayListKey(NamedTuple):
    """What the `holidays` package is asked for (its version is added when caching)."""

    country: str
    subdivision: str
    language: str
    first_year: int
    last_year: int


def holiday_list(key: HolidayListKey) -> dict[dt.date, str]:
    """The holidays for ``key``, by day: from the cache when it holds them, else generated."""
    folder = private_cache_folder()
    version = _package_version() if folder is not None else None
    if folder is None or version is None:
        return generate(key)
    header = {"format": FORMAT, "holidays_version": version, **key._asdict()}
    path = folder / _file_name(key, version)
    stored = _read(path, key, header)
    if stored is not None:
        return stored
    days = generate(key)
    _write(path, key, header, days)
    return days


def generate(key: HolidayListKey) -> dict[dt.date, str]:
    """The holidays for ``key`` from the `holidays` package itself."""
    import holidays  # only on a cache miss: it is the slow part

    found = holidays.country_holidays(
        key.country,
        subdiv=key.subdivision,
        years=range(key.first_year, key.last_year + 1),
        language=key.language,
    )
    return {day: str(name) for day, name in found.items()}


def _package_version() -> str | None:
    """The installed `holidays` version, read without importing it: from the name of
    its ``.dist-info`` folder where there is exactly one, else from its metadata
    (reading which imports the email parser: a tenth of a short command's time)."""
    named = _dist_info_version()
    if named is not None:
        return named
    from importlib import metadata

    try:
        version = metadata.version("holidays")
    except metadata.PackageNotFoundError:
        return None
    return version if isinstance(version, str) and version else None


def _dist_info_version() -> str | None:
    """The version in the name of the ``holidays-VERSION.dist-info`` folder that an
    installer puts beside the package (one such folder, or None)."""
    from importlib.util import find_spec

    try:
        spec = find_spec("holidays")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folders = {
        folder.name
        for location in spec.submodule_search_locations
        for folder in Path(location).parent.glob("holidays-*.dist-info")
    }
    if len(folders) != 1:
        return None
    version = folders.pop()[len("holidays-") : -len(".dist-info")]
    return version or None


def _file_name(key: HolidayListKey, version: str) -> str:
    parts = (key.country, key.subdivision, key.language, key.first_year, key.last_year)
    label = "-".join(str(part) for part in parts)
    name = f"holidays-{label}-holidays{version}-v{FORMAT}.json"
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _checksum(header: dict[str, Any], days: Any) -> str:
    import hashlib  # only when a list is read or written: checking a rule file needs none

    return hashlib.sha256(_canonical([header, days]).encode("utf-8")).hexdigest()


def _is_private(status: os.stat_result) -> bool:
    """A regular file of this user's that nobody else can write (POSIX; elsewhere, any file)."""
    if not stat.S_ISREG(status.st_mode):
        return False
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    return status.st_uid == getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(path: Path, key: HolidayListKey, header: dict[str, Any]) -> dict[dt.date, str] | None:
    """The list stored at ``path``, or None when it is absent or not to be trusted."""
    try:
        with path.open("rb") as file:
            if not _is_private(os.fstat(file.fileno())):
                return None
            raw = file.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(raw) > MAX_BYTES:
        return None
    try:
        return _parse(raw, key, header)
    except (ValueError, TypeError, RecursionError):
        # Undecodable, not JSON, nested too deep, a date that does not exist.
        return None


def _parse(raw: bytes, key: HolidayListKey, header: dict[str, Any]) -> dict[dt.date, str] | None:
    data = json.loads(raw.decode("utf-8"))
    if not isinstance(data, dict) or set(data) != {"header", "days", "sha256"}:
        return None
    # Compared as canonical text, so that 1990.0 or true does not pass for 1990 or 1.
    if _canonical(data["header"]) != _canonical(header):
        return None
    entries = data["days"]
    if not isinstance(entries, list) or data["sha256"] != _checksum(header, entries):
        return None
    first, last = dt.date(key.first_year, 1, 1), dt.date(key.last_year, 12, 31)
    days: dict[dt.date, str] = {}
    previous: dt.date | None = None
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) == 2):
            return None
        text, name = entry
        if not (isinstance(text, str) and isinstance(name, str) and name.strip()):
            return None
        day = dt.date.fromisoformat(text)
        in_order = previous is None or previous < day
        if day.isoformat() != text or not first <= day <= last or not in_order:
            return None
        days[day] = name
        previous = day
    return days


def _write(
    path: Path, key: HolidayListKey, header: dict[str, Any], days: dict[dt.date, str]
) -> None:
    """Save the list, if it is one that reading would accept; failing to save is harmless."""
    first, last = dt.date(key.first_year, 1, 1), dt.date(key.last_year, 12, 31)
    if not all(type(day) is dt.date and first <= day <= last for day in days):
        return
    entries = [[day.isoformat(), name] for day, name in sorted(days.items())]
    if not all(name.strip() for _, name in entries):
        return
    text = _canonical({"header": header, "days": entries, "sha256": _checksum(header, entries)})
    import tempfile

    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(text.encode("utf-8"))
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
