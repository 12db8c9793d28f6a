"""The README's two opening commands work verbatim on a fresh machine, and CI runs the second.

A newcomer copies the two lines at the top of the README. On current Debian and
Ubuntu the system Python is externally managed (PEP 668), so the lines must
make and use a virtual environment of their own; `.ci/run` must run exactly the
README's test line. The fresh-machine test builds a stand-in for such a
system Python (tests/fresh_machine.py) and runs both lines in a copy of this
checkout, offline.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from fresh_machine import externally_managed_python, installed_dependencies, offline_environment

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
CI_RUN = ROOT / ".ci" / "run"
CI_MARKER = "(.ci/run runs the next line)"
#: What a fresh clone would not have (the .gitignore's list, and the clone's own .git).
NOT_COPIED = (".git", ".venv", "*_cache", "__pycache__", ".hypothesis", "build", "dist", "out")


def opening_commands() -> list[str]:
    """The command lines of the README's first console block (comments left out)."""
    text = README.read_text(encoding="utf-8")
    block = text.split("```console\n", 1)[1].split("\n```", 1)[0]
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def marked_test_command() -> str:
    lines = README.read_text(encoding="utf-8").splitlines()
    marked = [i for i, line in enumerate(lines) if line.rstrip().endswith(CI_MARKER)]
    assert len(marked) == 1, f"README.md must mark exactly one line with {CI_MARKER!r}"
    return lines[marked[0] + 1]


def test_readme_opens_with_an_install_and_run_line_and_a_test_line() -> None:
    report, tests = opening_commands()
    assert tests == marked_test_command()
    for line in (report, tests):
        # Each line makes (or reuses) the checkout's venv and installs into it, never
        # into whatever `python3` is.
        assert line.startswith("python3 -m venv .venv && .venv/bin/python -m pip install ")
    assert "python3 -m pip" not in README.read_text(encoding="utf-8")
    assert report.split(" && ")[-1].startswith(".venv/bin/timescale report ")
    assert tests.split(" && ")[-1] == ".venv/bin/python -m pytest"


def test_readme_states_the_one_prerequisite() -> None:
    text = README.read_text(encoding="utf-8")
    assert "Python 3.11 or newer with its `venv` module" in text
    assert "python3-venv" in text


def test_ci_runs_exactly_the_readme_test_command() -> None:
    shown = subprocess.run(
        ["bash", str(CI_RUN), "--print-test-command"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout == marked_test_command() + "\n"


def test_ci_lints_and_type_checks_with_the_venv_python() -> None:
    steps = [line for line in CI_RUN.read_text(encoding="utf-8").splitlines() if " -m " in line]
    assert steps == [
        ".venv/bin/python -m ruff check .",
        ".venv/bin/python -m ruff format --check .",
        ".venv/bin/python -m mypy",
    ]


def test_ci_refuses_a_readme_without_the_marked_line(tmp_path: Path) -> None:
    (tmp_path / ".ci").mkdir()
    shutil.copy2(CI_RUN, tmp_path / ".ci" / "run")
    (tmp_path / "README.md").write_text("# no commands here\n", encoding="utf-8")
    result = subprocess.run(
        ["bash", str(tmp_path / ".ci" / "run")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert CI_MARKER in result.stderr


@pytest.mark.fresh_machine
@pytest.mark.skipif(os.name != "posix", reason="the README's lines are POSIX shell")
def test_readme_commands_work_where_the_system_python_is_externally_managed(
    tmp_path: Path,
) -> None:
    python = externally_managed_python(tmp_path / "system-python")
    dependencies = installed_dependencies(tmp_path / "already-downloaded")
    (tmp_path / "home").mkdir()
    env = offline_environment(python, dependencies, tmp_path / "home")
    checkout = tmp_path / "checkout"
    shutil.copytree(
        ROOT,
        checkout,
        ignore=shutil.ignore_patterns(*NOT_COPIED),
    )

    def run(line: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            line,
            shell=True,
            cwd=checkout,
            env={**env, **extra},
            capture_output=True,
            text=True,
            check=False,
        )

    # The stand-in behaves as Debian's Python does: the old README line is refused.
    refused = run('python3 -m pip install ".[report]"')
    assert refused.returncode != 0
    assert "externally-managed-environment" in refused.stderr

    report, tests = opening_commands()
    first = run(report)
    assert first.returncode == 0, first.stderr[-3000:]
    # pip's own lines come first, then the report.
    assert "\nTimeliness of examples/lcs-events.csv against rulesets/" in first.stdout
    assert "rows read 3000" in first.stdout

    # The test line again, verbatim (it reuses .venv); the suite it starts is cut down to
    # one quick module, as this test is itself part of that suite.
    second = run(tests, PYTEST_ADDOPTS="-q -p no:cacheprovider tests/test_validate.py")
    assert second.returncode == 0, (second.stdout + second.stderr)[-3000:]
    assert " passed" in second.stdout
    assert (checkout / ".venv" / "bin" / "timescale").is_file()
