"""Whether the VS Code extension's JavaScript can run here: node and its npm packages.

Tests that need them are skipped where they are missing, except in CI (the
environment variable CI set), where missing them is a failure: the check must
not silently lapse there. ``npm ci --prefix editors/vscode`` installs them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

EXTENSION = Path(__file__).resolve().parents[2] / "editors" / "vscode"


def require_node(*packages: str) -> None:
    """Skip (or, in CI, fail) unless node and these npm packages are installed."""
    missing = None
    if shutil.which("node") is None:
        missing = "node is not installed"
    else:
        for package in packages:
            if not (EXTENSION / "node_modules" / package).is_dir():
                missing = f"{package} is not installed (npm ci --prefix editors/vscode)"
                break
    if missing is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"needed in CI: {missing}")
    pytest.skip(missing)
