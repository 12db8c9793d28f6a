"""Unexpected failures put in one line for the command line, never as a traceback.

The library raises its own errors (:class:`~timescale_dsl.errors.TimescaleError`)
for every input it refuses; anything else reaching the command line is a
file the system would not give (permissions, encoding, a full disk) or a
bug, and is said in one line. ``timescale --debug`` shows the traceback.
"""

from __future__ import annotations

from pathlib import Path

from .errors import Diagnostic, Severity, Span

UNREADABLE_CODE = "TS000"


def describe_failure(error: BaseException) -> str:
    """One line for an exception that is not the library's own."""
    if isinstance(error, UnicodeDecodeError):
        return f"not UTF-8 text (byte {error.start}): save the file as UTF-8"
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror or error}"
    if isinstance(error, RecursionError | MemoryError):
        return f"the input is too large to process ({type(error).__name__})"
    return (
        f"internal error ({type(error).__name__}: {error}); "
        "please report it, with the output of the same command run with --debug"
    )


def unreadable_file(path: Path, error: BaseException) -> Diagnostic:
    """A rule file that could not be read or checked, as a finding of its own."""
    return Diagnostic(
        UNREADABLE_CODE,
        Severity.ERROR,
        f"could not check this file: {describe_failure(error)}",
        Span(str(path), 1, 1),
    )
