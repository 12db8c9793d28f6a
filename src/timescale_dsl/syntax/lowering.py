"""Surface wordings lowered onto the tree: the one place that knows them.

A council writes "within Ten working days", "a fortnight", "whichever comes
first", "six-monthly" or "at intervals of not more than 3 months"; the parser
accepts these where the grammar has them, and the transformer turns each into
the same node its canonical wording gives, through the tables and functions
here. The evaluator, the batch engine, validation and the formatter never see
the difference.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from . import ast
from .names import event_key

_UNITS_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
#: "a week", "an hour": one.
_ONE_WORDS = {"a": 1, "an": 1}

#: The count a fortnight stands for, in weeks.
FORTNIGHT_WEEKS = 2
#: The count a quarter stands for, in months.
QUARTER_MONTHS = 3


def number_words() -> dict[str, int]:
    """Every number word the grammar accepts, with its value (hyphenated forms)."""
    words = dict(_UNITS_WORDS) | dict(_TENS_WORDS)
    for tens, tens_value in _TENS_WORDS.items():
        for unit, unit_value in list(_UNITS_WORDS.items())[:9]:
            words[f"{tens}-{unit}"] = tens_value + unit_value
    return words


def number_value(text: str) -> int:
    """The value of a count: digits, a number word ("Twenty eight") or "a"/"an"."""
    if text.isdigit():
        return int(text)
    key = re.sub(r"[\s-]+", "-", text.strip().casefold())
    if key in _ONE_WORDS:
        return _ONE_WORDS[key]
    value = number_words().get(key)
    if value is None:  # pragma: no cover - the grammar only lets number words through
        raise ValueError(f"not a number: {text!r}")
    return value


_PICKS = {
    "later": ast.Pick.LATER,
    "latest": ast.Pick.LATER,
    "last": ast.Pick.LATER,
    "earlier": ast.Pick.EARLIER,
    "earliest": ast.Pick.EARLIER,
    "sooner": ast.Pick.EARLIER,
    "soonest": ast.Pick.EARLIER,
    "first": ast.Pick.EARLIER,
}


_PICK_WORD = re.compile(rf"\b({'|'.join(_PICKS)})\b", re.IGNORECASE)


def pick(text: str) -> ast.Pick:
    """The choice a pick makes, found by its word: "later", "the sooner", "first",
    "soonest)", ", the earliest", "by the later of"."""
    found = _PICK_WORD.search(text)
    assert found is not None, "the grammar's pick tokens all hold a pick word"
    return _PICKS[found[1].casefold()]


# Each frequency word as the interval it repeats at.
_FREQUENCIES = {
    "daily": (1, ast.Unit.CALENDAR_DAYS),
    "weekly": (1, ast.Unit.WEEKS),
    "fortnightly": (FORTNIGHT_WEEKS, ast.Unit.WEEKS),
    "monthly": (1, ast.Unit.MONTHS),
    "quarterly": (3, ast.Unit.MONTHS),
    "half-yearly": (6, ast.Unit.MONTHS),
    "annually": (1, ast.Unit.YEARS),
    "yearly": (1, ast.Unit.YEARS),
}
_UNIT_WORDS = {
    "working day": ast.Unit.WORKING_DAYS,
    "school day": ast.Unit.SCHOOL_DAYS,
    "day": ast.Unit.CALENDAR_DAYS,
    "week": ast.Unit.WEEKS,
    "fortnight": ast.Unit.WEEKS,
    "month": ast.Unit.MONTHS,
    "year": ast.Unit.YEARS,
}


class UnitError(ValueError):
    """A unit no count can be made in ("3 working months"), with what to write instead."""

    def __init__(self, unit: str) -> None:
        kind = unit.split()[0]
        super().__init__(
            f"'{unit}s' is not a unit: only days are counted as {kind} days "
            f"(write '{kind} days', or weeks, months or years without '{kind}')"
        )


def _longest_first(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# Every number word, as number_words() lists them ("twenty-one" also "twenty one"),
# written by its parts: the pattern compiles in a tenth of the time the list takes.
# Where one word begins another ("six", "sixty", "sixty-six") the longer is tried first.
_WORD_ALTERNATIVES = (
    f"(?:{_longest_first(_TENS_WORDS)})(?:[ -](?:{_longest_first(list(_UNITS_WORDS)[:9])}))?"
    f"|{_longest_first(_UNITS_WORDS)}"
)
_COUNT = rf"\b(?P<count>\d+|{_WORD_ALTERNATIVES})"
_COUNTED_FREQUENCY = re.compile(
    rf"{_COUNT}[ \t]*-?[ \t]*(?P<word>{'|'.join(_FREQUENCIES)})\b", re.IGNORECASE
)
_BARE_FREQUENCY = re.compile(rf"(?P<word>{'|'.join(_FREQUENCIES)})\b", re.IGNORECASE)
#: The units a count of days or longer is written in, singular (an "s" may follow).
_DAY_UNITS = r"(?:working |calendar |school )?(?:day|week|fortnight|month|year)"
_INTERVAL = re.compile(rf"{_COUNT}[ \t]+(?P<unit>{_DAY_UNITS})s?\b$", re.IGNORECASE)


# A count, a unit (as written in full or abbreviated) and the word that ties it to
# an event: a timescale's own words; or a pick among events ("the later of referral and contact").
_TIMESCALE_WORDS = re.compile(
    rf"{_COUNT}[ \t]*-?[ \t]*(?:{_DAY_UNITS}|quarter|hour|hr|wk|mn?th|yr|wd|w/d(?:ay)?)s?[ \t]+"
    r"(?:after|before|of|from|following|prior to|since)\b"
    r"|^(?:the )?(?:earlier|later|earliest|latest|sooner|soonest) of\b",
    re.IGNORECASE,
)


def timescale_in_name(text: str) -> str | None:
    """The words of a timescale written inside an event's name ("referral and 3 days
    after contact" holds "3 days after"), or None."""
    found = _TIMESCALE_WORDS.search(text)
    return found[0] if found else None


