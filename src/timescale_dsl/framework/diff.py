"""Two versions of a rule file compared by effect: ``timescale diff``.

Rules are matched by id. A changed rule's meaning is judged by computing its
deadlines under both versions over a range of anchor dates (see
:mod:`effects`), never by comparing text: a reworded rule that computes the
same deadlines is a wording change; a header change (calendar, closures,
options) is reported with the rules whose deadlines it moves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from ..engine.arithmetic import working_day_index
from ..errors import CalendarRangeError
from ..model import When, as_date, iso
from ..ruleset import Rule, Ruleset
from ..syntax import ast
from ..syntax.walk import walk
from .effects import FactPlan, days, outcome, plan_facts

_TEXT_FIELDS: tuple[str, ...] = ("task", "timescale", "section", "process", "recorded_in")
_TEXT_FIELDS += ("form", "recorded_by", "source", "note")


@attrs.frozen
class Example:
    facts: dict[str, str]
    old: str
    new: str
    shift: int | None  # working days, when both are dates

    def to_dict(self) -> dict[str, object]:
        return attrs.asdict(self)


@attrs.frozen
class Movement:
    """How a rule's deadlines move over the anchor dates tried."""

    compared: int
    moved: int
    earliest_shift: int | None
    latest_shift: int | None
    example: Example | None
    facts_added: tuple[str, ...] = ()
    facts_removed: tuple[str, ...] = ()

    @property
    def changes_meaning(self) -> bool:
        return bool(self.moved or self.facts_added or self.facts_removed)

    def to_dict(self) -> dict[str, object]:
        data = attrs.asdict(self, recurse=False)
        data["example"] = self.example.to_dict() if self.example else None
        data["facts_added"] = list(self.facts_added)
        data["facts_removed"] = list(self.facts_removed)
        return data


@attrs.frozen
class RuleChange:
    id: str
    task: str
    kind: str  # "meaning" or "wording"
    fields: tuple[str, ...]
    old: dict[str, object]
    new: dict[str, object]
    movement: Movement | None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "task": self.task,
            "kind": self.kind,
            "fields": list(self.fields),
            "old": self.old,
            "new": self.new,
            "deadlines": self.movement.to_dict() if self.movement else None,
        }


@attrs.frozen
class HeaderChange:
    field: str
    old: object
    new: object
    moves: tuple[tuple[str, Movement], ...]  # rules whose deadlines the header moves
    meaning: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "meaning": self.meaning,
            "moves": [
                {
                    "id": rule_id,
                    "moved": move.moved,
                    "compared": move.compared,
                    "earliest_shift": move.earliest_shift,
                    "latest_shift": move.latest_shift,
                }
                for rule_id, move in self.moves
            ],
        }


@attrs.frozen
class RulesetDiff:
    old_path: str
    new_path: str
    first: dt.date
    last: dt.date
    added: tuple[Rule, ...]
    removed: tuple[Rule, ...]
    changed: tuple[RuleChange, ...]
    header: tuple[HeaderChange, ...]

    @property
    def meaning_changed(self) -> bool:
        return bool(
            self.added
            or self.removed
            or any(c.kind == "meaning" for c in self.changed)
            or any(h.meaning for h in self.header)
        )

    def to_dict(self) -> dict[str, object]:
        def brief(rule: Rule) -> dict[str, object]:
            return {"id": rule.id, "task": rule.task, "timescale": rule.timescale}

        return {
            "old": self.old_path,
            "new": self.new_path,
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "meaning_changed": self.meaning_changed,
            "added": [brief(r) for r in self.added],
            "removed": [brief(r) for r in self.removed],
            "changed": [c.to_dict() for c in self.changed],
            "header": [h.to_dict() for h in self.header],
        }


def _fields(rule: Rule) -> dict[str, object]:
    return {name: getattr(rule, name) for name in _TEXT_FIELDS}


def _closures(header: ast.Header) -> list[str]:
    out = []
    for closure in header.closures:
        span = closure.first.isoformat()
        if closure.last != closure.first:
            span += f" to {closure.last.isoformat()}"
        out.append(span + (f" {closure.name}" if closure.name else ""))
    return sorted(out)


def _header_values(header: ast.Header) -> dict[str, tuple[object, bool]]:
    """Field -> (comparable value, whether it can move deadlines)."""
    return {
        "title": (header.title, False),
        "source": (header.source, False),
        "calendar": (header.calendar or "england-and-wales", True),
        "closures": (_closures(header), True),
        "bank holidays are working days": (header.bank_holidays_are_working_days, True),
        "event day counts as day": (header.event_day_number, True),
        "weekend": (list(header.weekend) if header.weekend else None, True),
        "office hours": (
            [t.isoformat("minutes") for t in header.office_hours] if header.office_hours else None,
            True,
        ),
        "facts": (
            sorted(f"{f.name} ({f.type.value})" for f in header.facts),
            False,
        ),
    }


