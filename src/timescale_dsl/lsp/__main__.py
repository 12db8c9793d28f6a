"""``python -m timescale_dsl.lsp``: serve one editor over stdin and stdout."""

from .server import serve

serve()
