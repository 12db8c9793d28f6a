"""Headless Chromium for tests: load a page at a width, run a measuring script, read its result.

Tests that need the browser skip when it is missing on a developer's
machine, and fail when the environment variable CI is set: CI installs it
(Debian package ``chromium``), so a missing browser there is a broken build,
not a reason to skip.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
MEASURED = "measurements"


def need_binary(names: tuple[str, ...], what: str, package: str) -> str:
    """The path of the first of ``names`` on PATH; skip (fail under CI) when none is."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = f"{what} not found (tried {', '.join(names)}); install the Debian package {package}"
    if os.environ.get("CI"):
        pytest.fail(f"{message}: CI must install it")
    pytest.skip(message)


def chromium() -> str:
    return need_binary(_NAMES, "Chromium", "chromium")


def print_to_pdf(page: Path, pdf: Path) -> bytes:
    """The page as the browser prints it (A4 by default), as PDF bytes."""
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [chromium(), *_FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
             f"--print-to-pdf={pdf}", page.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )  # fmt: skip
    assert done.returncode == 0 and pdf.is_file(), done.stderr[-2000:]
    return pdf.read_bytes()


def measure_page(page: Path, script: str, width: int, screenshot: Path | None = None) -> object:
    """Load ``page`` at ``width`` pixels, run ``script`` (it returns a JSON-able value) after
    the page has loaded, and return that value; optionally keep a full screenshot."""
    browser = chromium()
    probe = page.with_name(page.stem + ".measured.html")
    runner = (
        f'<pre id="{MEASURED}"></pre><script>document.getElementById("{MEASURED}").textContent'
        f" = JSON.stringify((function () {{ {script} }})());</script></body>"
    )
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", runner), "utf-8")
    with tempfile.TemporaryDirectory() as profile:
        flags = [browser, *_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},1000"]
        done = subprocess.run(
            [*flags, "--dump-dom", probe.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            shot = subprocess.run(
                [*flags[:-1], f"--window-size={width},3000", f"--screenshot={screenshot}",
                 page.as_uri()],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )  # fmt: skip
            assert shot.returncode == 0 and screenshot.is_file(), shot.stderr[-2000:]
    start = done.stdout.index(f'<pre id="{MEASURED}">') + len(f'<pre id="{MEASURED}">')
    text = done.stdout[start : done.stdout.index("</pre>", start)]
    return json.loads(
        text.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    )
