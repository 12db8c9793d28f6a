"""Text to AST and back: the grammar front end, the node types and the formatter."""
