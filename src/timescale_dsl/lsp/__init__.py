"""``timescale lsp``: a Language Server Protocol server for rule files.

The server (:mod:`.server`) is thin wiring over small modules, each one
feature: :mod:`.analysis` (what a document holds), :mod:`.checks`
(diagnostics), :mod:`.hover` and :mod:`.examples`, :mod:`.completion`,
:mod:`.navigation` (definition, references, rename, outline), :mod:`.fixes`
(quick fixes) and :mod:`.formatting`. Only :mod:`.server` imports pygls, so the
rest can be used and tested without it; pygls and lsprotocol come with the
``lsp`` extra.
"""
