"""Where outputs may go: never onto an input, never twice in one run, always somewhere writable.

Checked before anything is read, so a mistyped ``-o events.csv`` costs
nothing. Paths are compared after following symbolic links, and files that
exist are compared by identity, so a hard link or a second spelling of the
same file is caught too.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .errors import TimescaleError

PathLike = str | os.PathLike[str]


class OutputPathError(TimescaleError, ValueError):
    """An output path that would overwrite an input or another output, or cannot be written."""


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def check_outputs(
    inputs: Sequence[tuple[str, PathLike | None]],
    outputs: Sequence[tuple[str, PathLike | None]],
) -> None:
    """Refuse outputs that would overwrite an input or each other, or cannot be created.

    ``inputs`` and ``outputs`` are (label, path) pairs; the labels name the
    argument in messages (``"--rows-out"``, ``"EVENTS"``). Inputs and outputs
    given as None are not asked for and are skipped.
    """
    given = [(label, Path(path)) for label, path in outputs if path is not None]
    for position, (label, path) in enumerate(given):
        for input_label, source in inputs:
            if source is not None and _same(path, Path(source)):
                raise OutputPathError(
                    f"{label} {path} is the input {input_label}: an output never overwrites "
                    "an input; write it somewhere else"
                )
        for other_label, other in given[:position]:
            if _same(path, other):
                raise OutputPathError(
                    f"{label} {path} is also {other_label}: give each output its own file"
                )
        if path.is_dir():
            raise OutputPathError(f"{label} {path} is a folder: give a file name")
        folder = path.parent
        if not folder.is_dir():
            raise OutputPathError(f"{label} {path}: the folder {folder} does not exist")


#: What a per-row table may be written as: CSV (any of these names) or Parquet.
TABLE_SUFFIXES = (".csv", ".txt", ".parquet", ".pq")


def check_table_suffixes(outputs: Sequence[tuple[str, PathLike | None]]) -> None:
    """Refuse a per-row output named as a kind of file it would not be: rows written
    to ``rows.xlsx`` would be CSV text that Excel refuses to open."""
    for label, path in outputs:
        if path is None:
            continue
        suffix = Path(path).suffix.lower()
        if suffix and suffix not in TABLE_SUFFIXES:
            advice = " (Excel opens a .csv)" if suffix in (".xlsx", ".xlsm", ".xls", ".ods") else ""
            raise OutputPathError(
                f"{label} {path}: rows are written as CSV or Parquet, not as '{suffix}': "
                f"name the file .csv or .parquet{advice}"
            )
