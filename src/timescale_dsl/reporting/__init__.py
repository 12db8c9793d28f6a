"""Timeliness reporting: deadlines for whole columns of case records, and reports on them.

The batch API (:func:`evaluate_rule`) needs only numpy; reading event logs
and writing reports use pandas and pyarrow (the ``report`` extra).
"""

from .batch import BatchDeadlines, Bounds, evaluate_rule
from .columns import BatchFacts, Flags, Labels
from .moments import Moments
from .problems import Problems

__all__ = [
    "BatchDeadlines",
    "BatchFacts",
    "Bounds",
    "Flags",
    "Labels",
    "Moments",
    "Problems",
    "evaluate_rule",
]
