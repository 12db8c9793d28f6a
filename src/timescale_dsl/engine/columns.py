"""Typed fact columns: what the batch evaluator reads, one array per fact.

A fact is read as dates (anchors), as flags (``if section 47``) or as text
(``if placement type is foster care``), whichever the rule asks for. Blank
cells are absent, as a fact left out of the scalar API's mapping is. Fact
names are folded the way the engine folds them, so ``Date of Birth`` and
``date of birth`` are the same fact.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
import numpy as np

from ..syntax.names import fold
from .moments import BoolArray, IntArray, Moments


@attrs.frozen(eq=False)
class Flags:
    """True/false per row; ``known`` False where the cell was blank."""

    value: BoolArray
    known: BoolArray

    def take(self, rows: IntArray) -> Flags:
        return Flags(self.value[rows], self.known[rows])


@attrs.frozen(eq=False)
class Labels:
    """Text per row as codes into the distinct values (-1 where blank)."""

    codes: IntArray
    labels: tuple[str, ...]

    @property
    def known(self) -> BoolArray:
        result: BoolArray = self.codes >= 0
        return result

    def take(self, rows: IntArray) -> Labels:
        return Labels(self.codes[rows], self.labels)

    @classmethod
    def of_python(cls, items: list[str | None]) -> Labels:
        positions: dict[str, int] = {}
        codes = np.fromiter(
            (-1 if item is None else positions.setdefault(item, len(positions)) for item in items),
            dtype=np.int64,
            count=len(items),
        )
        return cls(codes, tuple(positions))


def _fold_dates(columns: Mapping[str, Moments]) -> dict[str, Moments]:
    return {fold(name): column for name, column in columns.items()}


def _fold_flags(columns: Mapping[str, Flags]) -> dict[str, Flags]:
    return {fold(name): column for name, column in columns.items()}


def _fold_texts(columns: Mapping[str, Labels]) -> dict[str, Labels]:
    return {fold(name): column for name, column in columns.items()}


@attrs.frozen(eq=False)
class BatchFacts:
    """The facts of many rows, by folded fact name."""

    size: int
    dates: Mapping[str, Moments] = attrs.field(factory=dict, converter=_fold_dates)
    flags: Mapping[str, Flags] = attrs.field(factory=dict, converter=_fold_flags)
    texts: Mapping[str, Labels] = attrs.field(factory=dict, converter=_fold_texts)

    def moments(self, key: str) -> Moments:
        found = self.dates.get(key)
        return found if found is not None else Moments.missing(self.size)

    def flag(self, key: str) -> Flags:
        found = self.flags.get(key)
        if found is not None:
            return found
        return Flags(np.zeros(self.size, np.bool_), np.zeros(self.size, np.bool_))

    def text(self, key: str) -> Labels:
        found = self.texts.get(key)
        return found if found is not None else Labels(np.full(self.size, -1, np.int64), ())

    def absent(self, key: str) -> BoolArray:
        """Rows with no value for the fact in any form (the scalar ``facts.get(key) is None``)."""
        absent = np.ones(self.size, dtype=np.bool_)
        if key in self.dates:
            absent &= self.dates[key].absent
        if key in self.flags:
            absent &= ~self.flags[key].known
        if key in self.texts:
            absent &= ~self.texts[key].known
        return absent

    def with_dates(self, key: str, moments: Moments) -> BatchFacts:
        """A copy with one date fact replaced (a recurrence's previous occurrence)."""
        return attrs.evolve(self, dates={**self.dates, key: moments})

    def take(self, rows: IntArray) -> BatchFacts:
        return BatchFacts(
            len(rows),
            {k: v.take(rows) for k, v in self.dates.items()},
            {k: v.take(rows) for k, v in self.flags.items()},
            {k: v.take(rows) for k, v in self.texts.items()},
        )
