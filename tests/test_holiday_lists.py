"""The UK bank-holiday lists are cached between runs as JSON, and a bad cache is never believed."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from timescale_dsl.cache_folder import CACHE_DIR_VARIABLE
from timescale_dsl.calendars import HolidayCalendar, holiday_lists, uk
from timescale_dsl.calendars.holiday_lists import HolidayListKey, generate, holiday_list

NATIONS = [("england-and-wales", "ENG"), ("scotland", "SCT"), ("northern-ireland", "NIR")]
ENGLAND = HolidayListKey("GB", "ENG", uk.LANGUAGE, uk.FIRST_YEAR, uk.LAST_YEAR)


@pytest.fixture(scope="module")
def generated() -> Callable[[HolidayListKey], dict[dt.date, str]]:
    """The package's own lists, generated once for the module (it is the slow part)."""
    lists: dict[HolidayListKey, dict[dt.date, str]] = {}

    def get(key: HolidayListKey) -> dict[dt.date, str]:
        if key not in lists:
            lists[key] = generate(key)
        return dict(lists[key])

    return get


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(folder))
    return folder


def _forbid_generating(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(key: HolidayListKey) -> dict[dt.date, str]:
        raise AssertionError(f"generated {key} instead of reading the cache")

    monkeypatch.setattr(holiday_lists, "generate", refuse)


def _count_generating(
    monkeypatch: pytest.MonkeyPatch, generated: Callable[[HolidayListKey], dict[dt.date, str]]
) -> list[HolidayListKey]:
    calls: list[HolidayListKey] = []

    def counted(key: HolidayListKey) -> dict[dt.date, str]:
        calls.append(key)
        return generated(key)

    monkeypatch.setattr(holiday_lists, "generate", counted)
    return calls


def _cached_file(cache: Path) -> Path:
    (written,) = cache.iterdir()
    return written


@pytest.mark.parametrize(("name", "subdivision"), NATIONS)
def test_a_calendar_read_from_the_cache_equals_the_one_generated(
    name, subdivision, cache, monkeypatch, generated
):
    build = uk._calendar.__wrapped__  # the per-process memo would hide the cache
    key = HolidayListKey("GB", subdivision, uk.LANGUAGE, uk.FIRST_YEAR, uk.LAST_YEAR)
    calls = _count_generating(monkeypatch, generated)
    first = build(name, subdivision)
    assert calls == [key]
    assert _cached_file(cache).suffix == ".json"
    _forbid_generating(monkeypatch)
    cached = build(name, subdivision)
    from_package = HolidayCalendar(
        name=name,
        holidays=generated(key),
        first_day=dt.date(uk.FIRST_YEAR, 1, 1),
        last_day=dt.date(uk.LAST_YEAR, 12, 31),
        announced_until=dt.date(uk.ANNOUNCED_THROUGH, 12, 31),
    )
    assert cached == first == from_package
    assert cached.holidays == from_package.holidays  # every day, every name
    assert len(cached.holidays) > 900


def test_explanations_name_the_holidays_from_the_cache(cache, monkeypatch, generated):
    _count_generating(monkeypatch, generated)
    uk._calendar.__wrapped__("england-and-wales", "ENG")
    _forbid_generating(monkeypatch)
    calendar = uk._calendar.__wrapped__("england-and-wales", "ENG")
    assert calendar.non_working_reason(dt.date(2026, 12, 26)) == "Saturday, Boxing Day"
    assert calendar.non_working_reason(dt.date(2026, 12, 28)) == "Boxing Day (observed)"
    assert calendar.add_working_days(dt.date(2026, 12, 24), 1) == dt.date(2026, 12, 29)


def _rewrite(path: Path, change: Callable[[dict[str, Any]], None], *, reseal: bool) -> None:
    """Change the stored JSON; with ``reseal`` the checksum is made to match again."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    if reseal:
        data["sha256"] = holiday_lists._checksum(data["header"], data["days"])
    path.write_text(json.dumps(data), encoding="utf-8")


def _set_day(index: int, entry: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["days"][index] = entry

    return change


def _set_header(field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["header"][field] = value

    return change


# Each spoils a good cache file: bytes that are not a list, an edit the checksum
# catches, or an edit made with the checksum recomputed, which the checks
# of the header and of every entry must catch.
DAMAGE: dict[str, Callable[[Path], None]] = {
    "empty": lambda path: path.write_bytes(b""),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
    "not utf-8": lambda path: path.write_bytes(b"\xff\xfe" + path.read_bytes()),
    "not json": lambda path: path.write_text("days: Christmas", encoding="utf-8"),
    "a json list": lambda path: path.write_text("[]", encoding="utf-8"),
    "nested too deep": lambda path: path.write_text("[" * 100_000, encoding="utf-8"),
    "a name edited": lambda path: path.write_text(
        path.read_text(encoding="utf-8").replace("Christmas Day", "Workday"), encoding="utf-8"
    ),
    "a day dropped": lambda path: _rewrite(path, lambda d: d["days"].pop(3), reseal=False),
    "checksum missing": lambda path: _rewrite(path, lambda d: d.pop("sha256"), reseal=False),
    "another holidays version": lambda path: _rewrite(
        path, _set_header("holidays_version", "0.1"), reseal=True
    ),
    "another format": lambda path: _rewrite(path, _set_header("format", 0), reseal=True),
    "format as a float": lambda path: _rewrite(path, _set_header("format", 1.0), reseal=True),
    "other years": lambda path: _rewrite(path, _set_header("last_year", 2050), reseal=True),
    "another subdivision": lambda path: _rewrite(
        path, _set_header("subdivision", "SCT"), reseal=True
    ),
    "a day before the range": lambda path: _rewrite(
        path, _set_day(0, ["1989-12-25", "Christmas Day"]), reseal=True
    ),
    "a day after the range": lambda path: _rewrite(
        path, _set_day(-1, ["2101-01-01", "New Year's Day"]), reseal=True
    ),
    "a day that does not exist": lambda path: _rewrite(
        path, _set_day(0, ["1990-02-30", "New Year's Day"]), reseal=True
    ),
    "a date not in YYYY-MM-DD": lambda path: _rewrite(
        path, _set_day(0, ["19900101", "New Year's Day"]), reseal=True
    ),
    "a date as a number": lambda path: _rewrite(
        path, _set_day(0, [19900101, "New Year's Day"]), reseal=True
    ),
    "a name as a number": lambda path: _rewrite(path, _set_day(0, ["1990-01-01", 1]), reseal=True),
    "an empty name": lambda path: _rewrite(path, _set_day(0, ["1990-01-01", " "]), reseal=True),
    "an entry of three": lambda path: _rewrite(
        path, _set_day(0, ["1990-01-01", "New Year's Day", "x"]), reseal=True
    ),
    "a day twice": lambda path: _rewrite(
        path, lambda d: d["days"].insert(1, d["days"][0]), reseal=True
    ),
    "days out of order": lambda path: _rewrite(path, lambda d: d["days"].reverse(), reseal=True),
    "days not a list": lambda path: _rewrite(
        path, lambda d: d.update(days={"1990-01-01": "New Year's Day"}), reseal=True
    ),
    "an extra field": lambda path: _rewrite(path, lambda d: d.update(extra=1), reseal=True),
    "writable by others": lambda path: path.chmod(0o666),
    "far too large": lambda path: path.write_bytes(b" " * (holiday_lists.MAX_BYTES + 1)),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_cache_is_generated_again_and_rewritten(cache, monkeypatch, generated, damage):
    calls = _count_generating(monkeypatch, generated)
    assert holiday_list(ENGLAND) == generated(ENGLAND)
    path = _cached_file(cache)
    damage(path)
    assert holiday_list(ENGLAND) == generated(ENGLAND)
    assert calls == [ENGLAND, ENGLAND]
    assert _cached_file(cache) == path  # rewritten in place, no temporary file left
    _forbid_generating(monkeypatch)
    assert holiday_list(ENGLAND) == generated(ENGLAND)


def test_the_cache_is_keyed_on_the_holidays_version(cache, monkeypatch, generated):
    calls = _count_generating(monkeypatch, generated)
    holiday_list(ENGLAND)
    monkeypatch.setattr(holiday_lists, "_package_version", lambda: "999.0")
    holiday_list(ENGLAND)
    assert calls == [ENGLAND, ENGLAND]
    assert len(list(cache.iterdir())) == 2
    assert any("999.0" in path.name for path in cache.iterdir())


def test_a_folder_in_the_way_of_the_file_costs_time_not_correctness(cache, monkeypatch, generated):
    calls = _count_generating(monkeypatch, generated)
    holiday_list(ENGLAND)
    path = _cached_file(cache)
    path.unlink()
    path.mkdir()  # neither readable as the list nor replaceable by it
    assert holiday_list(ENGLAND) == generated(ENGLAND)
    assert holiday_list(ENGLAND) == generated(ENGLAND)
    assert len(calls) == 3
    assert list(cache.iterdir()) == [path]  # no temporary file left behind


def test_without_a_writable_cache_folder_the_lists_are_generated(tmp_path, monkeypatch, generated):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(blocker / "cache"))
    calls = _count_generating(monkeypatch, generated)
    assert holiday_list(ENGLAND) == generated(ENGLAND)
    assert holiday_list(ENGLAND) == generated(ENGLAND)
    assert len(calls) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_an_empty_cache_variable_turns_the_cache_off(tmp_path, monkeypatch, generated):
    monkeypatch.setenv(CACHE_DIR_VARIABLE, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    calls = _count_generating(monkeypatch, generated)
    assert holiday_list(ENGLAND) == generated(ENGLAND)
    assert holiday_list(ENGLAND) == generated(ENGLAND)
    assert len(calls) == 2
    assert list(tmp_path.iterdir()) == []


def _python(code: str, **env: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=True,
    ).stdout.strip()


EXPLAIN = (
    "import sys, datetime as dt\n"
    "from timescale_dsl.calendars import england_and_wales\n"
    "calendar = england_and_wales()\n"
    "print('holidays' in sys.modules, calendar.non_working_reason(dt.date(2026, 12, 28)))\n"
)


def test_a_process_reading_the_cache_does_not_import_holidays(tmp_path):
    cache = str(tmp_path / "cache")
    assert _python(EXPLAIN, TIMESCALE_DSL_CACHE_DIR=cache) == "True Boxing Day (observed)"
    assert _python(EXPLAIN, TIMESCALE_DSL_CACHE_DIR=cache) == "False Boxing Day (observed)"


def test_names_are_british_english_whatever_the_locale(tmp_path):
    # `holidays` follows LANG when no language is asked for: an analyst's Thai
    # locale must not turn the explanations (or the shared cache) into Thai.
    thai = {"LANG": "th_TH.UTF-8", "LANGUAGE": "th", "LC_ALL": "", "LC_MESSAGES": ""}
    assert _python(EXPLAIN, TIMESCALE_DSL_CACHE_DIR="", **thai) == "True Boxing Day (observed)"
    cache = str(tmp_path / "cache")
    assert _python(EXPLAIN, TIMESCALE_DSL_CACHE_DIR=cache, **thai) == "True Boxing Day (observed)"
    assert _python(EXPLAIN, TIMESCALE_DSL_CACHE_DIR=cache) == "False Boxing Day (observed)"


def test_the_holidays_version_is_read_from_its_dist_info_folder_as_its_metadata_has_it():
    from importlib import metadata

    assert holiday_lists._dist_info_version() == metadata.version("holidays")
    assert holiday_lists._package_version() == metadata.version("holidays")


def test_two_dist_info_folders_of_holidays_leave_the_version_to_its_metadata(tmp_path, monkeypatch):
    import importlib.machinery
    import importlib.util
    from importlib import metadata

    package = tmp_path / "holidays"
    package.mkdir()
    (tmp_path / "holidays-0.1.dist-info").mkdir()
    (tmp_path / "holidays-0.2.dist-info").mkdir()
    spec = importlib.machinery.ModuleSpec("holidays", None, is_package=True)
    spec.submodule_search_locations = [str(package)]
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    assert holiday_lists._dist_info_version() is None  # which of the two is installed?
    assert holiday_lists._package_version() == metadata.version("holidays")
    (tmp_path / "holidays-0.1.dist-info").rmdir()
    assert holiday_lists._dist_info_version() == "0.2"


def test_without_the_holidays_package_there_is_no_version_to_key_on(monkeypatch):
    import importlib.util
    from importlib import metadata

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert holiday_lists._dist_info_version() is None

    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    assert holiday_lists._package_version() is None
