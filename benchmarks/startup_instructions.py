"""How many machine instructions `timescale check rulesets/` executes: a figure load does not move.

    python benchmarks/startup_instructions.py            # this tree
    python benchmarks/startup_instructions.py --src OTHER_TREE/src

On a shared machine wall and CPU times move with the load; the number of
instructions a run executes does not, so it tells whether a change to
start-up saved work. It is counted by valgrind's callgrind (install the
`valgrind` Debian package); Python's bytecode cache is on, in a private
temporary folder, and the parser-table cache warm, as in benchmarks/startup.py
(two untimed runs first). Prints JSON, in millions of instructions.

These measure; nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORTS = "import lark, attrs, dateutil.relativedelta, holidays, numpy"


def _count(command: list[str], env: dict[str, str]) -> int:
    for _ in range(2):  # warm the bytecode and parser-table caches
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    found = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    collected = re.search(r"Collected : (\d+)", found.stderr)
    if collected is None:
        raise SystemExit("callgrind reported no count")
    return int(collected.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", default=str(ROOT / "src"), help="the library's source folder")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="timescale-instructions-") as folder:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env |= {"PYTHONPYCACHEPREFIX": folder, "PYTHONPATH": args.src}
        check = [sys.executable, "-m", "timescale_dsl.cli", "check", str(ROOT / "rulesets")]
        result = {
            "src": args.src,
            "million_instructions": {
                "python_start": round(_count([sys.executable, "-c", "pass"], env) / 1e6),
                "import_dependencies": round(_count([sys.executable, "-c", IMPORTS], env) / 1e6),
                "timescale_check": round(_count(check, env) / 1e6),
            },
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
