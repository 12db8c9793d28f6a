"""The ``timescale`` command: thin wrappers over the public API.

Exit codes: 0 success, 1 an error in the input (rule file, facts, data),
2 a usage error (bad arguments, missing file).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import __version__
from .calendars.registry import CALENDAR_NAMES, calendar_by_name
from .compile import check_ruleset_text, compile_statement, load_ruleset
from .errors import (
    Diagnostic,
    RulesetError,
    Severity,
    TimescaleError,
    render_diagnostic,
)
from .facts import parse_fact_text
from .model import Deadline, iso
from .ruleset import Rule, Ruleset
from .syntax.names import fold
from .syntax.rewrite import canonical_text, tidy_text

RULESET_SUFFIXES = (".timescales",)
EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or a missing file: exit status 2."""


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
        else:
            raise UsageError(f"{name}: no such file or folder")


def _load(path: str) -> Ruleset:
    if not Path(path).is_file():
        raise UsageError(f"{path}: no such file")
    return load_ruleset(path)


# -- check ---------------------------------------------------------------------
def cmd_check(args: argparse.Namespace) -> int:
    files = list(_ruleset_files(args.paths))
    findings: list[Diagnostic] = []
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        findings.extend(check_ruleset_text(text, str(path)))
    errors = sum(d.is_error for d in findings)
    warnings = sum(d.severity is Severity.WARNING for d in findings)
    if args.json:
        print(
            json.dumps(
                {
                    "files": [str(p) for p in files],
                    "errors": errors,
                    "warnings": warnings,
                    "diagnostics": [d.to_dict() for d in findings],
                },
                indent=2,
            )
        )
    else:
        shown = findings[: args.max_diagnostics]
        for diagnostic in shown:
            print(render_diagnostic(diagnostic))
        if len(findings) > len(shown):
            print(f"... and {len(findings) - len(shown)} more")
        noun = "file" if len(files) == 1 else "files"
        print(f"checked {len(files)} {noun}: {errors} error(s), {warnings} warning(s)")
    return EXIT_INPUT if errors else EXIT_OK


# -- list ----------------------------------------------------------------------
def cmd_list(args: argparse.Namespace) -> int:
    ruleset = _load(args.ruleset)
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
        needs = ", ".join(f"{n.name} ({n.type})" for n in rule.facts_needed())
        if needs:
            print(f"    facts:     {needs}")
    print(f"\n{len(ruleset)} rules in {ruleset.path}")
    return EXIT_OK


# -- due -----------------------------------------------------------------------
def _facts(pairs: Sequence[str], rule: Rule) -> dict[str, object]:
    declared = rule.declared_facts
    facts: dict[str, object] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--fact {pair!r}: write NAME=VALUE, e.g. --fact referral=2026-12-24")
        kind = declared.get(fold(name))
        if kind is not None and kind.type.value == "text":
            facts[name.strip()] = value
        else:
            facts[name.strip()] = parse_fact_text(value)
    return facts


def _print_deadline(deadline: Deadline, explain: bool) -> None:
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
            print("days not counted:")
            for day in deadline.explanation.skipped:
                print(f"  {day}")


def cmd_due(args: argparse.Namespace) -> int:
    if (args.rule is None) == (args.statement is None):
        raise UsageError("give exactly one of --rule ID or --statement TEXT")
    calendar = calendar_by_name(args.calendar) if args.calendar else None
    if args.rule is not None:
        if args.ruleset is None:
            raise UsageError("--rule needs a RULESET file")
        rule = _load(args.ruleset).rule(args.rule)
    else:
        base = _load(args.ruleset).calendar if args.ruleset else None
        rule = compile_statement(args.statement, calendar or base)
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
    files = list(_ruleset_files(args.paths))
    if not (args.check or args.write) and len(files) != 1:
        raise UsageError("fmt prints one file; use --check or --write for several")
    changed = []
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        rewrite = canonical_text if args.canonical else tidy_text
        canonical = rewrite(text, str(path))
        if canonical != text.lstrip("\ufeff"):
            changed.append(path)
            if args.write:
                path.write_text(canonical, encoding="utf-8")
        if not (args.check or args.write):
            sys.stdout.write(canonical)
    if args.check:
        for path in changed:
            print(f"{path}: would be reformatted")
        return EXIT_INPUT if changed else EXIT_OK
    if args.write:
        print(f"rewrote {len(changed)} of {len(files)} file(s)")
    return EXIT_OK


# -- the parser ----------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timescale",
        description="Recording timescales for children's social care: check rule files, "
        "compute deadlines, measure timeliness.",
    )
    parser.add_argument("--version", action="version", version=f"timescale {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="parse and validate rule files or folders")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--json", action="store_true", help="diagnostics as JSON")
    check.add_argument(
        "--max-diagnostics", type=int, default=50, help="show at most this many (default 50)"
    )
    check.set_defaults(handler=cmd_check)

    listing = commands.add_parser("list", help="the rules of a rule file")
    listing.add_argument("ruleset", metavar="RULESET")
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

    _register_optional_commands(commands)
    return parser


def _register_optional_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Commands that live in their own modules (reporting) register themselves."""
    try:
        from .reporting.cli import register
    except ImportError:
        return
    register(commands)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
    except TimescaleError as error:
        print(f"timescale: error: {error}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
