"""A framework's life cycle: import a council's table, diff two versions, export it back.

The readers for spreadsheets are imported only when a command needs them, so
importing this package stays as light as the core.
"""
