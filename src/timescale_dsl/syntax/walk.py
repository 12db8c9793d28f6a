"""Walks over the AST: every node below a node, every condition node, a rule's id."""

from __future__ import annotations

from collections.abc import Iterator

from . import ast
from .names import slug


def walk(node: object) -> Iterator[object]:
    """Every node below (and including) ``node``, depth first."""
    yield node
    if isinstance(node, tuple):
        for item in node:
            yield from walk(item)
        return
    fields = getattr(type(node), "__attrs_attrs__", None)
    if fields is None:
        return
    for field in fields:
        if field.name == "span":
            continue
        value = getattr(node, field.name)
        if isinstance(value, tuple) or hasattr(type(value), "__attrs_attrs__"):
            yield from walk(value)


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
