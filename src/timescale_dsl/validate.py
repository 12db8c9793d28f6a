"""Semantic checks over a parsed rule file: every finding, each with a stable code.

Codes are listed in docs/diagnostics.md. Validation collects, it does not stop
at the first finding.
"""

from __future__ import annotations

import itertools
import re

from .errors import CalendarError, Diagnostic, Severity, Span, did_you_mean, one_edit_apart
from .limits import (
    AGE_CODE,
    CLOSURE_CODE,
    LIMIT_CODE,
    MAX_AGE_YEARS,
    MAX_CLOSURE_DAYS,
    MAX_COUNT,
    MAX_REFERENCE_DEPTH,
    NO_WORKING_DAYS_CODE,
    REFERENCE_CODE,
)
from .needs import PREVIOUS_OCCURRENCE, anchors, condition_facts, read_as
from .syntax import ast
from .syntax.implicit import implicit_events
from .syntax.lowering import refers_back
from .syntax.names import fold
from .syntax.recovery import Unparsed
from .syntax.uncounted import TIME_OF_DAY_ADVICE, time_of_day
from .syntax.walk import rule_id_of, walk, walk_condition

# Keywords a misspelt task-name word may have been meant as ("wihtin").
_STARTERS = ("within", "between", "every", "before", "after", "working", "prior", "following")
_WORD = re.compile(r"[A-Za-z]+")
_LONGEST_STARTER = max(len(k) for k in _STARTERS)
# Timescale words an author may have meant as part of the timescale, when they
# end a task name or an event name ("Visit a minimum of 6 weeks after X").
_SWALLOWED = re.compile(
    r"\b(a minimum of|minimum of|a maximum of|at least|at most|at intervals of|at|by|"
    r"within|no later than|no more than|not more than|up to|and|every|and every|then)$",
    re.IGNORECASE,
)
_SWALLOWED_IN_EVENT = re.compile(
    r"\b(and (?=every|then|at least|monthly|weekly)|then|every|within|at least|monthly|weekly|"
    r"fortnightly|quarterly|thereafter)\b.*$",
    re.IGNORECASE,
)

# Words that say to whom or when a rule applies, read into an event's name ("of referral
# where the child is in need", "of referral for a child in need", "unless ..."): the
# author most likely meant a condition, which the language writes with "if".
_CONDITION_IN_EVENT = re.compile(
    r"\b(where|unless|when|for\s+(?:a\s+|an\s+|all\s+|any\s+|the\s+)?(?:child|children|"
    r"young\s+(?:person|people)|looked[\s-]+after|disabled|care\s+leavers?|cla|cin|cp|"
    r"unborn|babies|baby|under|over|aged)\b).*$",
    re.IGNORECASE,
)

INFINITY = float("inf")


def _day_range(duration: ast.Duration) -> tuple[float, float]:
    """How many calendar days a duration after an event can span, at least and at most.

    Working days span at least as many calendar days as they count, and
    without limit above (closures can be long); months span 28 to 31 days each.
    Hours from a date-only anchor round to whole days, hence the slack of one.
    """
    n = duration.count
    match duration.unit:
        case ast.Unit.WORKING_DAYS | ast.Unit.SCHOOL_DAYS:
            return n, INFINITY
        case ast.Unit.CALENDAR_DAYS:
            return n, n
        case ast.Unit.WEEKS:
            return 7 * n, 7 * n
        case ast.Unit.MONTHS:
            return 28 * n, 31 * n
        case ast.Unit.YEARS:
            return 365 * n, 366 * n
        case ast.Unit.HOURS:
            return n / 24 - 1, n / 24 + 1
    return n / 24 - 1, INFINITY


def _signed_range(node: ast.OnDay | ast.Offset) -> tuple[float, float]:
    """Where a bound can fall, in days from its event (negative before it)."""
    if isinstance(node, ast.OnDay):
        return 0.0, 0.0
    low, high = _day_range(node.duration)
    if node.direction is ast.Direction.AFTER:
        return low, high
    return -high, -low


