"""What every ``timescale`` command shares: usage errors, exit statuses, ruleset and date arguments.

cli.py builds the command line and registers the commands of reporting/,
framework/ and lsp/; those modules import this one, never cli.py, so the
dependency runs one way.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import FactValueError, RulesetFileError

if TYPE_CHECKING:
    from .ruleset import Ruleset

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130


class UsageError(Exception):
    """Bad arguments or a missing file: exit status 2."""


def load_ruleset_argument(path: str) -> Ruleset:
    """A ruleset argument: a file, or a bundled ruleset's name ("lcs-liquidlogic")."""
    from .binding import load_ruleset  # the evaluation machinery, only when needed

    try:
        return load_ruleset(path)
    except RulesetFileError as error:
        if Path(path).exists():
            raise  # there but unreadable (not UTF-8, no permission): an input error
        raise UsageError(str(error)) from None  # no such file: a usage error


def moment_argument(text: str) -> dt.date:
    """A date or date-time argument, written as a fact's value is (``parse_when``)."""
    from .facts import parse_when  # (and its time zones: `timescale check` never loads them)

    try:
        return parse_when(text)
    except FactValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def date_argument(text: str) -> dt.date:
    """A date argument: ISO 8601 (2026-12-24, 20261224, 2026-W52-4) or day-first (24/12/2026)."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        pass
    from .facts import parse_when

    try:
        value = parse_when(text)
    except FactValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date: write it as 2026-12-31 or 31/12/2026"
        ) from None
    if isinstance(value, dt.datetime):
        raise argparse.ArgumentTypeError(f"'{text}': give a date without a time")
    return value
