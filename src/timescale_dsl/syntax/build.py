"""The AST built while the parser reduces: Lark's tree shaping, with no tree.

Lark's LALR parser calls one function per grammar rule as it reduces it.
Left to itself it builds a parse tree there (dropping anonymous keywords,
splicing in the children of ``_rules``, passing the one child of a
``?rule`` through, and giving each node the span of its children), and the
tree is then walked again to build the AST. Here those functions shape the
children the same way and call the AST builder's method for the rule at
once, with the same position a tree node would have had; no tree is made.
Reductions follow the input, so a deeply nested text needs no recursion.

A rule with no method gives a :class:`lark.Tree` of its values, as Lark's
transformers do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from lark import Tree
from lark.grammar import Rule, Terminal
from lark.tree import Meta

#: ``(line, column, end_line, end_column)``
Extent = tuple[int, int, int, int]


class Built:
    """A reduced rule's value and where it was written (what Lark keeps in a node's meta).

    ``outer`` is set when a ``?rule`` passed this value up as its only child:
    the wider extent, which the rule above counts from (Lark's container
    positions); the value's own position stays its own.
    """

    __slots__ = ("column", "empty", "end_column", "end_line", "line", "outer", "value")

    def __init__(self) -> None:
        self.value: Any = None
        self.empty = False
        self.line = 0
        self.column = 0
        self.end_line = 0
        self.end_column = 0
        self.outer: Extent | None = None


#: A method of the AST builder: (where, children) -> value.
Method = Callable[[Built, list[Any]], Any]
Callback = Callable[[list[Any]], Any]


def value_of(result: Any) -> Any:
    """The value a parse gave: what the start rule's method returned."""
    return result.value if isinstance(result, Built) else result


def _locate(node: Built, children: list[Any]) -> None:
    """Give ``node`` the extent of its children, from the first to the last that has one."""
    for child in children:
        if child.__class__ is Built:
            if child.empty:
                continue
            outer = child.outer
            if outer is None:
                node.line, node.column = child.line, child.column
            else:
                node.line, node.column = outer[0], outer[1]
        else:  # a token
            node.line, node.column = child.line, child.column
        break
    else:
        node.empty = True
        return
    for child in reversed(children):
        if child.__class__ is Built:
            if child.empty:
                continue
            outer = child.outer
            if outer is None:
                node.end_line, node.end_column = child.end_line, child.end_column
            else:
                node.end_line, node.end_column = outer[2], outer[3]
        else:
            node.end_line, node.end_column = child.end_line, child.end_column
        break


def _as_meta(node: Built) -> Meta:
    meta = Meta()  # type: ignore[no-untyped-call]
    if not node.empty:
        meta.empty = False
        meta.line, meta.column = node.line, node.column
        meta.end_line, meta.end_column = node.end_line, node.end_column
    return meta


def _callback(
    name: str,
    method: Method | None,
    kept: Sequence[tuple[int, bool]] | None,
    single_passes: bool,
    spliced: bool,
) -> Callback:
    """The function run when one rule is reduced.

    ``kept``: the children kept, by index, and whether each is a ``_rule``
    whose own children are spliced in (None: all kept as they are);
    ``single_passes``: a ``?rule``, whose only child is passed up;
    ``spliced``: a ``_rule``, whose kept children its parent takes over.
    """

    passes_its_child = single_passes and kept is None

    def reduce(children: list[Any]) -> Any:
        if passes_its_child and len(children) == 1:
            # Its extent is its child's: passing the child up changes nothing about it.
            return children[0]
        node = Built()
        _locate(node, children)
        if kept is None:
            values = children
        else:
            values = []
            for index, splice in kept:
                if not splice:
                    values.append(children[index])
                elif values:
                    values += children[index].value
                else:  # a list no one else holds (LALR shares no subtree): grown in place
                    values = children[index].value
        if single_passes and len(values) == 1:
            only = values[0]
            if only.__class__ is Built and not node.empty:
                only.outer = (node.line, node.column, node.end_line, node.end_column)
            return only
        if spliced:
            node.value = values
            return node
        plain = [v.value if v.__class__ is Built else v for v in values]
        if method is None:
            node.value = Tree(name, plain, _as_meta(node))
        else:
            node.value = method(node, plain)
        return node

    return reduce


def callbacks(rules: Sequence[Rule], builder: object) -> dict[Rule, Callback]:
    """For each rule, the function that reduces it with ``builder``'s method of its name."""
    found: dict[Rule, Callback] = {}
    for rule in rules:
        options = rule.options
        name = rule.alias or options.template_source or rule.origin.name
        kept = [
            (index, not symbol.is_term and symbol.name.startswith("_"))
            for index, symbol in enumerate(rule.expansion)
            if options.keep_all_tokens or not (isinstance(symbol, Terminal) and symbol.filter_out)
        ]
        reshaped = len(kept) < len(rule.expansion) or any(splice for _, splice in kept)
        spliced = rule.origin.name.startswith("_")
        method = None if spliced else getattr(builder, name, None)
        found[rule] = _callback(
            name,
            method,
            kept if reshaped else None,
            bool(options.expand1) and not rule.alias,
            spliced,
        )
    return found
