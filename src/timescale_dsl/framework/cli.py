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
from ..commands import EXIT_INPUT, EXIT_OK, EXIT_USAGE, UsageError, date_argument


def _same_file(output: str, inputs: list[str]) -> bool:
    """True when ``output`` names an input, by path or (links) by the file itself."""
    target = Path(output)
    for name in inputs:
        if name == "-":
            continue
        source = Path(name)
        if target.resolve() == source.resolve():
            return True
        if target.exists() and source.exists() and target.samefile(source):
            return True
    return False


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


# -- diff ------------------------------------------------------------------------
def _read_ruleset_text(name: str, stdin_used: list[bool]) -> str:
    if name == "-":
        if stdin_used:
            raise UsageError("only one side of a diff can be - (stdin)")
        stdin_used.append(True)
        return sys.stdin.read()
    path = Path(name)
    if not path.is_file():
        raise UsageError(f"{name}: no such file")
    return path.read_text(encoding="utf-8-sig")


def cmd_diff(args: argparse.Namespace) -> int:
    """Exit 0 when nothing changed in meaning, 1 when something did, 2 on any error."""
    import json

    from ..binding import parse_ruleset
    from ..errors import RulesetError, TimescaleError, render_diagnostic
    from .diff import diff_rulesets, render_diff

    today = dt.date.today()
    first = args.first or today
    last = args.last or first + dt.timedelta(days=365)
    try:
        if last < first:
            raise UsageError(f"--to {last} is before --from {first}")
        if (last - first).days > 3660:
            raise UsageError("compare at most ten years of anchor dates (--from/--to)")
        stdin_used: list[bool] = []
        texts = [_read_ruleset_text(name, stdin_used) for name in (args.old, args.new)]
        sides = [
            parse_ruleset(text, "<stdin>" if name == "-" else name)
            for name, text in zip((args.old, args.new), texts, strict=True)
        ]
        diff = diff_rulesets(sides[0], sides[1], first, last, (texts[0], texts[1]))
    except RulesetError as error:
        for diagnostic in error.diagnostics:
            print(render_diagnostic(diagnostic), file=sys.stderr)
        return EXIT_USAGE
    except (UsageError, TimescaleError, UnicodeDecodeError, OSError) as error:
        print(f"timescale: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps(diff.to_dict(), indent=2, default=str))
    else:
        sys.stdout.write(render_diff(diff))
    return EXIT_INPUT if diff.meaning_changed else EXIT_OK


# -- export ----------------------------------------------------------------------
_EXPORT_SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
}


def _export_format(given: str | None, output: str | None) -> str:
    """--format as given, else the one -o's name asks for."""
    if given is not None:
        return given
    named = _EXPORT_SUFFIXES.get(Path(output).suffix.lower()) if output not in (None, "-") else None
    if named is None:
        raise UsageError(
            "give --format markdown, html or csv (or an -o name ending .md, .html or .csv)"
        )
    return named


def cmd_export(args: argparse.Namespace) -> int:
    from ..binding import load_ruleset
    from .staff_table import export

    if not Path(args.ruleset).is_file():
        raise UsageError(f"{args.ruleset}: no such file")
    if args.output not in (None, "-") and _same_file(args.output, [args.ruleset]):
        raise UsageError(f"{args.output}: is the input; write the export to another file")
    text = export(load_ruleset(args.ruleset), _export_format(args.format, args.output))
    _write(args.output, text, [args.ruleset], force=True)
    return EXIT_OK


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

    diff = commands.add_parser(
        "diff",
        help="what changed between two versions of a rule file, by effect on deadlines",
        description="Compare two versions of a rule file: rules added, removed and changed; "
        "for a changed rule, whether its deadlines move over a range of anchor dates. "
        "Exit 0 when nothing changed in meaning, 1 when something did, 2 on error.",
    )
    diff.add_argument("old", metavar="OLD", help="the earlier version, or - for stdin")
    diff.add_argument("new", metavar="NEW", help="the later version, or - for stdin")
    diff.add_argument("--json", action="store_true", help="the differences as JSON")
    diff.add_argument(
        "--from",
        dest="first",
        type=date_argument,
        metavar="DATE",
        help="first anchor date (default today)",
    )
    diff.add_argument(
        "--to",
        dest="last",
        type=date_argument,
        metavar="DATE",
        help="last anchor date (default a year on)",
    )
    diff.set_defaults(handler=cmd_diff)

    exporting = commands.add_parser(
        "export",
        help="the framework as the staff-facing table (Markdown, HTML or CSV)",
        description="Write a rule file as the table staff read, grouped by section and "
        "process, notes as footnotes; CSV has one row per rule and imports back.",
    )
    exporting.add_argument("ruleset", metavar="RULESET")
    exporting.add_argument(
        "--format",
        choices=("markdown", "html", "csv"),
        help="output format (default: from -o's name: .md, .html, .csv)",
    )
    exporting.add_argument("-o", "--output", metavar="OUT", help="write here (default stdout)")
    exporting.set_defaults(handler=cmd_export)
