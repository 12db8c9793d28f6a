"""``timescale import``, ``timescale diff`` and ``timescale export``: thin wrappers.

Registered into the main command by ``timescale_dsl.cli``. Readers and
writers are imported when a command runs, so the rest of the CLI stays light.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..calendars.registry import CALENDAR_NAMES
from ..cli import UsageError

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def _same_file(output: str, inputs: list[str]) -> bool:
    target = Path(output).resolve()
    return any(name != "-" and Path(name).resolve() == target for name in inputs)


def _write(output: str | None, text: str, inputs: list[str], force: bool = False) -> None:
    """Write ``text`` to ``output`` (stdout when None), never over an input."""
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    if _same_file(output, inputs):
        raise UsageError(f"{output}: is an input; write the output to another file")
    if Path(output).exists() and not force:
        raise UsageError(f"{output}: already exists; choose another name or give --force")
    Path(output).write_text(text, encoding="utf-8", newline="")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD") from None


# -- import ----------------------------------------------------------------------
def cmd_import(args: argparse.Namespace) -> int:
    from .columns import parse_overrides
    from .importer import import_tables
    from .tables import TableError, read_tables

    path = Path(args.table)
    if args.table == "-":
        if args.format in (None, "xlsx"):
            raise TableError("reading a table from stdin needs --format csv, tsv or markdown")
        tables = read_tables(Path("<stdin>"), sys.stdin.read(), args.format)
    else:
        if not path.is_file():
            raise UsageError(f"{path}: no such file")
        tables = read_tables(path, table_format=args.format)
    origin = "<stdin>" if args.table == "-" else path.name
    draft = import_tables(
        tables,
        origin=origin,
        title=args.title,
        calendar=args.calendar,
        overrides=parse_overrides(args.column),
    )
    _write(args.output, draft.text, [args.table], args.force)
    summary = draft.summary
    out = sys.stdout if args.output not in (None, "-") else sys.stderr
    print(f"{origin}: {summary}", file=out)
    for problem in summary.problems:
        print(f"  draft problem: {problem.message}", file=out)
    return EXIT_INPUT if summary.problems else EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    importing = commands.add_parser(
        "import",
        help="a draft rule file from a framework table (CSV, TSV, Markdown, xlsx)",
        description="Read a council's framework table and write a draft rule file: every "
        "row becomes a rule; wordings the language reads are computable, the rest are "
        "'no fixed timescale' with a note saying what stopped them.",
    )
    importing.add_argument("table", metavar="TABLE", help="the table file, or - for stdin")
    importing.add_argument("-o", "--output", metavar="OUT", help="write the draft here")
    importing.add_argument(
        "--format", choices=("csv", "tsv", "markdown", "xlsx"), help="default: from the name"
    )
    importing.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="HEADER=ROLE",
        help="give a column a role (task, timescale, process, section, recorded in, form, "
        "record timescale, recorded by, id, source, note, ignore); repeatable",
    )
    importing.add_argument("--title", help="the draft's title (default: the file's name)")
    importing.add_argument(
        "--calendar",
        choices=CALENDAR_NAMES,
        default="england-and-wales",
        help="the draft's calendar",
    )
    importing.add_argument("--force", action="store_true", help="replace an existing OUT")
    importing.set_defaults(handler=cmd_import)
