"""Positions in a document's text: 0-based lines and characters counted in code points.

The library's spans are 1-based and count code points, as Lark does; the
Language Server Protocol counts in the client's units (UTF-16 by default),
which the server converts at its edge. Lines are split on ``\\n`` only, as the
parser counts them (a form feed is ordinary space in a rule file).
"""

from __future__ import annotations

import bisect
import re

import attrs

from ..errors import Span


@attrs.frozen(order=True)
class Pos:
    line: int
    character: int


@attrs.frozen
class TextRange:
    start: Pos
    end: Pos

    def contains(self, pos: Pos) -> bool:
        return self.start <= pos <= self.end

    def overlaps(self, other: TextRange) -> bool:
        return self.start <= other.end and other.start <= self.end


class Text:
    """A document's text with the line index that positions need."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines = source.split("\n")
        self._starts = [0]
        for line in self.lines[:-1]:
            self._starts.append(self._starts[-1] + len(line) + 1)
        # The parser reads the text without a byte-order mark, so its first
        # line's columns are one short of the document's.
        self._bom = 1 if source.startswith("\ufeff") else 0

    def line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def offset(self, pos: Pos) -> int:
        if pos.line >= len(self.lines):
            return len(self.source)
        return self._starts[pos.line] + min(pos.character, len(self.lines[pos.line]))

    def pos_at(self, offset: int) -> Pos:
        line = bisect.bisect_right(self._starts, offset) - 1
        return Pos(line, offset - self._starts[line])

    def slice(self, area: TextRange) -> str:
        return self.source[self.offset(area.start) : self.offset(area.end)]

    def span_start(self, span: Span) -> Pos:
        shift = self._bom if span.line == 1 else 0
        return Pos(span.line - 1, span.column - 1 + shift)

    def span_range(self, span: Span) -> TextRange:
        """The range a span covers; a span without an end covers the word at its start."""
        start = self.span_start(span)
        if span.end_line is not None and span.end_column is not None:
            shift = self._bom if span.end_line == 1 else 0
            return TextRange(start, Pos(span.end_line - 1, span.end_column - 1 + shift))
        line = self.line(start.line)
        end = start.character
        while end < len(line) and not line[end].isspace():
            end += 1
        return TextRange(start, Pos(start.line, max(end, start.character + 1)))

    def trimmed(self, area: TextRange) -> TextRange:
        """``area`` without the blank text at its end (a rule's span runs on to the next line)."""
        end = self.offset(area.end)
        while end > self.offset(area.start) and self.source[end - 1].isspace():
            end -= 1
        return TextRange(area.start, self.pos_at(end))

    def find_in(self, area: TextRange, needle: str, *, last: bool = False) -> TextRange | None:
        """Where ``needle`` occurs (case-insensitively) within ``area``."""
        if not needle:
            return None
        found = list(re.finditer(re.escape(needle), self.slice(area), re.IGNORECASE))
        if not found:
            return None
        match = found[-1] if last else found[0]
        begin = self.offset(area.start) + match.start()
        return TextRange(self.pos_at(begin), self.pos_at(begin + len(match.group())))

    @property
    def end(self) -> Pos:
        return Pos(len(self.lines) - 1, len(self.lines[-1]))
