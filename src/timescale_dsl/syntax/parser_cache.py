"""Where the grammar's parser tables are cached between runs.

Building the LALR tables from the grammar takes most of a second; loading them
takes a few milliseconds. Lark writes and checks the cache itself (the file
starts with a hash of the grammar text, Lark's options and version, so a
changed grammar is rebuilt and rewritten). This module only picks a private,
writable place for it: the user's cache folder, never the install location
(which may be read-only) and never a shared temporary folder (the cache is a
pickle, and loading a pickle someone else wrote would run their code).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import lark

#: Set to a folder to cache there, or to an empty string to build the tables every time.
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


def cache_file(grammar: str, options: str = "") -> str | None:
    """The cache file for a grammar text and build options; None when nowhere private is writable.

    The options are in the file's name as well as in Lark's own check inside
    it, so that two builds that differ only in their options (two installed
    versions of this library, two working copies) keep a file each instead of
    overwriting each other's on every run.
    """
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
    digest = hashlib.sha256(f"{grammar}\0{options}".encode()).hexdigest()[:20]
    version = f"lark{lark.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
    return str(folder / f"grammar-{digest}-{version}.lark-cache")
