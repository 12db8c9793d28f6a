"""The old home of binding.py's names, kept so imports written before the rename still work."""

from .binding import bind_ruleset as compile_ruleset
from .binding import compile_statement, load_ruleset, parse_rule, parse_ruleset, read_ruleset_text
from .check import check_ruleset_text

__all__ = [
    "check_ruleset_text",
    "compile_ruleset",
    "compile_statement",
    "load_ruleset",
    "parse_rule",
    "parse_ruleset",
    "read_ruleset_text",
]
