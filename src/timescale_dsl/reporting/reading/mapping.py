"""Which input column feeds which fact: by name, by an analyst's mapping, or by a close name.

Exports name their columns their own way (``Actual Meeting Date``,
``Referral Date``, ``Date_Of_Birth``). A fact is fed, in this order of
preference, by

1. a column the analyst mapped to it (``--column "Actual Meeting Date=actual
   meeting"`` or a mapping file);
2. a column of the fact's own name, ignoring case, spaces, underscores,
   hyphens and a leading "the";
3. a column whose name is the fact's once punctuation, a trailing "date",
   "datetime" or "date time", a leading "date of" (``Date of Referral``) and a
   bracketed format (``Meeting Date (DD/MM/YYYY)``) are set aside too, when
   exactly one column is such: two candidates (``Referral Date`` and
   ``Referral DateTime``) match neither, and the report says so rather than
   guess.

Every match is recorded (fact, column, how) so the report can say which
column it used for which fact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final

import attrs

from ...errors import TimescaleError, did_you_mean
from ...syntax.names import column_key

NAMED: Final = "by name"
MAPPED: Final = "mapped"
CLOSE: Final = "close name"

_PUNCTUATION = re.compile(r"[^0-9a-z]+")
_TRAILING_DATE = re.compile(r"(?: date ?time| date| dt)$")
_LEADING_DATE = re.compile(r"^(?:date ?time|date) of ")
_LEADING_THE = re.compile(r"^the ")
#: A format written after the name: (DD/MM/YYYY), [yyyy-mm-dd hh:mm], (dd.mm.yy).
_FORMAT_HINT = re.compile(r"\s*[(\[][\sdmyhs/.:\-]*[)\]]\s*$")


class MappingError(TimescaleError):
    """A column mapping that cannot be used: bad syntax, an unknown column or fact."""


def match_key(name: str) -> str:
    """How a fact meets a column by name: case, spaces, underscores, hyphens, leading 'the'."""
    key = column_key(name)
    return key[4:] if key.startswith("the ") else key


def loose_key(name: str) -> str:
    """The name with punctuation, date words and a format aside: ``Referral Date``,
    ``Date of Referral`` and ``Referral Date (DD/MM/YYYY)`` -> referral."""
    words = _PUNCTUATION.sub(" ", _FORMAT_HINT.sub("", name.casefold())).strip()
    words = _LEADING_THE.sub("", words)
    bare = _TRAILING_DATE.sub("", " " + words).strip()
    return _LEADING_THE.sub("", _LEADING_DATE.sub("", bare)) or words


@attrs.frozen(eq=False)
class FactColumns:
    """The column for each fact that has one, how it was found, and names left ambiguous."""

    columns: Mapping[str, str]  # fact key (match_key) -> input column
    how: Mapping[str, str]
    ambiguous: Mapping[str, tuple[str, ...]]
    #: The input's columns that feed nothing (neither a fact nor a role).
    spare: tuple[str, ...] = ()

    def get(self, fact: str) -> str | None:
        return self.columns.get(match_key(fact))

    def advice(self, fact: str) -> str:
        """What to do about a fact no column feeds: the alike columns to choose from, or
        a spare column whose name is a slip away from the fact's."""
        close = self.ambiguous.get(match_key(fact))
        if close:
            return f'{" and ".join(close)} are alike: map one with --column "{close[0]}={fact}"'
        by_loose = {loose_key(column): column for column in self.spare}
        near = did_you_mean(loose_key(fact), by_loose)
        if near is None:
            return ""
        column = by_loose[near]
        return f"did you mean column '{column}'? Map it with --column \"{column}={fact}\""


def parse_mapping(text: str, where: str) -> tuple[str, str]:
    """``Column name=fact`` (the last '=' divides, as fact names have none)."""
    column, equals, fact = text.rpartition("=")
    if not equals or not column.strip() or not fact.strip():
        raise MappingError(f"{where}: '{text}' is not COLUMN=FACT (e.g. 'Meeting Date=meeting')")
    return column.strip(), fact.strip()


def read_mapping_file(path: str | Path) -> list[tuple[str, str]]:
    """A mapping file: one ``Column name = fact`` a line; blank lines and ``#`` comments aside."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise MappingError(f"{path}: cannot read the column mapping: {error}") from None
    pairs = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if text and not text.startswith("#"):
            pairs.append(parse_mapping(text, f"{path}, line {number}"))
    return pairs


def fact_columns(
    columns: Sequence[str],
    facts: Iterable[str],
    mapped: Sequence[tuple[str, str]] = (),
    reserved: Iterable[str] = (),
) -> FactColumns:
    """Match the facts a ruleset reads to the input's columns (see the module docstring).

    ``mapped`` pairs (input column, fact) come from the analyst; ``reserved``
    columns (the child, rule and completion columns) feed no fact by a close name.
    """
    facts = list(dict.fromkeys(match_key(f) for f in facts))
    by_key = {match_key(c): c for c in columns}
    found: dict[str, str] = {}
    how: dict[str, str] = {}
    for column, fact in mapped:
        actual = by_key.get(match_key(column))
        if actual is None:
            hint = did_you_mean(column, list(columns))
            raise MappingError(
                f"--column {column}={fact}: no column '{column}' in the input"
                + (f"; did you mean '{hint}'?" if hint else f" (columns: {', '.join(columns)})")
            )
        key = match_key(fact)
        if key not in facts:
            hint = did_you_mean(fact, facts)
            raise MappingError(
                f"--column {column}={fact}: no rule reads a fact '{fact}'"
                + (f"; did you mean '{hint}'?" if hint else "")
            )
        found[key], how[key] = actual, MAPPED
    taken = set(found.values())
    for key in facts:
        if key not in found and key in by_key and by_key[key] not in taken:
            found[key], how[key] = by_key[key], NAMED
    taken |= set(found.values()) | {by_key.get(match_key(c), c) for c in reserved}
    ambiguous: dict[str, tuple[str, ...]] = {}
    for key in facts:
        if key in found:
            continue
        close = tuple(c for c in columns if c not in taken and loose_key(c) == loose_key(key))
        if len(close) == 1:
            found[key], how[key] = close[0], CLOSE
            taken.add(close[0])
        elif close:
            ambiguous[key] = close
    spare = tuple(c for c in columns if c not in taken)  # taken holds every column found
    return FactColumns(found, how, ambiguous, spare)
