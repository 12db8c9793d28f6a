"""The start event of timescales written without one, filled in from their process."""

from __future__ import annotations

from typing import TypeVar

import attrs

from . import ast
from .names import event_key
from .walk import walk

Node = TypeVar("Node")


def with_start_event(node: Node, event: str) -> Node:
    """``node`` with every implicit start event replaced by ``event`` (still marked implicit)."""
    if isinstance(node, ast.FactRef):
        if not node.implicit:
            return node
        replaced: Node = attrs.evolve(node, key=event_key(event), text=event)
        return replaced
    if isinstance(node, tuple):
        return tuple(with_start_event(item, event) for item in node)  # type: ignore[return-value]
    if attrs.has(type(node)):
        changes = {
            field.name: with_start_event(getattr(node, field.name), event)
            for field in attrs.fields(type(node))  # type: ignore[arg-type]
            if field.name != "span"
        }
        return attrs.evolve(node, **changes)  # type: ignore[misc]
    return node


def implicit_events(node: object) -> list[ast.FactRef]:
    """The implicit start events a statement counts from, in reading order."""
    return [n for n in walk(node) if isinstance(n, ast.FactRef) and n.implicit]
