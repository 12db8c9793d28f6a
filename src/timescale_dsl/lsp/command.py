"""``timescale lsp``: the command, registered by cli.py; pygls is imported only when it runs."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    lsp = commands.add_parser(
        "lsp", help="serve an editor over the Language Server Protocol (stdin and stdout)"
    )
    # Editors' clients (VS Code's among them) pass --stdio; stdio is the only transport.
    lsp.add_argument("--stdio", action="store_true", help="talk over stdin and stdout (default)")
    lsp.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..commands import UsageError

    try:
        from .server import serve
    except ImportError as error:
        raise UsageError(
            f"timescale lsp needs pygls ({error}): pip install 'timescale-dsl[lsp]'"
        ) from None
    serve()
    return 0
