"""The event log read on a thread of its own while the ruleset loads.

pyarrow reads a CSV on its own threads, without holding Python's lock, while
parsing and checking a ruleset is Python through and through: the report
starts the read first, so that on a machine with a core to spare the two
overlap. An error in reading is raised where the log is asked for, so the
report still tells of a bad ruleset before a bad event log.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .events import EventLog


class ReadAhead:
    """``ReadAhead(path).result()`` is ``read_events(path)``, begun when made."""

    def __init__(self, events: str | Path, sheet: str | None = None) -> None:
        self._events = events
        self._sheet = sheet
        self._log: EventLog | None = None
        self._error: Exception | None = None
        # A daemon: a run that stops early (a bad ruleset) does not wait for the read.
        self._thread = threading.Thread(target=self._read, name="read-ahead", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            # Imported here, on the reading thread: the read starts without waiting for
            # the main thread to import the reader first.
            from .events import read_events

            self._log = read_events(self._events, sheet=self._sheet)
        except Exception as error:  # raised again in the caller's thread, by result()
            self._error = error

    def result(self) -> EventLog:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._log is not None
        return self._log
