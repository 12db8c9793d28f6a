"""numpy's request for huge pages, turned off for the report's process.

numpy asks the kernel for transparent huge pages (``madvise``) for every
array of 4 MiB or more. Where the kernel grants them only on request and
has none to give (``defrag`` set to ``madvise``, memory fragmented: common
on virtual machines), the first touch of each 2 MiB of such an array makes
the kernel try to compact memory first. On the 1M-row report that cost
1.3 to 2.2 s of system time against 0.4 to 0.6 s without the request
(docs/performance.md). The report's arrays are made, read a few times and
dropped, so huge pages would save it little where they are granted.

Only the command line turns the request off, for its own process: a library
does not change numpy's settings under the application embedding it (an
application can set ``NUMPY_MADVISE_HUGEPAGE=0`` itself). A value of
``NUMPY_MADVISE_HUGEPAGE`` in the environment is the user's choice and
stands.
"""

from __future__ import annotations

import importlib
import os

ENVIRONMENT = "NUMPY_MADVISE_HUGEPAGE"


def stop_asking_for_huge_pages() -> bool:
    """Turn numpy's huge-page request off unless the environment says otherwise;
    True if it is now off because of this call."""
    if ENVIRONMENT in os.environ:
        return False
    multiarray = importlib.import_module("numpy._core.multiarray")
    setter = getattr(multiarray, "_set_madvise_hugepage", None)
    if setter is None:  # a numpy without the setting asks for no huge pages
        return False
    setter(False)
    return True
