"""Grammar rules -> AST nodes with spans; makes no semantic decisions.

One method per grammar rule, called as the parser reduces the rule
(syntax/build.py) with where the rule was written and its children's values.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
from lark import Token

from ..errors import Diagnostic, Severity, Span, SyntaxProblem
from ..limits import check_counts_agree, check_not_depth, read_date, read_number, read_time
from ..needs import PREVIOUS_OCCURRENCE_FACT
from ..quoting import shortened
from . import ast, lowering
from .build import Built as Meta
from .implicit import with_start_event
from .names import event_key

SYNTAX_ERROR = "TS001"


@attrs.frozen
class IntervalRange:
    """ "4-6 weeks" after "every": the window's opening and the interval."""

    earliest: ast.Duration
    interval: ast.Duration


#: A count written twice, the second in brackets: "five (5)", "10 (ten)".
_WRITTEN_TWICE = re.compile(r"^(?P<first>[^(]+?)[ \t\f]*\([ \t\f]*(?P<second>[^()]+?)[ \t\f]*\)$")


def _unquote(token: Token) -> str:
    return str(token)[1:-1]


class ToAst:
    """One method per grammar rule; each returns an AST node or a plain value.

    ``remarks`` is the list the lexer adds remark tokens to as it meets them;
    each statement takes those on its own lines out of it.
    """

    def __init__(self, path: str, remarks: list[Token] | None = None) -> None:
        self.path = path
        self.remarks = remarks if remarks is not None else []
        self.taken: list[Token] = []

    def _remark(self, text: str, at: Token) -> None:
        """Words the grammar read that change nothing computed, kept as a remark where
        ``at`` stands, as a remark in brackets would be."""
        self.remarks.append(Token.new_borrow_pos("REMARK", f"({text})", at))

    def _span(self, meta: Meta) -> Span | None:
        if getattr(meta, "empty", True):
            return None
        return Span(self.path, meta.line, meta.column, meta.end_line, meta.end_column)

    def _int(self, token: Token, digits: str | None = None) -> int:
        """A count as written: digits (refused past the language's limit) or number words,
        or both, one in brackets after the other ("five (5)", "10 (ten)"), agreeing."""
        text = str(token) if digits is None else digits
        paired = _WRITTEN_TWICE.match(text)
        if paired is None:
            return self._count(token, text)
        first, second = (self._count(token, paired[part]) for part in ("first", "second"))
        words, figures = (second, first) if paired["first"].isdigit() else (first, second)
        check_counts_agree(token, self.path, words, figures)
        return first

    def _count(self, token: Token, text: str) -> int:
        if text.isdigit():
            return read_number(token, self.path, text)
        return lowering.number_value(text)

    # -- names and words ---------------------------------------------------
    def task_words(self, meta: Meta, children: list[Any]) -> str:
        return " ".join(str(c) for c in children)

    anchor_words = bound_words = pick_words = fact_words = value_words = task_words

    def task_action(self, meta: Meta, children: list[Token]) -> None:
        # "Minutes: to be distributed within ...": what is done changes nothing computed.
        action = " ".join(str(c) for c in children)
        self._remark(action, children[0])

    def quoted_task(self, meta: Meta, children: list[Token]) -> str:
        return _unquote(children[0])

    def task(self, meta: Meta, children: list[str]) -> str:
        return children[0]

    def _event_words(self, meta: Meta, text: str) -> None:
        """Refuse an event's unquoted name that holds a timescale of its own: in "within
        5 days of referral and 3 days after contact" the second would be read as words
        of the name."""
        inside = lowering.timescale_in_name(text)
        if inside is None:
            return
        message = f"the event '{shortened(text)}' holds a timescale of its own ('{inside}')"
        hint = (
            "join alternatives with 'or' and say which counts, e.g. 'within 5 days of "
            "referral or 3 days after contact, whichever is earlier'; quote a name "
            'that really holds these words ("...")'
        )
        problem = Diagnostic(SYNTAX_ERROR, Severity.ERROR, message, self._span(meta), hint)
        raise SyntaxProblem([problem])

    def anchor(self, meta: Meta, children: list[Any]) -> ast.FactRef | ast.BirthdayRef:
        word = children[-1]
        quoted = isinstance(word, Token) and word.type == "STRING"
        text = _unquote(word) if quoted else str(word)
        if not quoted:
            self._event_words(meta, text)
        years = lowering.birthday_years(event_key(text))
        if years is not None:  # "of your 18th birthday": from the date of birth
            return ast.BirthdayRef(years, span=self._span(meta))
        return ast.FactRef(event_key(text), text, span=self._span(meta))

    def rule_anchor(self, meta: Meta, children: list[Token]) -> ast.RuleRef:
        return ast.RuleRef(str(children[0]), span=self._span(meta))

    def fact_name(self, meta: Meta, children: list[Any]) -> ast.FactRef:
        word = children[0]
        text = _unquote(word) if isinstance(word, Token) and word.type == "STRING" else str(word)
        return ast.FactRef(event_key(text), text, span=self._span(meta))

    def value(self, meta: Meta, children: list[Any]) -> str:
        word = children[0]
        return _unquote(word) if isinstance(word, Token) and word.type == "STRING" else str(word)

    # -- durations ---------------------------------------------------------
    def working_days(self, meta: Meta, children: list[Any]) -> ast.Unit:
        return ast.Unit.WORKING_DAYS

    def school_days(self, meta: Meta, children: list[Any]) -> ast.Unit:
        return ast.Unit.SCHOOL_DAYS

    def calendar_days(self, meta: Meta, children: list[Any]) -> ast.Unit:
        return ast.Unit.CALENDAR_DAYS

    def weeks(self, meta: Meta, children: list[Any]) -> ast.Unit:
        return ast.Unit.WEEKS

    def months_unit(self, meta: Meta, children: list[Any]) -> ast.Unit:
        return ast.Unit.MONTHS

    def years_unit(self, meta: Meta, children: list[Any]) -> ast.Unit:
        return ast.Unit.YEARS

    def hours(self, meta: Meta, children: list[Any]) -> ast.Unit:
        return ast.Unit.HOURS

    def working_hours(self, meta: Meta, children: list[Any]) -> ast.Unit:
        return ast.Unit.WORKING_HOURS

    def fortnights(self, meta: Meta, children: list[Any]) -> str:
        return lowering.FORTNIGHT

    def quarters(self, meta: Meta, children: list[Any]) -> str:
        return lowering.QUARTER

    def duration(self, meta: Meta, children: list[Any]) -> ast.Duration:
        duration = lowering.duration(self._int(children[0]), children[1])
        return attrs.evolve(duration, span=self._span(meta))

    def target(self, meta: Meta, children: list[Any]) -> tuple[str, ast.Duration]:
        return ("target", children[0])

    def after(self, meta: Meta, children: list[Any]) -> ast.Direction:
        return ast.Direction.AFTER

    def before(self, meta: Meta, children: list[Any]) -> ast.Direction:
        return ast.Direction.BEFORE

    # -- deadlines ---------------------------------------------------------
    def immediacy(self, meta: Meta, children: list[Token]) -> ast.NoFixedTimescale:
        # With no event to count from, immediacy is a row with no fixed timescale.
        wording = " ".join(str(children[0]).split())
        return ast.NoFixedTimescale(wording, span=self._span(meta))

    def on_day(self, meta: Meta, children: list[Any]) -> ast.OnDay:
        anchor = children[-1]
        if isinstance(anchor, str):  # "at the conference": bare words, no leading "the"
            self._event_words(meta, anchor)
            anchor = ast.FactRef(event_key(anchor), anchor, span=self._span(meta))
        return ast.OnDay(anchor, span=self._span(meta))

    def offset(self, meta: Meta, children: list[Any]) -> ast.Offset:
        targets = [c[1] for c in children if isinstance(c, tuple)]
        duration, direction, anchor = (c for c in children if not isinstance(c, tuple))
        target = targets[0] if targets else None
        return ast.Offset(duration, direction, anchor, target, span=self._span(meta))

    def implicit_offset(self, meta: Meta, children: list[Any]) -> ast.Offset:
        # "within 10 working days": the start event is filled in from the process.
        duration = children[0]
        target = children[1][1] if len(children) > 1 else None
        # Findings about the implied event point at the words that imply it.
        span = self._span(meta)
        anchor = ast.FactRef(ast.START_EVENT, ast.START_EVENT, implicit=True, span=span)
        return ast.Offset(duration, ast.Direction.AFTER, anchor, target, span=span)

    def next_working_day(self, meta: Meta, children: list[Any]) -> ast.Offset:
        anchor = children[-1] if children else None
        if anchor is None:
            implied = self._span(meta)
            anchor = ast.FactRef(ast.START_EVENT, ast.START_EVENT, implicit=True, span=implied)
        duration = ast.Duration(1, ast.Unit.WORKING_DAYS)
        return ast.Offset(duration, ast.Direction.AFTER, anchor, span=self._span(meta))

    def preferred(self, meta: Meta, children: list[Any]) -> ast.Offset:
        # "before the placement or, if not practicable, within 10 working days of it": a
        # record before the placement is within the limit too; the preference is a remark.
        preference = children[0]
        words = lowering.preference(str(preference))
        self._remark(words, preference)
        offset = self.offset(meta, children[1:])
        if lowering.refers_back(offset.anchor):  # "... within 5 working days of it"
            event = lowering.preferred_event(words)
            anchor = ast.FactRef(event_key(event), event, span=offset.anchor.span)
            return attrs.evolve(offset, anchor=anchor)
        return offset

    def urged(self, meta: Meta, children: list[Any]) -> Any:
        # The urging ("as soon as possible") changes nothing computed: a remark.
        urging = children[0]
        self._remark(str(urging), urging)
        return children[-1]

    def plain_offset(self, meta: Meta, children: list[Any]) -> ast.Offset:
        duration, direction, anchor = children
        return ast.Offset(duration, direction, anchor, span=self._span(meta))

    def between(self, meta: Meta, children: list[Any]) -> ast.Window:
        low_count, high_count, unit, direction, anchor = children
        low = lowering.duration(self._int(low_count), unit)
        high = attrs.evolve(lowering.duration(self._int(high_count), unit), span=self._span(meta))
        first, last = lowering.window_bounds(low, high, direction)
        start = ast.Offset(first, direction, anchor, span=self._span(meta))
        end = ast.Offset(last, direction, anchor, span=self._span(meta))
        return ast.Window(start, end, span=self._span(meta))

    def from_to(self, meta: Meta, children: list[Any]) -> ast.Window:
        return ast.Window(children[0], children[1], span=self._span(meta))

    def age(self, meta: Meta, children: list[Any]) -> ast.Age:
        numbers = [self._int(c) for c in children if isinstance(c, Token) and c.type == "NUMBER"]
        months = numbers[1] if len(numbers) > 1 else 0
        return ast.Age(numbers[0], months, span=self._span(meta))

    def birthday(self, meta: Meta, children: list[Token]) -> ast.Birthday:
        ordinal = str(children[0])
        return ast.Birthday(self._int(children[0], ordinal[:-2]), span=self._span(meta))

    def birthday_plus(self, meta: Meta, children: list[Any]) -> ast.Offset:
        # "by the 16th birthday plus 3 months" is "within 3 months of the 16th birthday".
        ordinal, duration = children
        years = self._int(ordinal, str(ordinal)[:-2])
        anchor = ast.BirthdayRef(years, span=self._span(meta))
        return ast.Offset(duration, ast.Direction.AFTER, anchor, span=self._span(meta))

    def rolled(self, meta: Meta, children: list[Any]) -> ast.Rolled:
        roll = ast.Roll(str(children[1]).lower())
        weekend_only = len(children) > 2
        return ast.Rolled(children[0], roll, weekend_only, span=self._span(meta))

    def choice(self, meta: Meta, children: list[Any]) -> ast.Choice:
        pick = lowering.pick(str(children[-1]))
        try:
            options = lowering.distribute_counts(children[:-1])
        except lowering.BareEventError as error:
            hint = "give it its own count, e.g. 'or within 10 working days of review'"
            span = error.anchor.span or self._span(meta)
            problem = Diagnostic(SYNTAX_ERROR, Severity.ERROR, str(error), span, hint)
            raise SyntaxProblem([problem]) from None
        return ast.Choice(options, pick, span=self._span(meta))

    def pick_of(self, meta: Meta, children: list[Any]) -> ast.Choice:
        """ "by the earlier of A and B": the pick said first. An event alone is its
        day, or after a counted alternative takes that one's count, as in "A or B,
        whichever is earlier"."""
        pick = lowering.pick(str(children[0]))
        options: list[ast.Deadline | ast.Rolled] = []
        for option in children[1:]:
            if isinstance(option, ast.BirthdayRef):  # "the 16th birthday"
                option = ast.Birthday(option.years, span=option.span)
            elif isinstance(option, ast.FactRef | ast.RuleRef):
                if options and not isinstance(options[-1], ast.OnDay | ast.Birthday):
                    option = lowering.distribute_counts([options[-1], option])[-1]
                else:
                    option = ast.OnDay(option, span=option.span)
            options.append(option)
        return ast.Choice(tuple(options), pick, span=self._span(meta))

    def counted_pick_of(self, meta: Meta, children: list[Any]) -> ast.Choice:
        """ "within 5 days of the later of referral and contact": the same period from
        each event. Counting on is never decreasing, so the later (earlier) event gives
        the later (earlier) date: this is the choice between the counted dates."""
        duration, direction, picked, *anchors = children
        offsets = [ast.Offset(duration, direction, a, span=a.span) for a in anchors]
        return self.pick_of(meta, [picked, *offsets])

    # -- recurrence --------------------------------------------------------
    def step(self, meta: Meta, children: list[Any]) -> ast.Duration:
        duration: ast.Duration = children[0]
        return duration

    def every_unit(self, meta: Meta, children: list[Any]) -> ast.Duration:
        return attrs.evolve(lowering.unit_interval(children[0]), span=self._span(meta))

    def every_range(self, meta: Meta, children: list[Any]) -> IntervalRange:
        shortest, longest = self._int(children[0]), self._int(children[1])
        if shortest > longest:
            message = f"the shorter interval comes first: 'every {longest}-{shortest} ...'"
            problem = Diagnostic(SYNTAX_ERROR, Severity.ERROR, message, self._span(meta))
            raise SyntaxProblem([problem])
        span = self._span(meta)
        earliest = attrs.evolve(lowering.duration(shortest, children[2]), span=span)
        interval = attrs.evolve(lowering.duration(longest, children[2]), span=span)
        return IntervalRange(earliest, interval)

    def every(self, meta: Meta, children: list[Any]) -> ast.Every:
        frequency = [c for c in children if isinstance(c, Token) and c.type == "FREQUENCY"]
        if frequency:
            try:
                repeats = lowering.frequency_interval(str(frequency[0]))
            except lowering.UnitError as error:
                span = self._span(meta)
                problem = Diagnostic(SYNTAX_ERROR, Severity.ERROR, str(error), span)
                raise SyntaxProblem([problem]) from None
            children = [repeats, *children[1:]]
        ranged = next((c for c in children if isinstance(c, IntervalRange)), None)
        interval = next((c for c in children if isinstance(c, ast.Duration)), None)
        earliest = None
        if ranged is not None:
            interval, earliest = ranged.interval, ranged.earliest
        anchor = next((c for c in children if isinstance(c, ast.Anchor)), None)
        if lowering.refers_back(anchor):  # "every 3 months after that": thereafter
            anchor = None
        target = next((c[1] for c in children if isinstance(c, tuple)), None)
        return ast.Every(interval, anchor, target, earliest, span=self._span(meta))

    def until(self, meta: Meta, children: list[Any]) -> ast.Anchor:
        return lowering.series_end(children[0])

    def every_choice(self, meta: Meta, children: list[Any]) -> ast.Recurrence:
        until = children.pop() if isinstance(children[-1], ast.Anchor) else None
        every: ast.Every = children[0]
        assert every.interval is not None, "the grammar gives it one"
        # The frequency is the first alternative: one interval after its anchor
        # (the previous occurrence unless one is named), then every interval.
        anchor = every.anchor or PREVIOUS_OCCURRENCE_FACT
        own = ast.Offset(every.interval, ast.Direction.AFTER, anchor, span=every.span)
        choice = self.choice(meta, [own, *children[1:]])
        repeat = ast.Every(every.interval, None, every.target, span=every.span)
        return ast.Recurrence(choice, (), repeat, until, span=self._span(meta))

    def later_ones(self, meta: Meta, children: list[Token]) -> None:
        # "; subsequent visits every 6 weeks": the name of the later occurrences is a
        # remark; the frequency after it is the schedule's, as after ", then".
        self._remark(lowering.later_ones(str(children[0])), children[0])

    def phase(self, meta: Meta, children: list[Any]) -> ast.Phase:
        every: ast.Every = children[0]
        if every.interval is None:
            message = "a frequency for a period needs its interval"
            hint = "say how often, e.g. 'every 6 weeks for the first year'"
            problem = Diagnostic(SYNTAX_ERROR, Severity.ERROR, message, every.span, hint)
            raise SyntaxProblem([problem])
        count = self._int(children[1]) if isinstance(children[1], Token) else 1
        unit = children[2] if isinstance(children[1], Token) else children[1]
        period = attrs.evolve(lowering.duration(count, unit), span=self._span(meta))
        anchor = children[-1] if isinstance(children[-1], ast.Anchor) else None
        # The period's event, where not written, is filled in by ``recurrence``.
        span = self._span(meta)
        missing = ast.FactRef(ast.START_EVENT, ast.START_EVENT, implicit=True, span=span)
        return ast.Phase(every, period, anchor or missing, anchor is not None, span=span)

    def recurrence(self, meta: Meta, children: list[Any]) -> ast.Recurrence:
        children = [c for c in children if c is not None]  # later_ones: a remark
        until = children.pop() if isinstance(children[-1], ast.Anchor) else None
        every = children[-1] if isinstance(children[-1], ast.Every) else None
        opens_with_frequency = isinstance(children[0], ast.Every | ast.Duration | ast.Phase)
        first = None if opens_with_frequency else children[0]
        steps = tuple(c for c in children if isinstance(c, ast.Duration))
        phases = tuple(
            self._counted_from_schedule(c, first) for c in children if isinstance(c, ast.Phase)
        )
        return ast.Recurrence(first, steps, every, until, phases, span=self._span(meta))

    def _counted_from_schedule(
        self, phase: ast.Phase, first: ast.SingleDeadline | None
    ) -> ast.Phase:
        """A period written without its event ("for the first year") counts from the
        schedule's: the first deadline's, else the frequency's ("every 6 weeks after
        placement"), else the start event."""
        if phase.anchor_written:
            return phase
        if first is None:
            own = phase.every.anchor
            return phase if own is None else attrs.evolve(phase, anchor=own)
        anchor = lowering.deadline_event(first)
        if anchor is None:
            message = "the period of a frequency needs the event it is counted from"
            hint = "name it, e.g. 'every 6 weeks for the first year of the placement'"
            problem = Diagnostic(SYNTAX_ERROR, Severity.ERROR, message, phase.span, hint)
            raise SyntaxProblem([problem])
        return attrs.evolve(phase, anchor=anchor)

    # -- conditions and alternatives ---------------------------------------
    def fact_true(self, meta: Meta, children: list[Any]) -> ast.FactTrue:
        return ast.FactTrue(children[0], span=self._span(meta))

    def fact_equals(self, meta: Meta, children: list[Any]) -> ast.FactEquals:
        return ast.FactEquals(children[0], children[1], span=self._span(meta))

    def fact_not_equals(self, meta: Meta, children: list[Any]) -> ast.FactEquals:
        return ast.FactEquals(children[0], children[1], negated=True, span=self._span(meta))

    def negation(self, meta: Meta, children: list[Any]) -> ast.Not:
        return check_not_depth(ast.Not(children[0], span=self._span(meta)))

    def all_of(self, meta: Meta, children: list[Any]) -> ast.AllOf:
        left, right = children
        operands = (*left.operands, right) if isinstance(left, ast.AllOf) else (left, right)
        return ast.AllOf(operands, span=self._span(meta))

    def any_of(self, meta: Meta, children: list[Any]) -> ast.AnyOf:
        left, right = children
        operands = (*left.operands, right) if isinstance(left, ast.AnyOf) else (left, right)
        return ast.AnyOf(operands, span=self._span(meta))

    def condition(self, meta: Meta, children: list[Any]) -> Any:
        return children[0]

    def guarded(self, meta: Meta, children: list[Any]) -> ast.Guarded:
        condition = children[1] if len(children) > 1 else None
        return ast.Guarded(children[0], condition, span=self._span(meta))

    def otherwise(self, meta: Meta, children: list[Any]) -> ast.Guarded:
        return ast.Guarded(children[0], None, otherwise=True, span=self._span(meta))

    def not_required(self, meta: Meta, children: list[Token]) -> ast.NotRequired:
        return ast.NotRequired(span=self._span(meta))

    def alternatives(self, meta: Meta, children: list[Any]) -> ast.Alternatives:
        return ast.Alternatives(tuple(children), span=self._span(meta))

    def no_fixed(self, meta: Meta, children: list[Token]) -> ast.NoFixedTimescale:
        wording = _unquote(children[0]) if children else None
        return ast.NoFixedTimescale(wording, span=self._span(meta))

    def statement(self, meta: Meta, children: list[Any]) -> ast.Statement:
        # A statement's remarks are those on its lines; each is taken once.
        mine = [r for r in self.remarks if meta.line <= (r.line or 0) <= meta.end_line]
        mine.sort(key=lambda r: r.start_pos or 0)
        # By identity: another line's remark of the same words is not this one's.
        taken = {id(r) for r in mine}
        self.remarks[:] = [r for r in self.remarks if id(r) not in taken]
        self.taken += mine
        remarks = tuple(lowering.remark_text(str(r)) for r in mine)
        return ast.Statement(children[0], children[-1], remarks, span=self._through(meta, mine))

    def _through(self, meta: Meta, remarks: list[Token]) -> Span | None:
        """The statement's span, to the end of any remark after its last word: rewriting
        the statement (``fmt --canonical``) then rewrites its remarks once, not twice."""
        span = self._span(meta)
        ends = [(r.end_line, r.end_column) for r in remarks if r.end_line and r.end_column]
        if span is None or not ends or span.end_line is None or span.end_column is None:
            return span
        last = max(ends)
        if last <= (span.end_line, span.end_column):
            return span
        return attrs.evolve(span, end_line=last[0], end_column=last[1])

    def single(self, meta: Meta, children: list[Any]) -> ast.Statement:
        statement: ast.Statement = children[0]
        if self.remarks:  # on lines of their own around a lone statement: still its own
            ordered = sorted([*self.taken, *self.remarks], key=lambda r: r.start_pos or 0)
            remarks = tuple(lowering.remark_text(str(r)) for r in ordered)
            statement = attrs.evolve(statement, remarks=remarks)
        return statement

    # -- rule files --------------------------------------------------------
    def title(self, meta: Meta, children: list[Token]) -> tuple[str, Any]:
        return ("title", _unquote(children[0]))

    def source_document(self, meta: Meta, children: list[Token]) -> tuple[str, Any]:
        return ("source", _unquote(children[0]))

    def calendar(self, meta: Meta, children: list[Token]) -> tuple[str, Any]:
        token = children[0]
        name = _unquote(token) if token.type == "STRING" else str(token)
        return ("calendar", (name, self._span(meta)))

    def closure(self, meta: Meta, children: list[Token]) -> tuple[str, Any]:
        dates = [read_date(c, self.path) for c in children if c.type == "DATE"]
        names = [_unquote(c) for c in children if c.type == "STRING"]
        name = names[0] if names else None
        return ("closure", ast.Closure(dates[0], dates[-1], name, span=self._span(meta)))

    def school_closure(self, meta: Meta, children: list[Token]) -> tuple[str, Any]:
        kind, closure = self.closure(meta, children)
        return (kind, attrs.evolve(closure, school=True))

    def bank_holidays_are_working_days(self, meta: Meta, children: list[Any]) -> tuple[str, Any]:
        return ("bank_holidays_are_working_days", True)

    def event_day_counts_as(self, meta: Meta, children: list[Token]) -> tuple[str, Any]:
        return ("event_day_number", (self._int(children[0]), self._span(meta)))

    def weekend(self, meta: Meta, children: list[Token]) -> tuple[str, Any]:
        return ("weekend", (tuple(str(c).lower() for c in children), self._span(meta)))

    def office_hours(self, meta: Meta, children: list[Token]) -> tuple[str, Any]:
        start, end = (read_time(c, self.path) for c in children)
        return ("office_hours", ((start, end), self._span(meta)))

    def date_type(self, meta: Meta, children: list[Any]) -> tuple[ast.FactType, tuple[str, ...]]:
        return (ast.FactType.DATE, ())

    def datetime_type(
        self, meta: Meta, children: list[Any]
    ) -> tuple[ast.FactType, tuple[str, ...]]:
        return (ast.FactType.DATETIME, ())

    def boolean_type(self, meta: Meta, children: list[Any]) -> tuple[ast.FactType, tuple[str, ...]]:
        return (ast.FactType.BOOLEAN, ())

    def text_type(self, meta: Meta, children: list[Token]) -> tuple[ast.FactType, tuple[str, ...]]:
        return (ast.FactType.TEXT, tuple(_unquote(c) for c in children))

    def fact_decl(self, meta: Meta, children: list[Any]) -> tuple[str, Any]:
        name = _unquote(children[0])
        fact_type, allowed = children[1]
        description = _unquote(children[2]) if len(children) > 2 else None
        decl = ast.FactDecl(
            event_key(name), name, fact_type, description, allowed, span=self._span(meta)
        )
        return ("fact", decl)

    def section(self, meta: Meta, children: list[Token]) -> tuple[str, str]:
        return ("section", _unquote(children[0]))

    def process(self, meta: Meta, children: list[Token]) -> tuple[str, Any]:
        start = _unquote(children[1]) if len(children) > 1 else None
        return ("process", (_unquote(children[0]), start))

    def rule_id(self, meta: Meta, children: list[Token]) -> tuple[str, str]:
        return ("id", str(children[0]))

    def recorded_in(self, meta: Meta, children: list[Token]) -> tuple[str, Any]:
        form = _unquote(children[1]) if len(children) > 1 else None
        return ("recorded_in", (_unquote(children[0]), form))

    def recorded_by(self, meta: Meta, children: list[Token]) -> tuple[str, Any]:
        return ("recorded_by", _unquote(children[0]))

    def source_wording(self, meta: Meta, children: list[Token]) -> tuple[str, Any]:
        return ("source", _unquote(children[0]))

    def note(self, meta: Meta, children: list[Token]) -> tuple[str, Any]:
        return ("note", _unquote(children[0]))

    def rule(self, meta: Meta, children: list[Any]) -> ast.RuleDecl:
        rule_id: str | None = None
        statement: ast.Statement | None = None
        fields: dict[str, list[str]] = {}
        for child in children:
            if isinstance(child, ast.Statement):
                statement = child
            elif child[0] == "id":
                rule_id = child[1]
            elif child[0] == "recorded_in":
                fields.setdefault("recorded_in", []).append(child[1][0])
                if child[1][1] is not None:
                    fields.setdefault("form", []).append(child[1][1])
            else:
                fields.setdefault(child[0], []).append(child[1])
        assert statement is not None
        # Repeated detail lines continue each other, so long wording can wrap.
        joined = {
            key: ("; " if key in ("recorded_in", "form", "recorded_by") else " ").join(values)
            for key, values in fields.items()
        }
        return ast.RuleDecl(statement, rule_id, span=self._span(meta), **joined)

    def ruleset(self, meta: Meta, children: list[Any]) -> ast.RulesetFile:
        header: dict[str, Any] = {}
        spans: list[tuple[str, Span | None]] = []
        closures: list[ast.Closure] = []
        facts: list[ast.FactDecl] = []
        rules: list[ast.RuleDecl] = []
        section: str | None = None
        process: str | None = None
        start: str | None = None
        for child in children:
            if isinstance(child, ast.RuleDecl):
                if start is not None:
                    statement = with_start_event(child.statement, start)
                    child = attrs.evolve(child, statement=statement)
                rules.append(attrs.evolve(child, section=section, process=process))
            elif child[0] == "section":
                section, process, start = child[1], None, None
            elif child[0] == "process":
                process, start = child[1]
            elif child[0] == "closure":
                closures.append(child[1])
            elif child[0] == "fact":
                facts.append(child[1])
            elif child[0] in ("calendar", "event_day_number", "weekend", "office_hours"):
                header[child[0]] = child[1][0]
                spans.append((child[0], child[1][1]))
            else:
                header[child[0]] = child[1]
        if self.remarks:
            stray = self.remarks[0]
            span = Span(
                self.path, stray.line or 0, stray.column or 0, stray.end_line, stray.end_column
            )
            problem = Diagnostic(
                SYNTAX_ERROR,
                Severity.ERROR,
                f"unexpected '{stray}' outside a statement",
                span,
                "a remark in brackets belongs on a rule's line; put other text in a note",
            )
            raise SyntaxProblem([problem])
        head = ast.Header(
            closures=tuple(closures), facts=tuple(facts), spans=tuple(spans), **header
        )
        return ast.RulesetFile(head, tuple(rules), path=self.path, span=self._span(meta))
