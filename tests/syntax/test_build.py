"""Building the AST as the parser reduces gives what Lark's tree and a transformer would.

syntax/build.py shapes each rule's children as Lark's tree builder does
(anonymous keywords dropped, ``_rule`` children spliced in, a ``?rule``'s
only child passed up, a rule with no method kept as a tree) and gives each
method the position its tree node would have had. Here a small grammar with
each of those shapes is parsed both ways, and every call must agree.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from lark import Lark, Token, Transformer, Tree, v_args

from timescale_dsl.syntax import build

GRAMMAR = r"""
start: _NL? item*
?item: pair | group | bare | _wrapped
pair: "let" NAME "=" value _NL
group: "(" item+ ")" _NL?
bare: NAME+ _NL
_wrapped: "<" value ">" _NL
?value: NAME | number | sum
number: NUMBER
sum: value "+" value
NAME: /[a-z]+/
NUMBER: /\d+/
_NL: /\n+/
%ignore " "
"""


def _parser() -> Lark:
    return Lark(GRAMMAR, parser="lalr", propagate_positions=True, maybe_placeholders=False)


def _where(meta: Any) -> tuple[Any, ...] | None:
    if getattr(meta, "empty", True):
        return None
    return (meta.line, meta.column, meta.end_line, meta.end_column)


def _plain(value: Any) -> Any:
    if isinstance(value, Tree):
        return ("tree", value.data, _where(value.meta), [_plain(c) for c in value.children])
    if isinstance(value, Token):
        return (value.type, str(value), value.line, value.column)
    return value


class _Recorder:
    """Methods for some rules only; each records its name, position and children."""

    def _record(self, name: str, meta: Any, children: list[Any]) -> tuple[Any, ...]:
        return (name, _where(meta), [_plain(c) for c in children])

    def pair(self, meta: Any, children: list[Any]) -> tuple[Any, ...]:
        return self._record("pair", meta, children)

    def group(self, meta: Any, children: list[Any]) -> tuple[Any, ...]:
        return self._record("group", meta, children)

    def number(self, meta: Any, children: list[Any]) -> tuple[Any, ...]:
        return self._record("number", meta, children)

    def start(self, meta: Any, children: list[Any]) -> tuple[Any, ...]:
        return self._record("start", meta, children)


@v_args(meta=True)
class _AsTransformer(Transformer[Token, Any]):
    def __init__(self) -> None:
        super().__init__()
        self._recorder = _Recorder()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._recorder, name)

    def pair(self, meta: Any, children: list[Any]) -> Any:
        return self._recorder.pair(meta, children)

    def group(self, meta: Any, children: list[Any]) -> Any:
        return self._recorder.group(meta, children)

    def number(self, meta: Any, children: list[Any]) -> Any:
        return self._recorder.number(meta, children)

    def start(self, meta: Any, children: list[Any]) -> Any:
        return self._recorder.start(meta, children)


def _built(parser: Lark, text: str) -> Any:
    interactive = parser.parse_interactive(text)
    conf = copy.copy(interactive.parser_state.parse_conf)
    conf.callbacks = build.callbacks(parser.rules, _Recorder())
    interactive.parser_state.parse_conf = conf
    return _plain(build.value_of(interactive.resume_parse()))


def _transformed(parser: Lark, text: str) -> Any:
    return _plain(_AsTransformer().transform(parser.parse(text)))


_LINES = st.lists(
    st.sampled_from(
        [
            "let a = b\n",
            "let a = 1 + b + 22\n",
            "x y z\n",
            "<q>\n",
            "< 4 + r >\n",
            "( let k = 3\n x\n )\n",
            "(<m>\n(n\n))\n",
            "\n",
        ]
    ),
    max_size=8,
)


@given(_LINES)
def test_built_as_reduced_is_what_the_tree_and_a_transformer_give(lines: list[str]) -> None:
    parser = _parser()
    text = "".join(lines)
    assert _built(parser, text) == _transformed(parser, text)


def test_shapes_and_positions_of_each_kind_of_rule() -> None:
    parser = _parser()
    text = "let a = 1 + b\n<c>\nd e\n(let f = 2\n)\n"
    built = _built(parser, text)
    assert built == _transformed(parser, text)
    name, where, children = built
    assert (name, where) == ("start", (1, 1, 6, 1))
    # "1 + b": a rule with no method stays a tree, spanning its children.
    pair = children[0]
    assert pair[1] == (1, 1, 2, 1)
    assert pair[2][1][:3] == ("tree", "sum", (1, 9, 1, 14))
    # "<c>": a _rule's children are spliced into its parent.
    assert children[1] == ("NAME", "c", 2, 2)
    # "d e": a bare list of names, a tree of tokens.
    assert children[2][:3] == ("tree", "bare", (3, 1, 4, 1))
    assert children[3][:2] == ("group", (4, 1, 6, 1))


def test_a_passed_up_child_keeps_its_position_and_widens_its_parents() -> None:
    # "< 4 + r >": the sum is passed up through ?item; the file starts at "<".
    parser = _parser()
    text = "< 4 + r >\n"
    built = _built(parser, text)
    assert built == _transformed(parser, text)
    assert built[1] == (1, 1, 2, 1)
    assert built[2][0][:3] == ("tree", "sum", (1, 3, 1, 8))


class _Values:
    def pair(self, meta: Any, children: list[Any]) -> Any:
        return children[1]


def test_a_deeply_nested_input_needs_no_recursion() -> None:
    parser = _parser()
    deep = "let a = " + " + ".join(["b"] * 5000) + "\n"
    interactive = parser.parse_interactive(deep)
    conf = copy.copy(interactive.parser_state.parse_conf)
    conf.callbacks = build.callbacks(parser.rules, _Values())
    interactive.parser_state.parse_conf = conf
    node = build.value_of(interactive.resume_parse()).children[0]
    depth = 0
    while isinstance(node, Tree):
        assert node.data == "sum"
        depth, node = depth + 1, node.children[-1]
    assert depth == 4999
