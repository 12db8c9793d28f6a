"""docs/getting-started.md stays true: every walkthrough's commands and Python lines run here.

The page is read as a script. In each walkthrough (a ``##`` section), in order:
a fenced ``text file=NAME`` block is written to NAME; each ``$ `` line of a
``console`` block is run (``timescale`` as this interpreter's
``python -m timescale_dsl.cli``) and its output compared with the lines shown
under it (a line ``...`` stands for any lines, ``...`` inside a line for any
text); a command shown without output must succeed; ``pycon`` blocks run as
doctests sharing one namespace. Each walkthrough runs in its own empty folder
holding only links to the bundled ``rulesets/`` and ``examples/``.
"""

from __future__ import annotations

import doctest
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "getting-started.md"
WALKTHROUGHS = ("Policy author", "Embedding developer", "Analyst")

FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


@dataclass
class Block:
    kind: str
    body: str
    line: int
    options: dict[str, str] = field(default_factory=dict)


def sections(text: str) -> dict[str, str]:
    """The page's ``##`` sections by heading."""
    parts = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    return {part.split("\n", 1)[0].strip(): part for part in parts}


def blocks(section: str, page: str) -> list[Block]:
    found = []
    for match in FENCE.finditer(section):
        kind, *rest = match["info"].split() or [""]
        options = dict(item.split("=", 1) for item in rest if "=" in item)
        line = page.count("\n", 0, page.index(match[0])) + 2  # the block's first line
        found.append(Block(kind, match["body"], line, options))
    return found


def commands(console: str) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for each ``$ `` line of a console block."""
    found: list[tuple[str, list[str]]] = []
    for line in console.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        elif found:
            found[-1][1].append(line)
    return found


def output_pattern(expected: list[str]) -> re.Pattern[str]:
    parts = []
    for line in expected:
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            escaped = r".*?".join(re.escape(piece) for piece in line.rstrip().split("..."))
            parts.append(escaped + r"\n")
    return re.compile("".join(parts), re.DOTALL)


def run_command(command: str, folder: Path) -> subprocess.CompletedProcess[str]:
    argv = shlex.split(command)
    assert argv[0] == "timescale", f"the guide runs only timescale commands: {command}"
    return subprocess.run(
        [sys.executable, "-m", "timescale_dsl.cli", *argv[1:]],
        cwd=folder,
        env={**os.environ, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        check=False,
    )


def run_walkthrough(name: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Runs every block of one walkthrough; returns how many steps ran."""
    for shared in ("rulesets", "examples"):
        (folder / shared).symlink_to(ROOT / shared)
    monkeypatch.chdir(folder)
    steps = 0
    namespace: dict[str, object] = {}
    page = GUIDE.read_text(encoding="utf-8")
    for block in blocks(sections(page)[name], page):
        where = f"{GUIDE.name}, block at line {block.line}"
        if block.kind == "text" and "file" in block.options:
            (folder / block.options["file"]).write_text(block.body, encoding="utf-8")
        elif block.kind == "console":
            for command, expected in commands(block.body):
                result = run_command(command, folder)
                shown = result.stdout + result.stderr
                assert "Traceback" not in shown, f"{where}: {command}\n{shown}"
                if expected:
                    pattern = output_pattern(expected)
                    assert pattern.fullmatch(shown), f"{where}: {command}\n{shown}"
                else:
                    assert result.returncode == 0, f"{where}: {command}\n{shown}"
                steps += 1
        elif block.kind == "pycon":
            test = doctest.DocTestParser().get_doctest(
                block.body, namespace, name, str(GUIDE), block.line - 1
            )
            report: list[str] = []
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
            outcome = runner.run(test, out=report.append, clear_globs=False)
            assert outcome.failed == 0, f"{where}\n" + "".join(report)
            namespace.update(test.globs)  # the next block goes on from here
            steps += outcome.attempted
    return steps


def test_the_guide_has_a_walkthrough_for_each_kind_of_user() -> None:
    headings = list(sections(GUIDE.read_text(encoding="utf-8")))
    for who in WALKTHROUGHS:
        assert any(heading.startswith(who) for heading in headings), who


def html_report_to_open(folder: Path) -> None:
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "examples/lcs-events.csv" in page


#: What a walkthrough leaves behind for the reader, checked after its commands ran.
LEFT_BEHIND = {"Analyst": html_report_to_open}


@pytest.mark.parametrize("who", WALKTHROUGHS)
def test_walkthrough_runs_as_written(
    who: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = next(h for h in sections(GUIDE.read_text(encoding="utf-8")) if h.startswith(who))
    assert run_walkthrough(name, tmp_path, monkeypatch) >= 2
    if who in LEFT_BEHIND:
        LEFT_BEHIND[who](tmp_path)


def test_output_comparison_allows_elisions_and_nothing_else() -> None:
    pattern = output_pattern(["total 3 of ...", "...", "end"])
    assert pattern.fullmatch("total 3 of 7\nline\nmore\nend\n")
    assert pattern.fullmatch("total 3 of 7\nend\n")
    assert not pattern.fullmatch("total 4 of 7\nend\n")
    assert not pattern.fullmatch("total 3 of 7\nend\nextra\n")
