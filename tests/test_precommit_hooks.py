"""The pre-commit hooks: pre-commit accepts the manifest, and each hook runs its command.

`pre-commit try-repo` would install this project into a fresh environment,
which needs the network; instead each hook of the manifest is run by
pre-commit itself as a local hook (same entry, same file pattern, same
file passing) with the `timescale` already installed beside this Python.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]

GOOD = "Visit within 5 working days of referral\n"
BAD = 'title "t"\nVisit within 5 wrking days of referral\n'
NOT_CANONICAL = "Visit  within 5 working days of referral\n"


def _hooks() -> dict[str, dict[str, object]]:
    return {hook["id"]: hook for hook in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))}


def test_pre_commit_accepts_the_manifest():
    result = subprocess.run(
        [*PRE_COMMIT, "validate-manifest", str(MANIFEST)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_manifest_declares_both_hooks_for_rule_files():
    hooks = _hooks()
    assert set(hooks) == {"timescale-check", "timescale-fmt"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["files"] == r"\.timescales$"
    assert hooks["timescale-check"]["entry"] == "timescale check"
    assert hooks["timescale-fmt"]["entry"] == "timescale fmt --write"


@pytest.fixture
def repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    work = tmp_path / "policy"
    work.mkdir()
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    src = ROOT / "src"
    env["PYTHONPATH"] = (
        f"{src}{os.pathsep}{env['PYTHONPATH']}" if env.get("PYTHONPATH") else str(src)
    )

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=work, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "author@example.org")
    git("config", "user.name", "Author")
    # The manifest's hooks as local hooks run with the installed command.
    local = []
    for hook in _hooks().values():
        local.append({**hook, "language": "system"})
    config = {"repos": [{"repo": "local", "hooks": local}]}
    (work / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return work, env, git


def _run_hook(repo, hook_id: str, files: dict[str, str]):
    work, env, git = repo
    for name, text in files.items():
        (work / name).write_text(text, encoding="utf-8")
    git("add", "-A")
    return subprocess.run(
        [*PRE_COMMIT, "run", hook_id, "--files", *files],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )


def test_check_hook_passes_good_files(repo):
    result = _run_hook(repo, "timescale-check", {"good.timescales": GOOD})
    assert result.returncode == 0, result.stdout
    assert "Passed" in result.stdout


def test_check_hook_fails_with_the_finding_on_a_staged_bad_file(repo):
    result = _run_hook(
        repo, "timescale-check", {"good.timescales": GOOD, "bad.timescales": BAD, "notes.txt": BAD}
    )
    assert result.returncode == 1
    assert (
        "bad.timescales:2:16: error: unexpected 'wrking'; did you mean 'working'?" in result.stdout
    )
    assert "checked 2 files: 1 error(s)" in result.stdout  # notes.txt is not a rule file


def test_fmt_hook_rewrites_and_fails_until_the_file_is_canonical(repo):
    work = repo[0]
    result = _run_hook(repo, "timescale-fmt", {"rules.timescales": NOT_CANONICAL})
    assert result.returncode == 1
    assert "files were modified by this hook" in result.stdout
    assert (work / "rules.timescales").read_text(encoding="utf-8") == GOOD
    again = _run_hook(repo, "timescale-fmt", {"rules.timescales": GOOD})
    assert again.returncode == 0, again.stdout