def _count_of(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return number_value(text)
    except ValueError:
        return None


def frequency_interval(text: str) -> ast.Duration:
    """The interval a frequency wording repeats at.

    "monthly" and "at least monthly" are 1 month, "six-monthly" and "at 6
    monthly intervals" 6 months, "fortnightly" 2 weeks, "at intervals of not
    more than 3 months" 3 months.
    """
    words = re.sub(r"\s+", " ", text.strip())
    interval = _INTERVAL.search(words)
    if interval is not None:
        count = _count_of(interval["count"])
        written = " ".join(interval["unit"].casefold().split())
        # "calendar" before a unit changes nothing ("3 calendar months", "calendar day").
        unit_word = written.removeprefix("calendar ")
        if unit_word not in _UNIT_WORDS:  # "working weeks", "school months"
            raise UnitError(written)
        if count is not None:
            scale = FORTNIGHT_WEEKS if unit_word == "fortnight" else 1
            return ast.Duration(count * scale, _UNIT_WORDS[unit_word])
    for match in _COUNTED_FREQUENCY.finditer(words):
        count = _count_of(match["count"])
        if count is not None:
            per, unit = _FREQUENCIES[match["word"].casefold()]
            return ast.Duration(count * per, unit)
    bare = _BARE_FREQUENCY.search(words)
    if bare is None:  # pragma: no cover - the grammar only lets frequencies through
        raise ValueError(f"not a frequency: {text!r}")
    count, unit = _FREQUENCIES[bare["word"].casefold()]
    return ast.Duration(count, unit)


def unit_interval(unit: ast.Unit | str) -> ast.Duration:
    """ "every month", "every fortnight", "every quarter": one of the unit."""
    return duration(1, unit)


#: What the transformer hands on for the units "fortnight" and "quarter", until a
#: count scales them.
FORTNIGHT = "fortnight"
QUARTER = "quarter"


def duration(count: int, unit: ast.Unit | str) -> ast.Duration:
    """A count and its unit; "a fortnight" is 2 weeks, "three fortnights" 6, "a quarter"
    3 months."""
    if unit == FORTNIGHT:
        return ast.Duration(count * FORTNIGHT_WEEKS, ast.Unit.WEEKS)
    if unit == QUARTER:
        return ast.Duration(count * QUARTER_MONTHS, ast.Unit.MONTHS)
    assert isinstance(unit, ast.Unit)
    return ast.Duration(count, unit)


def distribute_counts(
    options: list[ast.Deadline | ast.Rolled | ast.FactRef | ast.RuleRef],
) -> tuple[ast.Deadline | ast.Rolled, ...]:
    """Alternatives written as bare events take the count of the one before.

    "within 45 working days of the referral or the strategy discussion" is
    45 working days of either.
    """
    lowered: list[ast.Deadline | ast.Rolled] = []
    for option in options:
        if isinstance(option, ast.FactRef | ast.RuleRef):
            if not lowered:  # pragma: no cover - the grammar puts a deadline first
                raise BareEventError(option)
            option = _counted_from(lowered[-1], option)
        lowered.append(option)
    return tuple(lowered)


def _counted_from(
    before: ast.Deadline | ast.Rolled, anchor: ast.FactRef | ast.RuleRef
) -> ast.Deadline | ast.Rolled:
    """``before`` counted from ``anchor`` instead."""
    match before:
        case ast.Offset() | ast.OnDay():
            return attrs.evolve(before, anchor=anchor, span=anchor.span)
        case ast.Rolled(inner=inner):
            inner_moved = _counted_from(inner, anchor)
            assert not isinstance(inner_moved, ast.Rolled)
            return attrs.evolve(before, inner=inner_moved, span=anchor.span)
        case ast.Window(start=start, end=end):
            first, last = _counted_from(start, anchor), _counted_from(end, anchor)
            assert isinstance(first, ast.Offset | ast.OnDay)
            assert isinstance(last, ast.Offset | ast.OnDay)
            return ast.Window(first, last, span=anchor.span)
    raise BareEventError(anchor)


#: Words that point back at what came before rather than name an event.
_BACK_REFERENCES = frozenset({"that", "this", "it", "them", "which", "these", "those"})


def refers_back(anchor: ast.Anchor | None) -> bool:
    """Whether an event is only a word pointing back ("every 3 months after that"):
    a frequency counted from the occurrence before, as "thereafter" is."""
    return isinstance(anchor, ast.FactRef) and anchor.key in _BACK_REFERENCES


_LATER_ONES_LEAD = re.compile(r"^\s*[,;]\s*(and\s+)?(then\s+)?", re.IGNORECASE)


def later_ones(text: str) -> str:
    """ "subsequent visits" from "; and then subsequent visits": the later occurrences'
    name, as written."""
    return _LATER_ONES_LEAD.sub("", " ".join(text.split()))


_OR_CLAUSE = re.compile(r",?\s+or\b.*$", re.IGNORECASE | re.DOTALL)


def preference(text: str) -> str:
    """ "before the first placement" from "before the first placement or, if not
    practicable,": the words that say when the record is preferred."""
    return _OR_CLAUSE.sub("", " ".join(text.split()))


_PREFERRED_LEAD = re.compile(r"^(before|prior\s+to)\s+(the\s+)?", re.IGNORECASE)


def preferred_event(preference: str) -> str:
    """The event of a preference: "placement" in "before the placement"."""
    return _PREFERRED_LEAD.sub("", preference)


def deadline_event(deadline: ast.SingleDeadline) -> ast.Anchor | None:
    """The one event a deadline counts from, or None where it has none or several (a
    choice) or counts from a birth date."""
    match deadline:
        case ast.Offset(anchor=anchor) | ast.OnDay(anchor=anchor):
            return anchor
        case ast.Rolled(inner=inner):
            return deadline_event(inner)
        case ast.Window(start=start):
            return deadline_event(start)
    return None


class BareEventError(ValueError):
    """An alternative written as an event alone, after one with no count to share."""

    def __init__(self, anchor: ast.FactRef | ast.RuleRef) -> None:
        super().__init__("an alternative written as an event alone needs a count before it")
        self.anchor = anchor


# "18th birthday", also said to be someone's ("the child's", "his or her"): whose it is
# changes nothing, as for the grammar's _WHOSE.
_BIRTHDAY = re.compile(
    r"(?:(?:child|young person|person)['’]s |his or her |his/her |his |her )?"
    r"(\d+)(?:st|nd|rd|th) birthday"
)


def birthday_years(key: str) -> int | None:
    """The age of "18th birthday" (an event key), or None for any other event."""
    found = _BIRTHDAY.fullmatch(key)
    return int(found.group(1)) if found else None


# "the young person reaches 21", "they turn eighteen", "the child is 18"
_REACHES = re.compile(
    r"(?:.*\s)?(?:reach(?:es)?|reaching|turns?|is|are|aged?)\s+([\w-]+)(?:\s+years?(?:\s+old)?)?",
    re.IGNORECASE,
)
# "an adoption order is made", "the Adoption Order has been made": the event's name
_HAPPENS = re.compile(r"(.+?)\s+(?:is|are|has\s+been|have\s+been|was|were)\s+\w+")


def series_end(anchor: ast.Anchor) -> ast.Anchor:
    """The event "until ..." names: an age reached is that birthday; "X is made" is X."""
    if not isinstance(anchor, ast.FactRef):
        return anchor
    reached = _REACHES.fullmatch(anchor.text.strip())
    if reached is not None:
        word = reached.group(1)
        years = int(word) if word.isdigit() else number_words().get(word.casefold())
        if years is not None:
            return ast.BirthdayRef(years, span=anchor.span)
    happens = _HAPPENS.fullmatch(anchor.text.strip())
    if happens is not None:
        text = happens.group(1)
        return ast.FactRef(event_key(text), text, span=anchor.span)
    return anchor


def remark_text(written: str) -> str:
    """A remark as kept: "(or sooner if needed)" and ", or sooner if needed" alike."""
    text = " ".join(written.split())
    if text.startswith("(") and text.endswith(")"):
        return text[1:-1].strip()
    return text.lstrip(", ").strip()


def window_bounds(
    low: ast.Duration, high: ast.Duration, direction: ast.Direction
) -> tuple[ast.Duration, ast.Duration]:
    """The (start, end) counts of "between N and M units before/after X".

    After an event the window runs from N to M; before it, from M units
    before to N units before, so that it opens before it closes.
    """
    return (high, low) if direction is ast.Direction.BEFORE else (low, high)
