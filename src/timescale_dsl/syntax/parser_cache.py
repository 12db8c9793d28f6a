"""Where the grammar's parser tables are cached between runs.

Building the LALR tables from the grammar takes most of a second; loading them
takes a few milliseconds. Lark writes and checks the cache itself (the file
starts with a hash of the grammar text, Lark's options and version, so a
changed grammar is rebuilt and rewritten). This module only picks a private,
writable place for it (cache_folder.py): the user's cache folder, never the
install location (which may be read-only) and never a shared temporary folder
(the cache is a pickle, and loading a pickle someone else wrote would run
their code).
"""

from __future__ import annotations

import hashlib
import sys

import lark

from ..cache_folder import CACHE_DIR_VARIABLE, private_cache_folder, user_cache_dir

__all__ = ["CACHE_DIR_VARIABLE", "cache_file", "user_cache_dir"]


def cache_file(grammar: str, options: str = "") -> str | None:
    """The cache file for a grammar text and build options; None when nowhere private is writable.

    The options are in the file's name as well as in Lark's own check inside
    it, so that two builds that differ only in their options (two installed
    versions of this library, two working copies) keep a file each instead of
    overwriting each other's on every run.
    """
    folder = private_cache_folder()
    if folder is None:
        return None
    digest = hashlib.sha256(f"{grammar}\0{options}".encode()).hexdigest()[:20]
    version = f"lark{lark.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
    return str(folder / f"grammar-{digest}-{version}.lark-cache")
