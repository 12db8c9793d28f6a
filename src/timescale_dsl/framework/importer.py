"""A draft rule file from a framework table: ``timescale import``.

Every activity and every record becomes a rule. Whether a wording is
computable is decided by the library's own parser and validator, never by a
list of patterns here, so every wording the language learns to read is
imported as computable without touching this module. A wording the parser
refuses becomes ``no fixed timescale "<wording>"`` with the parser's message
in a note, so the author sees what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs

from ..check import check_ruleset_text
from ..errors import Diagnostic, RulesetError
from ..needs import read_as, timescale_needs
from ..syntax import ast
from ..syntax.format import format_statement
from ..syntax.names import event_key, slug
from ..syntax.parser import parse_statement
from ..syntax.walk import walk
from ..validate import validate_statement
from .rows import Activity, read_activities
from .tables import Table

# Cells that say there is nothing to compute.
_NOTHING = {"", "-", "–", "—", "n/a", "na", "none", "not applicable"}
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$", re.IGNORECASE)
_HOURS = {ast.Unit.HOURS, ast.Unit.WORKING_HOURS}
_ID_WORDS = 5


@attrs.frozen
class DraftRule:
    """One rule of the draft, before it is written out."""

    rule_id: str
    statement: ast.Statement
    computable: bool
    section: str | None
    process: str | None
    recorded_in: str | None = None
    form: str | None = None
    recorded_by: str | None = None
    source: str | None = None
    notes: tuple[str, ...] = ()


@attrs.frozen
class ImportSummary:
    rows_read: int
    rules_written: int
    computable: int
    to_review: int
    problems: tuple[Diagnostic, ...] = ()

    def __str__(self) -> str:
        return (
            f"{self.rows_read} rows read, {self.rules_written} rules written: "
            f"{self.computable} computable, {self.to_review} to review"
        )


@attrs.frozen
class Draft:
    text: str
    summary: ImportSummary


def _string(text: str) -> str:
    """A rule-file string: the language's strings hold no double quote or line break."""
    text = " ".join(text.split())
    text = re.sub(r'"(?=\w)', "“", text)
    return '"' + text.replace('"', "”") + '"'


def _wording(cell: str) -> str:
    """The words to parse: layout only (spaces, a closing full stop) is tidied."""
    return " ".join(cell.split()).rstrip(" .")


def _refusal(error: RulesetError, prefix: str, wording: str) -> str:
    diagnostic = error.diagnostics[0]
    message = diagnostic.message
    span = diagnostic.span
    if span is not None and span.line == 1 and span.column > len(prefix):
        read = wording[: span.column - 1 - len(prefix)].strip()
        if read:
            head, sep, tail = message.partition(";")
            message = f"{head} after “{read}”{sep}{tail}"
    if diagnostic.hint:
        message += f" ({diagnostic.hint})"
    return message


def read_wording(task: str, cell: str) -> tuple[ast.Statement, bool, str | None]:
    """The statement a timescale cell says, whether it computes, and why not if it cannot."""
    task = task.replace('"', "”") or "Task"
    wording = _wording(cell)
    if wording.casefold() in _NOTHING:
        nothing = ast.NoFixedTimescale(wording or None)
        return ast.Statement(task, nothing), False, None
    prefix = f'"{task}" '
    try:
        statement = parse_statement(prefix + wording)
    except RulesetError as error:
        note = "Not computable as written: " + _refusal(error, prefix, wording) + "."
        return ast.Statement(task, ast.NoFixedTimescale(cell.replace('"', "”"))), False, note
    invalid = _first_error(statement)
    if invalid is not None:
        note = f"Not computable as written: {invalid.message}."
        return ast.Statement(task, ast.NoFixedTimescale(cell.replace('"', "”"))), False, note
    computable = not isinstance(statement.timescale, ast.NoFixedTimescale)
    return statement, computable, None


def _first_error(statement: ast.Statement) -> Diagnostic | None:
    """The first error validating a lone statement finds; rule ids are checked against
    the whole draft later (a lone statement knows none)."""
    errors = (d for d in validate_statement(statement) if d.is_error and d.code != "TS109")
    return next(errors, None)


#: Where a cell's sentences part: after a full stop or semicolon before a capital, or a
#: line break ("Within 45 working days of referral. Manager to authorise within 5 ...").
_SENTENCE_BREAK = re.compile(r"(?<=[.;])\s+(?=[A-Z])|\s*\n\s*")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def read_obligations(task: str, cell: str) -> list[tuple[ast.Statement, bool, str | None]]:
    """The statements a timescale cell says: one, or one an obligation where the cell
    holds several that each read on their own (as a framework's row often does: "Within
    45 working days of referral. Manager to authorise within 5 working days of
    submission"). A sentence that names its own task keeps it; the others take the
    row's. When the cell reads whole, or any sentence of it does not, it is one rule."""
    whole = read_wording(task, cell)
    if whole[2] is None:
        return [whole]
    pieces = [piece for piece in _SENTENCE_BREAK.split(cell.strip()) if _wording(piece)]
    if not 1 < len(pieces) <= len(_ORDINALS):
        return [whole]
    found: list[tuple[ast.Statement, bool, str | None]] = []
    for number, piece in enumerate(pieces):
        statement = _row_task_statement(task, piece) or _own_task_statement(piece)
        if statement is None:
            return [whole]
        note = (
            f"The cell holds {len(pieces)} obligations; this is the {_ORDINALS[number]}: "
            f"“{_wording(piece)}”."
        )
        found.append((statement, True, note))
    return found


