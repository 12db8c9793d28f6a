"""The package's modules import each other without a cycle (imports run at import time).

The graph is built from the source with ``ast``: module-level imports only
(those inside functions run later, on demand), ``if TYPE_CHECKING:`` blocks
left out. Importing ``a.b.c`` also runs the packages ``a`` and ``a.b``, so
those are edges too, except a module's own enclosing packages (they are
already running when it is imported).
"""

from __future__ import annotations

import ast
import graphlib
from collections.abc import Iterator
from pathlib import Path

import pytest

import timescale_dsl

ROOT = Path(timescale_dsl.__file__).parent
PACKAGE = "timescale_dsl"


def _module_names() -> dict[str, Path]:
    names = {}
    for path in ROOT.rglob("*.py"):
        parts = [PACKAGE, *path.relative_to(ROOT).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _run_at_import(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements a module runs when it is imported."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                yield from _run_at_import(node.body)
            yield from _run_at_import(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody):
                yield from _run_at_import(block)
            for handler in node.handlers:
                yield from _run_at_import(handler.body)
        elif isinstance(node, ast.With | ast.ClassDef):
            yield from _run_at_import(node.body)


def _imported(module: str, is_package: bool, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The full names a statement may import (a name may be a submodule)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    if node.level == 0:
        base = node.module or ""
    else:
        here = module.split(".") if is_package else module.split(".")[:-1]
        anchor = here[: len(here) - (node.level - 1)]
        base = ".".join([*anchor, *([node.module] if node.module else [])])
    return {base} | {f"{base}.{alias.name}" for alias in node.names}


def import_graph() -> dict[str, set[str]]:
    """Each module of the package -> the package's modules importing it runs first."""
    modules = _module_names()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        own = {".".join(module.split(".")[:n]) for n in range(1, module.count(".") + 1)}
        targets: set[str] = set()
        for node in _run_at_import(tree.body):
            for name in _imported(module, is_package, node):
                parts = name.split(".")
                for n in range(1, len(parts) + 1):
                    prefix = ".".join(parts[:n])
                    if prefix in modules and prefix not in own and prefix != module:
                        targets.add(prefix)
        graph[module] = targets
    return graph


def test_the_graph_sees_the_package_s_imports() -> None:
    graph = import_graph()
    # Relative, absolute and "from . import x" forms all resolve to modules.
    assert "timescale_dsl.syntax.ast" in graph["timescale_dsl.validate"]
    assert "timescale_dsl.syntax.names" in graph["timescale_dsl.syntax.walk"]
    assert "timescale_dsl.diagnostic_formats" in graph["timescale_dsl.cli"]
    # Imports inside functions or under TYPE_CHECKING are not edges.
    assert "timescale_dsl.reporting.cli" not in graph["timescale_dsl.cli"]
    assert "timescale_dsl.ruleset" not in graph["timescale_dsl.cli"]


def test_a_planted_cycle_is_found() -> None:
    graph = import_graph()
    graph["timescale_dsl.syntax.names"] = {"timescale_dsl.validate"}
    with pytest.raises(graphlib.CycleError):
        tuple(graphlib.TopologicalSorter(graph).static_order())


def test_the_package_has_no_import_cycle() -> None:
    try:
        tuple(graphlib.TopologicalSorter(import_graph()).static_order())
    except graphlib.CycleError as error:
        pytest.fail("import cycle: " + " -> ".join(error.args[1]))


def test_the_command_modules_do_not_import_the_main_command() -> None:
    """The front ends share commands.py; none reaches back into cli.py, even on demand."""
    for module in ("reporting/cli.py", "framework/cli.py", "lsp/command.py"):
        tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
        imported = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 2
        }
        assert "cli" not in imported, module
