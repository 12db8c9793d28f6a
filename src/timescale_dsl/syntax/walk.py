"""Walks over the AST: every node below a node, every condition node, a rule's id."""

from __future__ import annotations

from collections.abc import Iterator

from . import ast
from .names import slug


def walk(node: object) -> Iterator[object]:
    """Every node below (and including) ``node``, depth first."""
    # A stack, not nested generators: each node is handed on once, however deep.
    stack = [node]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, tuple):
            stack.extend(reversed(node))
            continue
        names = _child_fields(type(node))
        if not names:
            continue
        below = [getattr(node, name) for name in reversed(names)]
        stack.extend(
            v for v in below if isinstance(v, tuple) or hasattr(type(v), "__attrs_attrs__")
        )


_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(kind: type) -> tuple[str, ...]:
    """The fields of an AST node type that may hold nodes (all but its span)."""
    found = _CHILD_FIELDS.get(kind)
    if found is None:
        fields = getattr(kind, "__attrs_attrs__", None) or ()
        found = _CHILD_FIELDS[kind] = tuple(f.name for f in fields if f.name != "span")
    return found


def walk_condition(condition: ast.Condition) -> Iterator[ast.Condition]:
    """Every condition node below (and including) ``condition``, depth first."""
    for node in walk(condition):
        if isinstance(node, ast.FactTrue | ast.FactEquals | ast.Not | ast.AllOf | ast.AnyOf):
            yield node


def rule_id_of(rule: ast.RuleDecl) -> str:
    """The explicit id, or one derived from the process (or section) and task."""
    if rule.rule_id:
        return rule.rule_id
    group = rule.process or rule.section
    parts = [slug(group)] if group else []
    return "-".join([*parts, slug(rule.statement.task)]) or "rule"


__all__ = ["rule_id_of", "walk", "walk_condition"]
