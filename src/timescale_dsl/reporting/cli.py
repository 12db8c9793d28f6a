"""``timescale report`` and ``timescale sample-data``: thin wrappers over the reporting API.

Registered into the main command by ``timescale_dsl.cli`` when this package
is present. Nothing heavy is imported until a command runs, so the rest of
the CLI works without pandas and pyarrow; these commands then say which
extra to install.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from ..commands import UsageError, date_argument, load_ruleset_argument, moment_argument
from ..paths import check_outputs, check_table_suffixes

EXIT_OK, EXIT_REJECTED = 0, 1
FORMATS = ("table", "csv", "json", "html")
MAX_SAMPLE_ROWS = 100_000_000  # a made-up log larger than this would not fit in memory


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = commands.add_parser(
        "report",
        help="measure recording timeliness over an event log",
        description="Measure each row of an event log (CSV, Excel .xlsx or Parquet) against a "
        "ruleset: due date, status (on_time, late, early, overdue, open) and lateness; "
        "summarise per rule and per grouping columns.",
    )
    report.add_argument("ruleset", metavar="RULESET")
    report.add_argument("events", metavar="EVENTS", help="event log: .csv, .xlsx or .parquet")
    report.add_argument(
        "--as-of",
        type=moment_argument,
        default=None,
        metavar="DATE",
        help="decides overdue versus open (default: today); YYYY-MM-DD or DD/MM/YYYY",
    )
    report.add_argument(
        "--by",
        nargs="+",
        action="extend",
        default=[],
        metavar="COLUMN",
        help="also summarise per these columns (e.g. team worker due_month)",
    )
    report.add_argument(
        "--format",
        choices=FORMATS,
        help="summary format (default: from -o's name, .html .json .csv, else table)",
    )
    report.add_argument("-o", "--output", metavar="FILE", help="write the summary here")
    report.add_argument("--rows-out", metavar="FILE", help="every measured row: .csv or .parquet")
    report.add_argument(
        "--rejects", metavar="FILE", help="rejected rows with row, column and reason (.csv)"
    )
    report.add_argument(
        "--strict", action="store_true", help="exit with status 1 if any row is rejected"
    )
    report.add_argument("--child-column", default="child_id", metavar="NAME")
    report.add_argument("--rule-column", default="rule", metavar="NAME")
    report.add_argument("--completed-column", default="completed_at", metavar="NAME")
    report.add_argument("--calendar", metavar="NAME", help="instead of the ruleset's calendar")
    report.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="COLUMN=FACT",
        help="this input column feeds this fact, or child_id, rule or completed_at "
        "(repeatable), e.g. 'Actual Meeting Date=actual meeting'",
    )
    report.add_argument(
        "--columns-file",
        metavar="FILE",
        help="column mappings, one 'COLUMN = FACT' a line (# comments)",
    )
    report.add_argument(
        "--chase-out",
        metavar="FILE",
        help="the chase list: late and overdue records per team, worst first (.csv or .parquet)",
    )
    report.add_argument(
        "--due-within",
        type=_positive,
        metavar="N",
        help="the chase list also has open records due within N working days of the as-of date",
    )
    report.add_argument("--sheet", metavar="NAME", help="the worksheet of an .xlsx input")
    report.add_argument(
        "--date-style",
        choices=("iso", "uk"),
        default="iso",
        help="dates in the per-row and chase outputs: iso 2026-03-31, uk 31/03/2026",
    )
    report.add_argument(
        "--no-progress", action="store_true", help="no progress bar, even on a terminal"
    )
    report.set_defaults(handler=cmd_report)

    sample = commands.add_parser(
        "sample-data",
        help="write a synthetic (made-up) event log for a ruleset",
        description="A realistic but entirely made-up event log for a ruleset, for trying the "
        "report, tests and benchmarks. Seeded: the same seed gives the same file.",
    )
    sample.add_argument("ruleset", metavar="RULESET")
    sample.add_argument("--rows", type=_positive, default=1000, metavar="N")
    sample.add_argument("--seed", type=int, default=0, metavar="S")
    sample.add_argument("-o", "--output", required=True, metavar="FILE", help=".csv or .parquet")
    sample.add_argument("--start", type=date_argument, default=dt.date(2025, 4, 1), metavar="DATE")
    sample.add_argument("--end", type=date_argument, default=dt.date(2026, 3, 31), metavar="DATE")
    sample.add_argument(
        "--date-style",
        choices=("iso", "uk"),
        default="iso",
        help="iso: 2026-03-31 14:30; uk: 31/03/2026 14:30",
    )
    sample.set_defaults(handler=cmd_sample)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= value <= MAX_SAMPLE_ROWS:
        raise argparse.ArgumentTypeError(f"give 1 to {MAX_SAMPLE_ROWS:,}")
    return value


def _needs_extra() -> Any:
    return UsageError("this command needs pandas and pyarrow: pip install 'timescale-dsl[report]'")


#: The summary format a file's name asks for, when --format does not say.
_FORMAT_OF_SUFFIX = {".html": "html", ".htm": "html", ".json": "json", ".csv": "csv"}


def chosen_format(given: str | None, output: str | None) -> str:
    """--format as given; else the one -o's name asks for (``report.html``); else a table.
    A format given that -o's name contradicts is kept, with a warning."""
    suffix = Path(output).suffix.lower() if output else ""
    named = _FORMAT_OF_SUFFIX.get(suffix)
    if given is None:
        return named or "table"
    if named is not None and named != given:
        print(
            f"timescale: warning: -o {output} is named as {named} but holds --format {given}",
            file=sys.stderr,
        )
    return given


