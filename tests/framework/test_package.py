"""The framework package's public names are its functions, whatever was imported first."""

from __future__ import annotations

import subprocess
import sys


def test_public_names_are_not_shadowed_by_submodules() -> None:
    # Running a command imports the submodules first; a public name that was also
    # a submodule's (the export function, once) would then be the module.
    code = (
        "import sys, inspect\n"
        "import timescale_dsl.framework.cli\n"
        "from timescale_dsl.framework import staff_table, importer, diff, tables, spreadsheet\n"
        "import timescale_dsl.framework as framework\n"
        "print(sorted(n for n in framework.__all__ if inspect.ismodule(getattr(framework, n))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