def _row_task_statement(task: str, piece: str) -> ast.Statement | None:
    statement, computable, refusal = read_wording(task, piece)
    return statement if computable and refusal is None else None


def _own_task_statement(piece: str) -> ast.Statement | None:
    """A sentence that begins with its own task ("Manager to authorise within ..."),
    if it reads and computes."""
    try:
        statement = parse_statement(_wording(piece))
    except RulesetError:
        return None
    if _first_error(statement) is not None:
        return None
    if isinstance(statement.timescale, ast.NoFixedTimescale):
        return None
    return statement


def _facts_of(statement: ast.Statement) -> dict[str, tuple[str, ast.FactType]]:
    """Folded fact name -> (name as written, type) for the facts a statement reads."""
    if isinstance(statement.timescale, ast.NoFixedTimescale):
        return {}
    hours = any(isinstance(n, ast.Duration) and n.unit in _HOURS for n in walk(statement))
    names: dict[str, str] = {}
    for node in walk(statement.timescale):
        if isinstance(node, ast.FactRef):
            text = node.text.strip().strip('"')
            names.setdefault(node.key, re.sub(r"(?i)^the\s+", "", text))
    found: dict[str, tuple[str, ast.FactType]] = {}
    for key, kind in timescale_needs(statement.timescale, lambda _rule_id: []):
        if kind is ast.FactType.DATE and hours:
            kind = ast.FactType.DATETIME
        if key == ast.DATE_OF_BIRTH:
            names.setdefault(key, "date of birth")
        found[key] = (names.get(key, key), kind)
    return found


