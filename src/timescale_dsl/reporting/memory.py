"""How the report's process takes memory: pages it can reuse, without huge-page requests.

A report makes arrays of a million rows, reads them a few times and drops
them. Two defaults of the libraries underneath make each such array dear
where fresh memory is dear (virtual machines whose memory is handed back to
their host, kernels that give huge pages only on request):

* numpy asks the kernel for transparent huge pages (``madvise``) for every
  array of 4 MiB or more. Where the kernel has none to give, the first touch
  of each 2 MiB makes it try to compact memory first.
* pyarrow's default allocator (mimalloc) hands freed memory back to the
  system and faults it in again for the next table.

Measured on the 1M-row report (docs/performance.md): system time 2.1 to 2.8 s
with both defaults, 0.5 to 0.9 s without them, the same user time.

Only the command line changes them, for its own process (and a distributed
script for itself and the workers it forks, as the recipe in docs/report.md
does): a library does not change numpy's or Arrow's settings under the
application embedding it. A value of either library's own environment
variable is the user's choice and stands.
"""

from __future__ import annotations

import importlib
import os

NUMPY_HUGE_PAGES = "NUMPY_MADVISE_HUGEPAGE"
ARROW_POOL = "ARROW_DEFAULT_MEMORY_POOL"


def configure_memory() -> list[str]:
    """numpy without huge-page requests, Arrow on the system allocator, unless the
    environment says otherwise; the names of the settings this call changed."""
    changed: list[str] = []
    if NUMPY_HUGE_PAGES not in os.environ:
        multiarray = importlib.import_module("numpy._core.multiarray")
        setter = getattr(multiarray, "_set_madvise_hugepage", None)
        if setter is not None:  # a numpy without the setting asks for no huge pages
            setter(False)
            changed.append(NUMPY_HUGE_PAGES)
    if ARROW_POOL not in os.environ:
        import pyarrow as pa

        pa.set_memory_pool(pa.system_memory_pool())
        changed.append(ARROW_POOL)
    return changed
