"""A framework's life cycle: import a council's table, diff two versions, export it back.

Readers for spreadsheets are imported only when a table needs them, so
importing this package stays as light as the core.
"""

from .diff import RulesetDiff, diff_rulesets, render_diff
from .export import export
from .importer import Draft, ImportSummary, import_table, import_tables
from .spreadsheet import spreadsheet_safe
from .tables import TableError, read_tables

__all__ = [
    "Draft",
    "ImportSummary",
    "RulesetDiff",
    "TableError",
    "diff_rulesets",
    "export",
    "import_table",
    "import_tables",
    "read_tables",
    "render_diff",
    "spreadsheet_safe",
]
