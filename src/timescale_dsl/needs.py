"""Which facts a timescale may need: anchors, condition facts, date of birth."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .syntax import ast

#: The fact an unanchored recurrence ("every 10 working days") counts from.
PREVIOUS_OCCURRENCE = "previous occurrence"
PREVIOUS_OCCURRENCE_FACT = ast.FactRef(PREVIOUS_OCCURRENCE, PREVIOUS_OCCURRENCE)
#: The fact ages and birthdays count from.
DATE_OF_BIRTH_FACT = ast.FactRef(ast.DATE_OF_BIRTH, ast.DATE_OF_BIRTH)

#: (folded fact name, the kind it is read as: DATE, BOOLEAN or TEXT).
Need = tuple[str, ast.FactType]


def read_as(declared: ast.FactType) -> ast.FactType:
    """The kind a fact declared as ``declared`` is read as: a date-time is an event, as a date."""
    return ast.FactType.DATE if declared is ast.FactType.DATETIME else declared


def condition_facts(condition: ast.Condition) -> Iterator[Need]:
    match condition:
        case ast.FactTrue(fact=fact):
            yield (fact.key, ast.FactType.BOOLEAN)
        case ast.FactEquals(fact=fact):
            yield (fact.key, ast.FactType.TEXT)
        case ast.Not(operand=operand):
            yield from condition_facts(operand)
        case ast.AllOf(operands=operands) | ast.AnyOf(operands=operands):
            for operand in operands:
                yield from condition_facts(operand)


def _read_from(anchor: ast.Anchor) -> ast.FactRef | ast.RuleRef:
    """The fact or rule an anchor is read from: a birthday from the date of birth."""
    if isinstance(anchor, ast.BirthdayRef):
        return DATE_OF_BIRTH_FACT
    return anchor


def anchors(node: object) -> Iterator[ast.FactRef | ast.RuleRef]:
    """Every anchor a schedule or deadline counts from, in reading order."""
    match node:
        case ast.OnDay(anchor=anchor) | ast.Offset(anchor=anchor):
            yield _read_from(anchor)
        case ast.Window(start=start, end=end):
            yield from anchors(start)
            yield from anchors(end)
        case ast.Age() | ast.Birthday():
            yield DATE_OF_BIRTH_FACT
        case ast.Rolled(inner=inner):
            yield from anchors(inner)
        case ast.Choice(options=options):
            for option in options:
                yield from anchors(option)
        case ast.Recurrence(first=first, phases=phases):
            if first is not None:
                yield from anchors(first)
            else:
                every = opening_every(node)
                own = every.anchor if every is not None else None
                yield PREVIOUS_OCCURRENCE_FACT if own is None else _read_from(own)
            for phase in phases:  # the event each period counts from
                yield _read_from(phase.anchor)
        case ast.Guarded():
            yield from anchors(node.schedule)
        case ast.Alternatives():
            for guarded in node.options:
                yield from anchors(guarded)


def earliest_of(node: object) -> ast.Choice | None:
    """The "whichever is earlier" choice a schedule is, or starts with."""
    first = node.first if isinstance(node, ast.Recurrence) else node
    if isinstance(first, ast.Choice) and first.pick is ast.Pick.EARLIER:
        return first
    return None


def unknown_allowed(node: object, present: Callable[[str], bool]) -> bool:
    """Whether events of ``node`` may be unknown: it is "A or B, whichever is earlier"
    and one option's events are all known, so the others are set aside and the
    deadline is provisional (an unknown event could only make it earlier)."""
    choice = earliest_of(node)
    return choice is not None and any(option_known(o, present) for o in choice.options)


def option_known(option: object, present: Callable[[str], bool]) -> bool:
    """Whether every event an option counts from is known."""
    return all(present(a.key) for a in anchors(option) if isinstance(a, ast.FactRef))


def series_end(schedule: ast.Schedule) -> ast.FactRef | ast.BirthdayRef | None:
    """The event a recurrence ends at ("until ..."), if it names one."""
    if isinstance(schedule, ast.Recurrence) and not isinstance(schedule.until, ast.RuleRef):
        return schedule.until
    return None


def ends_with_phases(schedule: ast.Schedule) -> bool:
    """Whether a recurrence ends when its last period does ("every 6 weeks during the
    first year", with no frequency after it)."""
    return isinstance(schedule, ast.Recurrence) and bool(schedule.phases) and not schedule.every


def may_end(schedule: ast.Schedule) -> bool:
    """Whether a recurrence may end: "until ...", or a last period with nothing after."""
    return series_end(schedule) is not None or ends_with_phases(schedule)


def opening_every(schedule: ast.Recurrence) -> ast.Every | None:
    """The frequency a recurrence with no first deadline opens with: its first
    period's, else its own."""
    return schedule.phases[0].every if schedule.phases else schedule.every


def timescale_needs(
    timescale: ast.Timescale, rule_needs: Callable[[str], list[Need]]
) -> list[Need]:
    """Facts in reading order, without repeats; [rule-id] anchors expand to that rule's."""
    found: dict[str, ast.FactType] = {}
    if isinstance(timescale, ast.Alternatives):
        for option in timescale.options:
            if option.condition is not None:
                for key, kind in condition_facts(option.condition):
                    found.setdefault(key, kind)
            for key, kind in _counted_from(option.schedule, rule_needs):
                found.setdefault(key, kind)
            end = series_end(option.schedule)
            if end is not None:  # read where known, never required
                found.setdefault(end.key, ast.FactType.DATE)
    return list(found.items())


def counted_from(timescale: ast.Timescale, rule_needs: Callable[[str], list[Need]]) -> list[str]:
    """The facts a timescale's first deadlines count from, [rule-id] anchors expanded.

    These tell one plan from another in a recurring rule's series (a second
    ICPC date is a second plan). A condition's facts, a series' end and
    ``previous occurrence`` change from one occurrence to the next without
    starting a new plan, so they are not among them.
    """
    found: dict[str, None] = {}
    if isinstance(timescale, ast.Alternatives):
        for option in timescale.options:
            found.update(
                (key, None)
                for key, _ in _counted_from(option.schedule, rule_needs)
                if key != PREVIOUS_OCCURRENCE
            )
    return list(found)


def _counted_from(
    schedule: ast.Schedule, rule_needs: Callable[[str], list[Need]]
) -> Iterator[Need]:
    """The facts a schedule counts from; a [rule-id] anchor stands for that rule's needs."""
    for anchor in anchors(schedule):
        if isinstance(anchor, ast.RuleRef):
            yield from rule_needs(anchor.rule_id)
        else:
            yield (anchor.key, ast.FactType.DATE)
