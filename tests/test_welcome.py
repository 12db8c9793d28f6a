"""`timescale` with no command, or with --version, says what it is and where to start."""

from __future__ import annotations

import subprocess
import sys

import pytest

from timescale_dsl import __version__
from timescale_dsl.cli import main
from timescale_dsl.welcome import welcome_text

STARTS = ("policy author", "embedding developer", "analyst", "docs/getting-started.md")


def test_no_command_says_what_the_tool_is_and_where_to_start(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"timescale {__version__}: recording timescales for children's")
    assert all(start in out for start in STARTS)
    assert "timescale check FILE" in out
    assert "timescale report RULESET EVENTS.csv" in out


def test_version_names_the_version_and_the_starting_paths() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "timescale_dsl.cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    first, *rest = result.stdout.splitlines()
    assert first.startswith(f"timescale {__version__}")
    assert all(start in "\n".join(rest) for start in STARTS)
    # Kept to a terminal's width, one starting step per line.
    assert max(len(line) for line in rest) <= 88


def test_welcome_lists_the_commands_this_installation_has() -> None:
    assert "Commands: check, list (timescale COMMAND --help)." in welcome_text(["check", "list"])


def test_no_command_lists_the_registered_commands(capsys: pytest.CaptureFixture[str]) -> None:
    main([])
    assert "Commands: check, list, due, fmt" in capsys.readouterr().out


def test_an_unknown_command_is_still_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["chekc"])
    assert stopped.value.code == 2
    assert "invalid choice: 'chekc'" in capsys.readouterr().err