def _shift(rule: Rule, old: When, new: When) -> int | None:
    try:
        index = working_day_index(rule.settings.calendar)
        return index.count_between(as_date(old), as_date(new))
    except (CalendarRangeError, IndexError):
        return None


def _fact_text(value: object) -> str:
    if isinstance(value, dt.date):
        return str(iso(value))
    return str(value).lower() if isinstance(value, bool) else str(value)


def _header_text(value: object) -> str:
    if value is None or value == []:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _header_change(old: object, new: object) -> str:
    """Lists (closures, facts) by what was added and removed; other values old -> new."""
    if isinstance(old, list) and isinstance(new, list):
        added = [str(v) for v in new if v not in old]
        removed = [str(v) for v in old if v not in new]
        parts = [f"added {'; '.join(added)}"] if added else []
        parts += [f"removed {'; '.join(removed)}"] if removed else []
        return ", ".join(parts)
    return f"{_header_text(old)} -> {_header_text(new)}"


def _show(result: object) -> str:
    if isinstance(result, str):
        return result
    assert isinstance(result, tuple)
    due = result[0]
    return "no fixed timescale" if due is None else f"due {iso(due)}"


def movement(old: Rule, new: Rule, anchors: Sequence[dt.date]) -> Movement:
    """Compare the two versions' deadlines on every anchor date and case scenario."""
    plan: FactPlan = plan_facts([old, new])
    old_facts = {n.name.casefold() for n in old.facts_needed()}
    new_facts = {n.name.casefold() for n in new.facts_needed()}
    compared = moved = 0
    shifts: list[int] = []
    example: Example | None = None
    for day in anchors:
        for scenario in plan.scenarios:
            facts = plan.facts(day, scenario)
            before, after = outcome(old, facts), outcome(new, facts)
            compared += 1
            if before == after:
                continue
            moved += 1
            shift = None
            if (
                isinstance(before, tuple)
                and isinstance(after, tuple)
                and before[0] is not None
                and after[0] is not None
            ):
                shift = _shift(new, before[0], after[0])
            if shift is not None:
                shifts.append(shift)
            if example is None:
                shown = {name: _fact_text(value) for name, value in facts.items()}
                example = Example(shown, _show(before), _show(after), shift)
    return Movement(
        compared,
        moved,
        min(shifts) if shifts else None,
        max(shifts) if shifts else None,
        example,
        tuple(sorted(new_facts - old_facts)),
        tuple(sorted(old_facts - new_facts)),
    )


def statement_wordings(ruleset: Ruleset, text: str) -> dict[str, str]:
    """Each rule's statement as written in ``text`` (spaces folded), by id."""
    lines = text.lstrip("\ufeff").splitlines()
    found: dict[str, str] = {}
    for rule in ruleset:
        span = rule.statement.span
        if span is None or span.end_line is None or span.end_column is None:
            continue
        if span.end_line > len(lines):
            continue
        if span.line == span.end_line:
            piece = lines[span.line - 1][span.column - 1 : span.end_column - 1]
        else:
            parts = [lines[span.line - 1][span.column - 1 :]]
            parts += lines[span.line : span.end_line - 1]
            parts.append(lines[span.end_line - 1][: span.end_column - 1])
            piece = " ".join(parts)
        found[rule.id] = " ".join(piece.replace("\\", " ").split())
    return found


def _refers(rule: Rule) -> bool:
    return any(isinstance(n, ast.RuleRef) for n in walk(rule.statement.timescale))


