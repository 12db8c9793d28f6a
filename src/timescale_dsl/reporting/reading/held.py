"""Which byte strings a table's columns may hold, found in their buffers.

Most columns of an export hold no line break and no Excel text formula
(``="0123"``); a look at a column's bytes where they are, without a copy, is
many times faster than any search of its cells, so the cells are searched
only in the columns whose bytes hold the string. The answer may be too
wide (bytes in a chunk's buffer past its last cell), never too narrow.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pyarrow as pa

LINE_BREAK = b"\n"
EXCEL_TEXT = b'="'
#: What the reading of a CSV looks for: cells over several lines, and Excel's text.
LOOKED_FOR = (LINE_BREAK, EXCEL_TEXT)

#: For each column, by name, the strings its bytes may hold.
Held = Mapping[str, frozenset[bytes]]


def held(column: pa.ChunkedArray, texts: Sequence[bytes] = LOOKED_FOR) -> frozenset[bytes]:
    """Those of ``texts`` the column's bytes hold, in one pass over its chunks."""
    searches = {text: re.compile(re.escape(text)).search for text in texts}
    found: set[bytes] = set()
    for chunk in column.chunks:
        data = chunk.buffers()[-1]
        if data is None or not data.size:
            continue
        view = memoryview(data)
        for text, search in searches.items():
            if text not in found and search(view) is not None:
                found.add(text)
        if len(found) == len(searches):
            break
    return frozenset(found)


def held_by_name(
    table: pa.Table, texts: Sequence[bytes] = LOOKED_FOR
) -> dict[str, frozenset[bytes]]:
    """:func:`held` for every column of the table, by name."""
    return {
        name: held(column, texts)
        for name, column in zip(table.column_names, table.columns, strict=True)
    }


def joined(parts: Sequence[Held]) -> dict[str, frozenset[bytes]]:
    """What the columns of tables read one after another hold, together."""
    together: dict[str, frozenset[bytes]] = {}
    for part in parts:
        for name, found in part.items():
            together[name] = together.get(name, frozenset()) | found
    return together
