"""The private folder where the library keeps what it derives between runs.

Two things are cached there: the grammar's parser tables
(syntax/parser_cache.py) and the UK bank-holiday lists
(calendars/holiday_lists.py). The folder is the user's own cache folder,
never the install location (which may be read-only) and never a shared
temporary folder (another user could plant files there). Set
``TIMESCALE_DSL_CACHE_DIR`` to a folder to cache there instead, or to an
empty value to cache nothing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: Set to a folder to cache there, or to an empty string to cache nothing.
CACHE_DIR_VARIABLE = "TIMESCALE_DSL_CACHE_DIR"


def user_cache_dir() -> Path:
    """The platform's per-user cache folder for this library."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "timescale-dsl" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "timescale-dsl"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "timescale-dsl"


def private_cache_folder() -> Path | None:
    """The folder to cache in, created if need be; None if caching is off or it is not writable."""
    chosen = os.environ.get(CACHE_DIR_VARIABLE)
    if chosen == "":
        return None
    folder = Path(chosen) if chosen else user_cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    if not os.access(folder, os.W_OK | os.X_OK):
        return None
    return folder
