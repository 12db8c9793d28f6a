"""The ``timescale`` command: thin wrappers over the public API.

Exit codes: 0 success, 1 an error in the input (rule file, facts, data),
2 a usage error (bad arguments, missing file).
"""

from __future__ import annotations

import argparse
import codecs
import gc
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from . import diagnostic_formats as formats
from .bundled import bundled_path, bundled_rulesets
from .calendars.registry import CALENDAR_NAMES, calendar_by_name
from .commands import (
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    load_ruleset_argument,
)
from .errors import (
    Diagnostic,
    RulesetError,
    Severity,
    TimescaleError,
    not_utf8_finding,
    render_diagnostic,
)
from .failures import describe_failure, unreadable_file
from .paths import OutputPathError
from .welcome import welcome_text

if TYPE_CHECKING:
    from .model import Deadline
    from .ruleset import Rule

RULESET_SUFFIXES = (".timescales",)
MAX_PROJECTION = 1000  # later due dates `due --project` may list


def _ruleset_files(paths: Sequence[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in RULESET_SUFFIXES)
            if not found:
                raise UsageError(f"{name}: no *.timescales files in this folder")
            yield from found
        elif path.is_file():
            yield path
        elif bundled_path(name) is not None and not path.exists():
            yield Path(str(bundled_path(name)))
        else:
            raise UsageError(f"{name}: no such file or folder, nor a bundled ruleset")


# -- check ---------------------------------------------------------------------
def _check_file(path: Path) -> list[Diagnostic]:
    """One file's findings; a file that cannot be read or checked is a finding, not a stop."""
    from .check import check_ruleset_text

    try:
        return check_ruleset_text(path.read_text(encoding="utf-8-sig"), str(path))
    except UnicodeDecodeError as error:
        return [not_utf8_finding(str(path), error)]
    except Exception as error:  # one bad file must not hide the others' findings
        return [unreadable_file(path, error)]


def cmd_check(args: argparse.Namespace) -> int:
    from .check import check_ruleset_text  # noqa: F401  (loaded before the freeze below)

    files = list(_ruleset_files(args.paths))
    findings: list[Diagnostic] = []
    # Start-up and loading the checker made most of this process's objects and none
    # is garbage: the cycle collector leaves them aside while the files are checked
    # (about a tenth of a check's time; docs/performance.md).
    gc.freeze()
    try:
        for path in files:
            findings.extend(_check_file(path))
    finally:
        gc.unfreeze()
    errors = sum(d.is_error for d in findings)
    warnings = sum(d.severity is Severity.WARNING for d in findings)  # a note is neither
    if args.format == "json":
        print(formats.as_json([str(p) for p in files], findings, args.strict))
    elif args.format == "gitlab":
        print(formats.as_gitlab(findings))
    elif args.format == "sarif":
        print(formats.as_sarif(findings, __version__))
    else:
        render = formats.as_github if args.format == "github" else formats.as_text
        for line in render(findings, args.max_diagnostics):
            print(line)
        print(formats.summary(len(files), errors, warnings, args.strict))
    failed = errors or (args.strict and warnings)
    return EXIT_INPUT if failed else EXIT_OK


# -- list ----------------------------------------------------------------------
def cmd_list(args: argparse.Namespace) -> int:
    if args.ruleset is None:
        names = bundled_rulesets()
        print(json.dumps(list(names)) if args.json else "\n".join(names))
        return EXIT_OK
    ruleset = load_ruleset_argument(args.ruleset)
    if args.json:
        print(json.dumps([rule.to_dict() for rule in ruleset], indent=2))
        return EXIT_OK
    section = None
    for rule in ruleset:
        if rule.section != section:
            section = rule.section
            print(f"\n== {section or '(no section)'} ==")
        print(f"[{rule.id}] {rule.task}")
        print(f"    timescale: {rule.timescale}")
        for remark in rule.statement.remarks:
            print(f"    remark:    {remark}")
        if rule.process:
            print(f"    process:   {rule.process}")
        where = " / ".join(x for x in (rule.recorded_in, rule.form) if x)
        if where:
            print(f"    record:    {where}")
        if rule.recorded_by:
            print(f"    by:        {rule.recorded_by}")
        needs = ", ".join(f"{n.name} ({n.type.value})" for n in rule.facts_needed())
        if needs:
            print(f"    facts:     {needs}")
    print(f"\n{len(ruleset)} rules in {ruleset.path}")
    return EXIT_OK


# -- due -----------------------------------------------------------------------
def _facts(pairs: Sequence[str], rule: Rule) -> dict[str, object]:
    from .facts import parse_fact_text  # (and time zones: `timescale check` never loads them)
    from .syntax import ast
    from .syntax.names import fold

    declared = rule.declared_facts
    facts: dict[str, object] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--fact {pair!r}: write NAME=VALUE, e.g. --fact referral=2026-12-24")
        kind = declared.get(fold(name))
        if kind is not None and kind.type is ast.FactType.TEXT:
            facts[name.strip()] = value
        else:
            facts[name.strip()] = parse_fact_text(value)
    return facts


def _print_deadline(deadline: Deadline, explain: bool) -> None:
    from .model import iso  # the deadline machinery: `timescale check` never loads it

    if deadline.not_required:
        print(f"{deadline.task}: not required for these facts")
        return
    if deadline.due is None:
        wording = f": {deadline.no_fixed_timescale}" if deadline.no_fixed_timescale else ""
        print(f"{deadline.task}: no fixed timescale{wording}")
        return
    print(f"{deadline.task}: due {iso(deadline.due)}")
    if deadline.earliest is not None:
        print(f"  earliest: {iso(deadline.earliest)}")
    if deadline.target is not None:
        print(f"  target:   {iso(deadline.target)}")
    if deadline.schedule:
        print("  then:     " + ", ".join(str(iso(s)) for s in deadline.schedule))
    if explain:
        print("how:")
        for step in deadline.explanation.steps:
            print(f"  {step}")
        if deadline.explanation.skipped:
            print(f"days not counted: {deadline.explanation.summary}")
            for day in deadline.explanation.named_days:
                print(f"  {day}")
    for caveat in deadline.caveats:
        print(f"  note: {caveat}")


def cmd_due(args: argparse.Namespace) -> int:
    from .binding import parse_rule

    if (args.rule is None) == (args.statement is None):
        raise UsageError("give exactly one of --rule ID or --statement TEXT")
    calendar = calendar_by_name(args.calendar) if args.calendar else None
    if args.rule is not None:
        if args.ruleset is None:
            raise UsageError("--rule needs a RULESET file")
        rule = load_ruleset_argument(args.ruleset).rule(args.rule)
    else:
        base = load_ruleset_argument(args.ruleset).calendar if args.ruleset else None
        rule = parse_rule(args.statement, calendar or base)
    if not 0 <= args.project <= MAX_PROJECTION:
        raise UsageError(f"--project {args.project}: give 0 to {MAX_PROJECTION}")
    deadline = rule.deadline(_facts(args.fact, rule), calendar, projection=args.project)
    if args.json:
        data = deadline.to_dict()
        if not args.explain:
            data.pop("explanation", None)
        print(json.dumps(data, indent=2))
    else:
        _print_deadline(deadline, args.explain)
    return EXIT_OK


# -- fmt -----------------------------------------------------------------------
def cmd_fmt(args: argparse.Namespace) -> int:
    from .binding import read_ruleset_text
    from .syntax.rewrite import canonical_text, tidy_text

    if args.write:
        for name in args.paths:
            if not Path(name).exists() and bundled_path(name) is not None:
                raise UsageError(f"{name}: a bundled ruleset is not rewritten; copy it first")
    files = list(_ruleset_files(args.paths))
    if not (args.check or args.write) and len(files) != 1:
        raise UsageError("fmt prints one file; use --check or --write for several")
    changed = []
    for path in files:
        text = read_ruleset_text(path)
        rewrite = canonical_text if args.canonical else tidy_text
        canonical = rewrite(text, str(path))
        if canonical != text:
            changed.append(path)
            if args.write:
                _write_like(path, canonical)
        if not (args.check or args.write):
            sys.stdout.write(canonical)
    if args.check:
        for path in changed:
            print(f"{path}: would be reformatted")
        return EXIT_INPUT if changed else EXIT_OK
    if args.write:
        print(f"rewrote {len(changed)} of {len(files)} file(s)")
    return EXIT_OK


def _write_like(path: Path, text: str) -> None:
    """Rewrite a rule file keeping what its author's editor wrote: Windows line ends
    (where most lines had them) and a byte-order mark, so the diff is the tidying alone."""
    raw = path.read_bytes()
    crlf = raw.count(b"\r\n") * 2 > raw.count(b"\n")
    encoding = "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    path.write_text(text, encoding=encoding, newline="\r\n" if crlf else "\n")


# -- the parser ----------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timescale",
        description="Recording timescales for children's social care: check rule files, "
        "compute deadlines, measure timeliness.",
        formatter_class=argparse.RawDescriptionHelpFormatter,  # keeps --version's lines
    )
    parser.add_argument(
        "--debug", action="store_true", help="on an internal error, show Python's traceback"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="parse and validate rule files or folders")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument(
        "--format",
        choices=formats.FORMATS,
        default="text",
        help="text (default), json, github (Actions annotations), gitlab (code quality) "
        "or sarif (code scanning)",
    )
    check.add_argument(
        "--json", dest="format", action="store_const", const="json", help="same as --format json"
    )
    check.add_argument("--strict", action="store_true", help="warnings fail the check too")
    check.add_argument(
        "--max-diagnostics", type=int, default=50, help="show at most this many (default 50)"
    )
    check.set_defaults(handler=cmd_check)

    listing = commands.add_parser("list", help="the rules of a rule file")
    listing.add_argument(
        "ruleset",
        nargs="?",
        metavar="RULESET",
        help="a rule file or a bundled ruleset's name; without it, the bundled names",
    )
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_list)

    due = commands.add_parser("due", help="compute a deadline from facts")
    due.add_argument("ruleset", nargs="?", metavar="RULESET")
    due.add_argument("--rule", metavar="ID", help="a rule id (or unique task name)")
    due.add_argument("--statement", metavar="TEXT", help="a statement, e.g. 'Minutes within ...'")
    due.add_argument(
        "--fact",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a fact: YYYY-MM-DD, YYYY-MM-DDTHH:MM, true/false or text (repeatable)",
    )
    due.add_argument("--calendar", choices=CALENDAR_NAMES, help="default: england-and-wales")
    due.add_argument("--json", action="store_true")
    due.add_argument("--explain", action="store_true", help="show how the deadline was reached")
    due.add_argument(
        "--project",
        type=int,
        default=6,
        metavar="N",
        help="for recurring rules, how many later due dates to project (default 6)",
    )
    due.set_defaults(handler=cmd_due)

    fmt = commands.add_parser("fmt", help="tidy the layout of rule files, keeping their wording")
    fmt.add_argument("paths", nargs="+", metavar="PATH")
    fmt.add_argument(
        "--canonical", action="store_true", help="also rewrite statements in canonical wording"
    )
    mode = fmt.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 if a file would change")
    mode.add_argument("--write", action="store_true", help="rewrite the files in place")
    fmt.set_defaults(handler=cmd_fmt)

    from .lsp.command import register as register_lsp

    register_lsp(commands)

    _register_optional_commands(commands)
    _register_framework_commands(commands)
    welcome = welcome_text(commands.choices)  # names only the commands installed here
    parser.add_argument("--version", action="version", version=welcome)
    parser.set_defaults(welcome=welcome)
    return parser


