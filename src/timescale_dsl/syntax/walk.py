"""Walks over the AST: every node below a node, every condition node, a rule's id."""

from __future__ import annotations

from collections.abc import Iterator

from . import ast
from .names import slug


def walk(node: object) -> Iterator[object]:
    """Every node below (and including) ``node``, depth first."""
    # A stack, not nested generators: each node is handed on once, however deep.
    stack = [node]
    push = stack.append
    while stack:
        node = stack.pop()
        yield node
        kind = type(node)
        names = _CHILD_FIELDS.get(kind)
        if names is None:
            names = _child_fields(kind)
        if names is _ITEMS:
            stack.extend(reversed(node))  # type: ignore[call-overload]
            continue
        for name in names:
            value = getattr(node, name)
            branches = _BRANCHES.get(type(value))
            if branches is None:
                branches = _branches(type(value))
            if branches:
                push(value)


#: For each type met: the fields that may hold nodes, last first (all but the span).
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}
#: Whether a value of each type met is walked into: a tuple or an AST node.
_BRANCHES: dict[type, bool] = {}
_ITEMS = ("<the items of a tuple>",)


def _child_fields(kind: type) -> tuple[str, ...]:
    if issubclass(kind, tuple):
        found = _ITEMS
    else:
        fields = getattr(kind, "__attrs_attrs__", None) or ()
        found = tuple(f.name for f in reversed(fields) if f.name != "span")
    _CHILD_FIELDS[kind] = found
    return found


def _branches(kind: type) -> bool:
    found = _BRANCHES[kind] = issubclass(kind, tuple) or hasattr(kind, "__attrs_attrs__")
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