def diff_rulesets(
    old: Ruleset,
    new: Ruleset,
    first: dt.date,
    last: dt.date,
    texts: tuple[str, str] | None = None,
) -> RulesetDiff:
    """Compare two versions; ``texts`` (their files' text) also finds statements reworded
    in ways that parse alike ("15 working days after" for "within 15 working days of")."""
    anchors = list(days(first, last))
    old_by_id = {rule.id: rule for rule in old}
    new_by_id = {rule.id: rule for rule in new}
    added = tuple(r for r in new if r.id not in old_by_id)
    removed = tuple(r for r in old if r.id not in new_by_id)

    old_header, new_header = _header_values(old.header), _header_values(new.header)
    header_moves = any(
        old_header[k][0] != new_header[k][0] and new_header[k][1] for k in new_header
    )
    wordings: tuple[dict[str, str], dict[str, str]] = (
        (statement_wordings(old, texts[0]), statement_wordings(new, texts[1]))
        if texts
        else ({}, {})
    )
    changed: list[RuleChange] = []
    moved_by_header: list[tuple[str, Movement]] = []
    for rule in new:
        before = old_by_id.get(rule.id)
        if before is None:
            continue
        was, now = _fields(before), _fields(rule)
        if texts:
            was["statement"], now["statement"] = wordings[0].get(rule.id), wordings[1].get(rule.id)
        fields = tuple(k for k, v in now.items() if was[k] != v)
        if "timescale" in fields and "statement" in fields:
            fields = tuple(k for k in fields if k != "statement")
        same_statement = before.statement == rule.statement
        move = None
        if not same_statement or header_moves or _refers(rule) or _refers(before):
            move = movement(before, rule, anchors)
        by_header = move is not None and same_statement and header_moves
        if move is not None and move.changes_meaning and by_header:
            moved_by_header.append((rule.id, move))  # its own words are unchanged
            move = None
        if move is not None and move.changes_meaning:
            changed.append(RuleChange(rule.id, rule.task, "meaning", fields, was, now, move))
        elif fields:
            changed.append(RuleChange(rule.id, rule.task, "wording", fields, was, now, None))
    header = tuple(
        HeaderChange(
            key,
            old_header[key][0],
            new_header[key][0],
            tuple(moved_by_header) if new_header[key][1] else (),
            new_header[key][1],
        )
        for key in new_header
        if old_header[key][0] != new_header[key][0]
    )
    return RulesetDiff(old.path, new.path, first, last, added, removed, tuple(changed), header)


def _signed(days: int | None) -> str:
    if days is None:
        return "?"
    unit = "working day" if abs(days) == 1 else "working days"
    return f"{days:+d} {unit}"


def _range(move: Movement) -> str:
    if move.earliest_shift is None or move.latest_shift is None:
        return ""
    if move.earliest_shift == move.latest_shift:
        return f", by {_signed(move.earliest_shift)}"
    return f", by {_signed(move.earliest_shift)} to {_signed(move.latest_shift)}"


def _example(example: Example) -> str:
    facts = ", ".join(f"{name} = {value}" for name, value in example.facts.items())
    shift = f" ({_signed(example.shift)})" if example.shift is not None else ""
    return f"e.g. {facts}: was {example.old}, now {example.new}{shift}"


def render_diff(diff: RulesetDiff) -> str:
    """The diff for a reviewer, in plain text."""
    lines = [f"--- {diff.old_path}", f"+++ {diff.new_path}"]
    lines.append(f"deadlines compared for anchor dates {diff.first} to {diff.last}")
    for item in diff.header:
        lines.append(f"header {item.field}: {_header_change(item.old, item.new)}")
        if item.moves:
            ids = ", ".join(rule_id for rule_id, _ in item.moves)
            lines.append(f"    moves {len(item.moves)} rule(s): {ids}")
        elif item.meaning:
            lines.append("    moves no deadline in this range")
    for rule in diff.removed:
        lines.append(f"removed [{rule.id}] {rule.task}: {rule.timescale}")
    for rule in diff.added:
        lines.append(f"added   [{rule.id}] {rule.task}: {rule.timescale}")
    for change in diff.changed:
        what = "changed " if change.kind == "meaning" else "reworded"
        fields = ", ".join(change.fields) or "through a rule it counts from"
        lines.append(f"{what} [{change.id}] {change.task} ({fields})")
        for shown in ("timescale", "statement"):
            if shown in change.fields:
                lines.append(f"    was: {change.old[shown]}")
                lines.append(f"    now: {change.new[shown]}")
        move = change.movement
        if move is not None:
            lines.append(f"    {move.moved} of {move.compared} deadlines move{_range(move)}")
            if move.facts_added or move.facts_removed:
                added = ", ".join(move.facts_added) or "none"
                removed = ", ".join(move.facts_removed) or "none"
                lines.append(f"    counts from other facts: new {added}; no longer {removed}")
            if move.example is not None:
                lines.append(f"    {_example(move.example)}")
        elif change.kind == "wording":
            lines.append("    same deadlines on every anchor date: wording only")
    meaning = sum(c.kind == "meaning" for c in diff.changed)
    wording = len(diff.changed) - meaning
    lines.append(
        f"{len(diff.added)} added, {len(diff.removed)} removed, {meaning} changed in meaning, "
        f"{wording} in wording only, {len(diff.header)} header change(s)"
    )
    return "\n".join(lines) + "\n"
