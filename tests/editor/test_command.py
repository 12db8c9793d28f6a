"""``timescale lsp`` as a command: registered, light to import, clear when pygls is missing."""

from __future__ import annotations

import subprocess
import sys

from timescale_dsl.cli import build_parser


def test_lsp_is_a_command_of_timescale() -> None:
    args = build_parser().parse_args(["lsp", "--stdio"])
    assert args.command == "lsp"
    assert args.stdio is True


def test_the_command_line_does_not_import_pygls_until_the_server_runs() -> None:
    code = (
        "import sys\n"
        "from timescale_dsl.cli import build_parser\n"
        "build_parser().parse_args(['check', 'x'])\n"
        "print(sorted(m for m in ('pygls', 'lsprotocol') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_without_pygls_the_command_says_how_to_install_it() -> None:
    code = (
        "import sys\n"
        "class NoPygls:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('pygls', 'lsprotocol'):\n"
        "            raise ImportError(f'No module named {name!r}')\n"
        "sys.meta_path.insert(0, NoPygls())\n"
        "from timescale_dsl.cli import main\n"
        "sys.exit(main(['lsp']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "pip install 'timescale-dsl[lsp]'" in result.stderr
    assert "Traceback" not in result.stderr
