"""How the report's process takes memory: Arrow on an allocator whose pages it reuses.

A report makes arrays of a million rows, reads them a few times and drops
them. pyarrow's default allocator (mimalloc) hands freed memory back to the
system and faults it in again for the next table, where fresh memory is dear
(virtual machines whose memory is handed back to their host). Arrow on the
system allocator took a third off the 1M-row report's time there
(docs/performance.md: system time 2.1 to 2.8 s with mimalloc, 0.5 to 0.9 s
without).

numpy's own default stands: it asks for transparent huge pages for arrays of
4 MiB or more. Turning that off, as the command once did, saved nothing where
it was measured alone, and on a later machine cost 0.1 s a report (a quarter
more page faults).

Only the command line changes Arrow's allocator, for its own process (and a
distributed script for itself and the workers it forks, as the recipe in
docs/report.md does): a library does not change Arrow's settings under the
application embedding it. A value of Arrow's own environment variable is the
user's choice and stands.
"""

from __future__ import annotations

import os

ARROW_POOL = "ARROW_DEFAULT_MEMORY_POOL"


def configure_memory() -> list[str]:
    """Arrow on the system allocator, unless the environment says otherwise; the names
    of the settings this call changed."""
    changed: list[str] = []
    if ARROW_POOL not in os.environ:
        import pyarrow as pa

        pa.set_memory_pool(pa.system_memory_pool())
        changed.append(ARROW_POOL)
    return changed
