"""What `timescale` says to someone who runs it with no command, or asks for its version."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from . import __version__

#: The three kinds of user and their first steps (docs/getting-started.md walks each through).
STARTING_PATHS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "policy author",
        (
            "write rules in a .timescales file, then",
            "timescale check FILE",
            'timescale due FILE --rule ID --fact "NAME=YYYY-MM-DD" --explain',
        ),
    ),
    (
        "embedding developer",
        ("from timescale_dsl import load_ruleset   (docs/api.md)",),
    ),
    (
        "analyst",
        (
            "timescale report RULESET EVENTS.csv --format html -o report.html",
            "(docs/report.md)",
        ),
    ),
)


def welcome_text(commands: Iterable[str]) -> str:
    """The tool in a few lines, the three starting paths, and the commands installed."""
    width = max(len(who) for who, _ in STARTING_PATHS)
    lines = []
    for who, steps in STARTING_PATHS:
        for number, step in enumerate(steps):
            label = who if number == 0 else ""
            lines.append(f"  {label:<{width}}  {step}")
    return "\n".join(
        [
            f"timescale {__version__}: recording timescales for children's social care.",
            "Rule files (*.timescales) say when each record is due; timescale checks them,",
            "computes deadlines with an explanation, and measures timeliness over event logs.",
            "",
            "Start here (docs/getting-started.md walks each through):",
            *lines,
            "",
            *textwrap.wrap(
                f"Commands: {', '.join(commands)} (timescale COMMAND --help).",
                width=80,
                subsequent_indent="  ",
            ),
        ]
    )