class _Ids:
    """Stable ids from process (or section) and task, made unique in reading order."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def make(self, given: str, group: str | None, task: str) -> str:
        if given and _ID.match(given) and given not in self.taken:
            self.taken.add(given)
            return given
        task_slug = "-".join(slug(task).split("-")[:_ID_WORDS])
        group_slug = "-".join(slug(group or "").split("-")[:3])
        base = (
            task_slug
            if not group_slug or task_slug.startswith(group_slug)
            else (f"{group_slug}-{task_slug}" if task_slug else group_slug)
        )
        base = base or "rule"
        candidate, number = base, 2
        while candidate in self.taken:
            candidate, number = f"{base}-{number}", number + 1
        self.taken.add(candidate)
        return candidate


def _split_record(cell: str) -> tuple[str, str | None]:
    """``"EHM: Contact Form"`` -> system ``EHM``, form ``Contact Form``."""
    system, sep, form = cell.partition(":")
    if sep and form.strip() and 0 < len(system.strip()) <= 40:
        return system.strip(), form.strip()
    return cell, None


def _rules_of(activity: Activity, ids: _Ids, record_columns: bool) -> list[DraftRule]:
    rules: list[DraftRule] = []
    joined = (
        (f"Joined from the table's rows at {', '.join(activity.where)}.",)
        if len(activity.where) > 1
        else ()
    )
    fields = activity.fields
    wants_activity_rule = bool(_wording(activity.timescale)) or not activity.records
    if wants_activity_rule:
        given = fields.get("id", "")
        for statement, computable, note in read_obligations(activity.task, activity.timescale):
            notes = (*joined, *((note,) if note else ()), *filter(None, [fields.get("note")]))
            rules.append(
                DraftRule(
                    ids.make(given, activity.process, statement.task),
                    statement,
                    computable,
                    activity.section,
                    activity.process,
                    recorded_in=(fields.get("recorded in") or None) if not record_columns else None,
                    form=(fields.get("form") or None) if not record_columns else None,
                    recorded_by=fields.get("recorded by") or None,
                    source=fields.get("source") or activity.timescale or None,
                    notes=notes,
                )
            )
            given = ""  # a second obligation of the row gets an id of its own
    for record in activity.records:
        system, form = _split_record(record.recorded_in)
        task = form or record.recorded_in or activity.task
        for statement, computable, note in read_obligations(task, record.timescale):
            rules.append(
                DraftRule(
                    ids.make("", activity.process, statement.task),
                    statement,
                    computable,
                    activity.section,
                    activity.process,
                    recorded_in=system or None,
                    form=form,
                    recorded_by=record.recorded_by or None,
                    source=record.timescale or None,
                    notes=(note,) if note else (),
                )
            )
    return rules


def _settle_references(rules: list[DraftRule]) -> list[DraftRule]:
    """A rule counting from ``[id]`` that the draft lacks is left to review."""
    known = {rule.rule_id for rule in rules}
    settled = []
    for rule in rules:
        missing = sorted(
            {n.rule_id for n in walk(rule.statement) if isinstance(n, ast.RuleRef)} - known
        )
        if missing:
            wording = rule.source or format_statement(rule.statement)
            note = f"Not computable as imported: no rule with id '{missing[0]}' in this table."
            statement = ast.Statement(rule.statement.task, ast.NoFixedTimescale(wording))
            rule = attrs.evolve(
                rule, statement=statement, computable=False, notes=(*rule.notes, note)
            )
        settled.append(rule)
    return settled


def _settle_fact_types(
    rules: list[DraftRule],
) -> tuple[list[DraftRule], dict[str, tuple[str, ast.FactType]]]:
    """Declare each fact once; a rule using a fact as another kind is left to review."""
    facts: dict[str, tuple[str, ast.FactType]] = {}
    settled: list[DraftRule] = []
    for rule in rules:
        wanted = _facts_of(rule.statement)
        clash = next(
            (
                (facts[k][0], facts[k][1], kind)
                for k, (_, kind) in wanted.items()
                if k in facts and read_as(facts[k][1]) is not read_as(kind)
            ),
            None,
        )
        if clash is not None:
            name, declared, used = clash
            wording = rule.source or format_statement(rule.statement)
            note = (
                f"Not computable as imported: '{name}' is {declared} in another rule, {used} here."
            )
            statement = ast.Statement(rule.statement.task, ast.NoFixedTimescale(wording))
            settled.append(
                attrs.evolve(rule, statement=statement, computable=False, notes=(*rule.notes, note))
            )
            continue
        for key, (name, kind) in wanted.items():
            if (
                key in facts
                and facts[key][1] is ast.FactType.DATE
                and kind is ast.FactType.DATETIME
            ):
                facts[key] = (facts[key][0], kind)
            facts.setdefault(key, (name, kind))
        settled.append(rule)
    return settled, facts


def render_draft(
    rules: Sequence[DraftRule],
    facts: Mapping[str, tuple[str, ast.FactType]],
    title: str,
    origin: str,
    calendar: str,
) -> str:
    lines = [
        f"# Draft imported by `timescale import` from {origin}.",
        "# Review every rule with a 'Not computable' note: edit its wording, or keep",
        "# it as 'no fixed timescale'. Describe each fact, then run `timescale check`.",
        "",
        f"title {_string(title)}",
        f"source {_string(origin)}",
        f"calendar {calendar}",
        "",
    ]
    if facts:
        lines.append("# Events and case facts the timescales count from or depend on.")
        for key, (name, kind) in facts.items():
            shown = name if event_key(name) == key else key
            lines.append(f"fact {_string(shown)} {kind}")
        lines.append("")
    section: str | None = None
    process: str | None = None
    for rule in rules:
        if rule.section != section and rule.section:
            lines += [f"section {_string(rule.section)}", ""]
            section, process = rule.section, None
        if rule.process != process and rule.process:
            lines += [f"process {_string(rule.process)}", ""]
            process = rule.process
        lines.append(f"[{rule.rule_id}] {format_statement(rule.statement)}")
        if rule.recorded_in is not None or rule.form is not None:
            where = f"    recorded in {_string(rule.recorded_in or '')}"
            if rule.form:
                where += f" form {_string(rule.form)}"
            lines.append(where)
        if rule.recorded_by:
            lines.append(f"    recorded by {_string(rule.recorded_by)}")
        if rule.source:
            lines.append(f"    source {_string(rule.source)}")
        for note in rule.notes:
            lines.append(f"    note {_string(note)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def import_tables(
    tables: Sequence[Table],
    *,
    origin: str,
    title: str | None = None,
    calendar: str = "england-and-wales",
    overrides: Mapping[str, str] | None = None,
) -> Draft:
    """A draft rule file from tables already read, with its summary."""
    reading = read_activities(tables, overrides or {})
    ids = _Ids()
    rules: list[DraftRule] = []
    for activity in reading.activities:
        rules += _rules_of(activity, ids, reading.has_record_timescales)
    rules, facts = _settle_fact_types(_settle_references(rules))
    text = render_draft(rules, facts, title or Path(origin).stem, origin, calendar)
    problems = tuple(d for d in check_ruleset_text(text, origin) if d.is_error)
    computable = sum(rule.computable for rule in rules)
    summary = ImportSummary(
        reading.rows_read, len(rules), computable, len(rules) - computable, problems
    )
    return Draft(text, summary)


def import_table(
    path: str | Path,
    *,
    title: str | None = None,
    calendar: str = "england-and-wales",
    columns: Sequence[str] = (),
    table_format: str | None = None,
) -> Draft:
    """A draft rule file from a table file; ``columns`` as ``"HEADER=ROLE"`` strings."""
    from .columns import parse_overrides
    from .tables import read_tables

    file = Path(path)
    return import_tables(
        read_tables(file, table_format=table_format),
        origin=file.name,
        title=title,
        calendar=calendar,
        overrides=parse_overrides(columns),
    )