def cmd_report(args: argparse.Namespace) -> int:
    if not Path(args.events).is_file():
        raise UsageError(f"{args.events}: no such file")
    check_outputs(
        [
            ("RULESET", args.ruleset),
            ("EVENTS", args.events),
            ("--columns-file", args.columns_file),
        ],
        [
            ("-o", args.output),
            ("--rows-out", args.rows_out),
            ("--rejects", args.rejects),
            ("--chase-out", args.chase_out),
        ],
    )
    check_table_suffixes(
        [
            ("--rows-out", args.rows_out),
            ("--rejects", args.rejects),
            ("--chase-out", args.chase_out),
        ]
    )
    args.format = chosen_format(args.format, args.output)
    try:
        from .memory import configure_memory
        from .reading.readahead import ReadAhead

        configure_memory()  # pages it can reuse: see .memory
        # Begun before pandas and the rest are imported: the read runs while they load.
        ahead = ReadAhead(args.events, args.sheet)
        from .api import report_files
    except ImportError:
        raise _needs_extra() from None
    if args.due_within is not None and args.chase_out is None and args.format != "html":
        print(
            f"timescale: warning: --due-within {args.due_within} adds to the chase list, "
            "which this run does not make: give --chase-out FILE (or --format html)",
            file=sys.stderr,
        )
    ruleset = load_ruleset_argument(args.ruleset)
    roles, facts = _mappings(args)
    outcome = report_files(
        ruleset,
        args.events,
        as_of=args.as_of or dt.date.today(),
        by=args.by,
        summary_format=args.format,
        output=args.output,
        rows_out=args.rows_out,
        rejects_out=args.rejects,
        child_column=roles.get("child_id", args.child_column),
        rule_column=roles.get("rule", args.rule_column),
        completed_column=roles.get("completed_at", args.completed_column),
        calendar_name=args.calendar,
        progress=not args.no_progress,
        fact_columns=facts,
        chase_out=args.chase_out,
        due_within=args.due_within,
        sheet=args.sheet,
        date_style=args.date_style,
        read=ahead.result,
    )
    if args.output is None:
        sys.stdout.write(outcome.text)
    for fact, column, how in outcome.summary.columns_used:
        if how != "by name":  # only what the analyst may not expect
            print(f"timescale: column '{column}' feeds fact '{fact}' ({how})", file=sys.stderr)
    _tell_rejects(outcome.summary, outcome.first_rejects, args.rejects)
    for warning in outcome.summary.warnings:
        print(f"timescale: warning: {warning}", file=sys.stderr)
    if args.strict and outcome.summary.rows_rejected:
        return EXIT_REJECTED
    return EXIT_OK


def _mappings(args: argparse.Namespace) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """--column and --columns-file: the child, rule and completion columns, then fact columns."""
    from ..syntax.names import column_key
    from .reading.mapping import MappingError, parse_mapping, read_mapping_file

    try:
        pairs = read_mapping_file(args.columns_file) if args.columns_file else []
        pairs += [parse_mapping(text, "--column") for text in args.column]
    except MappingError as error:
        raise UsageError(str(error)) from None
    roles: dict[str, str] = {}
    facts: list[tuple[str, str]] = []
    for column, target in pairs:
        role = column_key(target).replace(" ", "_")
        if role in ("child_id", "rule", "completed_at"):
            roles[role] = column
        else:
            facts.append((column, target))
    return roles, facts


def _tell_rejects(summary: Any, first: list[tuple[int, str, str]], path: str | None) -> None:
    if not summary.rows_rejected:
        return
    where = f"written to {path}" if path else "write them all with --rejects FILE"
    print(
        f"timescale: {summary.rows_rejected} of {summary.rows_read} row(s) rejected ({where})",
        file=sys.stderr,
    )
    if path is None:
        for row, column, reason in first:
            at = f", column {column}" if column else ""
            print(f"  row {row}{at}: {reason}", file=sys.stderr)
        if summary.rows_rejected > len(first):
            print(f"  ... and {summary.rows_rejected - len(first)} more", file=sys.stderr)


def cmd_sample(args: argparse.Namespace) -> int:
    try:
        from .rendering.render import write_table
        from .sample import SampleOptions, sample_events
    except ImportError:
        raise _needs_extra() from None
    if args.end < args.start:
        raise UsageError("--end is before --start")
    check_outputs([("RULESET", args.ruleset)], [("-o", args.output)])
    check_table_suffixes([("-o", args.output)])
    ruleset = load_ruleset_argument(args.ruleset)
    frame = sample_events(
        ruleset, SampleOptions(args.rows, args.seed, args.start, args.end, args.date_style)
    )
    write_table(frame, args.output)
    print(f"wrote {len(frame)} made-up rows to {args.output}", file=sys.stderr)
    return EXIT_OK
