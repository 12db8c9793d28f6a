"""What `timescale check` does at start: no heavy imports, parser tables from a private cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import timescale_dsl
from timescale_dsl.errors import edit_distance, one_edit_apart
from timescale_dsl.syntax import parser_cache

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=True,
    )


def test_check_imports_neither_numpy_nor_holidays():
    code = (
        "import sys, io, contextlib\n"
        "from timescale_dsl.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main(['check', {str(ROOT / 'rulesets')!r}])\n"
        "print(status, sorted(m for m in ('numpy', 'holidays', 'pandas') if m in sys.modules))\n"
    )
    assert _python(code).stdout.strip() == "0 []"


def test_check_loads_no_calendar_time_zones_nor_formatter():
    # Checking names a calendar without building one, and reads no fact values.
    unused = (
        "timescale_dsl.calendars.uk",
        "timescale_dsl.calendars.holiday_lists",
        "timescale_dsl.facts",
        "zoneinfo",
        "timescale_dsl.syntax.format",
    )
    code = (
        "import sys, io, contextlib\n"
        "from timescale_dsl.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main(['check', {str(ROOT / 'rulesets')!r}])\n"
        f"print(status, sorted(m for m in {unused!r} if m in sys.modules))\n"
    )
    assert _python(code).stdout.strip() == "0 []"


def test_every_public_name_resolves():
    for name in timescale_dsl.__all__:
        assert getattr(timescale_dsl, name) is not None
    assert set(dir(timescale_dsl)) >= set(timescale_dsl.__all__)


def test_cache_goes_to_the_folder_asked_for_and_is_keyed_on_the_grammar(tmp_path, monkeypatch):
    monkeypatch.setenv(parser_cache.CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    first = parser_cache.cache_file("start: 'a'")
    second = parser_cache.cache_file("start: 'b'")
    assert first is not None and second is not None
    assert Path(first).parent == tmp_path / "cache"
    assert first != second
    assert parser_cache.cache_file("start: 'a'") == first


def test_cache_is_keyed_on_the_build_options_too(tmp_path, monkeypatch):
    # Two builds of one grammar with different options (two installed versions,
    # two working copies) must not overwrite each other's tables on every run.
    monkeypatch.setenv(parser_cache.CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    contextual = parser_cache.cache_file("start: 'a'", "lexer=contextual")
    shared = parser_cache.cache_file("start: 'a'", "lexer=shared")
    assert contextual is not None and shared is not None
    assert contextual != shared
    assert parser_cache.cache_file("start: 'a'", "lexer=shared") == shared


def test_no_cache_when_turned_off_or_nowhere_to_write(tmp_path, monkeypatch):
    monkeypatch.setenv(parser_cache.CACHE_DIR_VARIABLE, "")
    assert parser_cache.cache_file("g") is None
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(parser_cache.CACHE_DIR_VARIABLE, str(blocker / "cache"))
    assert parser_cache.cache_file("g") is None


def test_default_cache_is_per_user_not_the_install_or_temp_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(parser_cache.CACHE_DIR_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = parser_cache.user_cache_dir()
    package = Path(timescale_dsl.__file__).resolve().parent
    assert package not in folder.parents
    if sys.platform.startswith("linux"):
        assert folder == tmp_path / "xdg" / "timescale-dsl"


PARSE = (
    "from timescale_dsl import parse_ruleset\n"
    "print(len(parse_ruleset('Visit within 5 working days of referral\\n')))\n"
)


def test_tables_are_written_once_then_loaded_and_a_damaged_cache_is_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    assert _python(PARSE, TIMESCALE_DSL_CACHE_DIR=str(cache)).stdout.strip() == "1"
    (written,) = cache.glob("grammar-*")  # the bank-holiday list is cached beside it
    stamp = written.stat().st_mtime_ns
    assert _python(PARSE, TIMESCALE_DSL_CACHE_DIR=str(cache)).stdout.strip() == "1"
    assert written.stat().st_mtime_ns == stamp  # loaded, not rewritten
    written.write_bytes(b"garbage\n")
    assert _python(PARSE, TIMESCALE_DSL_CACHE_DIR=str(cache)).stdout.strip() == "1"
    assert written.read_bytes() != b"garbage\n"


def test_parses_without_any_cache(tmp_path):
    assert _python(PARSE, TIMESCALE_DSL_CACHE_DIR="").stdout.strip() == "1"


@given(st.text("abcw", max_size=7), st.text("abcw", max_size=7))
def test_one_edit_apart_agrees_with_edit_distance(a, b):
    assert one_edit_apart(a, b) == (edit_distance(a, b) == 1)
