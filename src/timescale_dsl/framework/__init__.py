"""A framework's life cycle: import a council's table, diff two versions, export it back.

Every name loads on first use, so that the main command (which registers
import, diff and export) starts without the evaluation machinery; readers
for spreadsheets are imported only when a table needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_getattr

if TYPE_CHECKING:
    from .diff import RulesetDiff, diff_rulesets, render_diff
    from .importer import Draft, ImportSummary, import_table, import_tables
    from .spreadsheet import spreadsheet_safe
    from .staff_table import export
    from .tables import TableError, read_tables

_LAZY = {
    "RulesetDiff": "diff",
    "diff_rulesets": "diff",
    "render_diff": "diff",
    "export": "staff_table",
    "Draft": "importer",
    "ImportSummary": "importer",
    "import_table": "importer",
    "import_tables": "importer",
    "spreadsheet_safe": "spreadsheet",
    "TableError": "tables",
    "read_tables": "tables",
}


__getattr__ = lazy_getattr(__name__, _LAZY)


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