def _register_optional_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Commands that live in their own modules (reporting) register themselves."""
    try:
        from .reporting.cli import register
    except ImportError:
        return
    register(commands)


def _register_framework_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """import, diff and export: a framework's life cycle (timescale_dsl.framework)."""
    from .framework.cli import register

    register(commands)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # no command: say what this is and where to start
        print(args.welcome)
        return EXIT_OK
    try:
        status: int = args.handler(args)
        return status
    except UsageError as error:
        print(f"timescale: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except RulesetError as error:
        for diagnostic in error.diagnostics:
            print(render_diagnostic(diagnostic), file=sys.stderr)
        return EXIT_INPUT
    except OutputPathError as error:
        print(f"timescale: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except TimescaleError as error:
        print(f"timescale: error: {error}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK
    except KeyboardInterrupt:
        print("timescale: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # never a traceback unless asked for
        if args.debug:
            raise
        print(f"timescale: error: {describe_failure(error)}", file=sys.stderr)
        return EXIT_INPUT


def run() -> None:
    """The ``timescale`` command itself: :func:`main`, then the process ends.

    At the end Python sweeps every object it holds for cycles and frees them
    one by one: after a report of a million rows that took a tenth of the
    run (docs/performance.md), for memory the operating system takes back at
    once anyway. Frozen, the objects are left to it. Every output is closed
    by then, and exit handlers run as ever; callers of :func:`main` in a
    process that goes on are untouched.
    """
    status = main()
    gc.freeze()
    sys.exit(status)


if __name__ == "__main__":  # pragma: no cover
    run()