class Checker:
    def __init__(
        self, ruleset: ast.RulesetFile, source: str, path: str, unparsed: Unparsed | None = None
    ) -> None:
        self.ruleset = ruleset
        self.unparsed = unparsed or Unparsed()
        self.lines = source.splitlines()
        self.path = path
        self.found: list[Diagnostic] = []
        self.facts = {f.key: f for f in ruleset.header.facts}

    def report(
        self,
        code: str,
        message: str,
        span: Span | None,
        hint: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        line = self.lines[span.line - 1] if span and 0 < span.line <= len(self.lines) else None
        self.found.append(Diagnostic(code, severity, message, span, hint, line))

    # -- header ------------------------------------------------------------------
    def header(self) -> None:
        head = self.ruleset.header
        if head.calendar is not None:
            from .calendars.registry import check_calendar_name

            try:
                check_calendar_name(head.calendar)
            except CalendarError as error:
                self.report("TS110", str(error), head.span_of("calendar"))
        if head.event_day_number not in (0, 1):
            self.report(
                "TS111",
                f"the event day can count as day 0 or day 1, not day {head.event_day_number}",
                head.span_of("event_day_number"),
            )
        for closure in head.closures:
            if closure.last < closure.first:
                self.report(
                    "TS112",
                    f"closure ends ({closure.last}) before it starts ({closure.first})",
                    closure.span,
                )
            elif (closure.last - closure.first).days + 1 > MAX_CLOSURE_DAYS:
                self.report(
                    CLOSURE_CODE,
                    f"a closure of {(closure.last - closure.first).days + 1} days is longer "
                    f"than the {MAX_CLOSURE_DAYS} a closure may have",
                    closure.span,
                    "list each closure separately",
                )
        if head.weekend is not None:
            from .calendars.base import WEEKDAY_NAMES  # (only here: a check builds no calendar)

            for day in head.weekend:
                if day not in WEEKDAY_NAMES:
                    hint = did_you_mean(day, WEEKDAY_NAMES)
                    self.report(
                        "TS116",
                        f"'{day}' is not a day of the week",
                        head.span_of("weekend"),
                        f"did you mean '{hint}'?" if hint else None,
                    )
            if set(WEEKDAY_NAMES) <= set(head.weekend):
                self.report(
                    NO_WORKING_DAYS_CODE,
                    "a weekend of all seven days leaves no working days",
                    head.span_of("weekend"),
                )
        if head.office_hours is not None and not head.office_hours[0] < head.office_hours[1]:
            self.report(
                "TS117", "office hours must start before they end", head.span_of("office_hours")
            )
        seen: dict[str, ast.FactDecl] = {}
        for fact in head.facts:
            if fact.key in seen:
                self.report("TS113", f"fact '{fact.name}' is declared twice", fact.span)
            seen[fact.key] = fact

    # -- rules -------------------------------------------------------------------
    def rule_ids(self) -> list[str]:
        ids: list[str] = []
        where: dict[str, ast.RuleDecl] = {}
        for rule in self.ruleset.rules:
            rule_id = rule_id_of(rule)
            if rule_id in where:
                first = where[rule_id].span
                at = f" (first at line {first.line})" if first else ""
                self.report(
                    "TS101",
                    f"duplicate rule id '{rule_id}'{at}",
                    rule.span,
                    "give one of the rules an explicit id: [some-id] Task ...",
                )
            where.setdefault(rule_id, rule)
            ids.append(rule_id)
        return ids

    def statement(self, rule: ast.RuleDecl, known_ids: set[str]) -> None:
        timescale = rule.statement.timescale
        self.task_words(rule.statement)
        if isinstance(timescale, ast.NoFixedTimescale):
            return
        self.start_event(rule)
        self.bare_at(rule.statement)
        self.school_days(rule.statement)
        self.remarks(rule.statement)
        self.swallowed_words(rule.statement)
        unconditional = [o for o in timescale.options if o.condition is None]
        if len(timescale.options) > 1 and len(unconditional) > 1:
            self.report(
                "TS118",
                "only one alternative can go without a condition (the 'otherwise' one)",
                unconditional[1].span,
            )
        for position, option in enumerate(timescale.options):
            if option.otherwise and position != len(timescale.options) - 1:
                self.report("TS118", "'otherwise' must be the last alternative", option.span)
            if option.condition is not None:
                self.condition(option.condition)
            for node in walk(option.schedule):
                self.node(node, known_ids)

    def quoted(self, span: Span | None) -> bool:
        """Whether the text at ``span`` starts with a quote (a name the author quoted)."""
        return self.text_at(span).startswith('"')

    def swallowed_words(self, statement: ast.Statement) -> None:
        """Warn when timescale words ended up in a task or event name."""
        found = _SWALLOWED.search(statement.task)
        if found and found.start() == 0 and not self.quoted(statement.span):
            # "Within 48 hours of the referral": no task; its first word was read as one.
            self.report(
                "TS121",
                f"the row names no task: '{statement.task}' is read as the task's name",
                statement.span,
                "put the task first, e.g. 'Strategy discussion within 48 hours of the "
                "referral'; quote a task that really has that name",
            )
        clock = time_of_day(statement.task)
        if clock and not self.quoted(statement.span):
            # "Outcome by 5pm on the day of X": read as the task "Outcome by 5pm".
            self.report(
                "TS207",
                f"the task name holds a time of day ('{clock}'), which the deadline does not count",
                statement.span,
                f"{TIME_OF_DAY_ADVICE}; quote the name if '{clock}' is only part of it",
                severity=Severity.WARNING,
            )
        if found and found.start() > 0 and not self.quoted(statement.span):
            words = found.group(1)
            self.report(
                "TS204",
                f"the task name ends with '{words}', read as part of the name, not the timescale",
                statement.span,
                f"if '{words}' belongs to the timescale, reword it (e.g. 'within', 'at least "
                "every'); if it is part of the name, quote the name",
                severity=Severity.WARNING,
            )
        for node in walk(statement.timescale):
            if isinstance(node, ast.FactRef) and refers_back(node):
                self.report(
                    "TS206",
                    f"the event '{node.text}' points back rather than naming an event",
                    node.span,
                    "name the event, e.g. 'within 5 working days of the placement'",
                    severity=Severity.WARNING,
                )
            if isinstance(node, ast.FactRef) and " " in node.text:
                self.condition_in_event(node)
                tail = _SWALLOWED_IN_EVENT.search(node.text)
                if tail and tail.start() > 0:
                    self.report(
                        "TS204",
                        f"the event '{node.text}' holds '{tail.group(0)}', which reads like "
                        "part of the timescale",
                        node.span,
                        f"if the event is '{node.text[: tail.start()].strip()}', separate the "
                        "rest with ', then' or quote the event's name",
                        severity=Severity.WARNING,
                    )

    def condition_in_event(self, node: ast.FactRef) -> None:
        """Warn when an event's name goes on to say to whom the rule applies."""
        found = _CONDITION_IN_EVENT.search(node.text)
        if found is None or found.start() == 0 or self.quoted(node.span):
            return
        event = node.text[: found.start()].strip()
        self.report(
            "TS208",
            f"the event '{node.text}' goes on with '{found.group(0)}', which reads like a "
            f"condition: the deadline counts from an event of that whole name, not '{event}'",
            node.span,
            f"if the rule applies only then, write it as a condition: '... of {event} if "
            "...' (a fact such as 'child in need'); if the words are part of the event's "
            "name, quote it",
            severity=Severity.WARNING,
        )

    def remarks(self, statement: ast.Statement) -> None:
        """Warn of a remark that says the opposite of the unit beside it."""
        units = {n.unit for n in walk(statement.timescale) if isinstance(n, ast.Duration)}
        for remark in statement.remarks:
            said = fold(remark)
            calendar = "calendar day" in said or "not working day" in said
            working = "working day" in said and not calendar
            if (calendar and ast.Unit.WORKING_DAYS in units) or (
                working and ast.Unit.CALENDAR_DAYS in units
            ):
                unit = "working days" if calendar else "calendar days"
                self.report(
                    "TS203",
                    f"the remark '({remark})' contradicts the unit {unit} beside it",
                    statement.span,
                    "say which is meant: change the unit or the remark",
                    severity=Severity.WARNING,
                )

    def start_event(self, rule: ast.RuleDecl) -> None:
        """Say which event a timescale written without one counts from."""
        events = implicit_events(rule.statement.timescale)
        if not events:
            return
        event = events[0]
        if event.key == ast.START_EVENT:
            source = "no event is named here or by its process"
        else:
            source = f"its process '{rule.process}' names it"
        self.report(
            "TS301",
            f"'{rule.statement.task}' counts from '{event.text}': {source}",
            rule.statement.span,
            severity=Severity.NOTE,
        )

    def school_days(self, statement: ast.Statement) -> None:
        """School days are counted only where the ruleset says when schools close."""
        if any(closure.school for closure in self.ruleset.header.closures):
            return
        if self.path == STATEMENT_PATH:
            hint = "pass them: parse_rule(text, school_holidays=[(first, last, name), ...])"
        else:
            hint = 'declare them in the header: school holidays 2026-07-23 to 2026-09-02 "Summer"'
        for node in walk(statement.timescale):
            if isinstance(node, ast.Duration) and node.unit is ast.Unit.SCHOOL_DAYS:
                message = "school days are counted over school holidays, and none are declared"
                self.report("TS120", message, node.span, hint)
                return

    def bare_at(self, statement: ast.Statement) -> None:
        """Say what "at WORDS" without "the" is read as where no fact is declared: "Visit
        at home" is due on the day of an event called "home". (Where facts are declared,
        an event that is not one is an error already.)"""
        if self.facts:
            return
        for node in walk(statement.timescale):
            if not isinstance(node, ast.OnDay) or not isinstance(node.anchor, ast.FactRef):
                continue
            written = self.text_at(node.span)
            words = written.split(maxsplit=2)
            if len(words) < 2 or words[0].casefold() != "at":
                continue
            if words[1].casefold() in {"the", "point", "each", "every"}:
                continue
            event = node.anchor.text
            self.report(
                "TS302",
                f"'at {event}' is read as due on the day of an event called '{event}'",
                node.span,
                f"if 'at {event}' is part of the task's name, quote the name "
                f'("{statement.task} at {event}") and give its timescale',
                severity=Severity.NOTE,
            )

    def text_at(self, span: Span | None) -> str:
        """The source text from ``span``'s start to the end of its line."""
        if span is None or not 0 < span.line <= len(self.lines):
            return ""
        return self.lines[span.line - 1][span.column - 1 :]

    def task_words(self, statement: ast.Statement) -> None:
        # A remark too: "Minutes: to be distributed witin 15 working days" reads its
        # slip as part of what is done, as "Minutes witin ..." reads it as the task's.
        texts = [(statement.task, "task name"), *((text, "remark") for text in statement.remarks)]
        for text, what in texts:
            for word in text.split():
                guess = _slip_of_starter(word)
                if guess is None:
                    continue
                keep = "quote the task name" if what == "task name" else "put it in brackets"
                self.report(
                    "TS201",
                    f"{what} word '{word}' looks like the keyword '{guess}'",
                    self.word_span(statement.span, word),
                    f"did you mean '{guess}'? ({keep} if '{word}' is intended)",
                    Severity.WARNING,
                )

    def word_span(self, span: Span | None, word: str) -> Span | None:
        """The span of ``word`` within the line where ``span`` starts."""
        if span is None or not 0 < span.line <= len(self.lines):
            return span
        column = self.lines[span.line - 1].find(word, span.column - 1)
        if column < 0:
            return span
        return Span(span.file, span.line, column + 1, span.line, column + 1 + len(word))

    def condition(self, condition: ast.Condition) -> None:
        for node in walk_condition(condition):
            if isinstance(node, ast.FactTrue | ast.FactEquals):
                kind = ast.FactType.BOOLEAN if isinstance(node, ast.FactTrue) else ast.FactType.TEXT
                self.fact_use(node.fact, kind)
                declared = self.facts.get(node.fact.key)
                if (
                    isinstance(node, ast.FactEquals)
                    and declared is not None
                    and declared.allowed
                    and fold(node.value) not in {fold(a) for a in declared.allowed}
                ):
                    allowed = ", ".join(declared.allowed)
                    guess = did_you_mean(node.value, declared.allowed)
                    self.report(
                        "TS114",
                        f"'{node.value}' is not a value of '{declared.name}' ({allowed})",
                        node.span,
                        f"did you mean '{guess}'?" if guess else None,
                    )

    def fact_use(self, fact: ast.FactRef, kind: ast.FactType) -> None:
        """Check a fact used as ``kind`` (DATE, BOOLEAN or TEXT) against its declaration."""
        if not self.facts or fact.key in (PREVIOUS_OCCURRENCE, ast.START_EVENT):
            return
        declared = self.facts.get(fact.key)
        if declared is None and self.unparsed.may_declare_fact(fact.key):
            return
        if declared is None:
            names = [f.name for f in self.facts.values()]
            guess = did_you_mean(fact.text, names)
            code = "TS104" if kind is not ast.FactType.DATE else "TS105"
            what = "condition" if kind is not ast.FactType.DATE else "event"
            self.report(
                code,
                f"{what} '{fact.text}' is not a declared fact",
                fact.span,
                f"did you mean '{guess}'?"
                if guess
                else f'declare it: fact "{fact.text}" {kind.value}',
            )
            return
        if read_as(declared.type) is not kind:
            self.report(
                "TS108",
                f"'{declared.name}' is declared {declared.type.value} but used as {kind.value}",
                fact.span,
            )

    def node(self, node: object, known_ids: set[str]) -> None:
        match node:
            case ast.Duration(count=count) if count > MAX_COUNT:
                self.report(
                    LIMIT_CODE,
                    f"a count of {count} is larger than any timescale: counts go up to {MAX_COUNT}",
                    node.span,
                )
            case ast.Age(years=years, months=months) if (
                years > MAX_AGE_YEARS or months > MAX_COUNT or years == months == 0
            ):
                self.report(
                    AGE_CODE, f"an age must be between 1 month and {MAX_AGE_YEARS} years", node.span
                )
            case ast.Birthday(years=years) if not 1 <= years <= MAX_AGE_YEARS:
                self.report(
                    AGE_CODE,
                    f"a birthday must be the 1st to the {MAX_AGE_YEARS}th",
                    node.span,
                    "for the day of birth write 'on the day of date of birth'",
                )
            case ast.Duration(count=count) if count <= 0:
                self.report(
                    "TS103",
                    "a count of zero is meaningless here",
                    node.span,
                    "for the same day write 'on the day of <event>'",
                )
            case ast.FactRef():
                self.fact_use(node, ast.FactType.DATE)
            case ast.RuleRef(rule_id=rule_id) if (
                rule_id not in known_ids and not self.unparsed.may_define_rule(rule_id)
            ):
                guess = did_you_mean(rule_id, known_ids)
                self.report(
                    "TS109",
                    f"no rule with id '{rule_id}'",
                    node.span,
                    f"did you mean '{guess}'?" if guess else None,
                )
            case ast.Window(start=start, end=end):
                if window_backwards(start, end):
                    self.report(
                        "TS102",
                        "the window starts after it ends",
                        node.span,
                        "write the earlier bound first",
                    )
            case ast.Offset(duration=duration, target=target) if target is not None:
                if target_after_limit(node, target):
                    self.report(
                        "TS119",
                        f"the target ({target.count} {target.unit.value}) is later than the "
                        f"limit ({duration.count} {duration.unit.value})",
                        node.span,
                    )
            case ast.Every(interval=None):
                self.report(
                    "TS107",
                    "a recurrence needs an interval, e.g. 'every 6 months'",
                    node.span,
                )
            case ast.Recurrence(phases=phases) if len(phases) > 1:
                self.periods_in_order(phases)

    def periods_in_order(self, phases: tuple[ast.Phase, ...]) -> None:
        """Warn of a frequency's period that ends no later than the one before it: it
        never applies ("weekly for the first 3 months, then fortnightly for the first
        month"). Periods of one event only; units compared by the days they can span."""
        from .syntax.format import format_period  # (only here: a check loads no formatter)

        for before, after in itertools.pairwise(phases):
            if before.anchor != after.anchor:
                continue
            if _day_range(after.period)[1] <= _day_range(before.period)[0]:
                self.report(
                    "TS205",
                    f"the period '{format_period(after.period)}' ends no later than the one before "
                    f"it ('{format_period(before.period)}'): its frequency never applies",
                    after.span,
                    "each period counts from the same event: give the longer one later "
                    "(e.g. 'for the first 3 months' after 'for the first month')",
                    severity=Severity.WARNING,
                )

    def cycles(self, ids: list[str]) -> None:
        edges: dict[str, list[tuple[str, ast.RuleRef]]] = {}
        spans: dict[str, Span | None] = {}
        for rule, rule_id in zip(self.ruleset.rules, ids, strict=True):
            refs = [n for n in walk(rule.statement.timescale) if isinstance(n, ast.RuleRef)]
            edges.setdefault(rule_id, []).extend((r.rule_id, r) for r in refs)
            spans.setdefault(rule_id, rule.span)
        depths = reference_depths(edges)
        deepest = max(depths, key=depths.__getitem__, default=None)
        if deepest is not None and depths[deepest] > MAX_REFERENCE_DEPTH:
            self.report(
                REFERENCE_CODE,
                f"[{deepest}] counts from a chain of {depths[deepest]} rules, each due from "
                f"the next: at most {MAX_REFERENCE_DEPTH} are allowed",
                spans.get(deepest),
            )
        reported: set[frozenset[str]] = set()
        cyclic = on_cycles(edges)
        for start in (rule_id for rule_id in edges if rule_id in cyclic):
            path = find_cycle(start, edges)
            if path and frozenset(path) not in reported:
                reported.add(frozenset(path))
                self.report(
                    "TS106",
                    "rules depend on each other in a cycle: " + " -> ".join([*path, path[0]]),
                    spans.get(start),
                )

    def unused_facts(self) -> None:
        used: set[str] = set()
        for rule in self.ruleset.rules:
            for node in walk(rule.statement.timescale):
                if isinstance(node, ast.FactRef):
                    used.add(node.key)
                elif isinstance(node, ast.Age | ast.Birthday):
                    used.add(ast.DATE_OF_BIRTH)
                elif isinstance(node, ast.Guarded):
                    # Built-in anchors too: a bare "every 6 months" reads previous occurrence.
                    used.update(a.key for a in anchors(node.schedule) if isinstance(a, ast.FactRef))
                    if node.condition is not None:
                        used.update(key for key, _ in condition_facts(node.condition))
        for fact in self.ruleset.header.facts:
            if fact.key not in used and not self.unparsed.may_use_fact(fact.key):
                self.report(
                    "TS202",
                    f"fact '{fact.name}' is declared but no rule uses it",
                    fact.span,
                    severity=Severity.WARNING,
                )

    def run(self) -> list[Diagnostic]:
        self.header()
        ids = self.rule_ids()
        known = set(ids)
        for rule in self.ruleset.rules:
            self.statement(rule, known)
        self.cycles(ids)
        if self.ruleset.rules:
            self.unused_facts()
        return self.found


def window_backwards(start: ast.OnDay | ast.Offset, end: ast.OnDay | ast.Offset) -> bool:
    """True when both bounds share an event and the start must fall after the end.

    Same units compare exactly; other units compare by the days they can span,
    so only windows that are backwards whatever the dates are reported here
    (the rest are caught when a deadline is computed).
    """
    if start.anchor != end.anchor:
        return False
    if (
        isinstance(start, ast.Offset)
        and isinstance(end, ast.Offset)
        and start.duration.unit == end.duration.unit
    ):
        sign_a = 1 if start.direction is ast.Direction.AFTER else -1
        sign_b = 1 if end.direction is ast.Direction.AFTER else -1
        return sign_a * start.duration.count > sign_b * end.duration.count
    return _signed_range(start)[0] > _signed_range(end)[1]


def target_after_limit(node: ast.Offset, target: ast.Duration) -> bool:
    """True when the target must fall after the limit, whatever the dates."""
    limit = ast.Offset(node.duration, node.direction, node.anchor)
    aimed = ast.Offset(target, node.direction, node.anchor)
    return window_backwards(aimed, limit)


def find_cycle(start: str, edges: dict[str, list[tuple[str, ast.RuleRef]]]) -> list[str] | None:
    """A path of rules from ``start`` that refers back to it, or None.

    Depth first with an explicit stack, so a chain of thousands of rules
    cannot exhaust Python's.
    """
    path = [start]
    pending = [iter(edges.get(start, []))]
    seen = {start}
    while pending:
        for target, _ in pending[-1]:
            if target == start:
                return path
            if target not in seen and target in edges:
                seen.add(target)
                path.append(target)
                pending.append(iter(edges[target]))
                break
        else:
            pending.pop()
            path.pop()
    return None


def on_cycles(edges: dict[str, list[tuple[str, ast.RuleRef]]]) -> set[str]:
    """The rules that lie on some cycle of references (Tarjan's components, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    component: list[str] = []
    in_component: set[str] = set()
    found: set[str] = set()
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = len(index)
        component.append(root)
        in_component.add(root)
        while work:
            node, targets = work[-1]
            for target, _ in targets:
                if target not in edges:
                    continue
                if target == node:
                    found.add(node)
                if target not in index:
                    index[target] = low[target] = len(index)
                    component.append(target)
                    in_component.add(target)
                    work.append((target, iter(edges[target])))
                    break
                if target in in_component:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    members = []
                    while True:
                        member = component.pop()
                        in_component.discard(member)
                        members.append(member)
                        if member == node:
                            break
                    if len(members) > 1:
                        found.update(members)
    return found


def reference_depths(edges: dict[str, list[tuple[str, ast.RuleRef]]]) -> dict[str, int]:
    """How many rules deep each rule's ``[id]`` references go (0: it refers to none).

    Iterative; a rule on a cycle counts the rules up to where the cycle closes.
    """
    depth: dict[str, int] = {}
    for root in edges:
        if root in depth:
            continue
        stack = [root]
        on_stack = {root}
        while stack:
            node = stack[-1]
            waiting = [
                t
                for t, _ in edges.get(node, [])
                if t in edges and t not in depth and t not in on_stack
            ]
            if waiting:
                stack.append(waiting[0])
                on_stack.add(waiting[0])
                continue
            below = [depth.get(t, 0) for t, _ in edges.get(node, []) if t in edges]
            depth[node] = 1 + max(below) if below else 0
            stack.pop()
            on_stack.discard(node)
    return depth


def validate(
    ruleset: ast.RulesetFile,
    source: str = "",
    path: str = "<string>",
    unparsed: Unparsed | None = None,
) -> list[Diagnostic]:
    """Every semantic finding about a parsed rule file.

    ``unparsed`` describes lines that failed to parse, so that what they may
    have defined (a rule id, a fact) is not reported as missing.
    """
    return Checker(ruleset, source, path, unparsed).run()


#: Where a statement's checks are reported, and how a statement is told apart.
STATEMENT_PATH = "<statement>"


def validate_statement(
    statement: ast.Statement, school_holidays: tuple[ast.Closure, ...] = ()
) -> list[Diagnostic]:
    """Every semantic finding about one statement (with the school holidays a caller
    gives for it)."""
    header = ast.Header(closures=school_holidays)
    single = ast.RulesetFile(header, (ast.RuleDecl(statement, "statement"),))
    return Checker(single, "", STATEMENT_PATH).run()


__all__ = ["anchors", "validate", "validate_statement"]


def _slip_of_starter(word: str) -> str | None:
    """The keyword beginning a timescale that ``word`` is one slip away from, if any.

    Only one slip, in a longer word: names are full of real words, and a word more
    than one letter longer than every keyword cannot be one slip away.
    """
    if not _WORD.fullmatch(word) or word.lower() in _STARTERS:
        return None
    if not 5 <= len(word) <= _LONGEST_STARTER + 1:
        return None
    close = [k for k in _STARTERS if one_edit_apart(word.lower(), k)]
    return close[0] if close else None
