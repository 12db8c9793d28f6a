"""A wheel installed in a fresh environment finds its bundled rulesets from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the built wheel; dependencies come from this environment."""
    pytest.importorskip("hatchling", reason="building the wheel offline needs hatchling")
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(work / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (work / "dist").glob("timescale_dsl-*.whl")
    env_dir = work / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # The dependencies (lark, holidays, ...) are read from the running environment,
    # after the fresh one's own site-packages, so the wheel's package is the one imported.
    Path(site, "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    return env_dir


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}


def test_bundled_ruleset_loads_by_name_from_an_unrelated_directory(installed, tmp_path):
    code = (
        "import timescale_dsl as t, datetime as dt\n"
        "assert 'site-packages' in t.__file__, t.__file__\n"
        "print(t.bundled_rulesets())\n"
        "r = t.load_ruleset('lcs-liquidlogic')\n"
        "print(len(r), len(t.load_ruleset('recording-timescales-framework')))\n"
        "d = t.compile_statement('A within 15 working days of x').deadline({'x': dt.date(2040, 3, 1)})\n"
        "print(d.due, d.provisional)\n"
    )
    result = subprocess.run(
        [str(installed / "bin" / "python"), "-c", code],
        cwd=tmp_path,
        env=_clean_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    names, sizes, due = result.stdout.splitlines()
    assert names == "('lcs-liquidlogic', 'recording-timescales-framework')"
    assert all(int(n) > 10 for n in sizes.split())
    assert due.endswith("True")


def test_cli_lists_a_bundled_ruleset_by_name(installed, tmp_path):
    result = subprocess.run(
        [str(installed / "bin" / "timescale"), "list", "lcs-liquidlogic"],
        cwd=tmp_path,
        env=_clean_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "[" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("59 rules in ")
    assert "site-packages" in result.stdout.rstrip().splitlines()[-1]


def test_sdist_holds_what_the_readme_uses(tmp_path):
    pytest.importorskip("hatchling", reason="building the sdist offline needs hatchling")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    import tarfile

    (sdist,) = tmp_path.glob("timescale_dsl-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for used in ("examples/lcs-events.csv", "rulesets/lcs-liquidlogic.timescales"):
        assert used in readme
        assert used in names


def test_the_installed_wheel_runs_the_docs_example_and_passes_mypy_strict(installed, tmp_path):
    from .test_case import _docs_example

    code, printed = _docs_example()
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    python = str(installed / "bin" / "python")
    result = subprocess.run(
        [python, str(script)], cwd=tmp_path, env=_clean_env(), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == printed
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--python-executable",
            python,
            "--cache-dir",
            str(tmp_path / ".mypy"),
            str(script),
        ],
        cwd=tmp_path,
        env=_clean_env(),
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_installed_wheel_behaves_as_embedders_need(installed, tmp_path):
    code = (
        "import datetime as dt, pickle, timescale_dsl as t\n"
        "rule = t.compile_statement('A within 4 hours of x')\n"
        "aware = rule.deadline({'x': dt.datetime(2026, 7, 1, 23, 30, tzinfo=dt.UTC)})\n"
        "assert aware.due == rule.deadline({'x': '2026-07-01T23:30Z'}).due == dt.datetime(2026, 7, 2, 4, 30)\n"
        "rs = t.parse_ruleset('closed 2026-12-29 to 2026-12-31 \"Closure\"\\n[a] A within 1 working day of x\\n')\n"
        "assert rs.rule('a').deadline({'x': dt.date(2026, 12, 24)}, calendar=t.scotland()).due == dt.date(2027, 1, 5)\n"
        "r = t.load_ruleset('lcs-liquidlogic')\n"
        "assert pickle.loads(pickle.dumps(r)) == r\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [str(installed / "bin" / "python"), "-c", code],
        cwd=tmp_path,
        env=_clean_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
