"""A progress bar on standard error, drawn only when it is a terminal.

Long runs (a million rows) take seconds; a bar says the command is alive.
Redirected to a file or a pipe, nothing is written, so logs stay clean.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """``bar(n)`` records n more rows done; ``bar.close()`` ends the line."""

    def __init__(
        self,
        total: int,
        label: str = "measuring",
        stream: TextIO | None = None,
        width: int = 30,
        interval: float = 0.1,
    ) -> None:
        self.total = max(total, 1)
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.interval = interval
        self.done = 0
        self.shown = False
        self._last = 0.0
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty())

    def __call__(self, count: int) -> None:
        self.done = min(self.done + count, self.total)
        now = time.monotonic()
        if self.enabled and (now - self._last >= self.interval or self.done == self.total):
            self._last = now
            self._draw()

    def _draw(self) -> None:
        filled = self.width * self.done // self.total
        bar = "#" * filled + "-" * (self.width - filled)
        percent = 100 * self.done // self.total
        self.stream.write(f"\r{self.label} [{bar}] {percent:3d}% {self.done:,}/{self.total:,} rows")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
