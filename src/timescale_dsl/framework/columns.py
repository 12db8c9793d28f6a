"""Which column of a framework table plays which role, from its header.

Councils word their headers differently ("When must the record be made by?",
"Timescale for recording", "Who much record it?"), so roles are found from
the words a header contains, in an order that settles overlaps (a header
about *when the record* is made is the record timescale, not the record).
``--column "HEADER=ROLE"`` overrides settle the rest.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .tables import TableError

ROLES = (
    "id",
    "section",
    "process",
    "task",
    "timescale",
    "recorded in",
    "form",
    "record timescale",
    "recorded by",
    "source",
    "note",
)

_WORDS = re.compile(r"[a-z0-9]+")


def _words(header: str) -> set[str]:
    return set(_WORDS.findall(header.casefold()))


def _guess(header: str) -> str | None:
    """The role a header names, or None."""
    words = _words(header)
    folded = " ".join(_WORDS.findall(header.casefold()))
    exact = {
        "id": "id",
        "rule id": "id",
        "section": "section",
        "process": "process",
        "task": "task",
        "timescale": "timescale",
        "recorded in": "recorded in",
        "form": "form",
        "record timescale": "record timescale",
        "recorded by": "recorded by",
        "source": "source",
        "note": "note",
        "notes": "note",
    }
    if folded in exact:
        return exact[folded]
    about_record = bool(words & {"record", "records", "recording", "recorded"})
    about_when = bool(words & {"when", "timescale", "timescales", "deadline", "due", "by"})
    if about_record and about_when and "who" not in words:
        return "record timescale"
    if words & {"who", "responsible", "owner"} or "recorded by" in folded:
        return "recorded by"
    if (about_when and not about_record) or folded.startswith("when"):
        return "timescale"
    if about_record or words & {"system", "where"}:
        return "recorded in"
    if words & {"form", "forms"}:
        return "form"
    if words & {"task", "activity", "event", "step"}:
        return "task"
    if words & {"process", "stage"}:
        return "process"
    if words & {"section", "area", "service"}:
        return "section"
    if words & {"note", "notes", "comment", "comments"}:
        return "note"
    return None


def parse_overrides(pairs: Sequence[str]) -> dict[str, str]:
    """``["Timescale for recording=record timescale"]`` -> folded header -> role."""
    overrides: dict[str, str] = {}
    for pair in pairs:
        header, sep, role = pair.rpartition("=")
        role_key = " ".join(role.replace("_", " ").replace("-", " ").split()).casefold()
        if not sep or not header.strip():
            raise TableError(f"--column {pair!r}: write HEADER=ROLE, e.g. 'Deadline=timescale'")
        if role_key not in ROLES and role_key != "ignore":
            raise TableError(
                f"--column {pair!r}: '{role}' is not a role; roles: {', '.join(ROLES)}, ignore"
            )
        overrides[" ".join(header.split()).casefold()] = role_key
    return overrides


def assign_roles(header: Sequence[str], overrides: Mapping[str, str]) -> dict[str, int]:
    """Role -> column index; the first column claiming a role keeps it."""
    roles: dict[str, int] = {}
    for index, text in enumerate(header):
        key = " ".join(text.split()).casefold()
        role = overrides[key] if key in overrides else _guess(text)
        if role is not None and role != "ignore" and role not in roles:
            roles[role] = index
    return roles


def is_header(cells: Sequence[str], overrides: Mapping[str, str]) -> bool:
    """A row whose cells name a task (or process) and a timescale column."""
    roles = assign_roles(cells, overrides)
    has_name = "task" in roles or "process" in roles
    return has_name and ("timescale" in roles or "record timescale" in roles)
